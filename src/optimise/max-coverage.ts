import { fail } from "../errors.js";
import { OPTIMISE_DEFAULTS } from "./defaults.js";
import { coverageInstance, type CoverageInput, type CoverageInstance, type InstanceLimits } from "./instance.js";
import { reduceInstance, type Reduction, type ReductionStats } from "./reduce.js";
import { checkK, checkSelection, type CandidateSelection, type CheckedSelection } from "./selection.js";
import { buildOrder, solveReduced, type SolveSettings, type SolveStats, type TraceEntry } from "./solve.js";

/**
 * Where a result's upper bound comes from: the Lagrangian relaxation (`maxCoverage`), or HiGHS
 * (`maxCoverageExact`): `"milp"` when it proved the optimum, `"milp-dual"` when it stopped at its
 * time limit with a dual bound lower than the Lagrangian one.
 */
export type BoundMethod = "lagrangian" | "milp" | "milp-dual";

/** Search settings shared by `maxCoverage`, `setCover` and `maxCoverageExact` (defaults: `OPTIMISE_DEFAULTS`). */
export interface SearchOptions {
  /**
   * Wall-clock budget in ms for the whole call. Without it the search runs its iteration counts,
   * so the result is the same on every machine; with it, a slow machine may stop earlier (the
   * result's `stats.stopped` says `"time"`). Greedy always completes.
   */
  timeLimitMs?: number;
  /** Seed of the iterated local search. */
  seed?: number;
  swap?: "best" | "first";
  ilsIterations?: number;
  ilsKickMax?: number;
  /** ILS continues from a local optimum up to this share below the best score, in [0, 1). */
  ilsAcceptWorse?: number;
  lagrangianIterations?: number;
  /** Stop once the gap is at most this, in percent (default 0: only a closed gap stops early). */
  gapTolerancePct?: number;
  /** Size limits of the instance. */
  limits?: InstanceLimits;
}

/**
 * Options of `maxCoverage`: the instance (`weights`, `covers`), the number of new sites `k`, and
 * optional `fixed`, `forbidden`, `costs` and `conflicts` (see `maxCoverage`).
 */
export interface MaxCoverageOptions extends CoverageInput, CandidateSelection, SearchOptions {
  /** New sites to choose: exactly this many, from the candidates that are neither fixed nor forbidden. */
  k: number;
}

export interface MaxCoverageResult {
  /** The k chosen candidate indices, in build order (each adds the most given the ones before it). */
  chosen: number[];
  /** covered − cost: what the solver maximises. Equals `covered` when no costs are given. */
  objective: number;
  /** Weight covered by the fixed and chosen sites together (fixed sites' weight credited once). */
  covered: number;
  /** Σ costs of the chosen candidates (0 without costs). */
  cost: number;
  /** Weight the fixed sites cover by themselves. */
  fixedWeight: number;
  /** Σ all weights. */
  totalWeight: number;
  /** Weight no allowed or fixed candidate covers. */
  uncoverableWeight: number;
  /**
   * Upper bound on the best possible `objective` (valid for every plan of k free candidates). With
   * `conflicts` it is the bound of the problem without them, still valid (see `maxCoverage`).
   */
  bound: number;
  /** (bound − objective) / |bound| × 100 (0 when both are 0): how far the plan can be from the optimum at most. */
  gapPct: number;
  boundMethod: BoundMethod;
  /** The bound meets the objective (within the floating-point allowance): the plan is optimal. */
  proven: boolean;
  reduction: ReductionStats;
  stats: SolveStats;
  /** The solve's steps with objective and bound after each (`ms` is wall-clock, the rest is reproducible). */
  trace: TraceEntry[];
}

/** A validated and reduced instance, ready for the solvers (also what the benchmarks time). */
export interface PreparedCoverage {
  instance: CoverageInstance;
  selection: CheckedSelection;
  reduction: Reduction;
  k: number;
}

/** Validates the instance, `fixed`, `forbidden`, `costs`, `conflicts` and `k`, and reduces the instance (see `reduceInstance`). */
export function prepareCoverage(options: CoverageInput & CandidateSelection & { k: number; limits?: InstanceLimits }): PreparedCoverage {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "(options)", options, "{ weights, covers, k, … }");
  const instance = coverageInstance(options, options.limits);
  const selection = checkSelection(options, instance.candidateCount);
  const m = instance.candidateCount;
  const free = m - selection.fixed.length - selection.forbiddenCount - selection.blockedCount;
  const k = checkK(options.k, free, m, selection.forbiddenCount, selection.fixed.length, selection.blockedCount);
  return { instance, selection, reduction: reduceInstance(instance, selection), k };
}

