import { atan2Deg } from "../fast-math.js";
import { vOf, type GapTest } from "./deygout-core.js";
import { deygoutHull3 } from "./deygout-hull.js";
import { knifeEdgeLossRaw } from "./knife-edge.js";
import { RADIAL_DEFAULTS, type RadialPlan, type RadialRecords, type SweepScratch } from "./radial-sweep.js";

/**
 * Queries of a swept radial (src/terrain/radial.ts explains the method): which radial a point
 * takes, and the terrain loss and mean ground toward it read from the radial's records — the same
 * code for the stored `Horizon` and the streaming batch (radial-batch.ts).
 */

/** The radial nearest the bearing of a point (dx east, dy north) metres from the antenna (`atan2Deg`: no `Math.atan2`). */
export function radialIndex(p: RadialPlan, dx: number, dy: number): number {
  let deg = atan2Deg(dx, dy);
  if (deg < 0) deg += 360;
  const r = Math.round(deg * p.radialsPerDegree);
  return r >= p.radials ? r - p.radials : r;
}

/** The step whose records a query at distance d reads for its loss (before clamping to the radial's length). */
export function lossStep(p: RadialPlan, d: number): number {
  return Math.floor(d / p.stepM - RADIAL_DEFAULTS.gapSteps);
}

/** The step whose mean ground a query at distance d reads. */
export function meanStep(p: RadialPlan, d: number): number {
  return Math.floor(d / p.stepM);
}

/**
 * The samples between consecutive hull points of the current query: point i is step `steps[i]`
 * of the radial whose tip is record `base` (the receiver's entry is one past the last sample used).
 */
export class RadialGaps implements GapTest {
  base = 0;
  steps: Int32Array;
  constructor(
    private readonly zf: Float32Array,
    private readonly stepM: number,
    size: number,
  ) {
    this.steps = new Int32Array(size);
  }

  dips(g: number, xa: number, za: number, xb: number, zb: number, k2: number, minV: number, fromEnd: boolean): boolean {
    const first = this.steps[g]! + 1;
    const last = this.steps[g + 1]! - 1;
    const span = xb - xa;
    for (let i = 0; i <= last - first; i++) {
      const k = fromEnd ? last - i : first + i;
      if (!(vOf(this.zf[this.base + k]!, k * this.stepM, xa, za, xb, zb, span, k2) > minV)) return true;
    }
    return false;
  }
}

/** Per-query working arrays over one set of records (one query at a time). */
export interface QueryScratch {
  /** The query's hull points (distance, elevation), then the receiver. */
  x: Float64Array;
  z: Float64Array;
  gaps: RadialGaps;
}

export function queryScratch(p: RadialPlan, rec: RadialRecords): QueryScratch {
  return { x: new Float64Array(p.steps + 2), z: new Float64Array(p.steps + 2), gaps: new RadialGaps(rec.zf, p.stepM, p.steps + 2) };
}

/**
 * Terrain loss toward a receiver at distance d whose antenna is at zRx above the datum, read from
 * a radial whose tip is record `base` and which holds `length` steps (the scratch's gaps read the
 * same records): Deygout over the obstacles on the radial's hull, 0 when the path is clear.
 */
export function lossOnRadial(p: RadialPlan, rec: RadialRecords, base: number, length: number, q: QueryScratch, d: number, zRx: number, wavelengthM: number): number {
  let k = lossStep(p, d);
  if (k > length) k = length;
  if (k < 1) return 0;
  const { stepM, zTx } = p;
  const { zf, parent } = rec;
  const zR = zRx - d * d * p.bulge;
  // clear unless the horizon rises above the line to the receiver
  const top = rec.top[base + k]!;
  if (!((zf[base + top]! - zTx) * d > (zR - zTx) * (top * stepM))) return 0;
  // the receiver's tangent on the hull: pass the vertices on or below the line from their predecessor to it
  let u = k;
  let zu = zf[base + k]!;
  let pu = parent[base + k]!;
  for (;;) {
    const zp = zf[base + pu]!;
    const xp = pu * stepM;
    if ((zu - zp) * (d - xp) > (zR - zp) * (u * stepM - xp)) break;
    u = pu;
    zu = zp;
    if (u === 0) return 0; // a tie at the horizon: nothing strictly above the line
    pu = parent[base + u]!;
  }
  if (pu === 0) {
    // one vertex: its J(v) alone (its sub-paths hold no sample)
    const xu = u * stepM;
    const d2 = d - xu;
    const v = (zu - (zTx * d2 + zR * xu) / d) * Math.sqrt((2 / wavelengthM) * (1 / xu + 1 / d2));
    return v > p.minV ? knifeEdgeLossRaw(v) : 0;
  }
  // the hull from the antenna to u, then the receiver; the samples between them stay on the radial
  const { x, z, gaps } = q;
  const steps = gaps.steps;
  let m = 0;
  for (let w = u; w > 0; w = parent[base + w]!) m++;
  x[0] = 0;
  z[0] = zTx;
  steps[0] = 0;
  for (let w = u, i = m; w > 0; w = parent[base + w]!, i--) {
    x[i] = w * stepM;
    z[i] = zf[base + w]!;
    steps[i] = w;
  }
  x[m + 1] = d;
  z[m + 1] = zR;
  steps[m + 1] = k + 1;
  gaps.base = base;
  return deygoutHull3(x, z, m + 2, gaps, wavelengthM, p.minV); // deygoutCore's 3-edge construction (DIFFRACTION_DEFAULTS.maxEdges), bit for bit
}

/**
 * Mean ground minus the antenna's ground over the effective-height range toward a point at
 * distance d, read from a radial's records (the step just short of d); `fallbackM` when the range
 * holds no step or the sweep kept no means.
 */
export function meanOnRadial(p: RadialPlan, rec: RadialRecords, base: number, length: number, d: number, fallbackM: number): number {
  let k = meanStep(p, d);
  if (k > length) k = length;
  if (k < 1 || !p.groundSums) return fallbackM;
  const mean = rec.mean[base + k]!;
  return mean === mean ? mean : fallbackM;
}

/**
 * As `meanOnRadial`, from the running sums of the radial just swept (`SweepScratch.prefix`) instead
 * of stored means: the same value (rounded to Float32 as a record holds it).
 */
export function meanFromSums(p: RadialPlan, s: SweepScratch, length: number, d: number, fallbackM: number): number {
  let k = meanStep(p, d);
  if (k > length) k = length;
  if (k < 1 || !p.groundSums) return fallbackM;
  const i0 = p.meanFrom[k]!;
  const i1 = p.meanTo[k]!;
  if (i1 < i0) return fallbackM;
  const prefix = s.prefix;
  return Math.fround((prefix[i1]! - prefix[i0 - 1]!) / (i1 - i0 + 1));
}
