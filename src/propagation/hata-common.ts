import { FSPL_CONSTANT_DB } from "./fspl.js";
import type { HataLinkBase, ModelId, Validity } from "./types.js";
import { fail } from "../errors.js";
import { checkTerminals, distanceGuard } from "./validity.js";

/**
 * Parts shared by Okumura-Hata and COST-231 Hata (COST 231 Final Report, §4.4.1 and §4.4.2).
 * Logarithms are base 10; f in MHz, heights in m, d in km.
 */

/**
 * Mobile antenna height correction a(h_m), COST 231 §4.4.1:
 * medium/small city (1.1·log f − 0.7)·h_m − (1.56·log f − 0.8);
 * large city 8.29·(log 1.54·h_m)² − 1.1 for f ≤ 200 MHz, 3.2·(log 11.75·h_m)² − 4.97 for f ≥ 400 MHz.
 * Between 200 and 400 MHz the large-city form is undefined; callers choose (see `largeCityForm`).
 */
export function hataMobileCorrectionDb(freqMHz: number, rxHeightM: number, citySize: "medium" | "large"): number {
  if (citySize === "medium") {
    const lf = Math.log10(freqMHz);
    return (1.1 * lf - 0.7) * rxHeightM - (1.56 * lf - 0.8);
  }
  return largeCityForm(freqMHz) === "low"
    ? 8.29 * Math.log10(1.54 * rxHeightM) ** 2 - 1.1
    : 3.2 * Math.log10(11.75 * rxHeightM) ** 2 - 4.97;
}

/** Which large-city a(h_m) applies: ≤ 200 MHz "low", ≥ 400 MHz "high"; in the gap, the nearer one (split at 300 MHz). */
export function largeCityForm(freqMHz: number): "low" | "high" {
  return freqMHz <= 300 ? "low" : "high";
}

/** Validity of the Hata family's terminal heights and distance (COST 231 §4.4). */
export const HATA_HEIGHTS_AND_DISTANCE = {
  txHeightM: [30, 200],
  rxHeightM: [1, 10],
  distanceM: [1000, 20_000],
} as const;

export const HATA_EXTRAPOLATION =
  "Evaluates the formula outside its ranges (heights > 0), and below 1 km never returns less than free-space loss " +
  "at the same distance; distances below 1 m are evaluated at 1 m. Large city between 200 and 400 MHz uses the " +
  "a(h_m) form of the nearer range (split at 300 MHz).";

/** Shadow-fading σ for the Hata family: no standard value; 8 dB urban, 7 dB suburban, 6 dB open (operator convention). */
export function hataSigmaDb(environment: string): number {
  return environment === "open" ? 6 : environment === "suburban" ? 7 : 8;
}

/**
 * Checks a Hata-family link and returns the prepared evaluator for L = a + b·log10(d_km),
 * floored at free space when extrapolating.
 */
export function prepareHata(model: ModelId, validity: Validity, link: HataLinkBase, constantDb: (f: number, hb: number, hm: number) => number) {
  const ex = link.extrapolate === "formula";
  const { f, hTx: hb, hRx: hm } = checkTerminals(model, validity, link, ex);
  if (link.citySize === "large" && f > 200 && f < 400 && !ex) {
    fail("OUT_OF_VALIDITY", "freqMHz", f, `≤ 200 or ≥ 400 MHz for a large city: COST 231 defines a(h_m) there only (${model}; extrapolate: "formula" uses the nearer form)`);
  }
  const a = constantDb(f, hb, hm);
  const b = 44.9 - 6.55 * Math.log10(hb);
  const guard = distanceGuard(model, validity.distanceM, ex);
  if (!ex) {
    return (d: number) => {
      guard(d);
      return a + b * Math.log10(d * 1e-3);
    };
  }
  // Free space with d in km: 20·log10(d_km) + 20·log10(f) + FSPL constant + 60.
  const free = FSPL_CONSTANT_DB + 20 * Math.log10(f) + 60;
  return (d: number) => {
    guard(d);
    const lg = Math.log10((d < 1 ? 1 : d) * 1e-3);
    const hata = a + b * lg;
    const fs = free + 20 * lg;
    return hata > fs ? hata : fs;
  };
}
