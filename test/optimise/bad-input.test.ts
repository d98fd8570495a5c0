import { describe, expect, it } from "vitest";
import type { ProblemCode } from "../../src/errors.js";
import { maxCoverageExact } from "../../src/optimise/exact.js";
import { maxCoverage, type MaxCoverageOptions } from "../../src/optimise/max-coverage.js";
import { setCover } from "../../src/optimise/set-cover.js";
import { syntheticCoverage } from "../../src/optimise/synthetic.js";
import { expectProblem } from "../fixtures/errors.js";

/** Every bad input gets a CellplanError naming the field, the value and what is allowed (acceptance 6). */
const ok: MaxCoverageOptions = { weights: [3, 2, 1], covers: [[0], [1, 2], [2]], k: 1 };


const cases: [string, Partial<MaxCoverageOptions> & Record<string, unknown>, ProblemCode, string | RegExp][] = [
  ["k larger than the candidates", { k: 4 }, "INVALID_VALUE", "k"],
  ["k larger than the candidates left after forbidden", { k: 3, forbidden: [1] }, "INVALID_VALUE", "k"],
  ["k larger than the candidates left after fixed", { k: 3, fixed: [0] }, "INVALID_VALUE", "k"],
  ["k negative", { k: -1 }, "INVALID_VALUE", "k"],
  ["k fractional", { k: 1.5 }, "INVALID_VALUE", "k"],
  ["empty demand", { weights: [], covers: [[]] }, "INVALID_VALUE", "weights"],
  ["weights not an array", { weights: 5 as unknown as number[] }, "WRONG_TYPE", "weights"],
  ["negative weight", { weights: [3, -2, 1] }, "INVALID_VALUE", "weights[1]"],
  ["NaN weight", { weights: [3, Number.NaN, 1] }, "NOT_FINITE", "weights[1]"],
  ["infinite weight", { weights: [Infinity, 2, 1] }, "NOT_FINITE", "weights[0]"],
  ["covers indexing past the demand", { covers: [[0], [1, 3], [2]] }, "INVALID_VALUE", "covers[1][1]"],
  ["covers with a negative index", { covers: [[0], [-1], [2]] }, "INVALID_VALUE", "covers[1][0]"],
  ["covers with a fractional index", { covers: [[0.5], [1], [2]] }, "INVALID_VALUE", "covers[0][0]"],
  ["the same demand point twice for one candidate", { covers: [[0, 0], [1], [2]] }, "INVALID_VALUE", "covers[0][1]"],
  ["no candidates", { covers: [] }, "INVALID_VALUE", "covers"],
  ["a candidate list that is not a list", { covers: [[0], 1 as unknown as number[], [2]] }, "WRONG_TYPE", "covers[1]"],
  ["CSR offsets not ending at indices.length", { covers: { offsets: new Int32Array([0, 1, 5]), indices: new Int32Array([0, 1]) } }, "INVALID_VALUE", "covers.offsets[2]"],
  ["CSR offsets decreasing", { covers: { offsets: new Int32Array([0, 2, 1, 2]), indices: new Int32Array([0, 1]) } }, "INVALID_VALUE", "covers.offsets[2]"],
  ["CSR index outside the demand", { covers: { offsets: new Int32Array([0, 1, 2]), indices: new Int32Array([0, 7]) } }, "INVALID_VALUE", /covers\.indices\[1\]/],
  ["CSR indices not an Int32Array", { covers: { offsets: new Int32Array([0, 1]), indices: [0] as unknown as Int32Array } }, "WRONG_TYPE", "covers.indices"],
  ["fixed outside the candidates", { fixed: [3] }, "INVALID_VALUE", "fixed[0]"],
  ["fixed twice", { fixed: [0, 0] }, "INVALID_VALUE", "fixed[1]"],
  ["forbidden and fixed at once", { fixed: [0], forbidden: [0] }, "INVALID_VALUE", "forbidden[0]"],
  ["costs of the wrong length", { costs: [1, 2] }, "INVALID_VALUE", "costs.length"],
  ["a negative cost", { costs: [1, -2, 0] }, "INVALID_VALUE", "costs[1]"],
  ["a NaN cost", { costs: [1, Number.NaN, 0] }, "NOT_FINITE", "costs[1]"],
  ["nothing coverable (all forbidden)", { forbidden: [0, 1, 2], k: 0 }, "INVALID_VALUE", "covers"],
  ["nothing coverable (all weights 0)", { weights: [0, 0, 0] }, "INVALID_VALUE", "covers"],
  ["nothing coverable (no candidate covers anything)", { covers: [[], [], []] }, "INVALID_VALUE", "covers"],
  ["a time limit of 0", { timeLimitMs: 0 }, "INVALID_VALUE", "timeLimitMs"],
  ["an unknown swap mode", { swap: "all" as "best" }, "INVALID_VALUE", "swap"],
  ["a fractional seed", { seed: 0.5 }, "INVALID_VALUE", "seed"],
  ["negative ILS iterations", { ilsIterations: -1 }, "INVALID_VALUE", "ilsIterations"],
  ["too many demand points for the limit", { limits: { maxDemand: 2 } }, "LIMIT_EXCEEDED", "weights.length"],
  ["too many pairs for the limit", { limits: { maxNonzeros: 3 } }, "LIMIT_EXCEEDED", "covers"],
];

