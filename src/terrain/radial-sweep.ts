import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { ITU_EARTH_RADIUS_M } from "../math.js";
import type { LonLat } from "../units.js";
import { demBBox, sampleDem, sampleRay, type Dem } from "./dem.js";
import { averagingFromM, averagingToM } from "./effective-height.js";
import { TERRAIN_LOSS_DEFAULTS } from "./loss.js";
import { DIFFRACTION_DEFAULTS } from "./profile-geometry.js";
import { demSpacingM } from "./profile.js";

/**
 * The radial terrain path's sweep (src/terrain/radial.ts explains the method): a site's radials
 * (`RadialPlan`) and the sweep of one radial into records (`sweepRadialInto`), shared by both forms
 * of the path — the stored `Horizon` (radial.ts) and the streaming batch (radial-batch.ts); the
 * queries of a radial's records are in radial-query.ts. Records of steps 1 … k depend only on the
 * ground of those steps, so a radial swept only as far as a batch needs holds the same numbers.
 */
export const RADIAL_DEFAULTS = {
  /** Sampling step along a radial: `TERRAIN_LOSS_DEFAULTS.stepShare` of the DEM spacing, or this share of the pixel when longer (coarse rasters: the cost follows the raster). */
  pixelStepShare: 0.5,
  /** A pixel uses the samples at least this many steps before it. */
  gapSteps: 0.5,
  /** Most samples in one stored sweep (radials × steps); raise with `maxSamples`. */
  maxSamples: 20_000_000,
};

/** Steps are stored as 16-bit indices. */
export const MAX_STEPS = 65_535;

/**
 * The records of one or more radials, 12 bytes a sample in four arrays (radial r's step k at index
 * base + k, its tip at base): zf, the ground minus the earth bulge seen from the antenna
 * (z − s²/(2kR), m; the tip's elevation at the tip); the mean of ground − the antenna's ground over
 * the steps in the effective-height range of a receiver at step k (`averagingFromM`, with ground
 * sums; NaN when the range holds no step); the step of its predecessor on the upper hull of the tip
 * and steps 1 … k (0: the tip); the step of the largest elevation angle seen from the tip so far.
 */
export interface RadialRecords {
  zf: Float32Array;
  mean: Float32Array;
  parent: Uint16Array;
  top: Uint16Array;
}

/** Records for `samples` samples; `means`: keep each step's mean ground (else none: see `meanFromSums`). */
export function radialRecords(samples: number, means: boolean): RadialRecords {
  return { zf: new Float32Array(samples), mean: new Float32Array(means ? samples : 0), parent: new Uint16Array(samples), top: new Uint16Array(samples) };
}

export interface HorizonOptions {
  /** Pixel size of the raster it serves, m (sets the radial spacing). */
  pixelM: number;
  /** Effective earth-radius factor (default 4/3). */
  kFactor?: number;
  maxSamples?: number;
  /** Stop each radial where it leaves this box (the raster's): nothing beyond is ever asked for. */
  bbox?: readonly [number, number, number, number];
  /** The antenna's ground elevation, m (default: the DEM's); the tip is `zTx`. */
  groundM?: number;
  /** Also keep the mean ground for `radialMeanGroundM` (effective antenna height). */
  groundSums?: boolean;
}

/** A site's radials: where they run, how far, and the constants every query of them reads. */
export interface RadialPlan {
  dem: Dem;
  /** The antenna's position and its local frame factors (m per degree). */
  lon: number;
  lat: number;
  kx: number;
  ky: number;
  /** Radial spacing, rad, and the step along a radial, m. */
  dTheta: number;
  stepM: number;
  radials: number;
  /** radials / 360: a bearing in degrees times this is its radial (before rounding). */
  radialsPerDegree: number;
  /** Most steps of a radial (the range's). */
  steps: number;
  /** The last step of radial r inside the raster's box and the DEM (the sweep may stop earlier at a void). */
  reach: Int32Array;
  /** Antenna tip (Float32, as the records hold it) and its ground above the datum, m; bulge coefficient 1/(2kR). */
  zTx: number;
  groundTx: number;
  bulge: number;
  /** Edges count from this v (`TERRAIN_LOSS_DEFAULTS.minV`). */
  minV: number;
  /** The sweeps also keep the mean ground of each step's effective-height range. */
  groundSums: boolean;
  /** With ground sums: the first and last step of step k's effective-height range (k ≥ 1). */
  meanFrom: Int32Array;
  meanTo: Int32Array;
}

