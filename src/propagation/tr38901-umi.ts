import { breakpointPrimeM, checkTr38901, scaffold, TR38901_EXTRAPOLATION } from "./tr38901-common.js";
import type { PathLossModel, Tr38901Link } from "./types.js";

/**
 * 3GPP TR 38.901 Table 7.4.1-1, UMi – Street Canyon. LOS: PL1 = 32.4 + 21·log d_3D + 20·log f_c
 * below d'_BP, PL2 = 32.4 + 40·log d_3D + 20·log f_c − 9.5·log(d'_BP² + (h_BS − h_UT)²) above; σ_SF 4 dB.
 * NLOS: max(PL_LOS, 35.3·log d_3D + 22.4 + 21.3·log f_c − 0.3·(h_UT − 1.5)); σ_SF 7.82 dB.
 * Optional NLOS: 32.4 + 20·log f_c + 31.9·log d_3D; σ_SF 8.2 dB.
 */
export function umiLosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  const bp = breakpointPrimeM(freqMHz, txHeightM, rxHeightM);
  const lf = 20 * Math.log10(freqMHz / 1000);
  return distance2dM <= bp ? 32.4 + 21 * Math.log10(d3) + lf : 32.4 + 40 * Math.log10(d3) + lf - 9.5 * Math.log10(bp * bp + dh * dh);
}

export function umiNlosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  const nlos = 35.3 * Math.log10(d3) + 22.4 + 21.3 * Math.log10(freqMHz / 1000) - 0.3 * (rxHeightM - 1.5);
  return Math.max(umiLosDb(freqMHz, distance2dM, txHeightM, rxHeightM), nlos);
}

export const umi: PathLossModel<Tr38901Link> = {
  id: "3gpp-umi",
  title: "3GPP UMi – Street Canyon",
  source: "3GPP TR 38.901 V17.0.0 Table 7.4.1-1 (UMi – Street Canyon), Table 7.4.2-1",
  validity: { freqMHz: [500, 100_000], distanceM: [10, 5000], txHeightM: [10, 10], rxHeightM: [1.5, 22.5] },
  extrapolation: TR38901_EXTRAPOLATION,
  prepare(link) {
    const c = checkTr38901("3gpp-umi", this.validity, link, this.validity.distanceM);
    const { f, hBs, hUt } = c;
    const lf = 20 * Math.log10(f / 1000);
    const bp = breakpointPrimeM(f, hBs, hUt);
    const dh = hBs - hUt;
    const los1 = 32.4 + lf;
    const los2 = 32.4 + lf - 9.5 * Math.log10(bp * bp + dh * dh);
    if (link.los) return scaffold(c, (d2, _d3, lg) => (d2 <= bp ? los1 + 21 * lg : los2 + 40 * lg));
    if (link.nlosOptional) {
      const opt = 32.4 + lf;
      return scaffold(c, (_d2, _d3, lg) => opt + 31.9 * lg);
    }
    const nl = 22.4 + 21.3 * Math.log10(f / 1000) - 0.3 * (hUt - 1.5);
    return scaffold(c, (d2, _d3, lg) => {
      const los = d2 <= bp ? los1 + 21 * lg : los2 + 40 * lg;
      const nlos = nl + 35.3 * lg;
      return nlos > los ? nlos : los;
    });
  },
  shadowFadingDb: (link) => (link.los ? 4 : link.nlosOptional ? 8.2 : 7.82),
};
