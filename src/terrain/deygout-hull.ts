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
 */
export function deygoutHull3(x: Float64Array, z: Float64Array, n: number, gaps: GapTest | null, lambda: number, minV: number): number {
  const k2 = 2 / lambda;
  const last = n - 1;
  const e = edgeIn(x, z, 0, last, 0, gaps, k2, minV);
  if (e < 0) return 0;
  let total = 0;
  total += knifeEdgeLossRaw(vAt(x, z, e, 0, last, k2));
  const l = edgeIn(x, z, 0, e, B_EDGE, gaps, k2, minV);
  const r = edgeIn(x, z, e, last, A_EDGE, gaps, k2, minV);
  if (l >= 0 && r >= 0) {
    // both level-1 edges, in decreasing v; on a tie the left one (lower index) first
    const vl = vAt(x, z, l, 0, e, k2);
    const vr = vAt(x, z, r, e, last, k2);
    if (vr > vl) {
      total += knifeEdgeLossRaw(vr);
      total += knifeEdgeLossRaw(vl);
    } else {
      total += knifeEdgeLossRaw(vl);
      total += knifeEdgeLossRaw(vr);
    }
    return total;
  }
  // one level-1 edge at most: it, then the better edge of its two sub-paths (the left one on a tie)
  let a: number;
  let m: number;
  let b: number;
  let fa: number;
  let fb: number;
  if (l >= 0) {
    a = 0;
    m = l;
    b = e;
    fa = 0;
    fb = B_EDGE;
  } else if (r >= 0) {
    a = e;
    m = r;
    b = last;
    fa = A_EDGE;
    fb = 0;
  } else return total;
  total += knifeEdgeLossRaw(vAt(x, z, m, a, b, k2));
  const c1 = edgeIn(x, z, a, m, fa | B_EDGE, gaps, k2, minV);
  const c2 = edgeIn(x, z, m, b, A_EDGE | fb, gaps, k2, minV);
  if (c1 >= 0) {
    const v1 = vAt(x, z, c1, a, m, k2);
    if (c2 >= 0) {
      const v2 = vAt(x, z, c2, m, b, k2);
      if (v2 > v1) return total + knifeEdgeLossRaw(v2);
    }
    return total + knifeEdgeLossRaw(v1);
  }
  if (c2 >= 0) return total + knifeEdgeLossRaw(vAt(x, z, c2, m, b, k2));
  return total;
}

/**
 * The edge of the sub-path from point a to point b as `deygoutCore` finds it: with `flags`, the
 * run of the edge it starts (A_EDGE) or ends (B_EDGE) on skipped, the point of largest v among the
 * rest (the first on ties) if that v > minV; −1 when there is none.
 */
function edgeIn(x: Float64Array, z: Float64Array, a: number, b: number, flags: number, gaps: GapTest | null, k2: number, minV: number): number {
  if (b - a < 2) return -1;
  const xa = x[a]!;
  const za = z[a]!;
  const xb = x[b]!;
  const zb = z[b]!;
  let lo = a + 1;
  let hi = b - 1;
  if ((flags & A_EDGE) !== 0) {
    while (lo <= hi && !(gaps !== null && gaps.dips(lo - 1, xa, za, xb, zb, k2, minV, false)) && vAt(x, z, lo, a, b, k2) > minV) lo++;
  }
  if ((flags & B_EDGE) !== 0) {
    while (hi >= lo && !(gaps !== null && gaps.dips(hi, xa, za, xb, zb, k2, minV, true)) && vAt(x, z, hi, a, b, k2) > minV) hi--;
  }
  const best = bestIn(x, z, lo, hi, xa, za, xb, zb, k2);
  return best >= 0 && vAt(x, z, best, a, b, k2) > minV ? best : -1;
}

/**
 * The point of lo … hi with the largest v against the line from (xa, za) to (xb, zb), the first on
 * ties; −1 when the range is empty. Fails on the first point whose v is not finite, as the core does.
 */
function bestIn(x: Float64Array, z: Float64Array, lo: number, hi: number, xa: number, za: number, xb: number, zb: number, k2: number): number {
  let best = -1;
  let bestV = -Infinity;
  for (let i = lo; i <= hi; i++) {
    const v = vOf(z[i]!, x[i]!, xa, za, xb, zb, xb - xa, k2);
    if (v - v !== 0) {
      fail("INVALID_VALUE", `profile.distancesM[${i}]`, x[i], "a profile whose geometry gives a finite v (samples too close or values too large)");
    }
    if (v > bestV) {
      bestV = v;
      best = i;
    }
  }
  return best;
}

/** v of point i against the line from point a to point b: the expression of `deygoutCore`, P.526-15 eq. (26). */
function vAt(x: Float64Array, z: Float64Array, i: number, a: number, b: number, k2: number): number {
  return vOf(z[i]!, x[i]!, x[a]!, z[a]!, x[b]!, z[b]!, x[b]! - x[a]!, k2);
}
