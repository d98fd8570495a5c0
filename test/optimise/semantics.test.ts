import { describe, expect, it } from "vitest";
import { maxCoverage } from "../../src/optimise/max-coverage.js";
import { setCover } from "../../src/optimise/set-cover.js";
import { syntheticCoverage } from "../../src/optimise/synthetic.js";
import { bruteForce, value, withoutTimings } from "./helpers.js";

/** What fixed, forbidden, costs and the CSR input mean, on instances small enough to check by hand. */
describe("fixed sites", () => {
  // candidate 0 (fixed) covers points 0 and 1; candidate 1 covers 1 and 2; candidate 2 covers 3
  const inst = { weights: [10, 10, 4, 6], covers: [[0, 1], [1, 2], [3]] };

  it("credits their demand once and does not count them toward k", () => {
    const r = maxCoverage({ ...inst, k: 1, fixed: [0] });
    // candidate 1 adds only point 2 (4): point 1 is already served; candidate 2 adds 6
    expect(r.chosen).toEqual([2]);
    expect(r.fixedWeight).toBe(20);
    expect(r.covered).toBe(26);
    expect(r.objective).toBe(26);
    expect(r.chosen).not.toContain(0);
    expect(r.reduction.fixedCoveredPoints).toBe(2);
  });

  it("without them the same instance chooses differently", () => {
    expect(maxCoverage({ ...inst, k: 1 }).chosen).toEqual([0]);
  });
});

describe("forbidden candidates", () => {
  it("are never chosen, even when they are the best", () => {
    const r = maxCoverage({ weights: [100, 1, 1], covers: [[0], [1], [2]], k: 2, forbidden: [0] });
    expect(r.chosen.sort()).toEqual([1, 2]);
    expect(r.uncoverableWeight).toBe(100);
    expect(r.reduction.uncoverablePoints).toBe(1);
  });
});

describe("costs", () => {
  // candidates 0 and 1 both cover points 0..2; 1 also covers point 3 (weight 5)
  const inst = { weights: [100, 100, 100, 5], covers: [[0, 1, 2], [0, 1, 2, 3], [4 - 4]] };

  it("prefer a co-located (cheaper) candidate unless the other covers more than the difference", () => {
    // candidate 0 is an existing mast (cost 0), candidate 1 a new place (cost 10): 5 more people do not pay for it
    const r = maxCoverage({ ...inst, k: 1, costs: [0, 10, 0] });
    expect(r.chosen).toEqual([0]);
    expect(r.covered).toBe(300);
    expect(r.cost).toBe(0);
    expect(r.objective).toBe(300);
    // with a cost of 3 the 5 extra people win
    const s = maxCoverage({ ...inst, k: 1, costs: [0, 3, 0] });
    expect(s.chosen).toEqual([1]);
    expect(s.covered).toBe(305);
    expect(s.objective).toBe(302);
    expect(s.bound).toBeGreaterThanOrEqual(302);
  });
});

describe("covers as CSR typed arrays", () => {
  it("give the same result as lists", () => {
    const s = syntheticCoverage({ demand: 800, candidates: 120, seed: 4, k: 10 });
    const lists = Array.from({ length: 120 }, (_, j) => Array.from(s.covers.indices.subarray(s.covers.offsets[j], s.covers.offsets[j + 1])));
    const a = maxCoverage({ weights: s.weights, covers: s.covers, k: s.k, ilsIterations: 50 });
    const b = maxCoverage({ weights: Array.from(s.weights), covers: lists, k: s.k, ilsIterations: 50 });
    expect(withoutTimings(a)).toEqual(withoutTimings(b));
    const u = maxCoverage({ weights: s.weights, covers: { offsets: Uint32Array.from(s.covers.offsets), indices: s.covers.indices }, k: s.k, ilsIterations: 50 });
    expect(withoutTimings(u)).toEqual(withoutTimings(a));
  });
});

