import type { InitOptions } from "highs";
import { fail } from "../errors.js";
import { OPTIMISE_DEFAULTS } from "./defaults.js";
import { finishResult, prepareCoverage, solveSettings, type MaxCoverageOptions, type MaxCoverageResult, type PreparedCoverage } from "./max-coverage.js";
import { solveCoverageMilp, type MilpOutcome, type MilpSettings } from "./milp-model.js";
import type { SolverInstance } from "./reduce.js";
import { solveReduced, type TraceEntry } from "./solve.js";

export interface MaxCoverageExactOptions extends MaxCoverageOptions {
  /** HiGHS time limit in ms (default `OPTIMISE_DEFAULTS.exactTimeLimitMs`); the heuristic before it is not counted. */
  exactTimeLimitMs?: number;
  /** HiGHS relative MIP gap (default `OPTIMISE_DEFAULTS.exactMipRelGap`). */
  mipRelGap?: number;
  /** Most MILP nonzeros accepted (default `OPTIMISE_DEFAULTS.exactMaxNonzeros`). */
  exactMaxNonzeros?: number;
  /**
   * Options for loading HiGHS in this thread, e.g. `locateFile` or `wasmBinary` where a bundler
   * does not serve `highs.wasm` beside the loader (browsers). Not sent to a worker.
   */
  highsInit?: InitOptions;
}

export interface MaxCoverageExactResult extends MaxCoverageResult {
  /** What HiGHS reported: its status, whether it proved the optimum, its bound (with the fixed weight) and its run time. */
  milp: { status: string; optimal: boolean; dualBound: number; runtimeMs: number };
}

/** Runs HiGHS on a reduced instance: in this thread (`maxCoverageExact`) or in a worker (`cellplan/node`). */
export type MilpRunner = (p: SolverInstance, settings: MilpSettings) => Promise<MilpOutcome>;

/**
 * Maximal covering solved exactly with HiGHS (the `highs` WebAssembly package, imported on first
 * use so the library does not load it otherwise). The instance is reduced and solved by the default
 * heuristic first (its plan starts HiGHS, its Lagrangian bound stays as a fallback), then HiGHS
 * solves the MILP of `solveCoverageMilp`. When HiGHS proves the optimum, `boundMethod` is `"milp"`
 * and `proven` is true; when it stops at `exactTimeLimitMs`, the result keeps the better plan and
 * the lower of the two bounds and says `proven: false`.
 *
 * Runs HiGHS on the calling thread, blocking it for the solve; `cellplan/node` has a worker-thread
 * version (`maxCoverageExactInWorker`). Size limit: `exactMaxNonzeros` nonzeros of the MILP after
 * merging ((row, candidate) pairs + rows + candidates), else `LIMIT_EXCEEDED`: HiGHS proves
 * 5,000 demand / 500 candidates in seconds but nothing at 10,000 / 1,000 within a minute, and its
 * WebAssembly heap is capped at 2 GiB. Every HiGHS status is checked (`SOLVER_FAILED` otherwise).
 * Each call instantiates a fresh HiGHS runtime, so its memory is released with the result.
 * With `conflicts` the MILP has one row x_a + x_b ≤ 1 per conflicting pair, so a `"milp"` bound and
 * optimum are those of the problem with the conflicts (tighter than the Lagrangian bound, which
 * ignores them).
 */
export async function maxCoverageExact(options: MaxCoverageExactOptions): Promise<MaxCoverageExactResult> {
  return maxCoverageExactWith(options, async (p, settings) => {
    const { default: loadHighs } = await import("highs");
    const highs = await loadHighs(options.highsInit);
    return solveCoverageMilp(highs, p, settings);
  });
}

