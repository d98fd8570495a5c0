import type { SolverInstance } from "./reduce.js";

/** A greedy selection and the work it took. */
export interface GreedyResult {
  /** Chosen columns in the order greedy took them. */
  chosen: Int32Array;
  /** Covered weight minus cost of the chosen columns. */
  score: number;
  /** Marginal-gain evaluations (one full scan of a column's rows each). */
  gainEvaluations: number;
}

/**
 * Marginal gain of column c given the per-row cover counts: the weight of its uncovered rows
 * minus its cost.
 */
function evaluate(p: SolverInstance, count: Int32Array, c: number): number {
  const { offsets, indices } = p.colRows;
  const w = p.weights;
  let s = 0;
  for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
    const r = indices[q]!;
    if (count[r] === 0) s += w[r]!;
  }
  return p.costs ? s - p.costs[c]! : s;
}

function take(p: SolverInstance, count: Int32Array, c: number): number {
  const { offsets, indices } = p.colRows;
  let s = 0;
  for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
    const r = indices[q]!;
    if (count[r]!++ === 0) s += p.weights[r]!;
  }
  return p.costs ? s - p.costs[c]! : s;
}

/** Marks the columns in conflict with `c` as taken (they can no longer join the set). */
function blockAround(p: SolverInstance, taken: Uint8Array, c: number): void {
  const conf = p.conflicts;
  if (!conf) return;
  for (let q = conf.offsets[c]!, end = conf.offsets[c + 1]!; q < end; q++) taken[conf.indices[q]!] = 1;
}

/**
 * Plain greedy: k rounds, each evaluating every unchosen column and taking the largest gain
 * (ties: lowest column). k·cols gain evaluations; the (1 − 1/e) guarantee of Nemhauser, Wolsey
 * and Fisher (1978) holds without costs. Kept as the baseline of the lazy version. With
 * conflicts, columns in conflict with a chosen one are skipped; it stops short of k when none is
 * left.
 */
export function plainGreedy(p: SolverInstance, k: number): GreedyResult {
  const count = new Int32Array(p.rows);
  const taken = new Uint8Array(p.cols);
  const chosen = new Int32Array(k);
  let evaluations = 0;
  let score = 0;
  let t = 0;
  for (; t < k; t++) {
    let best = -1;
    let bestGain = -Infinity;
    for (let c = 0; c < p.cols; c++) {
      if (taken[c]) continue;
      const g = evaluate(p, count, c);
      evaluations++;
      if (g > bestGain) {
        bestGain = g;
        best = c;
      }
    }
    if (best < 0) break;
    taken[best] = 1;
    blockAround(p, taken, best);
    chosen[t] = best;
    score += take(p, count, best);
  }
  return { chosen: t < k ? chosen.slice(0, t) : chosen, score, gainEvaluations: evaluations };
}

/**
 * Lazy greedy (CELF: Minoux 1978; Leskovec et al. 2007). Gains only fall as the set grows
 * (submodularity), so a column's last computed gain is an upper bound: a max-heap keyed on those
 * bounds re-evaluates only the top until a freshly evaluated column stays on top. Ties are broken
 * by lowest column, exactly as `plainGreedy` breaks them, so both choose the same columns in the
 * same order. Typed-array heap, no allocation inside the rounds. Stops early, with fewer than k
 * columns, once the score reaches `until` (the set-cover use). With conflicts, a column in conflict
 * with a chosen one is dropped when it reaches the top (conflicts only accumulate as the set
 * grows); greedy stops short of k when no column is left.
 */
export function lazyGreedy(p: SolverInstance, k: number, until = Infinity): GreedyResult {
  const n = p.cols;
  const count = new Int32Array(p.rows);
  const key = new Float64Array(n);
  const heap = new Int32Array(n);
  const stamp = new Int32Array(n).fill(1);
  const chosen = new Int32Array(k);
  const blocked = p.conflicts ? new Uint8Array(n) : null;
  for (let c = 0; c < n; c++) {
    key[c] = evaluate(p, count, c);
    heap[c] = c;
  }
  let evaluations = n;
  let size = n;
  // a above b: larger key, then lower column
  const above = (a: number, b: number) => key[a]! > key[b]! || (key[a] === key[b] && a < b);
  const siftDown = (start: number) => {
    let i = start;
    const x = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && above(heap[child + 1]!, heap[child]!)) child++;
      if (!above(heap[child]!, x)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = x;
  };
  for (let i = (size >> 1) - 1; i >= 0; i--) siftDown(i);
  let score = 0;
  let t = 0;
  for (; t < k && score < until; t++) {
    // stamp[c] = t + 1 when c's key is its gain given the first t choices
    while (size > 0) {
      const top = heap[0]!;
      if (blocked && blocked[top]) {
        heap[0] = heap[--size]!;
        if (size > 0) siftDown(0);
        continue;
      }
      if (stamp[top] === t + 1) break;
      key[top] = evaluate(p, count, top);
      stamp[top] = t + 1;
      evaluations++;
      siftDown(0);
    }
    if (size === 0) break;
    const best = heap[0]!;
    heap[0] = heap[--size]!;
    if (size > 0) siftDown(0);
    if (blocked) blockAround(p, blocked, best);
    chosen[t] = best;
    score += take(p, count, best);
  }
  return { chosen: t < k ? chosen.slice(0, t) : chosen, score, gainEvaluations: evaluations };
}
