import { fail } from "../errors.js";
import { NUMBER_RULES, describeRule, type NumberRule, type RuledField } from "../model/rules.js";

/**
 * Argument checks shared by the antenna API. They run once per call of a typed wrapper (or once
 * per `prepare…`), never inside the numeric cores, and they fail with a `CellplanError` naming the
 * parameter, its value and what is allowed — never with a NaN result.
 */

/** A finite number, or a `NOT_FINITE` error naming `field`. */
export function finite(field: string, value: unknown, allowed = "a finite number"): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail("NOT_FINITE", field, value, allowed);
  return value;
}

/** A finite number inside a site-model range (`NUMBER_RULES[rule]`), reported under `field`. */
export function ruled(rule: RuledField, field: string, value: unknown): number {
  const r: NumberRule = NUMBER_RULES[rule];
  const allowed = describeRule(rule);
  const v = finite(field, value, allowed);
  const low = r.minExclusive ? v <= r.min : v < r.min;
  const high = r.maxExclusive ? v >= r.max : v > r.max;
  if (low) fail(r.lowCode ?? r.code, field, v, allowed);
  if (high) fail(r.code, field, v, allowed);
  return v;
}

/** Elevation of a direction: degrees below the horizon, −90 (zenith) … 90 (nadir). */
export function elevation(field: string, value: unknown): number {
  const allowed = "a finite number, −90 ≤ elevationDeg ≤ 90 (° below the horizon; 90 = straight down)";
  const v = finite(field, value, allowed);
  if (v < -90 || v > 90) fail("INVALID_VALUE", field, v, allowed);
  return v;
}
