import type { SolverInstance } from "./reduce.js";

/**
 * The Lagrangian bound of maximal covering. The problem, with y_r ∈ [0, 1] the covered share of row
 * r and x_c ∈ {0, 1} the chosen columns, is
 *
 *   max Σ w_r y_r − Σ cost_c x_c   s.t.   y_r ≤ Σ_{c ∋ r} x_c,   Σ x_c = k.
 *
 * Relaxing the coverage constraints with multipliers λ_r ≥ 0 separates it (Galvão and ReVelle 1996;
 * Beasley 1990 for the subgradient scheme):
 *
 *   L(λ) = Σ_r max(0, w_r − λ_r) + (sum of the k largest of Σ_{r ∈ c} λ_r − cost_c).
 *
 * Every L(λ) with λ ≥ 0 is an upper bound on the optimum (weak duality), and the best of them
 * equals the LP-relaxation bound, because the relaxed problem has integral solutions. λ is kept
 * in [0, w_r]: above w_r a multiplier only raises the column sums. The k columns of each L(λ) are
 * themselves a plan; `onPlan` receives the best of them (the Lagrangian heuristic).
 *
 * Subgradient optimisation (Held, Wolfe and Crowder 1974) with the Polyak step toward the
 * incumbent's score, θ halved when the bound stalls, and the deflected direction of Camerini,
 * Fratta and Maffioli (1975), d = g + β·d_prev, projected on the box: on the instances of
 * `../shared/data/mclp/` it closes to within 0.01 % (2k) and 0.03 % (5k) of the LP bound HiGHS
 * computes, where the plain subgradient stalls 0.25 % above it.
 *
 * Conflicts between columns (`p.conflicts`) are not part of this relaxation: it bounds the problem
 * without them, whose optimum is at least the optimum with them (dropping constraints only
 * enlarges the feasible set), so L(λ) stays a valid upper bound, if a looser one. Its plans may
 * then hold conflicting columns: `solveReduced` repairs them before use.
 */
export class LagrangianDual {
  /** Best (lowest) L(λ) found so far, and the λ that gave it. */
  best = Infinity;
  readonly bestLambda: Float64Array;
  iterations = 0;
  theta: number;
  private readonly lambda: Float64Array;
  private readonly colVal: Float64Array;
  private readonly sel: Int32Array;
  private readonly cnt: Int32Array;
  private sinceBest = 0;
  private readonly dir: Float64Array;

  constructor(
    readonly p: SolverInstance,
    readonly k: number,
    theta: number,
    private readonly patience: number,
    private readonly minTheta: number,
    private readonly deflection: number,
  ) {
    this.theta = theta;
    this.lambda = new Float64Array(p.rows);
    this.bestLambda = new Float64Array(p.rows);
    this.colVal = new Float64Array(p.cols);
    this.sel = new Int32Array(Math.max(k, 1));
    this.cnt = new Int32Array(p.rows);
    this.dir = new Float64Array(p.rows);
    // Start from λ = w (the bound "k best single columns"), then evaluate λ = 0 (the total weight) too.
    this.lambda.set(p.weights);
    this.evaluate(false);
    this.lambda.fill(0);
    this.evaluate(false);
    this.lambda.set(this.bestLambda);
  }

  /** Whether the step size has shrunk so far that further iterations cannot move the bound. */
  converged(): boolean {
    return this.theta < this.minTheta;
  }

