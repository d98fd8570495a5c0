import type { SearchState } from "./search-state.js";

/** Scratch arrays of the swap search, one set per instance (no allocation inside the passes). */
export interface SwapScratch {
  extra: Float64Array;
  touched: Int32Array;
  mark: Uint8Array;
  /** With conflicts: 1 on the columns in conflict with the column being swapped out (else all 0). */
  adj: Uint8Array;
}

export function swapScratch(cols: number): SwapScratch {
  return { extra: new Float64Array(cols), touched: new Int32Array(cols), mark: new Uint8Array(cols), adj: new Uint8Array(cols) };
}

/**
 * 1-swap local search: replace one chosen column by an unchosen one while that raises the score
 * by more than `state.eps`. Returns the number of swaps made.
 *
 * The value of swapping out `o` for `e` is `gain[e] + extra_o[e] − cost[e] − (loss[o] − cost[o])`,
 * where `loss[o]` is the weight only `o` covers and `extra_o[e]` the part of it `e` would cover
 * again. Both come from one walk over the rows only `o` covers (count = 1), so a whole pass costs
 * about Σ over chosen o of those rows × their candidates — the fast-interchange idea of Whitaker
 * (1983) for p-median, applied to coverage. Columns that share no such row with `o` have
 * `extra = 0`, so among them only the one of largest `gain − cost` can be best.
 *
 * `"best"`: each pass applies the best swap over all chosen columns; `"first"`: a pass applies
 * every improving swap as it finds it. Ties go to the earlier slot, then the lower column, so the
 * search is deterministic. `stop()` is polled once per pass.
 *
 * With conflicts, `e` may replace `o` only when no other chosen column conflicts with it
 * (`blocked[e]` is 0, or 1 and that one is `o`): the best such `e` among the columns sharing a row
 * with `o`, the free columns nothing chosen blocks, and the columns only `o` blocks.
 *
 * With `active` (a flag per column), only flagged chosen columns are tried as `o`; a column whose
 * best swap does not improve is unflagged, and a swap flags the chosen columns that share a row
 * with the two swapped ones (don't-look bits, Bentley 1992). That makes re-optimising after a small
 * change cheap, at the price of missing swaps made improving by changes far away: finish with a
 * full search (no `active`) when a true local optimum is needed.
 */
export function swapLocalSearch(
  s: SearchState,
  mode: "best" | "first",
  scratch: SwapScratch,
  stop: () => boolean = () => false,
  active: Uint8Array | null = null,
): number {
  const p = s.p;
  const { offsets: co, indices: ci } = p.colRows;
  const { offsets: ro, indices: ri } = p.rowCols;
  const w = p.weights;
  const { count, gain, chosen, costs, list, blocked } = s;
  const { extra, touched, mark, adj } = scratch;
  const conf = p.conflicts;
  let moves = 0;
  if (s.size === 0 || s.size >= p.cols) return 0;
  for (;;) {
    if (stop()) return moves;
    let improved = false;
    let bestFree = freeArgmax(s);
    let bestDelta = s.eps;
    let bestOut = -1;
    let bestIn = -1;
    for (let t = 0; t < s.size; t++) {
      const o = list[t]!;
      if (active && !active[o]) continue;
      let lossO = 0;
      let nt = 0;
      for (let q = co[o]!, end = co[o + 1]!; q < end; q++) {
        const r = ci[q]!;
        if (count[r] !== 1) continue;
        const wr = w[r]!;
        lossO += wr;
        for (let u = ro[r]!, e = ro[r + 1]!; u < e; u++) {
          const c = ri[u]!;
          if (chosen[c]) continue;
          if (mark[c] === 0) {
            mark[c] = 1;
            extra[c] = 0;
            touched[nt++] = c;
          }
          extra[c]! += wr;
        }
      }
      let e = bestFree;
      let val = e < 0 ? -Infinity : gain[e]! - costs[e]! + (mark[e] ? extra[e]! : 0);
      if (conf) for (let q = conf.offsets[o]!, end = conf.offsets[o + 1]!; q < end; q++) adj[conf.indices[q]!] = 1;
      for (let q = 0; q < nt; q++) {
        const c = touched[q]!;
        if (blocked && blocked[c] !== adj[c]) continue; // another chosen column conflicts with c
        const v = gain[c]! + extra[c]! - costs[c]!;
        if (v > val || (v === val && c < e)) {
          val = v;
          e = c;
        }
      }
      if (conf) {
        // columns only o blocks (not touched: extra 0 unless marked)
        for (let q = conf.offsets[o]!, end = conf.offsets[o + 1]!; q < end; q++) {
          const c = conf.indices[q]!;
          adj[c] = 0;
          if (chosen[c] || blocked![c] !== 1) continue;
          const v = gain[c]! + (mark[c] ? extra[c]! : 0) - costs[c]!;
          if (v > val || (v === val && c < e)) {
            val = v;
            e = c;
          }
        }
      }
      for (let q = 0; q < nt; q++) mark[touched[q]!] = 0;
      const delta = val - (lossO - costs[o]!);
      if (active && delta <= s.eps) active[o] = 0;
      if (mode === "first") {
        if (delta > s.eps) {
          s.swap(o, e);
          if (active) activateAround(s, o, e, active);
          moves++;
          improved = true;
          bestFree = freeArgmax(s);
        }
      } else if (delta > bestDelta) {
        bestDelta = delta;
        bestOut = o;
        bestIn = e;
      }
    }
    if (mode === "best" && bestOut >= 0) {
      s.swap(bestOut, bestIn);
      if (active) activateAround(s, bestOut, bestIn, active);
      moves++;
      improved = true;
    }
    if (!improved) return moves;
  }
}

/**
 * After swapping `out` for `inn`: flags `inn` and the chosen columns whose loss changed, which are
 * those on a row of `out` now covered once (they lost a partner) and on a row of `inn` now covered
 * twice (they gained one). Changes of `gain` elsewhere are not followed (see `active`).
 */
export function activateAround(s: SearchState, out: number, inn: number, active: Uint8Array): void {
  const { offsets: co, indices: ci } = s.p.colRows;
  const { offsets: ro, indices: ri } = s.p.rowCols;
  const { chosen, count } = s;
  active[inn] = 1;
  for (let side = 0; side < 2; side++) {
    const c = side === 0 ? out : inn;
    const wanted = side === 0 ? 1 : 2;
    for (let q = co[c]!, end = co[c + 1]!; q < end; q++) {
      const r = ci[q]!;
      if (count[r] !== wanted) continue;
      for (let u = ro[r]!, e = ro[r + 1]!; u < e; u++) if (chosen[ri[u]!]) active[ri[u]!] = 1;
    }
  }
}

/**
 * The unchosen column of largest gain − cost (lowest index on ties) that no chosen column
 * conflicts with; −1 when there is none.
 */
export function freeArgmax(s: SearchState): number {
  const { gain, costs, chosen, blocked } = s;
  let best = -1;
  let bestVal = -Infinity;
  for (let c = 0; c < gain.length; c++) {
    if (chosen[c] || (blocked && blocked[c] !== 0)) continue;
    const v = gain[c]! - costs[c]!;
    if (v > bestVal) {
      bestVal = v;
      best = c;
    }
  }
  return best;
}
