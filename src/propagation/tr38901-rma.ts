import { checkTr38901, rmaBreakpointM, scaffold, TR38901_EXTRAPOLATION } from "./tr38901-common.js";
import type { PathLossModel, Tr38901Link } from "./types.js";
import { inRange, requireNumber } from "./validity.js";

/** RMa defaults of Table 7.4.1-1: average building height h = 5 m, street width W = 20 m. */
export const RMA_DEFAULTS = { buildingHeightM: 5, streetWidthM: 20 } as const;

/**
 * 3GPP TR 38.901 Table 7.4.1-1, RMa. LOS:
 * PL1(d) = 20·log(40π·d·f_c/3) + min(0.03·h^1.72, 10)·log d − min(0.044·h^1.72, 14.77) + 0.002·log(h)·d,
 * PL2 = PL1(d_BP) + 40·log(d_3D/d_BP); σ_SF 4 dB (PL1), 6 dB (PL2); LOS to 10 km.
 * NLOS: max(PL_LOS, PL'), PL' = 161.04 − 7.1·log W + 7.5·log h − (24.37 − 3.7·(h/h_BS)²)·log h_BS
 *   + (43.42 − 3.1·log h_BS)·(log d_3D − 3) + 20·log f_c − (3.2·(log 11.75·h_UT)² − 4.97); σ_SF 8 dB; to 5 km.
 */
export function rmaLosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number, buildingHeightM = 5): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  const fc = freqMHz / 1000;
  const h = buildingHeightM;
  const pl1 = (d: number) =>
    20 * Math.log10((40 * Math.PI * d * fc) / 3) + Math.min(0.03 * h ** 1.72, 10) * Math.log10(d) - Math.min(0.044 * h ** 1.72, 14.77) + 0.002 * Math.log10(h) * d;
  const bp = rmaBreakpointM(freqMHz, txHeightM, rxHeightM);
  return distance2dM <= bp ? pl1(d3) : pl1(bp) + 40 * Math.log10(d3 / bp);
}

export function rmaNlosDb(freqMHz: number, distance2dM: number, txHeightM: number, rxHeightM: number, buildingHeightM = 5, streetWidthM = 20): number {
  const dh = txHeightM - rxHeightM;
  const d3 = Math.sqrt(distance2dM * distance2dM + dh * dh);
  return Math.max(rmaLosDb(freqMHz, distance2dM, txHeightM, rxHeightM, buildingHeightM), rmaNlosPrimeDb(freqMHz, d3, txHeightM, rxHeightM, buildingHeightM, streetWidthM));
}

function rmaNlosPrimeDb(freqMHz: number, d3: number, hBs: number, hUt: number, h: number, w: number): number {
  return rmaNlosConstantDb(freqMHz, hBs, hUt, h, w) + (43.42 - 3.1 * Math.log10(hBs)) * Math.log10(d3);
}

/** Everything in PL' but the (43.42 − 3.1·log h_BS)·log d_3D term. */
function rmaNlosConstantDb(freqMHz: number, hBs: number, hUt: number, h: number, w: number): number {
  return (
    161.04 -
    7.1 * Math.log10(w) +
    7.5 * Math.log10(h) -
    (24.37 - 3.7 * (h / hBs) ** 2) * Math.log10(hBs) -
    (43.42 - 3.1 * Math.log10(hBs)) * 3 +
    20 * Math.log10(freqMHz / 1000) -
    (3.2 * Math.log10(11.75 * hUt) ** 2 - 4.97)
  );
}

export const rma: PathLossModel<Tr38901Link> = {
  id: "3gpp-rma",
  title: "3GPP RMa",
  source: "3GPP TR 38.901 V17.0.0 Table 7.4.1-1 (RMa), Table 7.4.2-1",
  // LOS reaches 10 km, NLOS 5 km (checked in prepare).
  validity: { freqMHz: [500, 30_000], distanceM: [10, 10_000], txHeightM: [10, 150], rxHeightM: [1, 10], buildingHeightM: [5, 50], streetWidthM: [5, 50] },
  extrapolation: TR38901_EXTRAPOLATION,
  prepare(link) {
    const range = link.los ? this.validity.distanceM : ([10, 5000] as const);
    const c = checkTr38901("3gpp-rma", this.validity, link, range);
    const h = requireNumber("3gpp-rma", "buildingHeightM", link.buildingHeightM ?? RMA_DEFAULTS.buildingHeightM, true);
    const w = requireNumber("3gpp-rma", "streetWidthM", link.streetWidthM ?? RMA_DEFAULTS.streetWidthM, true);
    inRange("3gpp-rma", "buildingHeightM", h, this.validity.buildingHeightM, c.extrapolate);
    inRange("3gpp-rma", "streetWidthM", w, this.validity.streetWidthM, c.extrapolate);
    const { f, hBs, hUt } = c;
    const fc = f / 1000;
    const bp = rmaBreakpointM(f, hBs, hUt);
    const k1 = 20 * Math.log10((40 * Math.PI * fc) / 3) - Math.min(0.044 * h ** 1.72, 14.77);
    const slope1 = 20 + Math.min(0.03 * h ** 1.72, 10);
    const lin = 0.002 * Math.log10(h);
    const lgBp = Math.log10(bp);
    const atBp = k1 + slope1 * lgBp + lin * bp - 40 * lgBp;
    const los = (d2: number, d3: number, lg: number) => (d2 <= bp ? k1 + slope1 * lg + lin * d3 : atBp + 40 * lg);
    if (link.los) return scaffold(c, los);
    const k2 = rmaNlosConstantDb(f, hBs, hUt, h, w);
    const slope2 = 43.42 - 3.1 * Math.log10(hBs);
    return scaffold(c, (d2, d3, lg) => {
      const l = los(d2, d3, lg);
      const n = k2 + slope2 * lg;
      return n > l ? n : l;
    });
  },
  shadowFadingDb: (link, distanceM?: number) => {
    if (!link.los) return 8;
    if (distanceM === undefined) return 4;
    return distanceM <= rmaBreakpointM(link.freqMHz, link.txHeightM, link.rxHeightM) ? 4 : 6;
  },
};
