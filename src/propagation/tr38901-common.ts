import { FSPL_CONSTANT_DB } from "./fspl.js";
import type { ModelId, Tr38901Link, Validity } from "./types.js";
import { checkTerminals, distanceGuard, requireNumber } from "./validity.js";

/**
 * Shared parts of the 3GPP TR 38.901 (V17.0.0) §7.4.1 models: 3D distance, breakpoints,
 * LOS probability (Table 7.4.2-1) and the prepared-evaluator scaffold. f_c in GHz in the
 * path-loss formulas, in Hz in the breakpoint formulas; distances in m.
 */

/** TR 38.901 Table 7.4.1-1 note 1 takes c = 3.0 × 10⁸ m/s in the breakpoint formulas. */
const C_M_PER_S = 3.0e8;

/** d_3D = √(d_2D² + (h_BS − h_UT)²) (TR 38.901 Figure 7.4.1-1). */
export function distance3dM(distance2dM: number, txHeightM: number, rxHeightM: number): number {
  const dh = txHeightM - rxHeightM;
  return Math.sqrt(distance2dM * distance2dM + dh * dh);
}

/**
 * UMa/UMi breakpoint d'_BP = 4·h'_BS·h'_UT·f_c/c with h' = h − h_E (Table 7.4.1-1 note 1).
 * h_E = 1 m: always for UMi; for UMa whenever h_UT < 13 m, and taken as 1 m (its most likely value)
 * for taller receivers, where the standard draws it at random — a deterministic planning choice.
 */
export function breakpointPrimeM(freqMHz: number, txHeightM: number, rxHeightM: number): number {
  return (4 * (txHeightM - 1) * (rxHeightM - 1) * freqMHz * 1e6) / C_M_PER_S;
}

/** RMa breakpoint d_BP = 2π·h_BS·h_UT·f_c/c (Table 7.4.1-1 note 5). */
export function rmaBreakpointM(freqMHz: number, txHeightM: number, rxHeightM: number): number {
  return (2 * Math.PI * txHeightM * rxHeightM * freqMHz * 1e6) / C_M_PER_S;
}

export type Tr38901Scenario = "uma" | "umi" | "rma";

/** LOS probability, TR 38.901 Table 7.4.2-1 (UMi = street canyon; UMa with its h_UT term C'(h_UT)). */
export function losProbability(scenario: Tr38901Scenario, distance2dM: number, rxHeightM = 1.5): number {
  const d = distance2dM;
  if (scenario === "rma") return d <= 10 ? 1 : Math.exp(-(d - 10) / 1000);
  if (d <= 18) return 1;
  if (scenario === "umi") return 18 / d + Math.exp(-d / 36) * (1 - 18 / d);
  const c = rxHeightM <= 13 ? 0 : ((rxHeightM - 13) / 10) ** 1.5;
  return (18 / d + Math.exp(-d / 63) * (1 - 18 / d)) * (1 + ((c * 5) / 4) * (d / 100) ** 3 * Math.exp(-d / 150));
}

export const TR38901_EXTRAPOLATION =
  "Evaluates the formulas outside the ranges of Table 7.4.1-1 (other base-station heights, shorter or longer " +
  "distances), never below free-space loss over d_3D; d_3D below 1 m is evaluated at 1 m.";

export interface Tr38901Checked {
  f: number;
  hBs: number;
  hUt: number;
  extrapolate: boolean;
  guard: (d: number) => void;
}

/** Checks the link's numbers against the validity record once. */
export function checkTr38901(model: ModelId, validity: Validity, link: Tr38901Link, distanceM: readonly [number, number]): Tr38901Checked {
  const extrapolate = link.extrapolate === "formula";
  if (typeof link.los !== "boolean") requireNumber(model, "los", link.los);
  const { f, hTx: hBs, hRx: hUt } = checkTerminals(model, validity, link, extrapolate);
  return { f, hBs, hUt, extrapolate, guard: distanceGuard(model, distanceM, extrapolate) };
}

/**
 * Wraps a path-loss function of (d_2D, d_3D, log10 d_3D) with the distance guard and, when
 * extrapolating, the free-space floor. One square root and one log10 per evaluation.
 */
export function scaffold(c: Tr38901Checked, pl: (d2: number, d3: number, lg: number) => number): (d: number) => number {
  const dh = c.hBs - c.hUt;
  const dh2 = dh * dh;
  const { guard } = c;
  if (!c.extrapolate) {
    return (d) => {
      guard(d);
      const d3 = Math.sqrt(d * d + dh2);
      return pl(d, d3, Math.log10(d3));
    };
  }
  const free = FSPL_CONSTANT_DB + 20 * Math.log10(c.f);
  return (d) => {
    guard(d);
    let d3 = Math.sqrt(d * d + dh2);
    if (d3 < 1) d3 = 1;
    const lg = Math.log10(d3);
    const loss = pl(d, d3, lg);
    const fs = free + 20 * lg;
    return loss > fs ? loss : fs;
  };
}