/**
 * The radials of an antenna at `tx` whose tip is `zTx` above the datum, out to `rangeM` (checked;
 * `LIMIT_EXCEEDED` beyond 65,535 steps). `maxSamples` is not checked here (only a stored sweep
 * holds all samples at once).
 */
export function radialPlan(dem: Dem, tx: LonLat, zTx: number, rangeM: number, o: HorizonOptions): RadialPlan {
  if (!(o.pixelM > 0 && Number.isFinite(o.pixelM))) fail("INVALID_VALUE", "pixelM", o.pixelM, "a pixel size > 0 m");
  if (!(rangeM > 0 && Number.isFinite(rangeM))) fail("INVALID_VALUE", "rangeM", rangeM, "a range > 0 m");
  if (!Number.isFinite(zTx)) fail("NOT_FINITE", "zTx", zTx, "the antenna tip's elevation in m");
  const kFactor = o.kFactor ?? DIFFRACTION_DEFAULTS.kFactor;
  const bulge = 1 / (2 * kFactor * ITU_EARTH_RADIUS_M);
  const f = localFrame(tx[1]);
  const spacingM = demSpacingM(dem, tx[1]);
  const stepM = Math.max(spacingM * TERRAIN_LOSS_DEFAULTS.stepShare, o.pixelM * RADIAL_DEFAULTS.pixelStepShare);
  const steps = Math.ceil(rangeM / stepM) + 1;
  if (steps > MAX_STEPS) fail("LIMIT_EXCEEDED", "rangeM", rangeM, `at most ${MAX_STEPS} steps per radial (${Math.floor(MAX_STEPS * stepM)} m here)`);
  // one pixel apart at the edge of range, or one DEM spacing on rasters finer than the DEM
  const radials = Math.max(8, Math.ceil((2 * Math.PI * rangeM) / Math.max(o.pixelM, spacingM)));
  const dTheta = (2 * Math.PI) / radials;
  const plan: RadialPlan = {
    dem,
    lon: tx[0],
    lat: tx[1],
    kx: f.kx,
    ky: f.ky,
    dTheta,
    stepM,
    radials,
    radialsPerDegree: radials / 360,
    steps,
    reach: new Int32Array(radials),
    zTx: Math.fround(zTx),
    groundTx: o.groundM ?? sampleDem(dem, tx[0], tx[1]),
    bulge,
    minV: TERRAIN_LOSS_DEFAULTS.minV,
    groundSums: o.groundSums === true,
    meanFrom: new Int32Array(o.groundSums === true ? steps : 0),
    meanTo: new Int32Array(o.groundSums === true ? steps : 0),
  };
  for (let k = 1; k < plan.meanFrom.length; k++) {
    const s = k * stepM;
    plan.meanFrom[k] = Math.max(1, Math.ceil(averagingFromM(s) / stepM));
    plan.meanTo[k] = Math.min(k, Math.floor(averagingToM(s) / stepM));
  }
  // each radial's reach: the raster's box and the DEM's
  const box = o.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
  const demBox = demBBox(dem);
  for (let r = 0; r < radials; r++) {
    const dLon = rayLon(plan, r);
    const dLat = rayLat(plan, r);
    plan.reach[r] = Math.min(lastStepInBox(tx, dLon, dLat, box, steps - 1), lastStepInBox(tx, dLon, dLat, demBox, steps - 1));
  }
  return plan;
}

