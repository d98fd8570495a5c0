import { CellplanError, fail } from "../errors.js";
import type { ModelId, Validity } from "./types.js";

/**
 * Bounds no link can exceed, even when extrapolating: beyond them a value is an input error, not
 * an extrapolation (a 10 km antenna height, a frequency above 3 THz, a path longer than 100,000 km).
 */
export const PHYSICAL_LIMITS: Readonly<Record<string, number>> = {
  freqMHz: 3_000_000,
  txHeightM: 10_000,
  rxHeightM: 10_000,
  buildingHeightM: 1000,
  streetWidthM: 10_000,
  distanceM: 1e8,
};

/** Throws unless `value` is a finite number within physical limits (and, with `positive`, > 0). */
export function requireNumber(model: ModelId, field: string, value: unknown, positive = false): number {
  if (typeof value !== "number" || Number.isNaN(value)) fail("NOT_FINITE", field, value, `a number (${model})`);
  if (!Number.isFinite(value)) fail("NOT_FINITE", field, value, `a finite number (${model})`);
  if (positive && value <= 0) fail("INVALID_VALUE", field, value, `a value > 0 (${model})`);
  const limit = PHYSICAL_LIMITS[field];
  if (limit !== undefined && value > limit) fail("INVALID_VALUE", field, value, `at most ${limit} (${model}; physical limit)`);
  return value;
}

/**
 * Checks a parameter against a model's validity range. Outside it: `OUT_OF_VALIDITY` naming the
 * parameter, value and range, unless the caller chose to extrapolate (then `true` is returned so the
 * model can apply its documented policy).
 */
export function inRange(model: ModelId, field: string, value: number, range: readonly [number, number] | undefined, extrapolate: boolean): boolean {
  if (range === undefined || (value >= range[0] && value <= range[1])) return true;
  if (extrapolate) return false;
  throw CellplanError.of({
    code: "OUT_OF_VALIDITY",
    field,
    value,
    allowed: `${range[0]} ≤ ${field} ≤ ${range[1]} for ${model} (pass extrapolate: "formula" to evaluate outside it)`,
  });
}

/** Distance checks for the prepared hot-path functions: cheap when the value is fine. */
export function distanceGuard(model: ModelId, range: readonly [number, number], extrapolate: boolean): (d: number) => void {
  const [lo, hi] = range;
  return (d) => {
    if (d >= lo && d <= hi) return;
    if (Number.isNaN(d)) fail("NOT_FINITE", "distanceM", d, `a number (${model})`);
    if (d < 0) fail("INVALID_VALUE", "distanceM", d, `a distance ≥ 0 m (${model})`);
    if (!Number.isFinite(d)) fail("NOT_FINITE", "distanceM", d, `a finite distance (${model})`);
    if (d > PHYSICAL_LIMITS["distanceM"]!) fail("INVALID_VALUE", "distanceM", d, `at most ${PHYSICAL_LIMITS["distanceM"]} m (${model}; physical limit)`);
    inRange(model, "distanceM", d, range, extrapolate);
  };
}

/**
 * Checks a link's frequency and terminal heights (finite, > 0, physical) and, unless extrapolating,
 * against the model's validity record: what every model's `prepare` starts with.
 */
export function checkTerminals(model: ModelId, validity: Validity, link: { freqMHz: number; txHeightM: number; rxHeightM: number }, extrapolate: boolean) {
  const f = requireNumber(model, "freqMHz", link.freqMHz, true);
  const hTx = requireNumber(model, "txHeightM", link.txHeightM, true);
  const hRx = requireNumber(model, "rxHeightM", link.rxHeightM, true);
  inRange(model, "freqMHz", f, validity.freqMHz, extrapolate);
  inRange(model, "txHeightM", hTx, validity.txHeightM, extrapolate);
  inRange(model, "rxHeightM", hRx, validity.rxHeightM, extrapolate);
  return { f, hTx, hRx };
}
