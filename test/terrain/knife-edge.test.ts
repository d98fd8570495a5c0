import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { expectProblem } from "../fixtures/errors.js";
import { fresnelV, fresnelVRaw, knifeEdgeLossDb } from "../../src/terrain/knife-edge.js";
import {
  ITU_EARTH_RADIUS_M,
  SPEED_OF_LIGHT_M_PER_S,
  earthBulgeM,
  obstacleHeightAboveLineM,
  wavelengthOf,
} from "../../src/terrain/profile-geometry.js";

/**
 * Fresnel integrals C(x) + i·S(x) = ∫₀ˣ exp(iπt²/2) dt by their power series
 * Σ (iπ/2)^k x^(2k+1) / (k!·(2k+1)) (Abramowitz & Stegun 7.3.11–7.3.14); accurate to ~1e-9 for
 * |x| ≤ 4 in double precision (cancellation ruins it past about 4.5).
 */
function fresnelCS(x: number): [c: number, s: number] {
  let c = 0;
  let s = 0;
  let re = 1; // real and imaginary parts of (iπ/2)^k / k!
  let im = 0;
  const a = Math.PI / 2;
  for (let k = 0; k < 120; k++) {
    const t = x ** (2 * k + 1) / (2 * k + 1);
    c += re * t;
    s += im * t;
    [re, im] = [(-im * a) / (k + 1), (re * a) / (k + 1)];
  }
  return [c, s];
}

/** Exact knife-edge loss, ITU-R P.526-15 eq. (30): −20·log10(√([1 − C − S]² + [C − S]²) / 2). */
function exactJ(v: number): number {
  const [c, s] = fresnelCS(v);
  return -20 * Math.log10(Math.hypot(1 - c - s, c - s) / 2);
}

describe("knifeEdgeLossDb — ITU-R P.526-15 eq. (31)", () => {
  // J(v) = 6.9 + 20·log10(√((v − 0.1)² + 1) + v − 0.1); each row worked by calculator, step by step:
  // x = v − 0.1, r = √(x² + 1), then 6.9 + 20·log10(r + x). `exact` is eq. (30) (Fresnel integrals),
  // read against P.526-15 §4.1's figure of J(v) and checked here by the series above.
  const table: { v: number; approx: number; exact: number; source: string }[] = [
    // v ≤ −0.78: the Recommendation sets J = 0 (eq. (31) itself would give 0.004 dB here).
    { v: -0.78, approx: 0, exact: -0.011, source: "P.526-15 §4.1: J = 0 for v ≤ −0.78" },
    // x = −0.8, r = 1.280625, r + x = 0.480625, 20·log10 = −6.36388 → 0.53612
    { v: -0.7, approx: 0.53612, exact: 0.466, source: "eq. (31) by calculator; eq. (30) series" },
    // x = −0.6, r = 1.166190, r + x = 0.566190, 20·log10 = −4.94075 → 1.95925
    { v: -0.5, approx: 1.95925, exact: 1.859, source: "eq. (31) by calculator; eq. (30) series" },
    // x = −0.1, r = 1.004988, r + x = 0.904988, 20·log10 = −0.86715 → 6.03285; exact 20·log10 2 = 6.0206
    { v: 0, approx: 6.03285, exact: 6.0206, source: "P.526-15 §4.1 figure: 6 dB at grazing; exact −20·log10(1/2)" },
    // x = 0.9, r = 1.345362, r + x = 2.245362, 20·log10 = 7.02573 → 13.92573
    { v: 1, approx: 13.92573, exact: 13.864, source: "eq. (31) by calculator; eq. (30) series" },
    // x = 2.3, r = 2.507987, r + x = 4.807987, 20·log10 = 13.63927 → 20.53927
    { v: 2.4, approx: 20.53927, exact: 20.618, source: "eq. (31) by calculator; eq. (30) series" },
    // x = 2.9, r = 3.067572, r + x = 5.967572, 20·log10 = 15.51595 → 22.41595
    { v: 3, approx: 22.41595, exact: 22.522, source: "eq. (31) by calculator; eq. (30) series" },
  ];

  it.each(table)("J($v) = $approx dB within 0.01 dB ($source)", ({ v, approx }) => {
    expect(Math.abs(knifeEdgeLossDb(v) - approx)).toBeLessThanOrEqual(0.01);
  });

  it("the series reproduces tabulated Fresnel integrals (A&S Table 7.7: C(1) = 0.7798934, S(1) = 0.4382591)", () => {
    const [c, s] = fresnelCS(1);
    expect(c).toBeCloseTo(0.7798934, 7);
    expect(s).toBeCloseTo(0.4382591, 7);
    // A&S Table 7.7 at x = 4: C = 0.4984260, S = 0.4205158 (the top of the range used below)
    expect(fresnelCS(4)[0]).toBeCloseTo(0.498426, 6);
    expect(fresnelCS(4)[1]).toBeCloseTo(0.4205158, 6);
    for (const row of table) expect(Math.abs(exactJ(row.v) - row.exact)).toBeLessThan(0.001);
  });

  it("stays within 0.15 dB of the exact Fresnel-integral loss for −0.78 < v ≤ 4", () => {
    for (let v = -0.77; v <= 4; v += 0.01) expect(Math.abs(knifeEdgeLossDb(v) - exactJ(v))).toBeLessThan(0.15);
    for (const row of table) expect(Math.abs(knifeEdgeLossDb(row.v) - row.exact)).toBeLessThan(0.15);
  });

  it("is 0 at and below −0.78 and finite for huge v", () => {
    expect(knifeEdgeLossDb(-0.78)).toBe(0);
    expect(knifeEdgeLossDb(-1e9)).toBe(0);
    expect(knifeEdgeLossDb(-0.7799)).toBeGreaterThan(0);
    // 6.9 + 20·log10(2·1e300) = 6.9 + 6000 + 6.0206
    expect(knifeEdgeLossDb(1e300)).toBeCloseTo(6012.9206, 3);
    expect(Number.isFinite(knifeEdgeLossDb(Number.MAX_VALUE))).toBe(true);
  });

  it("is non-negative and non-decreasing in v (property)", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const jl = knifeEdgeLossDb(lo);
        expect(jl).toBeGreaterThanOrEqual(0);
        expect(knifeEdgeLossDb(hi)).toBeGreaterThanOrEqual(jl);
      }),
      { seed: 526, numRuns: 2000 },
    );
  });

  it("rejects NaN and infinite v", () => {
    expectProblem(() => knifeEdgeLossDb(Number.NaN), "NOT_FINITE", "v");
    expectProblem(() => knifeEdgeLossDb(Infinity), "NOT_FINITE", "v");
    expectProblem(() => knifeEdgeLossDb(-Infinity), "NOT_FINITE", "v");
  });
});

