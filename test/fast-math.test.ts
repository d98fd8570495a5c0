import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { atan2Deg, bitsScratch, fastLog10 } from "../src/fast-math.js";

const R2D = 180 / Math.PI;

/** Any double, the special values included. */
const anyDouble = fc.double();
/** Magnitudes over the whole finite range, either sign, zeros and subnormals included. */
const wide = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.constantFrom(0, -0, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Infinity, -Infinity),
);

/** Error against Math.atan2 in degrees; across ±180° both signs name the same direction. */
function atanError(y: number, x: number): number {
  const e = Math.abs(atan2Deg(y, x) - Math.atan2(y, x) * R2D);
  return Math.min(e, Math.abs(e - 360));
}

describe("atan2Deg", () => {
  it("is Math.atan2 in degrees within 1e-12° over all finite and infinite arguments", () => {
    fc.assert(
      fc.property(wide, wide, (y, x) => {
        expect(atanError(y, x)).toBeLessThanOrEqual(1e-12);
      }),
      { numRuns: 20_000 },
    );
  });

  it("is within 1e-12 relative for small angles (|dz| ≪ d) and 1e-12° for elevations at any ratio", () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -300, max: 300, noNaN: true }), fc.double({ min: 1e-3, max: 1e5, noNaN: true }), (ratio, exp10, d) => {
        const dz = ratio * d * 10 ** (exp10 / 30); // ratios 1e-10 … 1e10 and tiny ones
        const ref = Math.atan2(dz, d) * R2D;
        const got = atan2Deg(dz, d);
        expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(ref)));
        expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-12 * Math.abs(ref) + Number.MIN_VALUE);
      }),
      { numRuns: 20_000 },
    );
  });

  it("keeps Math.atan2's exact values at zeros, axes, diagonals and infinities", () => {
    const cases: [number, number][] = [
      [0, 0], [-0, 0], [0, -0], [-0, -0], [0, 5], [-0, 5], [0, -5], [-0, -5], [5, 0], [-5, 0], [5, -0],
      [0, 5e-324], [-0, 5e-324], [0, -5e-324], [-0, -5e-324], [5e-324, 0], [-5e-324, -0],
      [1, 1], [-1, 1], [1, -1], [-1, -1], [Infinity, 1], [1, Infinity], [-1, -Infinity], [Infinity, Infinity], [-Infinity, -Infinity],
    ];
    for (const [y, x] of cases) expect(atan2Deg(y, x)).toBe(Math.atan2(y, x) * R2D);
  });

  it("is NaN when an argument is", () => {
    expect(atan2Deg(NaN, 1)).toBeNaN();
    expect(atan2Deg(1, NaN)).toBeNaN();
  });

  it("never leaves [−180°, 180°] and is odd in y", () => {
    fc.assert(
      fc.property(anyDouble.filter((v) => !Number.isNaN(v)), anyDouble.filter((v) => !Number.isNaN(v)), (y, x) => {
        const a = atan2Deg(y, x);
        expect(Math.abs(a)).toBeLessThanOrEqual(180);
        expect(atan2Deg(-y, x)).toBe(-a);
      }),
      { numRuns: 5_000 },
    );
  });

  it("is monotone in the height difference at a fixed distance (the vertical pattern sees no kinks)", () => {
    const d = 2500;
    let last = -Infinity;
    for (let dz = -5000; dz <= 5000; dz += 0.37) {
      const a = atan2Deg(dz, d);
      expect(a).toBeGreaterThanOrEqual(last);
      last = a;
    }
  });
});

describe("fastLog10", () => {
  const scratch = bitsScratch();
  const log10 = (x: number) => fastLog10(x, scratch);

  it("is Math.log10 within 1e-15 relative over the positive normal doubles", () => {
    fc.assert(
      fc.property(fc.double({ min: 2.2250738585072014e-308, max: Number.MAX_VALUE, noNaN: true }), (x) => {
        const ref = Math.log10(x);
        expect(Math.abs(log10(x) - ref)).toBeLessThanOrEqual(1e-15 * Math.abs(ref));
      }),
      { numRuns: 20_000 },
    );
  });

  it("stays relative-accurate close to 1 on either side (distances near 1 km, heights near the mast)", () => {
    fc.assert(
      fc.property(fc.double({ min: -15, max: -1, noNaN: true }), fc.boolean(), (e, below) => {
        const x = below ? 1 - 10 ** e : 1 + 10 ** e;
        const ref = Math.log10(x);
        expect(Math.abs(log10(x) - ref)).toBeLessThanOrEqual(1e-15 * Math.abs(ref));
      }),
      { numRuns: 5_000 },
    );
  });

  it("gives 0 at 1, and powers of ten and of two within 1e-15 relative", () => {
    expect(log10(1)).toBe(0);
    for (let k = -300; k <= 300; k++) expect(Math.abs(log10(Number(`1e${k}`)) - k)).toBeLessThanOrEqual(1e-15 * Math.abs(k));
    for (let k = -1022; k <= 1023; k++) expect(Math.abs(log10(2 ** k) - Math.log10(2 ** k))).toBeLessThanOrEqual(1e-15 * Math.abs(Math.log10(2 ** k)));
  });

  it("hands 0, negatives, subnormals, infinity and NaN to Math.log10", () => {
    for (const x of [0, -0, -1, 5e-324, 1e-310, Infinity, -Infinity, NaN]) expect(Object.is(log10(x), Math.log10(x))).toBe(true);
  });

  it("depends on its scratch for nothing but room: another scratch gives the same numbers", () => {
    const other = bitsScratch();
    for (const x of [3, 0.7, 123_456, 1e-9]) expect(fastLog10(x, other)).toBe(log10(x));
  });
});
