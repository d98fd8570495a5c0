/**
 * `deygoutCore` specialised for the radial sweep's query: the distinct-obstacle rule on and an edge
 * budget of 3 (`DIFFRACTION_DEFAULTS.maxEdges`). With that budget Deygout's construction has a
 * fixed shape — the principal edge against the line between the antennas; the best edge of each
 * of its two sub-paths, both taken when both exist; when only one exists, one level deeper, the
 * better of that edge's two sub-paths' edges — so it needs no segment lists, no sort and no
 * scratch: the generic core spends most of its time on that machinery for the three to five
 * points of a hull.
 *
 * The result is `deygoutCore(p, λ, minV, true, deygoutScratch(3))` bit for bit: the same edges
 * (first point on ties), the same v expression (`vOf`), the same sum order (level by level, one
 * level's edges in decreasing v, the lower index on ties), the same gap tests and the same error
 * for a non-finite v (test/terrain/deygout-hull.test.ts checks it against the core).
 */
import { fail } from "../errors.js";
import { vOf, type GapTest } from "./deygout-core.js";
import { knifeEdgeLossRaw } from "./knife-edge.js";

/** The sub-path starts (bit 1) / ends (bit 2) on an edge already taken (`deygoutCore`'s flags). */
const A_EDGE = 1;
const B_EDGE = 2;

/**
 * Deygout's loss with at most 3 edges and distinct obstacles over points 0 … n−1 (`x` distances,
 * `z` elevations with the bulge added; point 0 the transmitting antenna's tip, n−1 the receiving
 * one's), `gaps` the samples between consecutive points (null when there are none). Allocates
 * nothing.
 *
 * One loop body finds the edge of one sub-path, at steps 0 … 4: the principal (step 0), its left
 * and right sub-paths (1, 2), and when only one of those has an edge, that edge's two sub-paths
 * (3, 4). A helper called once per sub-path reads better but was slower than the core: V8 stops
 * inlining it once its inlining budget is spent, and every double crossing a call that is not
 * inlined is boxed. One body keeps a single copy, the gap test and `vOf` inlined into it.
 */
export function deygoutHull3(x: Float64Array, z: Float64Array, n: number, gaps: GapTest | null, lambda: number, minV: number): number {
  const k2 = 2 / lambda;
  const last = n - 1;
  // the sub-path searched at this step
  let step = 0;
  let a = 0;
  let b = last;
  let flags = 0;
  // the principal edge e; the level-1 edge m whose sub-paths steps 3 and 4 search, inside (pa, pb) with flags pf
  let e = 0;
  let m = 0;
  let pa = 0;
  let pb = 0;
  let pf = 0;
  // the edge found at step 1 (or 3), the left one of the pair
  let left = -1;
  let leftV = 0;
  // the v of the edges taken, in the order their losses are summed
  let v0 = 0;
  let v1 = 0;
  let v2 = 0;
  let edges = 0;
  for (;;) {
    // the edge of sub-path (a, b): the run of the edge it starts / ends on skipped, the largest v (first on ties) if > minV
    let best = -1;
    let bestV = -Infinity;
    if (b - a >= 2) {
      const xa = x[a]!;
      const za = z[a]!;
      const xb = x[b]!;
      const zb = z[b]!;
      const span = xb - xa;
      let lo = a + 1;
      let hi = b - 1;
      if ((flags & A_EDGE) !== 0) {
        while (lo <= hi && !(gaps !== null && gaps.dips(lo - 1, xa, za, xb, zb, k2, minV, false)) && vOf(z[lo]!, x[lo]!, xa, za, xb, zb, span, k2) > minV) lo++;
      }
      if ((flags & B_EDGE) !== 0) {
        while (hi >= lo && !(gaps !== null && gaps.dips(hi, xa, za, xb, zb, k2, minV, true)) && vOf(z[hi]!, x[hi]!, xa, za, xb, zb, span, k2) > minV) hi--;
      }
      for (let i = lo; i <= hi; i++) {
        const v = vOf(z[i]!, x[i]!, xa, za, xb, zb, span, k2);
        if (v - v !== 0) notFinite(x, i);
        if (v > bestV) {
          bestV = v;
          best = i;
        }
      }
      if (!(bestV > minV)) best = -1;
    }
    if (step === 0) {
      if (best < 0) return 0;
      e = best;
      v0 = bestV;
      edges = 1;
      b = e;
      flags = B_EDGE;
      step = 1;
    } else if (step === 1) {
      left = best;
      leftV = bestV;
      a = e;
      b = last;
      flags = A_EDGE;
      step = 2;
    } else if (step === 2) {
      if (left >= 0 && best >= 0) {
        // both level-1 edges, in decreasing v; the left one (lower index) on a tie
        edges = 3;
        if (bestV > leftV) {
          v1 = bestV;
          v2 = leftV;
        } else {
          v1 = leftV;
          v2 = bestV;
        }
        break;
      }
      if (left >= 0) {
        m = left;
        v1 = leftV;
        pa = 0;
        pb = e;
        pf = B_EDGE;
      } else if (best >= 0) {
        m = best;
        v1 = bestV;
        pa = e;
        pb = last;
        pf = A_EDGE;
      } else break;
      // one level-1 edge: one edge left in the budget, the better of m's two sub-paths' edges
      edges = 2;
      a = pa;
      b = m;
      flags = (pf & A_EDGE) | B_EDGE;
      step = 3;
    } else if (step === 3) {
      left = best;
      leftV = bestV;
      a = m;
      b = pb;
      flags = A_EDGE | (pf & B_EDGE);
      step = 4;
    } else {
      if (left >= 0 && !(best >= 0 && bestV > leftV)) {
        v2 = leftV;
        edges = 3;
      } else if (best >= 0) {
        v2 = bestV;
        edges = 3;
      }
      break;
    }
  }
  let total = 0;
  total += knifeEdgeLossRaw(v0);
  if (edges > 1) total += knifeEdgeLossRaw(v1);
  if (edges > 2) total += knifeEdgeLossRaw(v2);
  return total;
}

/** The error `deygoutCore` throws for point i's non-finite v. */
function notFinite(x: Float64Array, i: number): never {
  fail("INVALID_VALUE", `profile.distancesM[${i}]`, x[i], "a profile whose geometry gives a finite v (samples too close or values too large)");
}