describe("fresnelV — ITU-R P.526-15 eq. (26)", () => {
  it("matches a hand calculation", () => {
    // h = 10 m, d1 = 2 km, d2 = 3 km, λ = 0.5 m: v = 10·√(2/0.5·(1/2000 + 1/3000)) = 10·√(4·0.000833333)
    //   = 10·√0.00333333 = 10·0.0577350 = 0.577350
    expect(fresnelV({ heightAboveLineM: 10, d1M: 2000, d2M: 3000, wavelengthM: 0.5 })).toBeCloseTo(0.57735, 5);
    expect(fresnelVRaw(10, 2000, 3000, 0.5)).toBeCloseTo(0.57735, 5);
  });

  it("takes the frequency as λ = c/f with c = 299 792 458 m/s", () => {
    // 299.792458 MHz is λ = 1 m exactly: v = 25·√(2·(1/7000 + 1/3000)) = 25·0.0308607 = 0.771517
    expect(fresnelV({ heightAboveLineM: 25, d1M: 7000, d2M: 3000, freqMHz: 299.792458 })).toBeCloseTo(0.771517, 6);
    expect(wavelengthOf({ freqMHz: 900 })).toBeCloseTo(SPEED_OF_LIGHT_M_PER_S / 900e6, 15);
    expect(fresnelV({ heightAboveLineM: 10, d1M: 1000, d2M: 1000, freqMHz: 900 })).toBe(
      fresnelV({ heightAboveLineM: 10, d1M: 1000, d2M: 1000, wavelengthM: SPEED_OF_LIGHT_M_PER_S / 900e6 }),
    );
  });

  it("is odd in the height and symmetric in d1, d2", () => {
    const v = fresnelV({ heightAboveLineM: 7, d1M: 1234, d2M: 567, freqMHz: 1800 });
    expect(fresnelV({ heightAboveLineM: -7, d1M: 1234, d2M: 567, freqMHz: 1800 })).toBe(-v);
    expect(fresnelV({ heightAboveLineM: 7, d1M: 567, d2M: 1234, freqMHz: 1800 })).toBeCloseTo(v, 12);
    expect(fresnelV({ heightAboveLineM: 0, d1M: 1, d2M: 1, freqMHz: 1 })).toBe(0);
  });

  it("rejects bad input naming the field", () => {
    const ok = { heightAboveLineM: 5, d1M: 100, d2M: 100, wavelengthM: 0.3 };
    expectProblem(() => fresnelV({ ...ok, heightAboveLineM: Number.NaN }), "NOT_FINITE", "heightAboveLineM");
    expectProblem(() => fresnelV({ ...ok, d1M: Infinity }), "NOT_FINITE", "d1M");
    expectProblem(() => fresnelV({ ...ok, d2M: Number.NaN }), "NOT_FINITE", "d2M");
    expectProblem(() => fresnelV({ ...ok, d1M: 0 }), "INVALID_VALUE", "d1M");
    expectProblem(() => fresnelV({ ...ok, d1M: -5 }), "INVALID_VALUE", "d1M");
    expectProblem(() => fresnelV({ ...ok, d2M: -1 }), "INVALID_VALUE", "d2M");
    expectProblem(() => fresnelV({ ...ok, wavelengthM: 0 }), "INVALID_VALUE", "wavelengthM");
    expectProblem(() => fresnelV({ ...ok, wavelengthM: -0.3 }), "INVALID_VALUE", "wavelengthM");
    expectProblem(() => fresnelV({ ...ok, wavelengthM: Number.NaN }), "NOT_FINITE", "wavelengthM");
    const { wavelengthM: _, ...geometry } = ok;
    expectProblem(() => fresnelV({ ...geometry, freqMHz: 0 }), "INVALID_VALUE", "freqMHz");
    expectProblem(() => fresnelV({ ...geometry, freqMHz: -900 }), "INVALID_VALUE", "freqMHz");
    expectProblem(() => fresnelV({ ...geometry, freqMHz: Infinity }), "NOT_FINITE", "freqMHz");
    expectProblem(() => fresnelV({ ...geometry, freqMHz: 5e-324 }), "INVALID_VALUE", "freqMHz");
    expectProblem(() => fresnelV(geometry as never), "INVALID_VALUE", "freqMHz");
    expectProblem(() => fresnelV({ ...ok, freqMHz: 900 } as never), "INVALID_VALUE", "freqMHz");
    // Finite inputs whose v overflows
    expectProblem(() => fresnelV({ ...ok, heightAboveLineM: 1e308, wavelengthM: 1e-3 }), "INVALID_VALUE", "heightAboveLineM");
  });

  it("never returns NaN or ±Infinity, and only CellplanError escapes (property)", () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double(), fc.double(), fc.boolean(), (h, d1, d2, w, byFreq) => {
        try {
          const v = fresnelV(byFreq ? { heightAboveLineM: h, d1M: d1, d2M: d2, freqMHz: w } : { heightAboveLineM: h, d1M: d1, d2M: d2, wavelengthM: w });
          expect(Number.isFinite(v)).toBe(true);
          expect(Number.isFinite(knifeEdgeLossDb(v))).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(CellplanError);
        }
      }),
      { seed: 261, numRuns: 3000 },
    );
  });
});