  /**
   * Runs up to `iterations` subgradient steps with the Polyak step θ·(L(λ) − target)/‖g‖², where
   * `target()` is the incumbent's score; θ is halved after `patience` steps without a better bound.
   * Stops early when `stop()` says so (polled every step), when the bound meets the target, or
   * when θ has converged. `onPlan(cols, score)` is called when a relaxed solution scores above
   * `target()`.
   */
  run(iterations: number, target: () => number, stop: () => boolean, onPlan: (cols: Int32Array, score: number) => void): void {
    const { rows } = this.p;
    const w = this.p.weights;
    const lambda = this.lambda;
    const cnt = this.cnt;
    for (let it = 0; it < iterations && !this.converged(); it++) {
      if (stop()) return;
      const { value, score } = this.evaluate(true);
      this.iterations++;
      const tgt = target();
      if (score > tgt) onPlan(this.sel.subarray(0, this.k), score);
      const goal = Math.max(target(), score);
      if (this.best - goal <= 0) return;
      // direction d = g + β·d_prev from the subgradient g_r = cnt_r − y_r (y_r = 1 when λ_r < w_r),
      // with the components that would leave the box [0, w_r] set to 0
      const dir = this.dir;
      const beta = this.deflection;
      let norm = 0;
      let gNorm = 0;
      for (let r = 0; r < rows; r++) {
        const l = lambda[r]!;
        const wr = w[r]!;
        const g = cnt[r]! - (l < wr ? 1 : 0);
        if (!((l === 0 && g > 0) || (l === wr && g < 0))) gNorm += g * g;
        let d = g + beta * dir[r]!;
        if ((l === 0 && d > 0) || (l === wr && d < 0)) d = 0;
        dir[r] = d;
        norm += d * d;
      }
      // no projected subgradient: λ minimises L (the relaxed plan covers each row it counts exactly once)
      if (gNorm === 0) return;
      if (norm === 0) {
        // the deflection cancelled the subgradient: restart from the plain direction
        this.dir.fill(0);
        continue;
      }
      const step = (this.theta * (value - goal)) / norm;
      for (let r = 0; r < rows; r++) {
        const d = dir[r]!;
        if (d === 0) continue;
        let l = lambda[r]! - step * d;
        if (l < 0) l = 0;
        else if (l > w[r]!) l = w[r]!;
        lambda[r] = l;
      }
    }
  }

  /**
   * L(λ) at the current λ, the k columns attaining it (in `sel`), per-row cover counts of those
   * columns (in `cnt`), and the score of those columns as a plan. Updates the best bound.
   */
  private evaluate(counting: boolean): { value: number; score: number } {
    const { rows, cols, weights: w, costs } = this.p;
    const { offsets, indices } = this.p.colRows;
    const lambda = this.lambda;
    const colVal = this.colVal;
    let rowPart = 0;
    for (let r = 0; r < rows; r++) {
      const d = w[r]! - lambda[r]!;
      if (d > 0) rowPart += d;
    }
    for (let c = 0; c < cols; c++) {
      let s = 0;
      for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) s += lambda[indices[q]!]!;
      colVal[c] = costs ? s - costs[c]! : s;
    }
    const colPart = topK(colVal, this.k, this.sel);
    const value = rowPart + colPart;
    if (value < this.best) {
      this.best = value;
      this.bestLambda.set(lambda);
      this.sinceBest = 0;
    } else if (++this.sinceBest >= this.patience) {
      this.theta /= 2;
      this.sinceBest = 0;
    }
    let score = -Infinity;
    if (counting) {
      const cnt = this.cnt;
      cnt.fill(0);
      let covered = 0;
      let cost = 0;
      for (let t = 0; t < this.k; t++) {
        const c = this.sel[t]!;
        if (costs) cost += costs[c]!;
        for (let q = offsets[c]!, end = offsets[c + 1]!; q < end; q++) {
          const r = indices[q]!;
          if (cnt[r]!++ === 0) covered += w[r]!;
        }
      }
      score = covered - cost;
    }
    return { value, score };
  }
}

/**
 * Sum of the k largest values; their indices go to `out[0 .. k)` (ties: lower index first).
 * A size-k min-heap: O(n log k), no allocation.
 */
export function topK(values: Float64Array, k: number, out: Int32Array): number {
  if (k === 0) return 0;
  const n = values.length;
  // worse(a, b): a ranks below b
  const worse = (a: number, b: number) => values[a]! < values[b]! || (values[a] === values[b] && a > b);
  let size = 0;
  const siftDown = (start: number) => {
    let i = start;
    const x = out[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && worse(out[child + 1]!, out[child]!)) child++;
      if (!worse(out[child]!, x)) break;
      out[i] = out[child]!;
      i = child;
    }
    out[i] = x;
  };
  for (let c = 0; c < n; c++) {
    if (size < k) {
      // sift up
      let i = size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(c, out[parent]!)) break;
        out[i] = out[parent]!;
        i = parent;
      }
      out[i] = c;
    } else if (worse(out[0]!, c)) {
      out[0] = c;
      siftDown(0);
    }
  }
  let s = 0;
  for (let t = 0; t < k; t++) s += values[out[t]!]!;
  return s;
}
