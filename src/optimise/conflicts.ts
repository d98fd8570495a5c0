import { fail } from "../errors.js";
import type { Csr } from "./csr.js";

/**
 * Candidates that may not be chosen together: `conflicts[j]` lists the candidates that may not be
 * built alongside candidate `j` (say, those closer than a minimum distance: `conflictPairs`), as an
 * array of lists or as CSR typed arrays like `CoversInput`. The relation is read as symmetric: a pair
 * listed in one direction only counts in both.
 */
export type ConflictsInput =
  | ReadonlyArray<ArrayLike<number>>
  | { readonly offsets: Int32Array | Uint32Array; readonly indices: Int32Array };

/**
 * Validates `conflicts` for `m` candidates and returns the symmetric closure as CSR (each row
 * increasing, without repeats). Throws `CellplanError` naming the field for: not a list or CSR,
 * a number of rows other than `m`, an index that is not an integer candidate index, and a candidate
 * listed against itself. A pair given twice, or in both directions, is accepted.
 */
export function checkConflicts(input: unknown, m: number): Csr {
  const isList = (v: unknown): v is ArrayLike<unknown> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  const allowed = `an integer candidate index in [0, ${m - 1}]`;
  const check = (v: unknown, j: number, field: string): number => {
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= m) fail("INVALID_VALUE", field, v, allowed);
    if (v === j) fail("INVALID_VALUE", field, v, `a candidate other than ${j}: a candidate cannot conflict with itself`);
    return v;
  };
  // ordered pairs (j, v) in both directions
  const from: number[] = [];
  const to: number[] = [];
  if (isList(input)) {
    if (input.length !== m) fail("INVALID_VALUE", "conflicts.length", input.length, `${m} (one list per candidate)`);
    for (let j = 0; j < m; j++) {
      const row = input[j];
      if (!isList(row)) fail("WRONG_TYPE", `conflicts[${j}]`, row, "an array of candidate indices");
      for (let p = 0; p < row.length; p++) {
        const v = check(row[p], j, `conflicts[${j}][${p}]`);
        from.push(j, v);
        to.push(v, j);
      }
    }
  } else {
    const { offsets, indices } = (input ?? {}) as { offsets?: unknown; indices?: unknown };
    if (input === null || typeof input !== "object" || !(offsets instanceof Int32Array || offsets instanceof Uint32Array) || !(indices instanceof Int32Array)) {
      fail("WRONG_TYPE", "conflicts", input, "an array of candidate-index lists, or CSR { offsets: Int32Array | Uint32Array, indices: Int32Array }");
    }
    if (offsets.length !== m + 1) fail("INVALID_VALUE", "conflicts.offsets.length", offsets.length, `${m + 1} (candidates + 1)`);
    if (offsets[0] !== 0) fail("INVALID_VALUE", "conflicts.offsets[0]", offsets[0], "0");
    for (let j = 0; j < m; j++) {
      if (offsets[j + 1]! < offsets[j]!) fail("INVALID_VALUE", `conflicts.offsets[${j + 1}]`, offsets[j + 1], `≥ conflicts.offsets[${j}] = ${offsets[j]} (non-decreasing)`);
    }
    if (offsets[m] !== indices.length) fail("INVALID_VALUE", `conflicts.offsets[${m}]`, offsets[m], `conflicts.indices.length = ${indices.length}`);
    for (let j = 0; j < m; j++) {
      for (let p = offsets[j]!, end = offsets[j + 1]!; p < end; p++) {
        const v = check(indices[p], j, `conflicts.indices[${p}] (candidate ${j})`);
        from.push(j, v);
        to.push(v, j);
      }
    }
  }
  // counting sort by row, then sort and deduplicate each row
  const count = new Int32Array(m + 1);
  for (const j of from) count[j + 1]!++;
  for (let j = 0; j < m; j++) count[j + 1]! += count[j]!;
  const fill = count.slice(0, m);
  const raw = new Int32Array(from.length);
  for (let q = 0; q < from.length; q++) raw[fill[from[q]!]!++] = to[q]!;
  const offsets = new Int32Array(m + 1);
  let used = 0;
  for (let j = 0; j < m; j++) {
    const row = raw.subarray(count[j]!, count[j + 1]!).sort();
    for (let q = 0; q < row.length; q++) if (q === 0 || row[q] !== row[q - 1]) raw[used++] = row[q]!;
    offsets[j + 1] = used;
  }
  return { offsets, indices: raw.slice(0, used) };
}