/**
 * Maximal covering location: chooses `k` candidate sites that maximise the demand weight they cover
 * (Church and ReVelle 1974), with an upper bound and the gap to it.
 *
 * - `fixed`: sites already built (existing or earlier-phase). The demand they cover is credited
 *   once in `covered` and `objective` (and reported alone as `fixedWeight`); new sites earn
 *   nothing for covering it again. Fixed sites do **not** count toward `k`: `k` is the number of
 *   new sites.
 * - `forbidden`: never chosen.
 * - `costs[j] ≥ 0`, in weight units: the solver maximises covered weight − Σ costs of the chosen
 *   sites, so a candidate with cost c is chosen over a free one only if it covers more than c
 *   extra weight. For a co-location preference give existing masts cost 0 and new locations a
 *   small cost (say a few hundred people): co-location wins unless a new place covers that many
 *   more. `objective`, `bound` and `gapPct` are then about covered − cost; `covered` stays the
 *   people covered.
 * - `conflicts`: pairs of candidates never chosen together (a minimum distance between sites:
 *   `conflictPairs`), read as symmetric. A free candidate in conflict with a fixed site is never
 *   chosen. Greedy skips candidates in conflict with the ones it chose, the swap search and the
 *   ILS only make swaps that keep the plan free of conflicts, and the Lagrangian relaxation's
 *   plans are repaired before they are used. The bound ignores the conflicts: dropping a
 *   constraint can only raise the optimum, so it stays a valid upper bound, but the gap it states
 *   may be wider than the plan's true distance from the optimum (a `proven` plan is still optimal).
 *   When greedy cannot place k sites apart, a search for k candidates without conflicts
 *   (`placeApart`) takes over; if none is found the call throws `INVALID_VALUE` (field `k`) saying
 *   how many sites could be placed, never a plan with fewer than k.
 *
 * The search: merging of demand points no free candidate tells apart, lazy greedy, 1-swap local
 * search, iterated local search, and a Lagrangian relaxation bound by subgradient optimisation
 * whose relaxed solutions also seed the search (see `solveReduced`, `LagrangianDual`). The bound is
 * valid for any instance (weak duality) and includes a relative floating-point allowance
 * (`OPTIMISE_DEFAULTS.boundSafety`). Without `timeLimitMs`, the same input and seed give the same
 * result on any machine (except the trace's `ms`).
 *
 * Throws `CellplanError` on bad input: see `coverageInstance`, `checkSelection`, `checkConflicts`,
 * `checkK` and `reduceInstance` (nothing coverable at all).
 */
export function maxCoverage(options: MaxCoverageOptions): MaxCoverageResult {
  const start = globalThis.performance.now();
  const prepared = prepareCoverage(options);
  const settings = solveSettings(options, prepared, start);
  const reduceMs = globalThis.performance.now() - start;
  const sol = solveReduced(prepared.reduction.problem, settings);
  const trace: TraceEntry[] = [
    { phase: "reduce", objective: -Infinity, bound: Infinity, work: prepared.reduction.stats.reducedNonzeros, ms: reduceMs },
    ...sol.trace,
  ];
  return finishResult(prepared, sol.cols, sol.score, sol.bound, "lagrangian", trace, sol.stats);
}