describe("maxCoverage refuses bad input with a clear CellplanError", () => {
  for (const [name, patch, code, field] of cases) {
    it(name, () => {
      expectProblem(() => maxCoverage({ ...ok, ...patch } as MaxCoverageOptions), code, field);
    });
  }

  it("names the demand count in an out-of-range message", () => {
    const e = expectProblem(() => maxCoverage({ ...ok, covers: [[0], [9], [2]] }), "INVALID_VALUE", "covers[1][0]");
    expect(e.message).toContain("[0, 2]");
    expect(e.problems[0]!.value).toBe(9);
  });

  it("says how many candidates are allowed when k is too large", () => {
    const e = expectProblem(() => maxCoverage({ ...ok, k: 3, forbidden: [2] }), "INVALID_VALUE", "k");
    expect(e.problems[0]!.allowed).toMatch(/at most 2/);
  });
});

describe("setCover refuses bad input", () => {
  it("an unreachable target, naming the largest reachable share", () => {
    // demand point 2 (weight 1 of 6) is covered only by a forbidden candidate
    const e = expectProblem(() => setCover({ weights: [3, 2, 1], covers: [[0], [1], [2]], forbidden: [2], targetShare: 0.9 }), "INVALID_VALUE", "targetShare");
    expect(e.problems[0]!.allowed).toContain(String(5 / 6));
  });
  it("a target share outside (0, 1]", () => {
    expectProblem(() => setCover({ ...ok, targetShare: 0 }), "INVALID_VALUE", "targetShare");
    expectProblem(() => setCover({ ...ok, targetShare: 1.5 }), "INVALID_VALUE", "targetShare");
  });
  it("costs (set cover counts sites)", () => {
    expectProblem(() => setCover({ ...ok, targetShare: 0.5, costs: [1, 1, 1] } as never), "INVALID_VALUE", "costs");
  });
});

describe("maxCoverageExact refuses instances over its size limit before loading HiGHS", () => {
  it("LIMIT_EXCEEDED at city scale, pointing to maxCoverage", async () => {
    const s = syntheticCoverage({ demand: 4000, candidates: 800, seed: 3 });
    await expect(maxCoverageExact({ weights: s.weights, covers: s.covers, k: s.k, exactMaxNonzeros: 10_000 })).rejects.toMatchObject({
      code: "LIMIT_EXCEEDED",
      problems: [{ field: "covers", allowed: expect.stringContaining("maxCoverage") }],
    });
  });
  it("a time limit that is not a positive number", async () => {
    await expect(maxCoverageExact({ ...ok, exactTimeLimitMs: -5 })).rejects.toMatchObject({ code: "INVALID_VALUE", problems: [{ field: "exactTimeLimitMs" }] });
  });
});
