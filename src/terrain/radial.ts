import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { ITU_EARTH_RADIUS_M } from "../math.js";
import type { LonLat } from "../units.js";
import { demBBox, sampleDem, sampleRay, type Dem } from "./dem.js";
import { deygoutCore, deygoutScratch, vOf, type DeygoutPoints, type DeygoutScratch, type GapTest } from "./deygout-core.js";
import { TERRAIN_LOSS_DEFAULTS } from "./loss.js";
import { demSpacingM } from "./profile.js";
import { averagingFromM, averagingToM } from "./effective-height.js";
import { knifeEdgeLossDb } from "./knife-edge.js";
import { DIFFRACTION_DEFAULTS } from "./profile-geometry.js";

/**
 * The fast terrain path: one radial sweep per antenna, then per pixel a constant amount of work
 * beyond it — the few hull vertices between the antenna and the pixel (2–3 on average over Almaty,
 * at most a dozen or so) — giving the same loss as the exact path, `terrainLoss`: Deygout, up to 3
 * distinct obstacles that reach the direct line (`deygoutCore`, shared code), over the radial's
 * samples instead of a profile along the pixel's own bearing.
 *
 * Sweep. Radials leave the antenna every Δθ = max(pixel, DEM spacing) / range: at the edge of range
 * neighbouring radials are one pixel apart, so no pixel is skipped (on rasters finer than the DEM,
 * one DEM spacing apart: no DEM cell is skipped). Each is sampled every
 * `TERRAIN_LOSS_DEFAULTS.stepShare` of the DEM spacing, as the exact path's profiles are (every half
 * pixel on rasters coarser than that, so the cost follows the raster). In a frame where the earth
 * bulge seen from the antenna is subtracted (zf = z − s²/(2kR): heights above any chord are then
 * those over the curved earth), a radial keeps the upper convex hull of the antenna tip and its
 * samples as a persistent stack — each sample stores its predecessor on the hull as it stood when
 * the sample was added — and the sample of largest elevation angle so far (the horizon). Amortised
 * O(1) per sample (monotone chain). For the Hata effective height each sample also keeps the mean
 * ground over its averaging range (effective-height.ts).
 *
 * Pixel. The pixel takes the radial nearest its bearing and the samples at least half a step
 * before it (the profile's last interior sample also sits a step before the receiver). If the
 * horizon stays below the line to the receiver the path is clear: loss 0 after one comparison.
 * Otherwise, following the stored predecessors from that sample gives the upper hull of antenna,
 * samples and receiver — the receiver's tangent first, then the vertices back to the antenna. Every
 * sample that reaches a (sub-)path's line lies on that hull, so the hull vertices are Deygout's
 * candidate edges; whether two of them are distinct obstacles is read from the radial's samples
 * between them (does one dip below the sub-path's line?), exactly as the exact path reads its
 * profile.
 *
 * Approximation, against the exact path: (1) the radial runs up to half a radial spacing beside
 * the pixel; (2) its samples sit at other distances than the profile's; (3) a sample that is not a
 * hull vertex is never an edge — it can reach a sub-path's line only when that line passes under
 * hull vertices skipped as part of the bounding edge's obstacle (on its own samples the radial
 * path equals the exact path in 99 % of Almaty queries; test/terrain/radial.test.ts). (1) and (2)
 * dominate, mostly as edges that graze the line in one sampling and not the other (0 ↔ 6 dB). `bench/terrain-accuracy.ts` measures it over 10,400 seeded Almaty
 * paths (test/terrain/radial.test.ts asserts it), with the exact path's own change when its
 * spacing is halved for scale.
 */
export const RADIAL_DEFAULTS = {
  /** Sampling step along a radial: `TERRAIN_LOSS_DEFAULTS.stepShare` of the DEM spacing, or this share of the pixel when longer (coarse rasters: the cost follows the raster). */
  pixelStepShare: 0.5,
  /** A pixel uses the samples at least this many steps before it. */
  gapSteps: 0.5,
  /** Most samples in one sweep (radials × steps); raise with `maxSamples`. */
  maxSamples: 20_000_000,
};