/** Reads and checks the search options, with defaults from `OPTIMISE_DEFAULTS`. */
export function solveSettings(o: SearchOptions, prepared: PreparedCoverage, start: number): SolveSettings {
  const d = OPTIMISE_DEFAULTS;
  const int = (v: unknown, field: string, dflt: number, min: number): number => {
    if (v === undefined) return dflt;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) fail("INVALID_VALUE", field, v, `an integer ≥ ${min}`);
    return v;
  };
  const { timeLimitMs, swap = d.swap, gapTolerancePct = d.gapTolerancePct } = o;
  if (timeLimitMs !== undefined && !(typeof timeLimitMs === "number" && timeLimitMs > 0 && timeLimitMs < Infinity)) {
    fail("INVALID_VALUE", "timeLimitMs", timeLimitMs, "a finite number of milliseconds > 0 (or none: run the iteration counts)");
  }
  if (swap !== "best" && swap !== "first") fail("INVALID_VALUE", "swap", swap, '"best" or "first"');
  if (!(typeof gapTolerancePct === "number" && gapTolerancePct >= 0 && gapTolerancePct < 100)) {
    fail("INVALID_VALUE", "gapTolerancePct", gapTolerancePct, "a percentage in [0, 100)");
  }
  const { ilsAcceptWorse = d.ilsAcceptWorse } = o;
  if (!(typeof ilsAcceptWorse === "number" && ilsAcceptWorse >= 0 && ilsAcceptWorse < 1)) fail("INVALID_VALUE", "ilsAcceptWorse", ilsAcceptWorse, "a share in [0, 1)");
  const seed = o.seed ?? d.seed;
  if (typeof seed !== "number" || !Number.isInteger(seed)) fail("INVALID_VALUE", "seed", seed, "an integer");
  return {
    k: prepared.k,
    seed,
    swap,
    ilsIterations: int(o.ilsIterations, "ilsIterations", d.ilsIterations, 0),
    ilsKickMax: int(o.ilsKickMax, "ilsKickMax", d.ilsKickMax, 1),
    ilsStretch: d.ilsStretch,
    ilsAcceptWorse,
    lagrangianIterations: int(o.lagrangianIterations, "lagrangianIterations", d.lagrangianIterations, 0),
    lagrangianTheta: d.lagrangianTheta,
    lagrangianPatience: d.lagrangianPatience,
    lagrangianMinTheta: d.lagrangianMinTheta,
    lagrangianDeflection: d.lagrangianDeflection,
    gapTolerancePct,
    deadline: timeLimitMs === undefined ? Infinity : start + timeLimitMs,
    offset: prepared.reduction.fixedWeight,
  };
}

/**
 * Maps a reduced solution back to candidates, recomputes covered weight and cost on the original
 * instance, and states the bound (`rawBound` on the reduced problem, plus the fixed weight and the
 * floating-point allowance, never below the objective) and the gap.
 */
export function finishResult(
  prepared: PreparedCoverage,
  cols: Int32Array,
  reducedScore: number,
  rawBound: number,
  boundMethod: BoundMethod,
  trace: TraceEntry[],
  stats: SolveStats,
): MaxCoverageResult {
  const { instance, selection, reduction } = prepared;
  const ordered = buildOrder(reduction.problem, cols);
  const chosen = Array.from(ordered, (c) => reduction.candidateOf[c]!);
  const covered = coveredWeight(instance, selection.fixed, chosen);
  let cost = 0;
  if (selection.costs) for (const j of chosen) cost += selection.costs[j]!;
  const objective = covered - cost;
  const full = reduction.fixedWeight + rawBound;
  const allowance = OPTIMISE_DEFAULTS.boundSafety * Math.max(1, Math.abs(full), reduction.totalWeight);
  const bound = Math.max(objective, full + allowance);
  const gapPct = bound === objective ? 0 : (100 * (bound - objective)) / Math.abs(bound);
  const proven = rawBound - reducedScore <= 1e-9 * Math.max(1, reduction.totalWeight);
  return {
    chosen,
    objective,
    covered,
    cost,
    fixedWeight: reduction.fixedWeight,
    totalWeight: reduction.totalWeight,
    uncoverableWeight: reduction.uncoverableWeight,
    bound,
    gapPct,
    boundMethod,
    proven,
    reduction: reduction.stats,
    stats,
    trace,
  };
}

/** Weight of the demand points that the `fixed` or `chosen` candidates cover, summed in demand order. */
export function coveredWeight(inst: CoverageInstance, fixed: ArrayLike<number>, chosen: ArrayLike<number>): number {
  const hit = new Uint8Array(inst.demandCount);
  const { offsets, indices } = inst.byCandidate;
  const mark = (j: number) => {
    for (let q = offsets[j]!, end = offsets[j + 1]!; q < end; q++) hit[indices[q]!] = 1;
  };
  for (let t = 0; t < fixed.length; t++) mark(fixed[t]!);
  for (let t = 0; t < chosen.length; t++) mark(chosen[t]!);
  let s = 0;
  for (let i = 0; i < inst.demandCount; i++) if (hit[i]) s += inst.weights[i]!;
  return s;
}
