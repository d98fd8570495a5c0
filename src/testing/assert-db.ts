import { fail } from "../errors.js";

/**
 * Asserts that `actual` is within `deltaDb` of `expected` — two numbers, or two equally long arrays
 * compared entry by entry (rasters, for example). Equal infinities match (−Infinity: no signal), NaN
 * matches only NaN (outside an area). Throws an `Error` naming `what`, the count of entries that
 * differ and the worst one.
 */
export function assertInDeltaDb(actual: number | ArrayLike<number>, expected: number | ArrayLike<number>, deltaDb: number, what = "value"): void {
  if (typeof deltaDb !== "number" || !(deltaDb >= 0) || !Number.isFinite(deltaDb)) fail("INVALID_VALUE", "deltaDb", deltaDb, "a finite tolerance ≥ 0 dB");
  if (typeof actual === "number" || typeof expected === "number") {
    if (typeof actual !== "number" || typeof expected !== "number") throw new Error(`${what}: cannot compare a number with a list`);
    if (!within(actual, expected, deltaDb)) throw new Error(`${what}: ${actual} dB is not within ${deltaDb} dB of ${expected} dB (off by ${Math.abs(actual - expected)} dB)`);
    return;
  }
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} values, expected ${expected.length}`);
  let count = 0;
  let worst = -1;
  let worstDiff = -1;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!;
    const e = expected[i]!;
    if (within(a, e, deltaDb)) continue;
    count++;
    const d = Number.isFinite(a - e) ? Math.abs(a - e) : Infinity;
    if (d > worstDiff) {
      worstDiff = d;
      worst = i;
    }
  }
  if (count > 0) {
    throw new Error(`${what}: ${count} of ${actual.length} values are not within ${deltaDb} dB (worst at #${worst}: ${actual[worst]} vs ${expected[worst]} dB)`);
  }
}

function within(a: number, e: number, delta: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(e)) return Number.isNaN(a) && Number.isNaN(e);
  if (a === e) return true; // equal infinities too
  return Math.abs(a - e) <= delta;
}
