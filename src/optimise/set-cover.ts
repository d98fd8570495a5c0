import { fail } from "../errors.js";
import { lazyGreedy } from "./greedy.js";
import { LagrangianDual } from "./lagrangian.js";
import { coveredWeight, prepareCoverage, solveSettings, type PreparedCoverage, type SearchOptions } from "./max-coverage.js";
import type { CoverageInput } from "./instance.js";
import type { ReductionStats } from "./reduce.js";
import type { CandidateSelection } from "./selection.js";
import { buildOrder, solveReduced, type TraceEntry } from "./solve.js";

export interface SetCoverOptions extends CoverageInput, SearchOptions {
  /** Share of the total weight (fixed sites' coverage included) the plan must cover, in (0, 1]. */
  targetShare: number;
  /** Sites already built: their coverage counts toward the target, and they are not counted in `sites`. */
  fixed?: ArrayLike<number>;
  forbidden?: ArrayLike<number>;
  /** Candidates never chosen together (see `maxCoverage`). */
  conflicts?: CandidateSelection["conflicts"];
}

export interface SetCoverResult {
  /** Always true: an unreachable target throws instead. */
  feasible: true;
  /** The chosen candidates in build order. */
  chosen: number[];
  /** Number of new sites (`chosen.length`). */
  sites: number;
  /** Weight covered by fixed and chosen sites, and its share of the total. */
  covered: number;
  share: number;
  targetShare: number;
  fixedWeight: number;
  totalWeight: number;
  /** No plan with fewer new sites than this reaches the target (proven by the Lagrangian bound). */
  lowerBound: number;
  /** `sites === lowerBound`: the fewest possible. */
  proven: boolean;
  reduction: ReductionStats;
  trace: TraceEntry[];
}

/**
 * Fewest new sites covering at least `targetShare` of the total weight (a partial set cover).
 * Lazy greedy adds sites until the target is met; then, for one site fewer at a time, the
 * max-coverage search (greedy, swaps, ILS, Lagrangian) looks for a plan that still meets it, and
 * its Lagrangian bound can prove that none exists. `lowerBound` is one more than the largest site
 * count proven too few (a bisection of Lagrangian bounds when the descent did not prove it).
 *
 * A target above what all allowed candidates and fixed sites cover together throws
 * `INVALID_VALUE` (field `targetShare`) naming the largest reachable share. `costs` are not used
 * here (every site counts as one).
 *
 * With `conflicts`, greedy adds sites apart from the ones it chose; if it runs out of candidates
 * before the target, the call throws `INVALID_VALUE` (field `targetShare`) with the share it
 * reached: with conflicts the largest reachable share is not computed exactly, so a target a
 * little above that may still be reachable by another choice. `lowerBound` comes from the bound
 * without the conflicts, which stays valid.
 */
export function setCover(options: SetCoverOptions): SetCoverResult {
  const start = globalThis.performance.now();
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "(options)", options, "{ weights, covers, targetShare, … }");
  if ((options as { costs?: unknown }).costs !== undefined) fail("INVALID_VALUE", "costs", "given", "no costs in setCover: it counts sites (use maxCoverage for costs)");
  const { targetShare } = options;
  if (!(typeof targetShare === "number" && targetShare > 0 && targetShare <= 1)) fail("INVALID_VALUE", "targetShare", targetShare, "a share in (0, 1]");
  const prepared = prepareCoverage({ ...options, k: 0 });
  const { reduction } = prepared;
  const p = reduction.problem;
  const total = reduction.totalWeight;
  const target = targetShare * total;
  // tolerance for a target that equals a sum of weights up to rounding
  const tol = 1e-12 * Math.max(1, total);
  const reachable = total - reduction.uncoverableWeight;
  if (target > reachable + tol) {
    fail("INVALID_VALUE", "targetShare", targetShare, `at most ${reachable / total} (the share covered when every allowed candidate is built, fixed sites included)`);
  }
  const goal = target - reduction.fixedWeight - tol; // on the reduced problem
  const trace: TraceEntry[] = [];
  if (goal <= 0) return finish(prepared, new Int32Array(0), 0, targetShare, trace);

  const greedy = lazyGreedy(p, p.cols, goal);
  if (p.conflicts && greedy.score < goal) {
    const share = (greedy.score + reduction.fixedWeight) / total;
    fail(
      "INVALID_VALUE",
      "targetShare",
      targetShare,
      `a share reachable with these conflicts: greedy placed ${greedy.chosen.length} sites apart, covering ${share}, and then had no candidate left (the largest share reachable with conflicts is not computed exactly)`,
    );
  }
  let best = greedy.chosen;
  trace.push({ phase: "greedy", objective: greedy.score + reduction.fixedWeight, bound: Infinity, work: greedy.gainEvaluations, ms: globalThis.performance.now() - start });
  let lowerBound = 1;
  for (let k = best.length - 1; k >= 1; k--) {
    const settings = { ...solveSettings(options, { ...prepared, k }, start), goal, feasible: best };
    const sol = solveReduced(p, settings);
    trace.push(...sol.trace);
    if (sol.score >= goal) {
      best = sol.cols;
      continue;
    }
    if (sol.bound < goal) lowerBound = k + 1;
    else lowerBound = bisectLowerBound(prepared, k, goal, settings);
    break;
  }
  return finish(prepared, best, lowerBound, targetShare, trace);
}

/** One more than the largest k ≤ hi whose Lagrangian bound proves k sites too few (1 if none). */
function bisectLowerBound(prepared: PreparedCoverage, hi: number, goal: number, o: ReturnType<typeof solveSettings>): number {
  const p = prepared.reduction.problem;
  let lo = 0; // 0 sites cover nothing: too few, since goal > 0
  let top = hi + 1; // not proven too few
  while (top - lo > 1) {
    const k = (lo + top) >> 1;
    const dual = new LagrangianDual(p, k, o.lagrangianTheta, o.lagrangianPatience, o.lagrangianMinTheta, o.lagrangianDeflection);
    dual.run(o.lagrangianIterations, () => 0, () => dual.best < goal, () => undefined);
    if (dual.best < goal) lo = k;
    else top = k;
  }
  return lo + 1;
}

function finish(prepared: PreparedCoverage, cols: Int32Array, lowerBound: number, targetShare: number, trace: TraceEntry[]): SetCoverResult {
  const { instance, selection, reduction } = prepared;
  const ordered = buildOrder(reduction.problem, cols);
  const chosen = Array.from(ordered, (c) => reduction.candidateOf[c]!);
  const covered = coveredWeight(instance, selection.fixed, chosen);
  const lb = Math.min(lowerBound, chosen.length);
  return {
    feasible: true,
    chosen,
    sites: chosen.length,
    covered,
    share: reduction.totalWeight > 0 ? covered / reduction.totalWeight : 0,
    targetShare,
    fixedWeight: reduction.fixedWeight,
    totalWeight: reduction.totalWeight,
    lowerBound: lb,
    proven: lb === chosen.length,
    reduction: reduction.stats,
    trace,
  };
}
