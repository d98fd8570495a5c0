import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Link } from "../../src/propagation/types.js";
import { effectiveHeightM, prepareHataHeightCorrection, prepareHataHeightCorrectionBatch } from "../../src/terrain/effective-height.js";

/** Hata-family links either side of the validity range's clamps, extrapolating or not. */
const arbLink = fc
  .record({
    model: fc.constantFrom("okumura-hata" as const, "cost231-hata" as const),
    freqMHz: fc.constantFrom(806, 900, 1842.5),
    txHeightM: fc.constantFrom(20, 30, 45, 199.5, 250),
    environment: fc.constantFrom("urban" as const, "suburban" as const),
    citySize: fc.constantFrom("medium" as const, "large" as const),
    formula: fc.boolean(),
  })
  .map(({ formula, ...l }) => ({ link: { ...l, rxHeightM: 1.5, ...(formula ? { extrapolate: "formula" as const } : {}) } as Link, mastM: l.txHeightM }));

describe("Hata effective-height correction over a batch", () => {
  it("adds exactly what the point form gives, point by point (the engine's batch and signalAt agree bit for bit)", () => {
    fc.assert(
      fc.property(
        arbLink,
        fc.array(fc.tuple(fc.double({ min: 0, max: 60_000, noNaN: true }), fc.double({ min: -800, max: 800, noNaN: true }), fc.double({ min: -50, max: 200, noNaN: true })), { minLength: 1, maxLength: 40 }),
        ({ link, mastM }, rows) => {
          const point = prepareHataHeightCorrection(link)!;
          const batch = prepareHataHeightCorrectionBatch(link, mastM)!;
          const n = rows.length;
          const d = Float64Array.from(rows, (r) => r[0]);
          const mean = Float64Array.from(rows, (r) => r[1]);
          const out = Float64Array.from(rows, (r) => r[2]);
          const expected = Float64Array.from(rows, (r, i) => r[2] + point(d[i]!, effectiveHeightM(mastM, mean[i]!)));
          batch(d, mean, out, n);
          for (let i = 0; i < n; i++) expect(Object.is(out[i], expected[i])).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("leaves points past n alone, and is null where the point form is", () => {
    const link: Link = { model: "okumura-hata", freqMHz: 806, txHeightM: 30, rxHeightM: 1.5, environment: "urban", citySize: "large", extrapolate: "formula" };
    const out = Float64Array.from([1, 2, 3]);
    prepareHataHeightCorrectionBatch(link, 30)!(Float64Array.from([3000, 3000, 3000]), Float64Array.from([-60, -60, -60]), out, 2);
    expect(out[0]).toBeCloseTo(1 + prepareHataHeightCorrection(link)!(3000, 90), 12);
    expect(out[2]).toBe(3);
    expect(prepareHataHeightCorrectionBatch({ model: "fspl", freqMHz: 900 }, 30)).toBeNull();
    expect(prepareHataHeightCorrectionBatch({ model: "3gpp-uma", freqMHz: 3500, txHeightM: 25, rxHeightM: 1.5, los: false }, 25)).toBeNull();
  });
});
