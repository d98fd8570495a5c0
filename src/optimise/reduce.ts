import { fail } from "../errors.js";
import { columnConflicts } from "./conflicts.js";
import { transposeCsr, type Csr } from "./csr.js";
import type { CoverageInstance } from "./instance.js";
import { FREE, type CheckedSelection } from "./selection.js";

/**
 * The problem the search and the bound work on: rows are groups of demand points that the free
 * candidates cannot tell apart (same candidate set), with their weights summed; columns are the
 * free candidates. Every row has weight > 0 and at least one column. `conflicts`, when given, lists
 * per column the columns it may not be chosen with (symmetric, rows increasing).
 */
export interface SolverInstance {
  readonly rows: number;
  readonly cols: number;
  readonly weights: Float64Array;
  /** Cost per column, or null when no costs were given. */
  readonly costs: Float64Array | null;
  /** Column → rows. */
  readonly colRows: Csr;
  /** Row → columns (increasing). */
  readonly rowCols: Csr;
  /** Column → conflicting columns (symmetric, increasing), or null without conflicts. */
  readonly conflicts: Csr | null;
}

/** How the instance shrank before solving (all counts of demand points unless named rows). */
export interface ReductionStats {
  demandPoints: number;
  candidates: number;
  fixedCandidates: number;
  forbiddenCandidates: number;
  /** Candidates in conflict with a fixed site (never chosen; 0 without conflicts). */
  blockedCandidates: number;
  /** Columns of the reduced problem: candidates neither fixed, forbidden nor blocked. */
  freeCandidates: number;
  /** Pairs of columns that may not be chosen together (0 without conflicts). */
  conflictPairs: number;
  /** Demand points already covered by a fixed site: credited once, not solved for. */
  fixedCoveredPoints: number;
  /** Demand points of weight 0 (they cannot change any objective). */
  zeroWeightPoints: number;
  /** Demand points no free candidate covers (and no fixed one): they stay uncovered in every plan. */
  uncoverablePoints: number;
  /** Rows before merging (demand points left after the three groups above) and after. */
  rowsBeforeMerge: number;
  rows: number;
  /** (candidate, demand) pairs given, and (column, row) pairs left. */
  nonzeros: number;
  reducedNonzeros: number;
}

export interface Reduction {
  readonly problem: SolverInstance;
  /** Reduced column → original candidate index. */
  readonly candidateOf: Int32Array;
  /** Original candidate → reduced column, or −1 (fixed or forbidden). */
  readonly columnOf: Int32Array;
  /** Demand point → reduced row, or −1 (fixed-covered, zero weight or uncoverable). */
  readonly rowOf: Int32Array;
  /** Σ weights of all demand points. */
  readonly totalWeight: number;
  /** Σ weights of demand points covered by fixed sites. */
  readonly fixedWeight: number;
  /** Σ weights of demand points neither fixed-covered nor coverable by a free candidate. */
  readonly uncoverableWeight: number;
  readonly stats: ReductionStats;
}

/**
 * Credits demand covered by the fixed sites, removes forbidden, fixed and blocked candidates (in
 * conflict with a fixed site), maps the conflicts onto the remaining columns, drops
 * zero-weight and uncoverable demand, and merges demand points whose sets of free candidates are
 * identical into one row carrying the summed weight. Throws `INVALID_VALUE` (field `covers`) when
 * neither the fixed nor the free candidates cover any demand of positive weight: there is nothing
 * to plan for.
 */
