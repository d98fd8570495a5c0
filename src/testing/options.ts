import { fail } from "../errors.js";
import type { BBox } from "../units.js";
import type { Bounds } from "./defaults.js";

/**
 * Checks of the arbitraries' own options: a bad option is a `CellplanError` naming it, thrown when
 * the arbitrary is built (not on the first run of a property).
 */

export function checkBBox(field: string, b: unknown): BBox {
  const ok =
    Array.isArray(b) &&
    b.length === 4 &&
    b.every((x) => typeof x === "number" && Number.isFinite(x)) &&
    b[0] >= -180 &&
    b[2] <= 180 &&
    b[1] >= -90 &&
    b[3] <= 90 &&
    b[2] > b[0] &&
    b[3] > b[1];
  if (!ok) fail("INVALID_VALUE", field, b, "a box [west, south, east, north] within [-180, -90, 180, 90] with east > west and north > south");
  return b as BBox;
}

/**
 * `given` over `defaults`, checked to lie inside `[lo, hi]` with min ≤ max (`integer` for counts).
 * Returns both ends filled.
 */
export function bounds(field: string, given: Bounds | undefined, defaults: Required<Bounds>, lo: number, hi: number, integer = false): Required<Bounds> {
  if (given !== undefined && (given === null || typeof given !== "object")) fail("INVALID_VALUE", field, given, "{ min?, max? }");
  const min = given?.min ?? defaults.min;
  const max = given?.max ?? defaults.max;
  const okNumber = (x: unknown) => typeof x === "number" && Number.isFinite(x) && (!integer || Number.isInteger(x));
  if (!okNumber(min) || !okNumber(max) || min < lo || max > hi || min > max) {
    fail("INVALID_VALUE", field, { min, max }, `{ min, max } with ${lo} ≤ min ≤ max ≤ ${hi}${integer ? ", integers" : ""}`);
  }
  return { min, max };
}

/** A non-empty list whose entries all belong to `known` (duplicates removed). */
export function checkSubset<T extends string>(field: string, list: unknown, known: readonly T[]): T[] {
  if (!Array.isArray(list) || list.length === 0 || !list.every((x) => known.includes(x as T))) {
    fail("INVALID_VALUE", field, list, `a non-empty list of ${known.join(", ")}`);
  }
  return [...new Set(list as T[])];
}
