import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { fsplDb } from "../../src/propagation/fspl.js";
import { losProbability } from "../../src/propagation/tr38901-common.js";
import { MODEL_IDS, pathLossDb, PATH_LOSS_MODELS, preparePathLoss, shadowFadingDb } from "../../src/propagation/registry.js";
import type { Link } from "../../src/propagation/types.js";

const within = (r: readonly [number, number]) => fc.double({ min: r[0], max: r[1], noNaN: true });

/** Valid links of every model, drawn inside each model's validity record. */
function arbLink(): fc.Arbitrary<Link> {
  const v = (id: keyof typeof PATH_LOSS_MODELS) => PATH_LOSS_MODELS[id].validity;
  const hata = (id: "okumura-hata" | "cost231-hata") =>
    fc.record({
      freqMHz: within(v(id).freqMHz),
      txHeightM: within(v(id).txHeightM!),
      rxHeightM: within(v(id).rxHeightM!),
      citySize: fc.constantFrom("medium" as const, "large" as const),
    });
  const gpp = (id: "3gpp-uma" | "3gpp-umi" | "3gpp-rma") =>
    fc.record({
      model: fc.constant(id),
      los: fc.boolean(),
      freqMHz: within(v(id).freqMHz),
      txHeightM: within(v(id).txHeightM!),
      rxHeightM: within(v(id).rxHeightM!),
      buildingHeightM: within([5, 50]),
      streetWidthM: within([5, 50]),
    });
  return fc.oneof(
    fc.record({ model: fc.constant("fspl" as const), freqMHz: within([1, 100_000]) }),
    hata("okumura-hata")
      .filter((l) => !(l.citySize === "large" && l.freqMHz > 200 && l.freqMHz < 400))
      .chain((l) => fc.constantFrom("urban" as const, "suburban" as const, "open" as const).map((environment) => ({ ...l, model: "okumura-hata" as const, environment }))),
    hata("cost231-hata").chain((l) =>
      fc.constantFrom("urban" as const, "metropolitan" as const, "suburban" as const).map((environment) => ({ ...l, model: "cost231-hata" as const, environment })),
    ),
    gpp("3gpp-uma"),
    gpp("3gpp-umi"),
    gpp("3gpp-rma"),
  );
}

function distanceRange(link: Link): readonly [number, number] {
  if (link.model === "3gpp-rma" && !link.los) return [10, 5000];
  return PATH_LOSS_MODELS[link.model].validity.distanceM;
}