describe("obstacleHeightAboveLineM and earthBulgeM", () => {
  it("measures an obstacle against the straight line between the antennas", () => {
    // Antennas at 100 m and 40 m, 6 km apart; obstacle at 70 m, 2 km from the transmitter.
    // Line there: (100·4000 + 40·2000)/6000 = 80 m, so the obstacle is 10 m below it.
    expect(
      obstacleHeightAboveLineM({ txElevationM: 100, rxElevationM: 40, obstacleElevationM: 70, d1M: 2000, d2M: 4000, kFactor: Infinity }),
    ).toBeCloseTo(-10, 12);
  });

  it("adds the effective-earth bulge d1·d2/(2kR), k = 4/3 and R = 6 371 km by default", () => {
    // 10 km + 10 km at k = 4/3: 1e8 / (2·4/3·6.371e6) = 1e8 / 16 989 333.3 = 5.8860 m
    expect(earthBulgeM(10_000, 10_000)).toBeCloseTo(5.886, 3);
    expect(earthBulgeM(10_000, 10_000, 1)).toBeCloseTo(1e8 / (2 * ITU_EARTH_RADIUS_M), 9);
    expect(earthBulgeM(10_000, 10_000, Infinity)).toBe(0);
    expect(earthBulgeM(0, 5000)).toBe(0);
    const flat = obstacleHeightAboveLineM({ txElevationM: 0, rxElevationM: 0, obstacleElevationM: 3, d1M: 10_000, d2M: 10_000, kFactor: Infinity });
    const curved = obstacleHeightAboveLineM({ txElevationM: 0, rxElevationM: 0, obstacleElevationM: 3, d1M: 10_000, d2M: 10_000 });
    expect(curved - flat).toBeCloseTo(earthBulgeM(10_000, 10_000), 12);
  });

  it("rejects bad input naming the field", () => {
    const ok = { txElevationM: 10, rxElevationM: 10, obstacleElevationM: 5, d1M: 100, d2M: 100 };
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, txElevationM: Number.NaN }), "NOT_FINITE", "txElevationM");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, rxElevationM: Infinity }), "NOT_FINITE", "rxElevationM");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, obstacleElevationM: Number.NaN }), "NOT_FINITE", "obstacleElevationM");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, d1M: 0 }), "INVALID_VALUE", "d1M");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, d2M: -3 }), "INVALID_VALUE", "d2M");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, d2M: Number.NaN }), "NOT_FINITE", "d2M");
    expectProblem(() => obstacleHeightAboveLineM({ ...ok, kFactor: 0 }), "INVALID_VALUE", "kFactor");
    expectProblem(() => earthBulgeM(-1, 100), "INVALID_VALUE", "d1M");
    expectProblem(() => earthBulgeM(1, -100), "INVALID_VALUE", "d2M");
    expectProblem(() => earthBulgeM(1, 1, -4 / 3), "INVALID_VALUE", "kFactor");
    expectProblem(() => earthBulgeM(1, 1, Number.NaN), "NOT_FINITE", "kFactor");
  });
});