/** Steps are stored as 16-bit indices. */
const MAX_STEPS = 65_535;

/**
 * One 12-byte record per sample (what a query reads of a sample sits together): as Float32 0 the
 * elevation zf, 1 the mean ground; as Uint16 4 the hull predecessor, 5 the horizon (see `Horizon`).
 */
const F32 = 3;
const U16 = 6;
const ZF = 0;
const MEAN = 1;
const PARENT = 4;
const TOP = 5;

/** Per-query working arrays of a horizon (one query at a time). */
interface HorizonScratch {
  points: DeygoutPoints;
  gaps: RadialGaps;
  deygout: DeygoutScratch;
}

/**
 * The samples between consecutive hull points of the current query: point i is step `steps[i]`
 * of the radial whose tip is record `base` (the receiver's entry is one past the last sample used).
 */
class RadialGaps implements GapTest {
  base = 0;
  steps: Int32Array;
  constructor(
    private readonly f32: Float32Array,
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
      if (!(vOf(this.f32[(this.base + k) * F32 + ZF]!, k * this.stepM, xa, za, xb, zb, span, k2) > minV)) return true;
    }
    return false;
  }
}

export interface Horizon {
  /** Radial spacing, rad, and the step along a radial, m. */
  dTheta: number;
  stepM: number;
  radials: number;
  /** Record of radial r's antenna tip; its step k is record start[r] + k. */
  start: Int32Array;
  /** Steps sampled on radial r (it stops at the raster's box, the DEM's edge or a void). */
  lengths: Uint16Array;
  /**
   * The records, as Float32 (index 3·i + field) and Uint16 (6·i + field) views of one buffer. Per
   * step: zf, the ground minus the earth bulge seen from the antenna (z − s²/(2kR), m; the tip's
   * elevation at the tip's record); the mean of ground − the antenna's ground over the steps in
   * the effective-height range of a receiver at step k (`averagingFromM`, with `groundSums`; NaN
   * when the range holds no step); the step of its predecessor on the upper hull of the tip and steps
   * 1 … k (0: the tip); the step of the lowest sample between that predecessor and it (against the
   * line joining them; 0: none); the step of the largest elevation angle seen from the tip so far.
   */
  f32: Float32Array;
  u16: Uint16Array;
  groundSums: boolean;
  /** Antenna tip and its ground above the datum, m; bulge coefficient 1/(2kR). */
  zTx: number;
  groundTx: number;
  bulge: number;
  /** Edges count from this v (`TERRAIN_LOSS_DEFAULTS.minV`). */
  minV: number;
  scratch: HorizonScratch;
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

export function buildHorizon(dem: Dem, tx: LonLat, zTx: number, rangeM: number, o: HorizonOptions): Horizon {
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
  const max = o.maxSamples ?? RADIAL_DEFAULTS.maxSamples;
  if (radials * steps > max) fail("LIMIT_EXCEEDED", "samples", radials * steps, `at most ${max} per sweep (option maxSamples): a larger pixel or a shorter range`);
  const groundTx = o.groundM ?? sampleDem(dem, tx[0], tx[1]);
  const sums = o.groundSums === true;
  const tip = Math.fround(zTx);
  const dTheta = (2 * Math.PI) / radials;
  // each radial's reach (the raster's box and the DEM's) sizes the records once
  const box = o.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
  const demBox = demBBox(dem);
  const start = new Int32Array(radials + 1);
  const reach = new Int32Array(radials);
  for (let r = 0; r < radials; r++) {
    const dLon = (stepM * Math.sin(r * dTheta)) / f.kx;
    const dLat = (stepM * Math.cos(r * dTheta)) / f.ky;
    reach[r] = Math.min(lastStepInBox(tx, dLon, dLat, box, steps - 1), lastStepInBox(tx, dLon, dLat, demBox, steps - 1));
    start[r + 1] = start[r]! + reach[r]! + 1;
  }
  const buffer = new ArrayBuffer(start[radials]! * 12);
  const f32 = new Float32Array(buffer);
  const u16 = new Uint16Array(buffer);
  const lengths = new Uint16Array(radials);
  const ground = new Float64Array(steps);
  const prefix = new Float64Array(sums ? steps : 0);
  for (let r = 0; r < radials; r++) {
    const dLon = (stepM * Math.sin(r * dTheta)) / f.kx;
    const dLat = (stepM * Math.cos(r * dTheta)) / f.ky;
    const m = sampleRay(dem, tx[0], tx[1], dLon, dLat, reach[r]!, ground);
    f32[start[r]! * F32 + ZF] = tip;
    sweepRadial(f32, u16, start[r]!, ground, m, stepM, bulge);
    if (sums) meanGround(f32, start[r]!, ground, m, stepM, groundTx, prefix);
    lengths[r] = m;
  }
  const gaps = new RadialGaps(f32, stepM, steps + 2);
  const points: DeygoutPoints = { x: new Float64Array(steps + 2), z: new Float64Array(steps + 2), n: 0, gaps };
  return {
    dTheta,
    stepM,
    radials,
    start,
    lengths,
    f32,
    u16,
    groundSums: sums,
    zTx: tip,
    groundTx,
    bulge,
    minV: TERRAIN_LOSS_DEFAULTS.minV,
    scratch: { points, gaps, deygout: deygoutScratch(DIFFRACTION_DEFAULTS.maxEdges) },
  };
}

/**
 * Steps 1 … m of one radial whose tip is record `base` (ground already sampled into `ground[k]`):
 * hull predecessors (monotone chain: amortised O(1) per step) and horizon.
 */
function sweepRadial(f32: Float32Array, u16: Uint16Array, base: number, ground: Float64Array, m: number, stepM: number, bulge: number): void {
  const tip = f32[base * F32 + ZF]!;
  let best = 0; // the horizon's step (0 until the first sample)
  let bestZ = tip;
  for (let k = 1; k <= m; k++) {
    const s = k * stepM;
    const zk = Math.fround(ground[k]! - s * s * bulge);
    const rec = base + k;
    f32[rec * F32 + ZF] = zk;
    // pass the hull vertices on or below the line from their predecessor to this sample
    let u = k - 1;
    let zu = u === 0 ? tip : f32[(rec - 1) * F32 + ZF]!;
    while (u > 0) {
      const p = u16[(base + u) * U16 + PARENT]!;
      const zp = f32[(base + p) * F32 + ZF]!;
      if ((zu - zp) * (k - p) > (zk - zp) * (u - p)) break;
      u = p;
      zu = zp;
    }
    u16[rec * U16 + PARENT] = u;
    if (best === 0 || (zk - tip) * best > (bestZ - tip) * k) {
      best = k;
      bestZ = zk;
    }
    u16[rec * U16 + TOP] = best;
  }
}

/**
 * Per step k of a radial, the mean of ground − `groundTx` over its steps within the
 * effective-height range of a receiver at k·stepM (src/terrain/effective-height.ts), from running
 * sums: O(1) per step.
 */
function meanGround(f32: Float32Array, base: number, ground: Float64Array, m: number, stepM: number, groundTx: number, prefix: Float64Array): void {
  prefix[0] = 0;
  for (let k = 1; k <= m; k++) prefix[k] = prefix[k - 1]! + (ground[k]! - groundTx);
  for (let k = 1; k <= m; k++) {
    const s = k * stepM;
    const i0 = Math.max(1, Math.ceil(averagingFromM(s) / stepM));
    const i1 = Math.min(k, Math.floor(averagingToM(s) / stepM));
    f32[(base + k) * F32 + MEAN] = i1 < i0 ? NaN : (prefix[i1]! - prefix[i0 - 1]!) / (i1 - i0 + 1);
  }
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

/** The radial nearest the bearing of a point (dx east, dy north) metres from the antenna. */
export function radialOf(h: Horizon, dx: number, dy: number): number {
  let theta = Math.atan2(dx, dy);
  if (theta < 0) theta += 2 * Math.PI;
  const r = Math.round(theta / h.dTheta);
  return r >= h.radials ? r - h.radials : r;
}

/**
 * Terrain loss toward a point (dx east, dy north) metres from the antenna at distance d, whose
 * receiving antenna is at zRx above the datum: Deygout over the obstacles of its radial (see
 * `buildHorizon`), 0 when the path is clear.
 */
export function horizonLossDb(h: Horizon, dx: number, dy: number, d: number, zRx: number, wavelengthM: number): number {
  return radialLossDb(h, radialOf(h, dx, dy), d, zRx, wavelengthM);
}

/** As `horizonLossDb`, on a given radial. */
export function radialLossDb(h: Horizon, r: number, d: number, zRx: number, wavelengthM: number): number {
  let k = Math.floor(d / h.stepM - RADIAL_DEFAULTS.gapSteps);
  const length = h.lengths[r]!;
  if (k > length) k = length;
  if (k < 1) return 0;
  const base = h.start[r]!;
  const { f32, u16, stepM, zTx } = h;
  const zR = zRx - d * d * h.bulge;
  // clear unless the horizon rises above the line to the receiver
  const top = u16[(base + k) * U16 + TOP]!;
  if (!((f32[(base + top) * F32 + ZF]! - zTx) * d > (zR - zTx) * (top * stepM))) return 0;
  // the receiver's tangent on the hull: pass the vertices on or below the line from their predecessor to it
  let u = k;
  let zu = f32[(base + k) * F32 + ZF]!;
  let pu = u16[(base + k) * U16 + PARENT]!;
  for (;;) {
    const zp = f32[(base + pu) * F32 + ZF]!;
    const xp = pu * stepM;
    if ((zu - zp) * (d - xp) > (zR - zp) * (u * stepM - xp)) break;
    u = pu;
    zu = zp;
    if (u === 0) return 0; // a tie at the horizon: nothing strictly above the line
    pu = u16[(base + u) * U16 + PARENT]!;
  }
  if (pu === 0) {
    // one vertex: its J(v) alone (its sub-paths hold no sample)
    const xu = u * stepM;
    const d2 = d - xu;
    const v = (zu - (zTx * d2 + zR * xu) / d) * Math.sqrt((2 / wavelengthM) * (1 / xu + 1 / d2));
    return v > h.minV ? knifeEdgeLossDb(v) : 0;
  }
  // the hull from the antenna to u, then the receiver; the samples between them stay on the radial
  const pts = h.scratch.points;
  const gaps = h.scratch.gaps;
  const x = pts.x;
  const z = pts.z;
  const steps = gaps.steps;
  let m = 0;
  for (let w = u; w > 0; w = u16[(base + w) * U16 + PARENT]!) m++;
  x[0] = 0;
  z[0] = zTx;
  steps[0] = 0;
  for (let w = u, i = m; w > 0; w = u16[(base + w) * U16 + PARENT]!, i--) {
    x[i] = w * stepM;
    z[i] = f32[(base + w) * F32 + ZF]!;
    steps[i] = w;
  }
  x[m + 1] = d;
  z[m + 1] = zR;
  steps[m + 1] = k + 1;
  gaps.base = base;
  pts.n = m + 2;
  return deygoutCore(pts, wavelengthM, h.minV, true, h.scratch.deygout);
}

/**
 * Mean ground elevation minus the antenna's ground over the effective-height range toward a point
 * at distance d on radial r (that of the radial's step just short of d), m; `fallbackM` when the
 * range holds no step or the sweep kept no means.
 */
export function radialMeanGroundM(h: Horizon, r: number, d: number, fallbackM: number): number {
  let k = Math.floor(d / h.stepM);
  const length = h.lengths[r]!;
  if (k > length) k = length;
  if (k < 1 || !h.groundSums) return fallbackM;
  const mean = h.f32[(h.start[r]! + k) * F32 + MEAN]!;
  return mean === mean ? mean : fallbackM;
}
