import { inRow } from "./conflicts.js";
import type { SolverInstance } from "./reduce.js";

/**
 * A set of chosen columns with the bookkeeping that makes moves cheap: per row, how many chosen
 * columns cover it (`count`); per column, the weight of its rows that nothing chosen covers yet
 * (`gain`, before cost). Adding or removing a column touches only its rows, and the `gain` of the
 * other columns on a row only when that row flips between covered and uncovered. With conflicts,
 * `blocked` counts per column the chosen columns it conflicts with (a column can join the set only
 * at 0, or at 1 in place of its one chosen neighbour).
 */
export class SearchState {
  readonly count: Int32Array;
  readonly gain: Float64Array;
  readonly chosen: Uint8Array;
  /** The chosen columns, in slots `0 .. size − 1`. */
  readonly list: Int32Array;
  /** Column → its slot in `list`, or −1. */
  readonly slot: Int32Array;
  readonly costs: Float64Array;
  /** Per column: chosen columns in conflict with it (null without conflicts). */
  readonly blocked: Int32Array | null;
  size = 0;
  covered = 0;
  cost = 0;
  /** Improvements smaller than this are treated as ties (floating-point noise on the total weight). */
  readonly eps: number;
  private readonly colWeight: Float64Array;

  constructor(
    readonly p: SolverInstance,
    capacity: number,
  ) {
    this.count = new Int32Array(p.rows);
    this.gain = new Float64Array(p.cols);
    this.chosen = new Uint8Array(p.cols);
    this.list = new Int32Array(Math.max(capacity, 1));
    this.slot = new Int32Array(p.cols).fill(-1);
    this.costs = p.costs ?? new Float64Array(p.cols);
    this.blocked = p.conflicts ? new Int32Array(p.cols) : null;
    this.colWeight = new Float64Array(p.cols);
    const { offsets, indices } = p.colRows;
    let total = 0;
    for (let r = 0; r < p.rows; r++) total += p.weights[r]!;
    for (let c = 0; c < p.cols; c++) {
      let s = 0;
      for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) s += p.weights[indices[q]!]!;
      this.colWeight[c] = s;
    }
    this.eps = 1e-9 * Math.max(1, total);
    this.gain.set(this.colWeight);
  }

  /** Covered weight minus the cost of the chosen columns. */
  score(): number {
    return this.covered - this.cost;
  }

  /** Empties the set, then adds `cols`. */
  reset(cols: ArrayLike<number>): void {
    this.count.fill(0);
    this.chosen.fill(0);
    this.slot.fill(-1);
    this.gain.set(this.colWeight);
    this.blocked?.fill(0);
    this.size = 0;
    this.covered = 0;
    this.cost = 0;
    for (let t = 0; t < cols.length; t++) this.add(cols[t]!);
  }

  add(c: number): void {
    const { offsets, indices } = this.p.colRows;
    const { offsets: ro, indices: ri } = this.p.rowCols;
    const w = this.p.weights;
    const count = this.count;
    const gain = this.gain;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
      const r = indices[q]!;
      if (count[r]!++ === 0) {
        const wr = w[r]!;
        this.covered += wr;
        for (let s = ro[r]!, e = ro[r + 1]!; s < e; s++) gain[ri[s]!]! -= wr;
      }
    }
    if (this.blocked) this.block(c, 1);
    this.chosen[c] = 1;
    this.slot[c] = this.size;
    this.list[this.size++] = c;
    this.cost += this.costs[c]!;
  }

  remove(c: number): void {
    const { offsets, indices } = this.p.colRows;
    const { offsets: ro, indices: ri } = this.p.rowCols;
    const w = this.p.weights;
    const count = this.count;
    const gain = this.gain;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
      const r = indices[q]!;
      if (--count[r]! === 0) {
        const wr = w[r]!;
        this.covered -= wr;
        for (let s = ro[r]!, e = ro[r + 1]!; s < e; s++) gain[ri[s]!]! += wr;
      }
    }
    if (this.blocked) this.block(c, -1);
    this.chosen[c] = 0;
    const t = this.slot[c]!;
    const last = this.list[--this.size]!;
    this.list[t] = last;
    this.slot[last] = t;
    this.slot[c] = -1;
    this.cost -= this.costs[c]!;
  }

  /** Replaces chosen column `out` by `inn`, keeping `inn` in `out`'s slot (the order of `list` stays stable). */
  swap(out: number, inn: number): void {
    const t = this.slot[out]!;
    this.remove(out);
    this.add(inn);
    // add() appended inn; move it back into out's slot.
    const moved = this.list[t]!;
    if (moved !== inn) {
      const u = this.slot[inn]!;
      this.list[t] = inn;
      this.list[u] = moved;
      this.slot[inn] = t;
      this.slot[moved] = u;
    }
  }

  private block(c: number, by: number): void {
    const { offsets, indices } = this.p.conflicts!;
    const blocked = this.blocked!;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) blocked[indices[q]!]! += by;
  }

  /** Whether unchosen column `inn` can replace chosen column `out` without a conflict. */
  canSwap(out: number, inn: number): boolean {
    const b = this.blocked;
    if (!b) return true;
    const n = b[inn]!;
    return n === 0 || (n === 1 && inRow(this.p.conflicts!, out, inn));
  }

  /** Weight covered only by chosen column `c` (lost if it were removed). */
  loss(c: number): number {
    const { offsets, indices } = this.p.colRows;
    let s = 0;
    for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
      const r = indices[q]!;
      if (this.count[r] === 1) s += this.p.weights[r]!;
    }
    return s;
  }

  /** Recomputes `covered` from the counts (removes drift from many incremental updates). */
  resync(): void {
    let s = 0;
    for (let r = 0; r < this.p.rows; r++) if (this.count[r]! > 0) s += this.p.weights[r]!;
    this.covered = s;
    let c = 0;
    for (let t = 0; t < this.size; t++) c += this.costs[this.list[t]!]!;
    this.cost = c;
  }

  /** The chosen columns, increasing. */
  sortedChoice(): Int32Array {
    return this.list.slice(0, this.size).sort();
  }
}