export function reduceInstance(inst: CoverageInstance, sel: CheckedSelection): Reduction {
  const n = inst.demandCount;
  const m = inst.candidateCount;
  const w = inst.weights;
  const { status } = sel;
  const columnOf = new Int32Array(m).fill(-1);
  let cols = 0;
  for (let j = 0; j < m; j++) if (status[j] === FREE) columnOf[j] = cols++;
  const candidateOf = new Int32Array(cols);
  for (let j = 0; j < m; j++) if (columnOf[j]! >= 0) candidateOf[columnOf[j]!] = j;

  const fixedCovered = new Uint8Array(n);
  const { offsets: co, indices: ci } = inst.byCandidate;
  for (let f = 0; f < sel.fixed.length; f++) {
    const j = sel.fixed[f]!;
    for (let p = co[j]!, end = co[j + 1]!; p < end; p++) fixedCovered[ci[p]!] = 1;
  }

  // Rows before merging: demand points with weight, not fixed-covered, with a free candidate.
  const { offsets: ro, indices: ri } = inst.byDemand;
  let totalWeight = 0;
  let fixedWeight = 0;
  let uncoverableWeight = 0;
  let fixedCoveredPoints = 0;
  let zeroWeightPoints = 0;
  let uncoverablePoints = 0;
  const keep = new Int32Array(n); // free-candidate count of kept points, 0 otherwise
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    totalWeight += wi;
    if (fixedCovered[i]) {
      fixedWeight += wi;
      fixedCoveredPoints++;
      continue;
    }
    if (wi === 0) {
      zeroWeightPoints++;
      continue;
    }
    let c = 0;
    for (let p = ro[i]!, end = ro[i + 1]!; p < end; p++) if (columnOf[ri[p]!]! >= 0) c++;
    if (c === 0) {
      uncoverableWeight += wi;
      uncoverablePoints++;
      continue;
    }
    keep[i] = c;
    kept++;
  }
  if (kept === 0 && fixedWeight === 0) {
    fail("INVALID_VALUE", "covers", `${n} demand points, total weight ${totalWeight}`, "at least one demand point of positive weight covered by a candidate that is not forbidden (nor in conflict with a fixed site)");
  }

  // Merge: open-addressing hash table over the kept points' column lists.
  const rowOf = new Int32Array(n).fill(-1);
  const size = 1 << Math.max(4, Math.ceil(Math.log2(kept * 2 + 1)));
  const table = new Int32Array(size).fill(-1); // → representative demand point
  const repRow = new Int32Array(n); // representative demand point → merged row
  const reps: number[] = [];
  for (let i = 0; i < n; i++) {
    if (keep[i] === 0) continue;
    let h = 0x811c9dc5 ^ keep[i]!;
    for (let p = ro[i]!, end = ro[i + 1]!; p < end; p++) {
      const c = columnOf[ri[p]!]!;
      if (c >= 0) h = Math.imul(h ^ c, 0x01000193);
    }
    let slot = (h ^ (h >>> 15)) & (size - 1);
    for (;;) {
      const r = table[slot]!;
      if (r < 0) {
        table[slot] = i;
        repRow[i] = reps.length;
        rowOf[i] = reps.length;
        reps.push(i);
        break;
      }
      if (sameColumns(r, i, keep, ro, ri, columnOf)) {
        rowOf[i] = repRow[r]!;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  const rows = reps.length;
  const weights = new Float64Array(rows);
  for (let i = 0; i < n; i++) if (rowOf[i]! >= 0) weights[rowOf[i]!]! += w[i]!;
  const rowOffsets = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) rowOffsets[r + 1] = rowOffsets[r]! + keep[reps[r]!]!;
  const rowIndices = new Int32Array(rowOffsets[rows]!);
  for (let r = 0; r < rows; r++) {
    const i = reps[r]!;
    let q = rowOffsets[r]!;
    for (let p = ro[i]!, end = ro[i + 1]!; p < end; p++) {
      const c = columnOf[ri[p]!]!;
      if (c >= 0) rowIndices[q++] = c;
    }
  }
  const rowCols: Csr = { offsets: rowOffsets, indices: rowIndices };
  const colRows = transposeCsr(rowCols, cols);
  let costs: Float64Array | null = null;
  if (sel.costs) {
    costs = new Float64Array(cols);
    for (let c = 0; c < cols; c++) costs[c] = sel.costs[candidateOf[c]!]!;
  }
  const conflicts = sel.conflicts ? columnConflicts(sel.conflicts, candidateOf, columnOf) : null;
  return {
    problem: { rows, cols, weights, costs, colRows, rowCols, conflicts },
    candidateOf,
    columnOf,
    rowOf,
    totalWeight,
    fixedWeight,
    uncoverableWeight,
    stats: {
      demandPoints: n,
      candidates: m,
      fixedCandidates: sel.fixed.length,
      forbiddenCandidates: sel.forbiddenCount,
      blockedCandidates: sel.blockedCount,
      freeCandidates: cols,
      conflictPairs: conflicts ? conflicts.indices.length / 2 : 0,
      fixedCoveredPoints,
      zeroWeightPoints,
      uncoverablePoints,
      rowsBeforeMerge: kept,
      rows,
      nonzeros: inst.byCandidate.indices.length,
      reducedNonzeros: rowIndices.length,
    },
  };
}

/** Whether demand points a and b have the same free columns (both lists are increasing). */
function sameColumns(a: number, b: number, keep: Int32Array, ro: Int32Array, ri: Int32Array, columnOf: Int32Array): boolean {
  if (keep[a] !== keep[b]) return false;
  let pa = ro[a]!;
  let pb = ro[b]!;
  const ea = ro[a + 1]!;
  const eb = ro[b + 1]!;
  for (;;) {
    while (pa < ea && columnOf[ri[pa]!]! < 0) pa++;
    while (pb < eb && columnOf[ri[pb]!]! < 0) pb++;
    if (pa === ea || pb === eb) return pa === ea && pb === eb;
    if (ri[pa] !== ri[pb]) return false;
    pa++;
    pb++;
  }
}