/** Longitude and latitude advanced per step along radial r, degrees. */
function rayLon(p: RadialPlan, r: number): number {
  return (p.stepM * Math.sin(r * p.dTheta)) / p.kx;
}
function rayLat(p: RadialPlan, r: number): number {
  return (p.stepM * Math.cos(r * p.dTheta)) / p.ky;
}

/** Working arrays of one radial's sweep: ground and running sums per step (sized `plan.steps`). */
export interface SweepScratch {
  ground: Float64Array;
  prefix: Float64Array;
}

export function sweepScratch(p: RadialPlan): SweepScratch {
  return { ground: new Float64Array(p.steps), prefix: new Float64Array(p.groundSums ? p.steps : 0) };
}

/**
 * Sweeps radial r over steps 1 … min(kMax, reach) into the records from index `base` (the tip's;
 * indices base … base + kMax must exist). Returns the last step sampled (it stops earlier at a
 * void): the radial's length.
 */
export function sweepRadialInto(p: RadialPlan, r: number, kMax: number, rec: RadialRecords, base: number, s: SweepScratch): number {
  const reach = p.reach[r]!;
  const ground = s.ground;
  const m = sampleRay(p.dem, p.lon, p.lat, rayLon(p, r), rayLat(p, r), kMax < reach ? kMax : reach, ground);
  // the upper hull of the tip and steps 1 … k as a persistent stack (monotone chain: amortised
  // O(1) per step), the horizon, and with ground sums the running sum of ground − the antenna's ground
  const { zf, parent, top } = rec;
  const { stepM, bulge, groundSums, groundTx } = p;
  const prefix = s.prefix;
  const tip = p.zTx;
  zf[base] = tip;
  let best = 0; // the horizon's step (0 until the first sample)
  let bestZ = tip;
  let sum = 0;
  if (groundSums) prefix[0] = 0;
  for (let k = 1; k <= m; k++) {
    const g = ground[k]!;
    if (groundSums) {
      sum += g - groundTx;
      prefix[k] = sum;
    }
    const x = k * stepM;
    const zk = Math.fround(g - x * x * bulge);
    zf[base + k] = zk;
    // pass the hull vertices on or below the line from their predecessor to this sample
    let u = k - 1;
    let zu = zf[base + u]!;
    while (u > 0) {
      const q = parent[base + u]!;
      const zq = zf[base + q]!;
      if ((zu - zq) * (k - q) > (zk - zq) * (u - q)) break;
      u = q;
      zu = zq;
    }
    parent[base + k] = u;
    if (best === 0 || (zk - tip) * best > (bestZ - tip) * k) {
      best = k;
      bestZ = zk;
    }
    top[base + k] = best;
  }
  const mean = rec.mean;
  if (groundSums && mean.length > 0) {
    // per step, the mean over its effective-height range (else `meanFromSums` reads it from the sums on demand)
    const { meanFrom, meanTo } = p;
    for (let k = 1; k <= m; k++) {
      const i0 = meanFrom[k]!;
      const i1 = meanTo[k]!;
      mean[base + k] = i1 < i0 ? NaN : (prefix[i1]! - prefix[i0 - 1]!) / (i1 - i0 + 1);
    }
  }
  return m;
}

/**
 * The last step k ≤ kMax of a ray from `tx` (k·dLon, k·dLat per step) still inside the box, or
 * 0: a box is convex, so a ray that has left it moving away never comes back. (A ray from outside
 * the box moving toward it is not clipped on that side.)
 */
function lastStepInBox(tx: LonLat, dLon: number, dLat: number, box: readonly [number, number, number, number], kMax: number): number {
  const [w, so, e, n] = box;
  let k = kMax;
  if (dLon < 0) k = Math.min(k, Math.floor((tx[0] - w) / -dLon));
  if (dLon > 0) k = Math.min(k, Math.floor((e - tx[0]) / dLon));
  if (dLat < 0) k = Math.min(k, Math.floor((tx[1] - so) / -dLat));
  if (dLat > 0) k = Math.min(k, Math.floor((n - tx[1]) / dLat));
  return k < 0 ? 0 : k;
}
