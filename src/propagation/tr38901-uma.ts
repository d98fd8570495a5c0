import { breakpointPrimeM, checkTr38901, scaffold, TR38901_EXTRAPOLATION } from "./tr38901-common.js";
import type { PathLossModel, Tr38901Link } from "./types.js";

/**
 * 3GPP TR 38.901 Table 7.4.1-1, UMa. LOS: PL1 = 28.0 + 22·log d_3D + 20·log f_c below d'_BP,
 * PL2 = 28.0 + 40·log d_3D + 20·log f_c − 9·log(d'_BP² + (h_BS − h_UT)²) above; σ_SF 4 dB.
 * NLOS: max(PL_LOS, 13.54 + 39.08·log d_3D + 20·log f_c − 0.6·(h_UT − 1.5)); σ_SF 6 dB.
 * Optional NLOS: 32.4 + 20·log f_c + 30·log d_3D; σ_SF 7.8 dB. f_c in GHz, distances in m.
 */
export function umaLosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  const bp = breakpointPrimeM(freqMHz, txHeightM, rxHeightM);
  const lf = 20 * Math.log10(freqMHz / 1000);
  return distance2dM <= bp ? 28 + 22 * Math.log10(d3) + lf : 28 + 40 * Math.log10(d3) + lf - 9 * Math.log10(bp * bp + dh * dh);
}

export function umaNlosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  const nlos = 13.54 + 39.08 * Math.log10(d3) + 20 * Math.log10(freqMHz / 1000) - 0.6 * (rxHeightM - 1.5);
  return Math.max(umaLosDb(freqMHz, distance2dM, txHeightM, rxHeightM), nlos);
}

export const uma: PathLossModel<Tr38901Link> = {
  id: "3gpp-uma",
  title: "3GPP UMa",
  source: "3GPP TR 38.901 V17.0.0 Table 7.4.1-1 (UMa), Table 7.4.2-1",
  validity: { freqMHz: [500, 100_000], distanceM: [10, 5000], txHeightM: [25, 25], rxHeightM: [1.5, 22.5] },
  extrapolation: TR38901_EXTRAPOLATION,
  prepare(link) {
    const c = checkTr38901("3gpp-uma", this.validity, link, this.validity.distanceM);
    const { f, hBs, hUt } = c;
    const lf = 20 * Math.log10(f / 1000);
    const bp = breakpointPrimeM(f, hBs, hUt);
    const dh = hBs - hUt;
    const los1 = 28 + lf;
    const los2 = 28 + lf - 9 * Math.log10(bp * bp + dh * dh);
    if (link.los) return scaffold(c, (d2, _d3, lg) => (d2 <= bp ? los1 + 22 * lg : los2 + 40 * lg));
    if (link.nlosOptional) {
      const opt = 32.4 + lf;
      return scaffold(c, (_d2, _d3, lg) => opt + 30 * lg);
    }
    const nl = 13.54 + lf - 0.6 * (hUt - 1.5);
    return scaffold(c, (d2, _d3, lg) => {
      const los = d2 <= bp ? los1 + 22 * lg : los2 + 40 * lg;
      const nlos = nl + 39.08 * lg;
      return nlos > los ? nlos : los;
    });
  },
  shadowFadingDb: (link) => (link.los ? 4 : link.nlosOptional ? 7.8 : 6),
};
