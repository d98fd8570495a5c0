import { fail } from "../errors.js";
import { mulberry32 } from "../math.js";
import { placeApart } from "./conflicts.js";
import { lazyGreedy, type GreedyResult } from "./greedy.js";
import { iteratedLocalSearch } from "./ils.js";
import { LagrangianDual } from "./lagrangian.js";
import { freeArgmax, swapLocalSearch, swapScratch } from "./local-search.js";
import type { SolverInstance } from "./reduce.js";
import { SearchState } from "./search-state.js";

/** One step of a solve, for the result's `trace`. Scores and bounds include the fixed sites' weight. */
export interface TraceEntry {
  phase: "reduce" | "greedy" | "swap" | "lagrangian" | "ils" | "milp";
  /** Best plan's objective after this step. */
  objective: number;
  /** Best bound after this step (Infinity before the first bound). */
  bound: number;
  /** Gain evaluations, swaps, ILS or subgradient iterations of this step. */
  work: number;
  /** Wall-clock milliseconds of this step: the one field that is not reproducible. */
  ms: number;
}

export interface SolveSettings {
  k: number;
  seed: number;
  swap: "best" | "first";
  ilsIterations: number;
  ilsKickMax: number;
  ilsStretch: number;
  ilsAcceptWorse: number;
  lagrangianIterations: number;
  lagrangianTheta: number;
  lagrangianPatience: number;
  lagrangianMinTheta: number;
  lagrangianDeflection: number;
  gapTolerancePct: number;
  /** performance.now() value after which the search stops (Infinity: no limit). */
  deadline: number;
  /** Added to every score and bound in the trace (the fixed sites' weight). */
  offset: number;
  /**
   * Set cover: stop as soon as a plan scores at least this, or the bound proves no plan can
   * (reduced units, without the offset).
   */
  goal?: number;
  /**
   * With conflicts: a plan of at least k columns free of conflicts, whose first k columns start
   * the search if greedy cannot place k apart (set cover passes its previous plan).
   */
  feasible?: Int32Array;
}

export interface SolveStats {
  gainEvaluations: number;
  swapMoves: number;
  ilsIterations: number;
  ilsImprovements: number;
  lagrangianIterations: number;
  /** Better plans the Lagrangian relaxation itself proposed. */
  lagrangianPlans: number;
  /** Why the search ended: all iterations done, the gap closed to the tolerance, or the time limit. */
  /** `"goal"`: the set-cover goal was reached or proven out of reach. */
  stopped: "iterations" | "gap" | "time" | "goal";
}

export interface ReducedSolution {
  /** Chosen columns, increasing. */
  cols: Int32Array;
  score: number;
  /** Best Lagrangian bound on the reduced problem (before the floating-point allowance). */
  bound: number;
  trace: TraceEntry[];
  stats: SolveStats;
}

const now = (): number => globalThis.performance.now();

/**
 * The default pipeline on a reduced instance: lazy greedy, 1-swap local search, a first
 * Lagrangian pass (whose relaxed plans may replace the incumbent, re-optimised by local search),
 * iterated local search, and a second Lagrangian pass with the better target. Stops early when
 * the gap closes to `gapTolerancePct` (or to zero) or at the deadline; greedy always completes,
 * so there is always a plan of exactly k columns.
 *
 * With conflicts (`p.conflicts`) every plan the search holds is free of them: greedy skips
 * columns in conflict with its choices (and `placeApart` takes over when it runs out of room;
 * `INVALID_VALUE` on `k` when no k columns apart are found), swaps keep the plan apart, and a
 * Lagrangian plan is repaired before use (its columns in order, skipping those in conflict with
 * the ones kept, then the best free columns by gain − cost). The Lagrangian bound relaxes the
 * conflicts too: it remains an upper bound, possibly a looser one.
 */