describe("the result", () => {
  it("lists the chosen sites in build order: each adds the most given the ones before", () => {
    const r = maxCoverage({ weights: [1, 1, 1, 1, 1, 1], covers: [[0], [1, 2, 3], [4, 5], [0, 1]], k: 3 });
    expect(r.chosen).toEqual([1, 2, 0]);
    expect(r.proven).toBe(true);
    expect(r.gapPct).toBeLessThan(1e-6);
  });

  it("merges demand points no free candidate tells apart and reports rows before and after", () => {
    const r = maxCoverage({ weights: [1, 2, 3, 4, 0], covers: [[0, 1, 2], [2, 3, 4]], k: 1 });
    expect(r.reduction).toMatchObject({ demandPoints: 5, rowsBeforeMerge: 4, rows: 3, zeroWeightPoints: 1 });
    expect(r.objective).toBe(7);
  });

  it("covers everything when k is enough, and then proves it", () => {
    const r = maxCoverage({ weights: [1, 2, 3], covers: [[0], [1], [2], [0, 1]], k: 2 });
    expect(r.covered).toBe(6);
    expect(r.proven).toBe(true);
  });

  it("k = 0 leaves only the fixed sites", () => {
    const r = maxCoverage({ weights: [1, 2, 3], covers: [[0], [1], [2]], k: 0, fixed: [1] });
    expect(r.chosen).toEqual([]);
    expect(r.objective).toBe(2);
    expect(r.bound).toBeCloseTo(2, 6);
  });
});

describe("setCover", () => {
  it("finds the fewest sites on a small instance (checked by brute force) and proves it", () => {
    const inst = { weights: [5, 4, 3, 3, 2, 2, 1], covers: [[0, 1], [1, 2, 3], [3, 4], [4, 5, 6], [0, 6], [2, 5]] };
    const total = 20;
    const r = setCover({ ...inst, targetShare: 0.8 });
    expect(r.covered).toBeGreaterThanOrEqual(0.8 * total);
    // brute force: the largest coverage with one site fewer misses the target
    const fewer = bruteForce({ ...inst, k: r.sites - 1, fixed: [], forbidden: [] });
    expect(fewer).toBeLessThan(0.8 * total);
    expect(value({ ...inst, k: r.sites, fixed: [], forbidden: [] }, r.chosen)).toBe(r.covered);
    expect(r.proven).toBe(true);
    expect(r.lowerBound).toBe(r.sites);
  });

  it("counts fixed sites toward the target but not in `sites`", () => {
    const r = setCover({ weights: [5, 5, 5, 5], covers: [[0, 1], [2], [3]], fixed: [0], targetShare: 0.75 });
    expect(r.sites).toBe(1);
    expect(r.share).toBe(0.75);
    expect(setCover({ weights: [5, 5, 5, 5], covers: [[0, 1], [2], [3]], fixed: [0], targetShare: 0.5 }).sites).toBe(0);
  });

  it("reaches a share of a generated instance with a lower bound no larger than its count", () => {
    const s = syntheticCoverage({ demand: 3000, candidates: 400, seed: 12 });
    const r = setCover({ weights: s.weights, covers: s.covers, targetShare: 0.6, ilsIterations: 200 });
    expect(r.share).toBeGreaterThanOrEqual(0.6);
    expect(r.lowerBound).toBeLessThanOrEqual(r.sites);
    expect(r.lowerBound).toBeGreaterThanOrEqual(1);
    // consistent with the search: with lowerBound − 1 sites it stays below the target
    const below = maxCoverage({ weights: s.weights, covers: s.covers, k: r.lowerBound - 1, ilsIterations: 200 });
    expect(below.covered).toBeLessThan(0.6 * below.totalWeight);
    console.info(`setCover 3000/400 to 60 %: ${r.sites} sites, lower bound ${r.lowerBound}`);
  });
});

describe("timeLimitMs", () => {
  it("stops the search early but still returns k sites and a valid bound, saying why it stopped", () => {
    const s = syntheticCoverage({ demand: 3000, candidates: 400, seed: 30 });
    const r = maxCoverage({ weights: s.weights, covers: s.covers, k: 40, timeLimitMs: 1 });
    expect(r.stats.stopped).toBe("time");
    expect(r.chosen).toHaveLength(40);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    const full = maxCoverage({ weights: s.weights, covers: s.covers, k: 40, ilsIterations: 100 });
    expect(r.bound).toBeGreaterThanOrEqual(full.objective);
  });
});
