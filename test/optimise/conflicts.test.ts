import loadHighs, { type Highs } from "highs";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { checkConflicts, placeApart } from "../../src/optimise/conflicts.js";
import { maxCoverageExactWith } from "../../src/optimise/exact.js";
import { lazyGreedy, plainGreedy } from "../../src/optimise/greedy.js";
import { maxCoverage, prepareCoverage, type MaxCoverageOptions } from "../../src/optimise/max-coverage.js";
import { solveCoverageMilp } from "../../src/optimise/milp-model.js";
import { setCover } from "../../src/optimise/set-cover.js";
import { syntheticCoverage } from "../../src/optimise/synthetic.js";
import { value, withoutTimings, type SmallInstance } from "./helpers.js";
import { cellplanErrorOf as caught } from "../fixtures/errors.js";

/**
 * `conflicts` (candidates never chosen together, e.g. closer than a minimum distance): every plan
 * is free of them, brute force over the plans without conflicts confirms the heuristic (never
 * above the optimum), the exact mode (equal to it) and the bound (the Lagrangian bound ignores
 * the conflicts, so it stays ≥ the optimum), an impossible k throws, and results are reproducible.
 */
type ConflictInstance = SmallInstance & { conflicts: number[][] };

const arbInstance: fc.Arbitrary<ConflictInstance> = fc
  .record({ n: fc.integer({ min: 1, max: 25 }), m: fc.integer({ min: 2, max: 12 }) })
  .chain(({ n, m }) =>
    fc.record({
      weights: fc.array(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1000, noNaN: true })), { minLength: n, maxLength: n }),
      covers: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: Math.min(n, 8) }), { minLength: m, maxLength: m }),
      status: fc.array(fc.constantFrom(0, 0, 0, 0, 0, 1, 2), { minLength: m, maxLength: m }),
      costs: fc.option(fc.array(fc.integer({ min: 0, max: 300 }), { minLength: m, maxLength: m }), { nil: undefined }),
      // pairs (a, b), a ≠ b, listed in one direction only: the solver must read them both ways
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: m - 1 }), fc.integer({ min: 0, max: m - 1 })), { maxLength: 2 * m }),
      kShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  )
  .map(({ weights, covers, status, costs, pairs, kShare }) => {
    const m = covers.length;
    const fixed = status.flatMap((s, j) => (s === 1 ? [j] : []));
    const forbidden = status.flatMap((s, j) => (s === 2 ? [j] : []));
    const conflicts: number[][] = Array.from({ length: m }, () => []);
    for (const [a, b] of pairs) if (a !== b) conflicts[a]!.push(b);
    const inst = { weights, covers, fixed, forbidden, conflicts, k: 0, ...(costs ? { costs } : {}) };
    return { ...inst, k: Math.floor(kShare * usable(inst).length) };
  })
  // something must be coverable by a usable or fixed candidate (else a CellplanError on covers)
  .filter((inst) => {
    const open = new Set([...usable(inst), ...inst.fixed]);
    return inst.covers.some((c, j) => open.has(j) && c.some((i) => inst.weights[i]! > 0));
  });

/** The free candidates a plan may use: neither fixed nor forbidden nor in conflict with a fixed site. */
function usable(inst: ConflictInstance): number[] {
  const m = inst.covers.length;
  const clash = (a: number, b: number) => inst.conflicts[a]!.includes(b) || inst.conflicts[b]!.includes(a);
  return [...Array(m).keys()].filter((j) => !inst.fixed.includes(j) && !inst.forbidden.includes(j) && !inst.fixed.some((f) => clash(f, j)));
}