export function solveReduced(p: SolverInstance, o: SolveSettings): ReducedSolution {
  const trace: TraceEntry[] = [];
  const k = o.k;
  let t = now();
  const mark = (phase: TraceEntry["phase"], work: number) => {
    const t2 = now();
    trace.push({ phase, objective: bestScore + o.offset, bound: dual ? dual.best + o.offset : Infinity, work, ms: t2 - t });
    t = t2;
  };
  const state = new SearchState(p, k);
  const greedy = lazyGreedy(p, k);
  state.reset(greedy.chosen.length === k ? greedy.chosen : placedApart(p, k, greedy, o.feasible));
  let bestScore = state.score();
  let dual: LagrangianDual | null = null;
  mark("greedy", greedy.gainEvaluations);
  const stats: SolveStats = {
    gainEvaluations: greedy.gainEvaluations,
    swapMoves: 0,
    ilsIterations: 0,
    ilsImprovements: 0,
    lagrangianIterations: 0,
    lagrangianPlans: 0,
    stopped: "iterations",
  };
  let timedOut = false;
  const timeUp = () => timedOut || (timedOut = now() > o.deadline);
  const closed = () => {
    if (!dual) return false;
    const slack = Math.max(state.eps, (o.gapTolerancePct / 100) * Math.abs(dual.best));
    return dual.best - bestScore <= slack;
  };
  const goal = o.goal;
  const decided = () => goal !== undefined && (bestScore >= goal || (dual !== null && dual.best < goal));
  const stop = () => timeUp() || closed() || decided();
  const scratch = swapScratch(p.cols);

  stats.swapMoves += swapLocalSearch(state, o.swap, scratch, timeUp);
  state.resync();
  bestScore = state.score();
  let best = state.sortedChoice();
  mark("swap", stats.swapMoves);

  dual = new LagrangianDual(p, k, o.lagrangianTheta, o.lagrangianPatience, o.lagrangianMinTheta, o.lagrangianDeflection);
  let plan: Int32Array | null = null;
  let planScore = -Infinity;
  const target = () => Math.max(bestScore, planScore);
  const onPlan = (cols: Int32Array, score: number) => {
    if (score > target() + state.eps) {
      plan = cols.slice();
      planScore = score;
    }
  };
  const adoptPlan = () => {
    if (!plan) return;
    stats.lagrangianPlans++;
    if (p.conflicts) repairPlan(state, plan, k);
    else state.reset(plan);
    if (state.size === k) {
      stats.swapMoves += swapLocalSearch(state, o.swap, scratch, timeUp);
      state.resync();
    }
    if (state.size === k && state.score() > bestScore) {
      bestScore = state.score();
      best = state.sortedChoice();
    } else state.reset(best);
    plan = null;
    planScore = -Infinity;
  };
  const firstPass = Math.ceil(o.lagrangianIterations / 2);
  dual.run(firstPass, target, stop, onPlan);
  adoptPlan();
  mark("lagrangian", dual.iterations);

  if (o.ilsIterations > 0 && !stop()) {
    state.reset(best);
    const rand = mulberry32(o.seed);
    const onBest = (score: number) => {
      bestScore = Math.max(bestScore, score);
    };
    const ils = iteratedLocalSearch(state, scratch, {
      iterations: o.ilsIterations,
      kickMax: o.ilsKickMax,
      stretch: o.ilsStretch,
      acceptWorse: o.ilsAcceptWorse,
      mode: o.swap,
      rand,
      stop,
      onBest,
    });
    stats.ilsIterations = ils.iterations;
    stats.ilsImprovements = ils.improvements;
    stats.swapMoves += ils.swapMoves;
    stats.swapMoves += swapLocalSearch(state, o.swap, scratch, timeUp);
    state.resync();
    // the search ends at its best set, which starts from (and never scores below) `best`
    bestScore = state.score();
    best = state.sortedChoice();
    mark("ils", ils.iterations);
  }

  const before = dual.iterations;
  const rest = o.lagrangianIterations - before;
  if (rest > 0 && !stop()) {
    dual.theta = Math.max(dual.theta, o.lagrangianTheta / 4);
    dual.run(rest, target, stop, onPlan);
    adoptPlan();
    mark("lagrangian", dual.iterations - before);
  }
  stats.lagrangianIterations = dual.iterations;
  stats.stopped = decided() ? "goal" : closed() ? "gap" : timedOut ? "time" : "iterations";
  return { cols: best, score: bestScore, bound: dual.best, trace, stats };
}

/**
 * A start of k columns apart when greedy (by coverage) stopped short: `placeApart`'s when it finds
 * k, else the first k of `feasible`, else `INVALID_VALUE` on `k` saying how many could be placed.
 */
function placedApart(p: SolverInstance, k: number, greedy: GreedyResult, feasible: Int32Array | undefined): Int32Array {
  const apart = placeApart(p.conflicts!, p.cols, k);
  if (apart.cols.length === k) return apart.cols;
  if (feasible && feasible.length >= k) return feasible.slice(0, k);
  const most = Math.max(apart.cols.length, greedy.chosen.length);
  const how = apart.proven
    ? `no ${most + 1} of the ${p.cols} free candidates are pairwise free of conflicts (proven by exhaustive search)`
    : `the search placed at most ${most} of the ${p.cols} free candidates without conflicts and found no plan of ${k} (it was not exhaustive: a few more may fit)`;
  fail("INVALID_VALUE", "k", k, `at most ${most} new sites with these conflicts: ${how}; lower k, or relax the conflicts (a smaller minimum distance)`);
}

/**
 * Moves the state to a Lagrangian plan made free of conflicts: its columns in the order given,
 * skipping those in conflict with the ones kept, then the best columns by gain − cost that nothing
 * chosen conflicts with until there are k (fewer when none is left; the caller then keeps its own).
 */
function repairPlan(state: SearchState, plan: Int32Array, k: number): void {
  state.reset([]);
  const blocked = state.blocked!;
  for (let t = 0; t < plan.length; t++) if (blocked[plan[t]!] === 0) state.add(plan[t]!);
  while (state.size < k) {
    const c = freeArgmax(state);
    if (c < 0) break;
    state.add(c);
  }
}

/**
 * The chosen columns in build order: first the one that scores most alone, then the one adding
 * most to it, and so on (ties: lower column). O(k² · column length).
 */
export function buildOrder(p: SolverInstance, cols: Int32Array): Int32Array {
  const k = cols.length;
  const count = new Int32Array(p.rows);
  const used = new Uint8Array(k);
  const out = new Int32Array(k);
  const { offsets, indices } = p.colRows;
  for (let t = 0; t < k; t++) {
    let bestAt = -1;
    let bestGain = -Infinity;
    for (let u = 0; u < k; u++) {
      if (used[u]) continue;
      const c = cols[u]!;
      let g = p.costs ? -p.costs[c]! : 0;
      for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) if (count[indices[q]!] === 0) g += p.weights[indices[q]!]!;
      if (g > bestGain || (g === bestGain && c < cols[bestAt]!)) {
        bestGain = g;
        bestAt = u;
      }
    }
    used[bestAt] = 1;
    const c = cols[bestAt]!;
    out[t] = c;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) count[indices[q]!]!++;
  }
  return out;
}