/** Whether `b` is in row `a` of a CSR whose rows are increasing (binary search). */
export function inRow(c: Csr, a: number, b: number): boolean {
  let lo = c.offsets[a]!;
  let hi = c.offsets[a + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = c.indices[mid]!;
    if (v === b) return true;
    if (v < b) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Row `r` of `c` restricted to the columns kept by `columnOf` (≥ 0), renumbered; rows are kept increasing. */
export function columnConflicts(c: Csr, candidateOf: Int32Array, columnOf: Int32Array): Csr {
  const cols = candidateOf.length;
  const offsets = new Int32Array(cols + 1);
  let nnz = 0;
  for (let col = 0; col < cols; col++) {
    const j = candidateOf[col]!;
    for (let q = c.offsets[j]!, end = c.offsets[j + 1]!; q < end; q++) if (columnOf[c.indices[q]!]! >= 0) nnz++;
    offsets[col + 1] = nnz;
  }
  const indices = new Int32Array(nnz);
  let at = 0;
  for (let col = 0; col < cols; col++) {
    const j = candidateOf[col]!;
    // columns are numbered in candidate order, so an increasing row stays increasing
    for (let q = c.offsets[j]!, end = c.offsets[j + 1]!; q < end; q++) {
      const k = columnOf[c.indices[q]!]!;
      if (k >= 0) indices[at++] = k;
    }
  }
  return { offsets, indices };
}

/** Most search nodes `placeApart` spends on proving that k columns cannot be placed apart. */
export const PLACE_APART_NODES = 200_000;

/**
 * Looks for `k` columns of which no two conflict (an independent set of size k in the conflict
 * graph over `cols` columns), ignoring coverage: the fallback when greedy, which chooses by
 * coverage, runs out of room before k. First the minimum-degree greedy (take the column with the
 * fewest conflicts among those still open, drop its neighbours; lowest column on ties), then, if
 * that falls short, a depth-first branch and bound over the columns of at most
 * `PLACE_APART_NODES` nodes. Returns the largest set found (k columns when it succeeds) and whether
 * a shorter result is proven maximal (the search was exhaustive).
 */
export function placeApart(conf: Csr, cols: number, k: number): { cols: Int32Array; proven: boolean } {
  const { offsets, indices } = conf;
  // minimum-degree greedy with degrees among open columns, by scanning (a fallback, not a hot path)
  const open = new Uint8Array(cols).fill(1);
  const degree = new Int32Array(cols);
  for (let c = 0; c < cols; c++) degree[c] = offsets[c + 1]! - offsets[c]!;
  const greedy: number[] = [];
  for (;;) {
    let best = -1;
    for (let c = 0; c < cols; c++) if (open[c] && (best < 0 || degree[c]! < degree[best]!)) best = c;
    if (best < 0 || greedy.length >= k) break;
    greedy.push(best);
    open[best] = 0;
    for (let q = offsets[best]!; q < offsets[best + 1]!; q++) {
      const n = indices[q]!;
      if (!open[n]) continue;
      open[n] = 0;
      for (let u = offsets[n]!; u < offsets[n + 1]!; u++) degree[indices[u]!]!--;
    }
  }
  if (greedy.length >= k) return { cols: Int32Array.from(greedy.slice(0, k)), proven: true };

  // branch and bound: columns in order of degree; include a column (block its neighbours) or skip it
  const order = Array.from({ length: cols }, (_, c) => c).sort((a, b) => offsets[a + 1]! - offsets[a]! - (offsets[b + 1]! - offsets[b]!) || a - b);
  const blocked = new Int32Array(cols);
  const pick: number[] = [];
  let best = greedy;
  let nodes = 0;
  let exhausted = true;
  // subsets in increasing position order: the recursion is at most k + 1 deep
  const visit = (start: number): boolean => {
    if (pick.length > best.length) best = pick.slice();
    if (best.length >= k) return true;
    for (let t = start; t < cols; t++) {
      if (pick.length + (cols - t) <= best.length) return false;
      const c = order[t]!;
      if (blocked[c] !== 0) continue;
      if (++nodes > PLACE_APART_NODES) {
        exhausted = false;
        return true;
      }
      pick.push(c);
      for (let q = offsets[c]!; q < offsets[c + 1]!; q++) blocked[indices[q]!]!++;
      const done = visit(t + 1);
      for (let q = offsets[c]!; q < offsets[c + 1]!; q++) blocked[indices[q]!]!--;
      pick.pop();
      if (done) return true;
    }
    return false;
  };
  visit(0);
  return { cols: Int32Array.from(best.slice(0, k)), proven: exhausted };
}