/** `maxCoverageExact` with the HiGHS call supplied (validation, heuristic and result stay here). */
export async function maxCoverageExactWith(options: MaxCoverageExactOptions, runMilp: MilpRunner): Promise<MaxCoverageExactResult> {
  const start = globalThis.performance.now();
  const prepared = prepareCoverage(options);
  const d = OPTIMISE_DEFAULTS;
  const { exactTimeLimitMs = d.exactTimeLimitMs, mipRelGap = d.exactMipRelGap, exactMaxNonzeros = d.exactMaxNonzeros } = options;
  if (!(typeof exactTimeLimitMs === "number" && exactTimeLimitMs > 0 && exactTimeLimitMs < Infinity)) {
    fail("INVALID_VALUE", "exactTimeLimitMs", exactTimeLimitMs, "a finite number of milliseconds > 0");
  }
  if (!(typeof mipRelGap === "number" && mipRelGap >= 0 && mipRelGap < 1)) fail("INVALID_VALUE", "mipRelGap", mipRelGap, "a relative gap in [0, 1)");
  if (!(typeof exactMaxNonzeros === "number" && exactMaxNonzeros > 0)) fail("INVALID_VALUE", "exactMaxNonzeros", exactMaxNonzeros, "a number > 0");
  const size = milpNonzeros(prepared);
  if (size > exactMaxNonzeros) {
    fail(
      "LIMIT_EXCEEDED",
      "covers",
      `${size} MILP nonzeros (${prepared.reduction.stats.rows} merged demand rows, ${prepared.reduction.stats.freeCandidates} candidates)`,
      `at most ${exactMaxNonzeros} (exactMaxNonzeros): use maxCoverage, whose Lagrangian bound certifies the gap at any size`,
    );
  }
  const p = prepared.reduction.problem;
  const settings = solveSettings(options, prepared, start);
  const heuristic = solveReduced(p, settings);
  const t = globalThis.performance.now();
  const outcome = await runMilp(p, { k: prepared.k, timeLimitSec: exactTimeLimitMs / 1000, mipRelGap, start: heuristic.cols });
  const ms = globalThis.performance.now() - t;
  let cols = heuristic.cols;
  let score = heuristic.score;
  if (outcome.cols) {
    const s = reducedScore(p, outcome.cols);
    if (s > score) {
      cols = outcome.cols;
      score = s;
    }
  }
  const milpBound = outcome.optimal ? Math.max(outcome.dualBound, outcome.objective) : outcome.dualBound;
  const useMilp = outcome.optimal || milpBound < heuristic.bound;
  const rawBound = Math.min(heuristic.bound, Number.isFinite(milpBound) ? milpBound : Infinity);
  const offset = prepared.reduction.fixedWeight;
  const trace: TraceEntry[] = [...heuristic.trace, { phase: "milp", objective: score + offset, bound: rawBound + offset, work: 1, ms }];
  const result = finishResult(prepared, cols, score, rawBound, outcome.optimal ? "milp" : useMilp ? "milp-dual" : "lagrangian", trace, heuristic.stats);
  return {
    ...result,
    proven: result.proven || outcome.optimal,
    milp: { status: outcome.status, optimal: outcome.optimal, dualBound: outcome.dualBound + offset, runtimeMs: ms },
  };
}

/** Nonzeros of the coverage MILP: (row, column) pairs, one y per row, the cardinality row, and two per conflicting pair. */
export function milpNonzeros(prepared: PreparedCoverage): number {
  const s = prepared.reduction.stats;
  return s.reducedNonzeros + s.rows + s.freeCandidates + 2 * s.conflictPairs;
}

/** Covered weight minus cost of `cols` on the reduced instance. */
function reducedScore(p: SolverInstance, cols: Int32Array): number {
  const hit = new Uint8Array(p.rows);
  const { offsets, indices } = p.colRows;
  let cost = 0;
  for (const c of cols) {
    if (p.costs) cost += p.costs[c]!;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) hit[indices[q]!] = 1;
  }
  let s = 0;
  for (let r = 0; r < p.rows; r++) if (hit[r]) s += p.weights[r]!;
  return s - cost;
}