/** Whether a plan keeps every conflict: no two chosen candidates, and no chosen and fixed one, conflict. */
function apart(inst: ConflictInstance, chosen: readonly number[]): boolean {
  const clash = (a: number, b: number) => inst.conflicts[a]!.includes(b) || inst.conflicts[b]!.includes(a);
  for (let s = 0; s < chosen.length; s++) {
    if (inst.fixed.some((f) => clash(f, chosen[s]!))) return false;
    for (let t = s + 1; t < chosen.length; t++) if (clash(chosen[s]!, chosen[t]!)) return false;
  }
  return true;
}

/** Best covered − cost over every plan of k usable candidates without conflicts (−Infinity: none), and the most sites that fit apart. */
function bruteForce(inst: ConflictInstance): { opt: number; most: number } {
  const free = usable(inst);
  let opt = -Infinity;
  let most = 0;
  const pick: number[] = [];
  const visit = (from: number) => {
    most = Math.max(most, pick.length);
    if (pick.length === inst.k) opt = Math.max(opt, value(inst, pick));
    for (let t = from; t < free.length; t++) {
      pick.push(free[t]!);
      if (apart(inst, pick)) visit(t + 1);
      pick.pop();
    }
  };
  visit(0);
  return { opt, most };
}


let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe("maxCoverage with conflicts, against brute force", () => {
  it("the plan is free of conflicts, objective ≤ optimum ≤ bound; an impossible k throws with the number that fits", () => {
    let infeasible = 0;
    fc.assert(
      fc.property(arbInstance, (inst) => {
        const { opt, most } = bruteForce(inst);
        if (opt === -Infinity) {
          infeasible++;
          const e = caught(() => maxCoverage({ ...inst, ilsIterations: 20, lagrangianIterations: 200 }));
          expect(e.code).toBe("INVALID_VALUE");
          expect(e.problems[0]!.field).toBe("k");
          expect(e.problems[0]!.value).toBe(inst.k);
          // small instances are searched exhaustively: the stated number is the most that fit
          expect(e.problems[0]!.allowed).toContain(`at most ${most} new sites`);
          return;
        }
        const r = maxCoverage({ ...inst, ilsIterations: 20, lagrangianIterations: 200 });
        const tol = 1e-9 * Math.max(1, r.totalWeight);
        expect(r.chosen).toHaveLength(inst.k);
        expect(new Set(r.chosen).size).toBe(inst.k);
        expect(r.chosen.every((j) => usable(inst).includes(j))).toBe(true);
        expect(apart(inst, r.chosen)).toBe(true);
        expect(Math.abs(value(inst, r.chosen) - r.objective)).toBeLessThanOrEqual(tol);
        expect(r.objective).toBeLessThanOrEqual(opt + tol);
        expect(r.bound).toBeGreaterThanOrEqual(opt);
        expect(r.gapPct).toBeGreaterThanOrEqual(0);
        if (r.proven) expect(r.objective).toBeGreaterThanOrEqual(opt - tol);
      }),
      { numRuns: 400, seed: 61 },
    );
    expect(infeasible).toBeGreaterThan(2); // the generator does reach impossible k
  });

  it("exact mode (HiGHS, one row per conflicting pair) finds the brute-force optimum with conflicts", async () => {
    const run = (p: Parameters<typeof solveCoverageMilp>[1], s: Parameters<typeof solveCoverageMilp>[2]) => Promise.resolve(solveCoverageMilp(highs, p, s));
    await fc.assert(
      fc.asyncProperty(
        arbInstance.filter((inst) => bruteForce(inst).opt > -Infinity),
        async (inst) => {
          const { opt } = bruteForce(inst);
          const r = await maxCoverageExactWith({ ...inst, ilsIterations: 5, lagrangianIterations: 50 }, run);
          const tol = 1e-7 * Math.max(1, r.totalWeight);
          expect(r.milp.optimal).toBe(true);
          expect(r.proven).toBe(true);
          expect(apart(inst, r.chosen)).toBe(true);
          expect(Math.abs(r.objective - opt)).toBeLessThanOrEqual(tol);
          expect(r.bound).toBeGreaterThanOrEqual(opt - tol);
        },
      ),
      { numRuns: 150, seed: 62 },
    );
  });

  it("lazy greedy still chooses what plain greedy chooses, skipping conflicting columns", () => {
    fc.assert(
      fc.property(arbInstance, (inst) => {
        const { reduction, k } = prepareCoverage(inst);
        const lazy = lazyGreedy(reduction.problem, k);
        const plain = plainGreedy(reduction.problem, k);
        expect(Array.from(lazy.chosen)).toEqual(Array.from(plain.chosen));
        expect(lazy.score).toBe(plain.score);
        const chosen = Array.from(lazy.chosen, (c) => reduction.candidateOf[c]!);
        expect(apart(inst, chosen)).toBe(true);
      }),
      { numRuns: 300, seed: 63 },
    );
  });

  it("placeApart finds k columns apart whenever brute force does", () => {
    fc.assert(
      fc.property(arbInstance, (inst) => {
        const { reduction } = prepareCoverage({ ...inst, k: 0 });
        const p = reduction.problem;
        const { most } = bruteForce(inst);
        const r = placeApart(p.conflicts!, p.cols, p.cols);
        expect(r.proven).toBe(true);
        expect(r.cols.length).toBe(most);
        expect(apart(inst, Array.from(r.cols, (c) => reduction.candidateOf[c]!))).toBe(true);
      }),
      { numRuns: 300, seed: 64 },
    );
  });
});

