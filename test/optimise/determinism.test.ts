import { describe, expect, it } from "vitest";
import { maxCoverage } from "../../src/optimise/max-coverage.js";
import { syntheticCoverage } from "../../src/optimise/synthetic.js";
import { withoutTimings } from "./helpers.js";

/** Same instance and seed → the same result, field for field (the trace's wall-clock `ms` aside). */
describe("determinism", () => {
  const s = syntheticCoverage({ demand: 3000, candidates: 400, seed: 21 });
  const input = { weights: s.weights, covers: s.covers, k: 30, ilsIterations: 300 };

  it("the generator: same options, identical arrays", () => {
    const again = syntheticCoverage({ demand: 3000, candidates: 400, seed: 21 });
    expect(again.weights).toEqual(s.weights);
    expect(again.covers.offsets).toEqual(s.covers.offsets);
    expect(again.covers.indices).toEqual(s.covers.indices);
    expect(syntheticCoverage({ demand: 3000, candidates: 400, seed: 22 }).weights).not.toEqual(s.weights);
  });

  it("maxCoverage: same seed, same plan, bound and trace; byte-identical as JSON", () => {
    const a = maxCoverage({ ...input, seed: 5 });
    const b = maxCoverage({ ...input, seed: 5 });
    expect(JSON.stringify(withoutTimings(a))).toBe(JSON.stringify(withoutTimings(b)));
  });

  it("the seed reaches the search: another seed may walk another way, still a valid plan under the same kind of bound", () => {
    const a = maxCoverage({ ...input, seed: 5 });
    const c = maxCoverage({ ...input, seed: 6 });
    expect(c.chosen).toHaveLength(30);
    expect(c.objective).toBeLessThanOrEqual(a.bound);
    expect(a.objective).toBeLessThanOrEqual(c.bound);
  });
});
