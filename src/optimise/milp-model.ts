import type { Highs } from "highs";
import { CellplanError } from "../errors.js";
import type { SolverInstance } from "./reduce.js";

/** How HiGHS is asked to solve the coverage MILP. */
export interface MilpSettings {
  k: number;
  /** HiGHS `time_limit`, seconds. */
  timeLimitSec: number;
  /** HiGHS `mip_rel_gap`. */
  mipRelGap: number;
  /** A plan to start from (columns), e.g. the heuristic's incumbent. */
  start?: Int32Array;
  /** Solve the LP relaxation instead (x continuous in [0, 1]). */
  relax?: boolean;
}

/** What HiGHS returned, checked: a plan when it has one, and the bound it proved. */
export interface MilpOutcome {
  /** HiGHS model status name (`"optimal"`, `"timeLimit"`, …). */
  status: string;
  /** Proven optimal within `mipRelGap` (or, for the LP, solved to optimality). */
  optimal: boolean;
  /** Chosen columns of HiGHS's best plan, increasing (null for the LP or when it has none). */
  cols: Int32Array | null;
  /** HiGHS's objective of that plan (or the LP optimum). */
  objective: number;
  /** The upper bound HiGHS proved (its MIP dual bound; the LP optimum for the LP). */
  dualBound: number;
  runtimeSec: number;
}

/**
 * Solves the coverage problem as a MILP with a loaded HiGHS runtime (the `highs` package):
 *
 *   max Σ w_r y_r − Σ cost_c x_c   s.t.   y_r − Σ_{c ∋ r} x_c ≤ 0  (each row),   Σ x_c = k,
 *   x_a + x_b ≤ 1  (each conflicting pair a < b, when `p.conflicts`),
 *   x_c ∈ {0, 1},  y_r ∈ [0, 1],
 *
 * built as CSR arrays (no LP text), started from `start` when given, and always disposed. Every
 * status is checked: a HiGHS error or an outcome other than optimal / a limit reached with a
 * feasible plan throws `SOLVER_FAILED`.
 */
export function solveCoverageMilp(highs: Highs, p: SolverInstance, o: MilpSettings): MilpOutcome {
  const { rows, cols } = p;
  if (cols === 0) {
    // nothing to choose (k = 0, no free candidate): HiGHS refuses an empty model, and the answer is 0
    return { status: "optimal", optimal: true, cols: o.relax ? null : new Int32Array(0), objective: 0, dualBound: 0, runtimeSec: 0 };
  }
  const { offsets: ro, indices: ri } = p.rowCols;
  const nnz = ri.length;
  const pairs = p.conflicts ? p.conflicts.indices.length / 2 : 0;
  const numRows = rows + 1 + pairs;
  const starts = new Int32Array(numRows + 1);
  const index = new Int32Array(nnz + rows + cols + 2 * pairs);
  const value = new Float64Array(nnz + rows + cols + 2 * pairs);
  let q = 0;
  for (let r = 0; r < rows; r++) {
    for (let s = ro[r]!, e = ro[r + 1]!; s < e; s++) {
      index[q] = ri[s]!;
      value[q++] = -1;
    }
    index[q] = cols + r;
    value[q++] = 1;
    starts[r + 1] = q;
  }
  for (let c = 0; c < cols; c++) {
    index[q] = c;
    value[q++] = 1;
  }
  starts[rows + 1] = q;
  if (p.conflicts) {
    const { offsets: fo, indices: fi } = p.conflicts;
    let row = rows + 1;
    for (let a = 0; a < cols; a++) {
      for (let s = fo[a]!, e = fo[a + 1]!; s < e; s++) {
        const b = fi[s]!;
        if (b <= a) continue;
        index[q] = a;
        value[q++] = 1;
        index[q] = b;
        value[q++] = 1;
        starts[++row] = q;
      }
    }
  }
  const numCols = cols + rows;
  const colCost = new Float64Array(numCols);
  for (let c = 0; c < cols; c++) colCost[c] = p.costs ? -p.costs[c]! : 0;
  colCost.set(p.weights, cols);
  const rowLower = new Float64Array(numRows).fill(-highs.infinity);
  const rowUpper = new Float64Array(numRows);
  rowLower[rows] = o.k;
  rowUpper[rows] = o.k;
  rowUpper.fill(1, rows + 1);
  const integrality = new Int32Array(numCols);
  if (!o.relax) integrality.fill(highs.constants.variableType.integer, 0, cols);
  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower,
    rowUpper,
    matrix: { format: "csr", numRows, numCols, starts, indices: index, values: value },
    ...(o.relax ? {} : { integrality }),
  });
  try {
    model.options.set({ output_flag: false, time_limit: o.timeLimitSec, ...(o.relax ? {} : { mip_rel_gap: o.mipRelGap }) });
    if (o.start && !o.relax) {
      const x = new Float64Array(numCols);
      for (const c of o.start) x[c] = 1;
      const { offsets: co, indices: ci } = p.colRows;
      for (const c of o.start) for (let s = co[c]!, e = co[c + 1]!; s < e; s++) x[cols + ci[s]!] = 1;
      model.setSolution({ colValue: x });
    }
    let run: ReturnType<typeof model.run>;
    try {
      run = model.run(); // a native error status throws
    } catch (e) {
      solverFailed(e instanceof Error ? e.message : String(e), "a HiGHS run without a native error");
    }
    const codes = highs.constants.modelStatus;
    const status = Object.keys(codes).find((name) => codes[name as keyof typeof codes] === run.modelStatus) ?? String(run.modelStatus);
    const optimal = run.modelStatus === codes.optimal;
    const limited = run.modelStatus === codes.timeLimit || run.modelStatus === codes.interrupted || run.modelStatus === codes.iterationLimit || run.modelStatus === codes.solutionLimit;
    if (!optimal && !limited) solverFailed(status, "optimal, or a limit reached with a feasible plan");
    const feasible = Number(model.info.get("primal_solution_status")) === highs.constants.solutionStatus.feasible;
    const runtimeSec = model.getRunTime();
    if (o.relax) {
      if (!optimal) solverFailed(status, "the LP relaxation solved to optimality within the time limit");
      const objective = model.getObjectiveValue();
      return { status, optimal, cols: null, objective, dualBound: objective, runtimeSec };
    }
    const dualBound = Number(model.info.get("mip_dual_bound"));
    if (!feasible) {
      if (optimal) solverFailed(status, "a feasible plan with the optimal status");
      return { status, optimal: false, cols: null, objective: -Infinity, dualBound, runtimeSec };
    }
    const x = model.getSolution().colValue;
    const chosen: number[] = [];
    for (let c = 0; c < cols; c++) if (x[c]! > 0.5) chosen.push(c);
    if (chosen.length !== o.k) solverFailed(status, `a plan of exactly ${o.k} sites (HiGHS returned ${chosen.length})`);
    return { status, optimal, cols: Int32Array.from(chosen), objective: model.getObjectiveValue(), dualBound, runtimeSec };
  } finally {
    model.dispose();
  }
}

function solverFailed(status: string, allowed: string): never {
  throw CellplanError.of({ code: "SOLVER_FAILED", field: "highs", value: status, allowed });
}
