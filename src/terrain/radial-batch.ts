import { lossOnRadial, lossStep, meanFromSums, meanStep, queryScratch, radialIndex, type QueryScratch } from "./radial-query.js";
import { radialRecords, sweepRadialInto, sweepScratch, type RadialPlan, type RadialRecords, type SweepScratch } from "./radial-sweep.js";
import type { TerrainPoints } from "./term.js";

/**
 * The streaming form of the radial path: the terrain loss (and mean ground) of a batch of points
 * around one antenna — a tile's pixels — with each radial the points use swept once, up to the
 * farthest of them, into one small buffer that is reused for the next radial. Nothing is kept
 * between batches: memory is one radial's records (12 bytes a step) plus a few arrays per radial
 * and per point, where the stored `Horizon` keeps 12 bytes for every sample of every radial. The
 * numbers are the stored form's bit for bit: a step's records depend only on the steps before it.
 */
export interface RadialBatch {
  plan: RadialPlan;
  /** One radial's records (steps + 1). */
  records: RadialRecords;
  query: QueryScratch;
  sweep: SweepScratch;
  /** Counting sort of the points by radial: bucket starts (radials + 1) and the farthest step each bucket needs. */
  bucket: Int32Array;
  need: Int32Array;
}

/**
 * Per point: its radial; then the points in radial order. Used within one `radialBatchLoss` call
 * only, so every batch of a thread shares them (grown to the largest batch).
 */
let radialOfPoint = new Int32Array(0);
let pointOrder = new Int32Array(0);

export function radialBatch(plan: RadialPlan): RadialBatch {
  const records = radialRecords(plan.steps + 1, false); // means are read from the running sums
  return {
    plan,
    records,
    query: queryScratch(plan, records),
    sweep: sweepScratch(plan),
    bucket: new Int32Array(plan.radials + 1),
    need: new Int32Array(plan.radials),
  };
}

/**
 * For points 0 … n−1 (distances from the antenna in its frame, ground at each point): `loss[i]`
 * the terrain loss of a receiver `rxHeightM` above the point's ground (`lossOnRadial`), and with
 * `mean` (the plan keeps ground sums) `mean[i]` the mean ground minus the antenna's over the
 * effective-height range, the point's own ground minus the antenna's when the range holds no step.
 */
export function radialBatchLoss(b: RadialBatch, pts: TerrainPoints, rxHeightM: number, wavelengthM: number, loss: Float64Array, mean: Float64Array | null): void {
  const p = b.plan;
  const n = pts.n;
  if (radialOfPoint.length < n) {
    radialOfPoint = new Int32Array(n);
    pointOrder = new Int32Array(n);
  }
  const radial = radialOfPoint;
  const order = pointOrder;
  const { bucket, need, records, query } = b;
  const { dx, dy, d, ground } = pts;
  const sums = p.groundSums && mean !== null;
  bucket.fill(0);
  need.fill(0);
  for (let i = 0; i < n; i++) {
    const r = radialIndex(p, dx[i]!, dy[i]!);
    radial[i] = r;
    bucket[r + 1]!++;
    const k = sums ? meanStep(p, d[i]!) : lossStep(p, d[i]!);
    if (k > need[r]!) need[r] = k;
  }
  for (let r = 0; r < p.radials; r++) bucket[r + 1]! += bucket[r]!;
  // bucket[r] now counts the points before radial r; fill in order, advancing it to radial r's end
  for (let i = 0; i < n; i++) order[bucket[radial[i]!]!++] = i;
  let from = 0;
  for (let r = 0; r < p.radials; r++) {
    const to = bucket[r]!;
    if (to === from) continue;
    const length = sweepRadialInto(p, r, need[r]!, records, 0, b.sweep);
    for (let q = from; q < to; q++) {
      const i = order[q]!;
      const g = ground[i]!;
      loss[i] = lossOnRadial(p, records, 0, length, query, d[i]!, g + rxHeightM, wavelengthM);
      if (sums) mean![i] = meanFromSums(p, b.sweep, length, d[i]!, g - p.groundTx);
    }
    from = to;
  }
}