describe("path-loss properties", () => {
  it("loss never decreases with distance, within validity, for every model", () => {
    fc.assert(
      fc.property(arbLink(), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (link, a, b) => {
        const [lo, hi] = distanceRange(link);
        const d1 = lo + (hi - lo) * Math.min(a, b);
        const d2 = lo + (hi - lo) * Math.max(a, b);
        const pl = preparePathLoss(link);
        expect(pl(d2)).toBeGreaterThanOrEqual(pl(d1) - 1e-9);
      }),
      { numRuns: 3000, seed: 38901 },
    );
  });

  it("extrapolated loss never falls with distance and never below free space", () => {
    fc.assert(
      fc.property(arbLink(), fc.double({ min: 0, max: 30_000, noNaN: true }), fc.double({ min: 0, max: 30_000, noNaN: true }), (link, a, b) => {
        const pl = preparePathLoss({ ...link, extrapolate: "formula" });
        const [d1, d2] = [Math.min(a, b), Math.max(a, b)];
        expect(pl(d2)).toBeGreaterThanOrEqual(pl(d1) - 1e-9);
        expect(pl(d2)).toBeGreaterThanOrEqual(fsplDb(link.freqMHz, Math.max(d2, 1)) - 1e-9);
        expect(Number.isFinite(pl(d1))).toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it("prepared and one-shot evaluation agree", () => {
    fc.assert(
      fc.property(arbLink(), fc.double({ min: 0, max: 1, noNaN: true }), (link, t) => {
        const [lo, hi] = distanceRange(link);
        const d = lo + (hi - lo) * t;
        expect(pathLossDb({ ...link, distanceM: d })).toBe(preparePathLoss(link)(d));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it("3GPP NLOS is never below LOS (NLOS = max(PL_LOS, PL'))", () => {
    fc.assert(
      fc.property(arbLink().filter((l) => l.model.startsWith("3gpp")), fc.double({ min: 0, max: 1, noNaN: true }), (link, t) => {
        const d = 10 + 4990 * t;
        const los = pathLossDb({ ...link, los: true, distanceM: d } as never);
        const nlos = pathLossDb({ ...link, los: false, distanceM: d } as never);
        expect(nlos).toBeGreaterThanOrEqual(los);
      }),
      { numRuns: 1000, seed: 11 },
    );
  });

  it("LOS probability is 1 near the site, falls with distance and stays in [0, 1]", () => {
    for (const s of ["uma", "umi", "rma"] as const) {
      expect(losProbability(s, 5)).toBe(1);
      let prev = 1;
      for (let d = 10; d <= 5000; d += 10) {
        const p = losProbability(s, d);
        expect(p).toBeLessThanOrEqual(prev + 1e-12);
        expect(p).toBeGreaterThanOrEqual(0);
        prev = p;
      }
    }
    // Table 7.4.2-1 at 100 m (hand-evaluated): UMa 0.3477, UMi 0.2310, RMa exp(−0.09) = 0.9139
    expect(losProbability("uma", 100)).toBeCloseTo(0.3477, 4);
    expect(losProbability("umi", 100)).toBeCloseTo(0.231, 3);
    expect(losProbability("rma", 100)).toBeCloseTo(Math.exp(-0.09), 12);
    // tall UMa receivers see more LOS (C'(h_UT) > 0 above 13 m)
    expect(losProbability("uma", 100, 20)).toBeGreaterThan(losProbability("uma", 100, 1.5));
  });

  it("states the shadow-fading σ of each case", () => {
    const base = { freqMHz: 3500, txHeightM: 25, rxHeightM: 1.5 };
    expect(shadowFadingDb({ ...base, model: "3gpp-uma", los: true })).toBe(4);
    expect(shadowFadingDb({ ...base, model: "3gpp-uma", los: false })).toBe(6);
    expect(shadowFadingDb({ ...base, model: "3gpp-uma", los: false, nlosOptional: true })).toBe(7.8);
    expect(shadowFadingDb({ ...base, model: "3gpp-umi", los: false, txHeightM: 10 })).toBe(7.82);
    expect(shadowFadingDb({ ...base, model: "3gpp-rma", los: true, txHeightM: 35, distanceM: 1000 })).toBe(4);
    expect(shadowFadingDb({ ...base, model: "3gpp-rma", los: true, txHeightM: 35, distanceM: 9000 })).toBe(6);
    expect(shadowFadingDb({ ...base, model: "3gpp-rma", los: false, txHeightM: 35 })).toBe(8);
  });
});

describe("path-loss bad input", () => {
  const hata = { model: "okumura-hata", freqMHz: 900, distanceM: 2000, txHeightM: 30, rxHeightM: 1.5, environment: "urban", citySize: "medium" } as const;
  const code = (p: unknown) => {
    try {
      pathLossDb(p as never);
    } catch (e) {
      expect(e).toBeInstanceOf(CellplanError);
      return (e as CellplanError).code;
    }
    return "returned";
  };

  it.each([
    ["NaN distance", { ...hata, distanceM: NaN }, "NOT_FINITE"],
    ["negative distance", { ...hata, distanceM: -5 }, "INVALID_VALUE"],
    ["negative height", { ...hata, txHeightM: -30 }, "INVALID_VALUE"],
    ["zero receiver height", { ...hata, rxHeightM: 0 }, "INVALID_VALUE"],
    ["Infinity frequency", { ...hata, freqMHz: Infinity }, "NOT_FINITE"],
    ["frequency outside Hata", { ...hata, freqMHz: 1800 }, "OUT_OF_VALIDITY"],
    ["distance below 1 km", { ...hata, distanceM: 500 }, "OUT_OF_VALIDITY"],
    ["large city between 200 and 400 MHz", { ...hata, freqMHz: 300, citySize: "large" }, "OUT_OF_VALIDITY"],
    ["UMa at 30 m", { model: "3gpp-uma", los: true, freqMHz: 3500, distanceM: 100, txHeightM: 30, rxHeightM: 1.5 }, "OUT_OF_VALIDITY"],
    ["RMa NLOS at 8 km", { model: "3gpp-rma", los: false, freqMHz: 3500, distanceM: 8000, txHeightM: 35, rxHeightM: 1.5 }, "OUT_OF_VALIDITY"],
    ["RMa street 100 m wide", { model: "3gpp-rma", los: false, freqMHz: 3500, distanceM: 800, txHeightM: 35, rxHeightM: 1.5, streetWidthM: 100 }, "OUT_OF_VALIDITY"],
    ["unknown model", { ...hata, model: "longley-rice" }, "UNKNOWN_MODEL"],
    ["no params", null, "WRONG_TYPE"],
    ["los not boolean", { model: "3gpp-umi", los: "yes", freqMHz: 3500, distanceM: 100, txHeightM: 10, rxHeightM: 1.5 }, "NOT_FINITE"],
  ])("%s → %s", (_, params, expected) => {
    expect(code(params)).toBe(expected);
  });

  it("names the parameter, value and range when out of validity", () => {
    expect(() => pathLossDb({ ...hata, freqMHz: 1800 })).toThrow(/freqMHz: 1800 — allowed: 150 ≤ freqMHz ≤ 1500 for okumura-hata/);
  });

  it("evaluates outside validity only when asked, per the model's documented policy", () => {
    const near = { ...hata, distanceM: 200, extrapolate: "formula" } as const;
    expect(pathLossDb(near)).toBeGreaterThanOrEqual(fsplDb(900, 200));
    expect(PATH_LOSS_MODELS["okumura-hata"].extrapolation).toMatch(/free-space/);
    expect(pathLossDb({ ...hata, freqMHz: 1800, extrapolate: "formula" })).toBeGreaterThan(pathLossDb(hata));
  });

  it("never returns NaN: random field values give a finite loss or a CellplanError", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODEL_IDS),
        fc.record({
          freqMHz: fc.oneof(fc.double(), fc.constant(900), fc.constant(3500)),
          distanceM: fc.oneof(fc.double(), fc.constant(1000)),
          txHeightM: fc.oneof(fc.double(), fc.constant(30)),
          rxHeightM: fc.oneof(fc.double(), fc.constant(1.5)),
          los: fc.oneof(fc.boolean(), fc.anything()),
          environment: fc.constantFrom("urban", "suburban", "open", "metropolitan", "x"),
          citySize: fc.constantFrom("medium", "large"),
          extrapolate: fc.constantFrom(undefined, "formula"),
        }),
        (model, p) => {
          try {
            expect(Number.isFinite(pathLossDb({ ...p, model } as never))).toBe(true);
          } catch (e) {
            if (!(e instanceof CellplanError)) throw e;
          }
        },
      ),
      { numRuns: 3000, seed: 99 },
    );
  });
});
