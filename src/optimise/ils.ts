import { activateAround, freeArgmax, swapLocalSearch, type SwapScratch } from "./local-search.js";
import type { SearchState } from "./search-state.js";

export interface IlsOptions {
  iterations: number;
  /** Random swaps per kick: 1 up to this many, one more per `stretch` iterations without a new best (at most k/4). */
  kickMax: number;
  stretch: number;
  /** A local optimum scoring below the best by at most this share of it is kept as the next start. */
  acceptWorse: number;
  mode: "best" | "first";
  /** Seeded random numbers in [0, 1). */
  rand: () => number;
  /** Polled once per iteration and once per local-search pass. */
  stop: () => boolean;
  /** Called when a new best score is found (for example to stop once it meets a bound). */
  onBest?: (score: number) => void;
}

export interface IlsResult {
  iterations: number;
  improvements: number;
  swapMoves: number;
}

/**
 * Iterated local search (Lourenço, Martin and Stützle 2003) from the state's current local
 * optimum: kick it with 1 to `kickMax` random swaps, each replacing a random chosen column by a
 * neighbour (a column that covers one of its rows, when one is free), re-optimise with the swap
 * search restricted to the columns around the kick (don't-look bits); continue from the result if
 * it scores within `acceptWorse` of the best (threshold accepting, Dueck and Scheuer 1990: the walk
 * can leave a deep local optimum), otherwise return to the best. Kicks widen while no new best is
 * found. Leaves the state at the best set found, which the caller
 * should polish with a full swap search. Deterministic for a given `rand` and iteration count.
 * With conflicts, every set visited is free of them: a kick swaps in the neighbour when only
 * `out` blocks it, forces it in when other chosen columns block it too (`forceIn`), and otherwise
 * swaps in the next free column after a random start that can replace `out` (none: no swap).
 */
export function iteratedLocalSearch(s: SearchState, scratch: SwapScratch, o: IlsOptions): IlsResult {
  const p = s.p;
  const { offsets: co, indices: ci } = p.colRows;
  const { offsets: ro, indices: ri } = p.rowCols;
  const best = s.list.slice(0, s.size);
  const inBest = new Uint8Array(p.cols);
  for (let t = 0; t < best.length; t++) inBest[best[t]!] = 1;
  let bestScore = s.score();
  let iterations = 0;
  let improvements = 0;
  let swapMoves = 0;
  let sinceBest = 0;
  const free = p.cols - s.size;
  const active = new Uint8Array(p.cols);
  const removed = new Int32Array(s.size + 1);
  const added = new Int32Array(s.size + 1);
  if (s.size === 0 || free === 0) return { iterations, improvements, swapMoves };
  for (; iterations < o.iterations; iterations++) {
    if (o.stop()) break;
    // stagnation widens the kicks: one more allowed swap per STRETCH iterations without a new best
    const reach = Math.min(o.kickMax + Math.floor(sinceBest / o.stretch), Math.max(o.kickMax, s.size >> 2));
    const kicks = 1 + Math.floor(o.rand() * reach);
    sinceBest++;
    for (let q = 0; q < kicks; q++) {
      const out = s.list[Math.floor(o.rand() * s.size)]!;
      let inn = -1;
      const len = co[out + 1]! - co[out]!;
      if (len > 0) {
        const r = ci[co[out]! + Math.floor(o.rand() * len)]!;
        const deg = ro[r + 1]! - ro[r]!;
        const c = ri[ro[r]! + Math.floor(o.rand() * deg)]!;
        if (!s.chosen[c] && s.canSwap(out, c)) inn = c;
        else if (!s.chosen[c] && s.blocked) {
          // blocked by other chosen columns: force it in (see forceIn)
          if (!forceIn(s, out, c, removed, added, active)) restore(s, best, inBest);
          continue;
        }
      }
      if (inn < 0) {
        // any free column: a random start, then the next free one (that can replace `out`)
        let c = Math.floor(o.rand() * p.cols);
        for (let tries = 0; tries < p.cols; tries++) {
          if (!s.chosen[c] && s.canSwap(out, c)) {
            inn = c;
            break;
          }
          c = c + 1 === p.cols ? 0 : c + 1;
        }
        if (inn < 0) continue;
      }
      s.swap(out, inn);
      activateAround(s, out, inn, active);
    }
    swapMoves += swapLocalSearch(s, o.mode, scratch, o.stop, active);
    active.fill(0);
    const score = s.score();
    if (score > bestScore + s.eps) {
      s.resync();
      improvements++;
      sinceBest = 0;
      bestScore = s.score();
      for (let t = 0; t < best.length; t++) inBest[best[t]!] = 0;
      for (let t = 0; t < s.size; t++) {
        best[t] = s.list[t]!;
        inBest[best[t]!] = 1;
      }
      o.onBest?.(bestScore);
    } else if (score < bestScore - s.eps - o.acceptWorse * Math.abs(bestScore)) {
      restore(s, best, inBest);
    }
  }
  restore(s, best, inBest);
  s.resync();
  return { iterations, improvements, swapMoves };
}

/**
 * Forced insertion (the perturbation of iterated local search for independent sets: Andrade,
 * Resende and Werneck 2012): removes `out` and every chosen column in conflict with `inn`, adds
 * `inn`, then refills to the former size with the best columns by gain − cost that nothing chosen
 * blocks, and flags the columns around the change for the swap search. Returns false (the set then
 * has fewer columns) when no column is left to refill with.
 */
function forceIn(s: SearchState, out: number, inn: number, removed: Int32Array, added: Int32Array, active: Uint8Array): boolean {
  const size = s.size;
  const conf = s.p.conflicts!;
  let nr = 0;
  s.remove(out);
  removed[nr++] = out;
  for (let q = conf.offsets[inn]!, end = conf.offsets[inn + 1]!; q < end; q++) {
    const c = conf.indices[q]!;
    if (s.chosen[c]) {
      s.remove(c);
      removed[nr++] = c;
    }
  }
  s.add(inn);
  added[0] = inn;
  let na = 1;
  while (s.size < size) {
    const c = freeArgmax(s);
    if (c < 0) return false;
    s.add(c);
    added[na++] = c;
  }
  for (let t = 0; t < nr; t++) activateAround(s, removed[t]!, added[t]!, active);
  return true;
}

/** Moves the state back to the columns flagged in `inBest` (only the difference is touched). */
function restore(s: SearchState, best: Int32Array, inBest: Uint8Array): void {
  for (let t = s.size - 1; t >= 0; t--) {
    const c = s.list[t]!;
    if (!inBest[c]) s.remove(c);
  }
  for (let t = 0; t < best.length; t++) if (!s.chosen[best[t]!]) s.add(best[t]!);
}