describe("conflicts: reading and meaning", () => {
  const base: MaxCoverageOptions = { weights: [10, 9, 8, 1], covers: [[0], [1], [2], [3]], k: 2 };

  it("keeps conflicting candidates apart and reads one direction as both", () => {
    expect(maxCoverage(base).chosen).toEqual([0, 1]);
    const one = maxCoverage({ ...base, conflicts: [[1], [], [], []] });
    const both = maxCoverage({ ...base, conflicts: [[1], [0], [], []] });
    expect(one.chosen).toEqual([0, 2]);
    expect(withoutTimings(both)).toEqual(withoutTimings(one));
    expect(one.reduction.conflictPairs).toBe(1);
    // the bound is that of the problem without the conflict (10 + 9), still ≥ the optimum 18
    expect(one.bound).toBeGreaterThanOrEqual(19);
    expect(one.proven).toBe(false);
  });

  it("a free candidate in conflict with a fixed site is never chosen", () => {
    const r = maxCoverage({ ...base, k: 1, fixed: [3], conflicts: [[3], [], [], []] });
    expect(r.chosen).toEqual([1]);
    expect(r.reduction.blockedCandidates).toBe(1);
    expect(r.reduction.freeCandidates).toBe(2);
    // blocked candidates leave fewer to choose from: k = 3 is more than the 2 left
    const e = caught(() => maxCoverage({ ...base, k: 3, fixed: [3], conflicts: [[3], [], [], []] }));
    expect([e.problems[0]!.field, e.problems[0]!.allowed]).toEqual(["k", expect.stringContaining("1 in conflict with a fixed site")]);
  });

  it("accepts CSR conflicts (Int32Array or Uint32Array offsets) like lists", () => {
    const lists = maxCoverage({ ...base, conflicts: [[1, 2], [0], [0], []] });
    const csr = maxCoverage({ ...base, conflicts: { offsets: new Uint32Array([0, 2, 3, 4, 4]), indices: new Int32Array([1, 2, 0, 0]) } });
    expect(withoutTimings(csr)).toEqual(withoutTimings(lists));
    expect(lists.chosen).toEqual([1, 2]);
  });

  it("empty conflicts change nothing", () => {
    const s = syntheticCoverage({ demand: 2000, candidates: 200, seed: 3 });
    const input = { weights: s.weights, covers: s.covers, k: 20, ilsIterations: 200 };
    const none = maxCoverage(input);
    const empty = maxCoverage({ ...input, conflicts: Array.from({ length: 200 }, () => []) });
    expect(empty.chosen).toEqual(none.chosen);
    expect(empty.objective).toBe(none.objective);
    expect(empty.bound).toBe(none.bound);
  });

  it("symmetrises and deduplicates", () => {
    const c = checkConflicts([[2, 1, 2], [], [0]], 3);
    expect(Array.from(c.offsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(c.indices)).toEqual([1, 2, 0, 0]);
  });

  it("refuses bad conflicts with a CellplanError naming the field", () => {
    const bad: [unknown, string, string][] = [
      [[[1], [], []], "INVALID_VALUE", "conflicts.length"],
      [[[4], [], [], []], "INVALID_VALUE", "conflicts[0][0]"],
      [[[], [1], [], []], "INVALID_VALUE", "conflicts[1][0]"],
      [[[0.5], [], [], []], "INVALID_VALUE", "conflicts[0][0]"],
      [[[], "x", [], []], "WRONG_TYPE", "conflicts[1]"],
      ["pairs", "WRONG_TYPE", "conflicts"],
      [{ offsets: new Int32Array([0, 1]), indices: new Int32Array([1]) }, "INVALID_VALUE", "conflicts.offsets.length"],
      [{ offsets: new Int32Array([0, 1, 1, 1, 2]), indices: new Int32Array([1]) }, "INVALID_VALUE", "conflicts.offsets[4]"],
      [{ offsets: new Int32Array([0, 1, 0, 1, 1]), indices: new Int32Array([1]) }, "INVALID_VALUE", "conflicts.offsets[2]"],
      [{ offsets: new Int32Array([0, 1, 1, 1, 1]), indices: new Int32Array([0]) }, "INVALID_VALUE", "conflicts.indices[0] (candidate 0)"],
      [{ offsets: new Int32Array([0, 1, 1, 1, 1]), indices: [1] }, "WRONG_TYPE", "conflicts"],
    ];
    for (const [conflicts, code, field] of bad) {
      const e = caught(() => maxCoverage({ ...base, conflicts: conflicts as never }));
      expect([e.code, e.problems[0]!.field]).toEqual([code, field]);
      expect(e.problems[0]!.allowed.length).toBeGreaterThan(0);
    }
  });

  it("k that does not fit apart throws INVALID_VALUE on k, saying how many fit — never a shorter plan", () => {
    // a path 0 – 1 – 2 – 3: at most 2 apart
    const e = caught(() => maxCoverage({ ...base, k: 3, conflicts: [[1], [2], [3], []] }));
    expect([e.code, e.problems[0]!.field, e.problems[0]!.value]).toEqual(["INVALID_VALUE", "k", 3]);
    expect(e.problems[0]!.allowed).toMatch(/at most 2 new sites.*proven/);
    // a star: greedy by coverage takes the heavy centre and runs out of room; the leaves fit apart
    const star = maxCoverage({ weights: [1, 5, 1, 1], covers: [[0], [1], [2], [3]], k: 3, conflicts: [[1], [0, 2, 3], [1], [1]] });
    expect(star.chosen.sort()).toEqual([0, 2, 3]);
  });

  it("greedy running out of room hands over to placeApart, and the search still improves the plan", () => {
    // 6 candidates on a path; greedy by coverage takes 1 and 4, which block every other one; the
    // plans of 3 apart are {0, 2, 4}, {0, 2, 5}, {0, 3, 5} and {1, 3, 5}: the best cover 11
    const r = maxCoverage({ weights: [1, 9, 1, 1, 9, 1], covers: [[0], [1], [2], [3], [4], [5]], k: 3, conflicts: [[1], [2], [3], [4], [5], []] });
    expect(r.chosen).toHaveLength(3);
    expect([[0, 2, 4], [1, 3, 5]]).toContainEqual(r.chosen.slice().sort());
    expect(r.objective).toBe(11);
  });
});

describe("conflicts at a larger scale", () => {
  // a minimum distance of 2 km between the synthetic instance's candidates (coordinates in km): it binds
  const s = syntheticCoverage({ demand: 2500, candidates: 250, seed: 17 });
  const m = 250;
  const lists: number[][] = Array.from({ length: m }, () => []);
  for (let a = 0; a < m; a++) {
    for (let b = a + 1; b < m; b++) {
      const d = Math.hypot(s.candidateXY[2 * a]! - s.candidateXY[2 * b]!, s.candidateXY[2 * a + 1]! - s.candidateXY[2 * b + 1]!);
      if (d < 2) lists[a]!.push(b);
    }
  }
  const input = { weights: s.weights, covers: s.covers, k: 20, conflicts: lists, ilsIterations: 300 };
  const clash = (a: number, b: number) => lists[Math.min(a, b)]!.includes(Math.max(a, b));

  it("a plan of k sites at least 2 km apart, reproducible, within 1 % of the exact optimum, under a valid bound", async () => {
    const a = maxCoverage({ ...input, seed: 4 });
    const b = maxCoverage({ ...input, seed: 4 });
    expect(JSON.stringify(withoutTimings(a))).toBe(JSON.stringify(withoutTimings(b)));
    expect(a.chosen).toHaveLength(20);
    for (let u = 0; u < 20; u++) for (let v = u + 1; v < 20; v++) expect(clash(a.chosen[u]!, a.chosen[v]!)).toBe(false);
    const free = maxCoverage({ weights: s.weights, covers: s.covers, k: 20, ilsIterations: 300, seed: 4 });
    // the bound without the conflicts bounds the plan with them
    expect(a.objective).toBeLessThanOrEqual(free.bound);
    const run = (p: Parameters<typeof solveCoverageMilp>[1], st: Parameters<typeof solveCoverageMilp>[2]) => Promise.resolve(solveCoverageMilp(highs, p, st));
    const exact = await maxCoverageExactWith({ ...input, seed: 4, exactMaxNonzeros: 1_000_000, exactTimeLimitMs: 120_000 }, run);
    console.info(
      `conflicts at 2 km: ${a.reduction.conflictPairs} pairs; heuristic ${a.objective.toFixed(1)}, exact ${exact.objective.toFixed(1)} (${exact.milp.status}), Lagrangian bound ${a.bound.toFixed(1)} (gap ${a.gapPct.toFixed(2)} %), without conflicts ${free.objective.toFixed(1)}`,
    );
    expect(a.bound).toBeGreaterThanOrEqual(exact.objective);
    expect(a.objective).toBeLessThanOrEqual(exact.objective + 1e-6 * a.totalWeight);
    expect(exact.milp.optimal).toBe(true);
    expect(a.objective).toBeGreaterThanOrEqual(0.99 * exact.objective);
    // the conflicts bind: without them the plan covers more, and the bound ignoring them is looser
    expect(free.objective).toBeGreaterThan(exact.objective);
  }, 180_000);

  it("setCover keeps the sites apart too", () => {
    const r = setCover({ weights: s.weights, covers: s.covers, targetShare: 0.6, conflicts: lists, ilsIterations: 50, lagrangianIterations: 200 });
    expect(r.share).toBeGreaterThanOrEqual(0.6);
    for (let u = 0; u < r.sites; u++) for (let v = u + 1; v < r.sites; v++) expect(clash(r.chosen[u]!, r.chosen[v]!)).toBe(false);
    expect(r.lowerBound).toBeLessThanOrEqual(r.sites);
    const e = caught(() => setCover({ weights: [1, 1], covers: [[0], [1]], targetShare: 1, conflicts: [[1], [0]] }));
    expect([e.code, e.problems[0]!.field]).toEqual(["INVALID_VALUE", "targetShare"]);
    expect(e.problems[0]!.allowed).toContain("greedy placed 1 sites apart, covering 0.5");
  });
});
