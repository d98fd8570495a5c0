import loadHighs, { type Highs } from "highs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { maxCoverageExact, maxCoverageExactWith } from "../../src/optimise/exact.js";
import { lazyGreedy, plainGreedy } from "../../src/optimise/greedy.js";
import { maxCoverage, prepareCoverage } from "../../src/optimise/max-coverage.js";
import { solveCoverageMilp } from "../../src/optimise/milp-model.js";
import { bruteForce, value, type SmallInstance } from "./helpers.js";

/**
 * Random small instances (≤ 12 candidates, ≤ 30 demand points, random fixed / forbidden sites and
 * costs): brute force over every plan confirms the exact mode, the heuristic never beats the
 * optimum, and no bound ever falls below it.
 */
const arbInstance: fc.Arbitrary<SmallInstance> = fc
  .record({ n: fc.integer({ min: 1, max: 30 }), m: fc.integer({ min: 1, max: 12 }) })
  .chain(({ n, m }) =>
    fc.record({
      weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })), { minLength: n, maxLength: n }),
      covers: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: Math.min(n, 10) }), { minLength: m, maxLength: m }),
      status: fc.array(fc.constantFrom(0, 0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
      costs: fc.option(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: m, maxLength: m }), { nil: undefined }),
      kShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  )
  .map(({ weights, covers, status, costs, kShare }) => {
    const fixed = status.flatMap((s, j) => (s === 1 ? [j] : []));
    const forbidden = status.flatMap((s, j) => (s === 2 ? [j] : []));
    const free = covers.length - fixed.length - forbidden.length;
    return { weights, covers, fixed, forbidden, k: Math.floor(kShare * free), ...(costs ? { costs } : {}) };
  })
  // something must be coverable (else a CellplanError, tested with the bad inputs)
  .filter((inst) => {
    const forbidden = new Set(inst.forbidden);
    return inst.covers.some((c, j) => !forbidden.has(j) && c.some((i) => inst.weights[i]! > 0));
  });

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe("maxCoverage on random small instances, against brute force", () => {
  it("objective ≤ brute-force optimum ≤ bound; the plan's value is the objective", () => {
    fc.assert(
      fc.property(arbInstance, (inst) => {
        const opt = bruteForce(inst);
        const r = maxCoverage({ ...inst, ilsIterations: 20, lagrangianIterations: 200 });
        const tol = 1e-9 * Math.max(1, r.totalWeight);
        expect(r.chosen).toHaveLength(inst.k);
        expect(r.chosen.every((j) => !inst.fixed.includes(j) && !inst.forbidden.includes(j))).toBe(true);
        expect(Math.abs(value(inst, r.chosen) - r.objective)).toBeLessThanOrEqual(tol);
        expect(r.objective).toBeLessThanOrEqual(opt + tol);
        expect(r.bound).toBeGreaterThanOrEqual(opt);
        expect(r.bound).toBeGreaterThanOrEqual(r.objective);
        expect(r.gapPct).toBeGreaterThanOrEqual(0);
        if (r.proven) expect(r.objective).toBeGreaterThanOrEqual(opt - tol);
      }),
      { numRuns: 300, seed: 6 },
    );
  });

  it("exact mode (HiGHS) finds the brute-force optimum and proves it", async () => {
    const run = (p: Parameters<typeof solveCoverageMilp>[1], s: Parameters<typeof solveCoverageMilp>[2]) => Promise.resolve(solveCoverageMilp(highs, p, s));
    await fc.assert(
      fc.asyncProperty(arbInstance, async (inst) => {
        const opt = bruteForce(inst);
        const r = await maxCoverageExactWith({ ...inst, ilsIterations: 5, lagrangianIterations: 50 }, run);
        const tol = 1e-7 * Math.max(1, r.totalWeight);
        expect(r.milp.optimal).toBe(true);
        expect(r.boundMethod).toBe("milp");
        expect(r.proven).toBe(true);
        expect(Math.abs(r.objective - opt)).toBeLessThanOrEqual(tol);
        expect(Math.abs(value(inst, r.chosen) - r.objective)).toBeLessThanOrEqual(tol);
        expect(r.bound).toBeGreaterThanOrEqual(opt);
      }),
      { numRuns: 150, seed: 7 },
    );
  });

  it("lazy greedy chooses exactly what plain greedy chooses, with no more gain evaluations", () => {
    fc.assert(
      fc.property(arbInstance, (inst) => {
        const { reduction, k } = prepareCoverage(inst);
        const lazy = lazyGreedy(reduction.problem, k);
        const plain = plainGreedy(reduction.problem, k);
        expect(Array.from(lazy.chosen)).toEqual(Array.from(plain.chosen));
        expect(lazy.score).toBe(plain.score);
        expect(lazy.gainEvaluations).toBeLessThanOrEqual(plain.gainEvaluations + reduction.problem.cols);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it("merging demand points with identical candidate sets changes neither the optimum nor the bound's validity", () => {
    fc.assert(
      fc.property(arbInstance, (inst) => {
        // duplicate every demand point: the merged rows are the same, the weights double
        const n = inst.weights.length;
        const doubled = { ...inst, weights: [...inst.weights, ...inst.weights], covers: inst.covers.map((c) => [...c, ...c.map((i) => i + n)]) };
        const a = prepareCoverage(inst).reduction.stats;
        const b = prepareCoverage(doubled).reduction.stats;
        expect(b.rows).toBe(a.rows);
        expect(b.rowsBeforeMerge).toBe(2 * a.rowsBeforeMerge);
        const r = maxCoverage({ ...doubled, ilsIterations: 20, lagrangianIterations: 200 });
        const opt = bruteForce(doubled);
        expect(r.bound).toBeGreaterThanOrEqual(opt);
        expect(r.objective).toBeLessThanOrEqual(opt + 1e-9 * Math.max(1, r.totalWeight));
      }),
      { numRuns: 100, seed: 9 },
    );
  });
});

describe("maxCoverageExact", () => {
  it("loads HiGHS on first use and proves a small optimum", async () => {
    const inst = { weights: [5, 4, 3, 2, 1], covers: [[0, 1], [1, 2], [2, 3], [3, 4], [0, 4]], k: 2 };
    const r = await maxCoverageExact(inst);
    expect(r.objective).toBe(14); // {0,1} ∪ {2,3} covers 5 + 4 + 3 + 2
    expect(r.boundMethod).toBe("milp");
    expect(r.milp.status).toBe("optimal");
    expect(r.bound).toBeGreaterThanOrEqual(14);
    expect(r.bound - 14).toBeLessThan(1e-6);
  });
});
