/**
 * Cheaper stand-ins for `Math.atan2` and `Math.log10` in per-pixel loops, each within a stated
 * error of the built-in (tested in test/fast-math.test.ts over the whole double range). V8's
 * `Math.log10` is a call into C of about three times the cost of a table look-up and a short
 * polynomial; `Math.atan2` is a call too, where the small elevation angles the engine sees almost
 * everywhere need one division and one polynomial. Both are plain module functions so that V8
 * inlines them into the per-pixel loops.
 */

const R2D = 180 / Math.PI;

/** tan 22.5° = √2 − 1: below it atan(t) is the polynomial in t; above, 45° + atan((t − 1)/(t + 1)). */
const TAN_22_5 = Math.SQRT2 - 1;

/*
 * atan(t)·180/π ≈ t·P(t²) for |t| ≤ tan 22.5°, P of degree 8: a minimax fit (Lawson's iteratively
 * reweighted least squares in 60-digit arithmetic, fitted for this file) of the absolute error in
 * degrees, at most 2.9e-13°.
 */
const A0 = 57.295779513069124;
const A1 = -19.098593166339419;
const A2 = 11.459155413546926;
const A3 = -8.185088109710202;
const A4 = 6.3655963913524275;
const A5 = -5.199499887011666;
const A6 = 4.3209425980731263;
const A7 = -3.3235174062544773;
const A8 = 1.6989083625841372;

/** atan(t) in degrees for |t| ≤ tan 22.5° (Estrin's scheme: shorter dependency chains than Horner's). */
function atanSmallDeg(t: number): number {
  const z = t * t;
  const z2 = z * z;
  const z4 = z2 * z2;
  return t * (A0 + z * A1 + z2 * (A2 + z * A3) + z4 * (A4 + z * A5 + z2 * (A6 + z * A7) + z4 * A8));
}

/**
 * `Math.atan2(y, x)` in degrees, within 1e-12° of `Math.atan2(y, x) * 180 / Math.PI` for all
 * arguments (zeros, infinities and NaN are handed to `Math.atan2`). The common case of an elevation
 * angle — x > 0, |y| ≤ x·tan 22.5° — takes one division and one polynomial.
 */
export function atan2Deg(y: number, x: number): number {
  const ay = y < 0 ? -y : y;
  // strict: x > 0 and finite y here (0 < 0, ∞ < ∞ and NaN comparisons are false)
  if (ay < TAN_22_5 * x) return atanSmallDeg(y / x);
  return atan2DegOctants(y, x);
}

/** `atan2Deg` by octants: |y| ≤ |x| or the reverse, then below or above 22.5° within the octant. */
function atan2DegOctants(y: number, x: number): number {
  const ay = Math.abs(y); // +0 for −0: the sign is put back at the end
  const ax = Math.abs(x);
  const steep = ay > ax;
  const s = steep ? ax : ay;
  const l = steep ? ay : ax;
  if (!(l > 0 && l < Infinity)) return Math.atan2(y, x) * R2D; // both zero, an infinity, NaN
  const t = s / l; // in [0, 1] (s + l could overflow)
  let a = t > TAN_22_5 ? 45 + atanSmallDeg((t - 1) / (t + 1)) : atanSmallDeg(t);
  if (steep) a = 90 - a;
  if (x < 0) a = 180 - a;
  return y < 0 || (y === 0 && 1 / y < 0) ? -a : a;
}

/** Word of a Float64Array's element that holds the sign, exponent and top of the mantissa. */
const HI = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/**
 * Table of log10 at c = 1 + j/128, j = 0 … 128, and of 1/c. From j = 64 on (c ≥ 1.5) it holds
 * log10(c/2): those mantissas count as c/2 ∈ [0.75, 1] with the exponent one up, so that x just
 * below a power of two (1 in particular) is not a large log10(2) minus nearly as large a log10(c).
 */
const STEPS = 128;
const LOG10_2 = 0.3010299956639812; // log10 2 = 0.30102999566398119521…, to double precision
const LOG10_E = Math.LOG10E;

function log10Table(): { logs: Float64Array; inverse: Float64Array } {
  const logs = new Float64Array(STEPS + 1);
  const inverse = new Float64Array(STEPS + 1);
  for (let j = 0; j <= STEPS; j++) {
    const c = 1 + j / STEPS;
    inverse[j] = 1 / c; // exact at j = 0 and j = 128 (1 and 0.5)
    logs[j] = j < STEPS / 2 ? Math.log10(c) : j === STEPS ? 0 : Math.log10(c / 2);
  }
  return { logs, inverse };
}

const { logs: LOG10_AT, inverse: INVERSE_AT } = log10Table();

/** Scratch for reading a double's bits, one per caller (no module-level mutable state). */
export interface BitsScratch {
  bits: Float64Array;
  words: Uint32Array;
}

export function bitsScratch(): BitsScratch {
  const bits = new Float64Array(1);
  return { bits, words: new Uint32Array(bits.buffer) };
}

/**
 * `Math.log10(x)` within 1e-15 relative (a few ulps) over the positive normal doubles; others
 * (≤ 0, subnormal, infinite, NaN) are handed to `Math.log10`. x = 2^e·m with m in [1, 2) from the
 * bits, m = c·(1 + r) with c = 1 + j/128 the nearest table point, so |r| ≤ 1/256, and log10(1 + r)
 * a degree-6 Taylor polynomial (truncation below 1e-18). m − c is exact, so r is to an ulp; near 1
 * (c = 1, or c = 2 counted as 1 with the exponent one up) the result is r times the polynomial,
 * relative-accurate however close x is to 1. A plain function of its arguments, so that V8 inlines
 * it (a closure per caller, or `Math.log10` itself, is a call per use).
 */
export function fastLog10(x: number, s: BitsScratch): number {
  const { bits, words } = s;
  bits[0] = x;
  const hi = words[HI]!;
  if ((hi - 0x00100000) >>> 0 >= 0x7fe00000) return Math.log10(x); // ≤ 0, subnormal, infinite, NaN
  const j = (((hi >>> 12) & 0xff) + 1) >>> 1; // nearest of the 129 table points
  const e = (hi >>> 20) - 1023 + ((j + 64) >>> 7); // one up from j = 64 on
  const m = 1 + (hi & 0xfffff) * 9.5367431640625e-7 + words[LO]! * 2.220446049250313e-16; // 2^−20, 2^−52: exact
  const r = (m - (1 + j * (1 / STEPS))) * INVERSE_AT[j]!; // m − c exact (Sterbenz), so r is to an ulp
  const p = LOG10_E * (1 + r * (-1 / 2 + r * (1 / 3 + r * (-1 / 4 + r * (1 / 5 + r * (-1 / 6))))));
  return e * LOG10_2 + (LOG10_AT[j]! + r * p);
}
