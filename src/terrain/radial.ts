import { fail } from "../errors.js";
import type { LonLat } from "../units.js";
import type { Dem } from "./dem.js";
import { lossOnRadial, meanOnRadial, queryScratch, radialIndex, type QueryScratch } from "./radial-query.js";
import {
  radialPlan,
  radialRecords,
  RADIAL_DEFAULTS,
  sweepRadialInto,
  sweepScratch,
  type HorizonOptions,
  type RadialPlan,
  type RadialRecords,
  type SweepScratch,
} from "./radial-sweep.js";

export { RADIAL_DEFAULTS, type HorizonOptions };

/**
 * The fast terrain path: per antenna, radials swept outward, then per pixel a constant amount of
 * work beyond the sweep — the few hull vertices between the antenna and the pixel (2–3 on average
 * over Almaty, at most a dozen or so) — giving the same loss as the exact path, `terrainLoss`:
 * Deygout, up to 3 distinct obstacles that reach the direct line (`deygoutCore`, shared code), over
 * the radial's samples instead of a profile along the pixel's own bearing.
 *
 * Sweep (radial-sweep.ts). Radials leave the antenna every Δθ = max(pixel, DEM spacing) / range (the
 * cell's cull radius; cells of a site at one mast height share the largest): at the edge of range
 * neighbouring radials are one pixel apart, so no pixel is skipped (on rasters finer than the DEM,
 * one DEM spacing apart: no DEM cell is skipped). Each is sampled every
 * `TERRAIN_LOSS_DEFAULTS.stepShare` of the DEM spacing, as the exact path's profiles are (every half
 * pixel on rasters coarser than that, so the cost follows the raster), and stops at the raster's
 * box. In a frame where the earth bulge seen from the antenna is subtracted (zf = z − s²/(2kR):
 * heights above any chord are then those over the curved earth), a radial keeps the upper convex
 * hull of the antenna tip and its samples as a persistent stack — each sample stores its
 * predecessor on the hull as it stood when the sample was added — and the sample of largest
 * elevation angle so far (the horizon). Amortised O(1) per sample (monotone chain). For the Hata
 * effective height it also keeps running sums of the ground, whose difference over a step's
 * averaging range is the mean ground there (effective-height.ts).
 *
 * Pixel (radial-query.ts). The pixel takes the radial nearest its bearing and the samples at least
 * half a step before it (the profile's last interior sample also sits a step before the receiver).
 * If the horizon stays below the line to the receiver the path is clear: loss 0 after one
 * comparison. Otherwise, following the stored predecessors from that sample gives the upper hull
 * of antenna, samples and receiver — the receiver's tangent first, then the vertices back to the
 * antenna. Every sample that reaches a (sub-)path's line lies on that hull, so the hull vertices
 * are Deygout's candidate edges; whether two of them are distinct obstacles is read from the
 * radial's samples between them (does one dip below the sub-path's line?), exactly as the exact
 * path reads its profile.
 *
 * Two forms, the same numbers. A step's records depend only on the ground of the steps up to it,
 * so a radial swept only as far as some pixels need holds, up to there, what the full sweep holds.
 * The stored form here (`buildHorizon`) keeps the records of every radial, 12 bytes a sample
 * (swept on first query with `lazy`): for point queries (`signalAt`, and the raster kernel's
 * point-by-point fallback). The raster engine uses the streaming form (radial-batch.ts, through
 * src/coverage/tile-terrain.ts): per tile and site, the tile's pixels sorted by radial, each radial
 * they use swept once up to the farthest of them into one small reused buffer, and those pixels
 * answered while it is in cache; memory is one radial instead of every sample of every site.
 *
 * Cost (bench/terrain.bench.ts). Per pixel and site: its bearing (`atan2Deg`); its share of the sweep —
 * the samples of the radials the tile's pixels use, a few to a dozen per pixel on Almaty's LTE800
 * layer (radials are one pixel apart at the 34 km cull radius, far closer at the pixels' own
 * distances, so most pixels have a radial to themselves; the finer the raster, the more samples per
 * pixel); and the query — clear after one comparison about half the time over Almaty, else the hull
 * walk and a 3-edge Deygout (`deygoutHull3`). The sites' sectors then share the term and the
 * elevation angle. Counted at 100 m (26 sites, 1.82 M pixel × site pairs): 20 M samples (≈ 17 ns
 * each: bilinear read ≈ 6 ns, hull ≈ 11 ns, its mispredicted pops mostly), 1.04 M obstructed
 * queries; profile: sweep ≈ 34 %, queries ≈ 16 %, gathering and sorting the points ≈ 20 %, the
 * members' dB powers and their conversion to mW ≈ 16 %. The no-terrain engine spends ≈ 30 ns per
 * pixel × site in all (WebAssembly, table reads), less than the ≈ 11 samples alone cost here, so
 * the radial path stays several times its cost (4–6× at 400 m, 16–23× at 100 m in repeated runs
 * of `npm run bench`). Radials that start only where they are needed (each inheriting its
 * neighbour's first steps, so a pixel's radial is at most a fixed share of a pixel beside it at
 * every distance) were built and measured:
 * at the share that keeps the error within 8 km about as it is (a quarter pixel) they took twice
 * the time at 100 m (2.1 s against 1.0 s; mean 0.74 / p95 6.1 dB out to the cull radius instead of
 * 1.4 / 7.9), at a whole pixel the same time with more than twice the error (within 8 km mean
 * 0.94 against 0.42 dB, p95 6.6 against 1.8) — a fixed lateral tolerance costs more out at the
 * cull radius than it saves near the mast.
 *
 * Approximation, against the exact path: (1) the radial runs up to half a radial spacing beside
 * the pixel — a small fraction of a pixel near the mast, half a pixel at the cull radius; (2) its
 * samples sit at other distances than the profile's; (3) a sample that is not a hull vertex is
 * never an edge — it can reach a sub-path's line only when that line passes under hull vertices
 * skipped as part of the bounding edge's obstacle (on its own samples the radial path equals the
 * exact path in 99 % of Almaty queries; test/terrain/radial.test.ts). (1) and (2) dominate, mostly
 * as edges that graze the line in one sampling and not the other (0 ↔ 6 dB), so the error grows
 * with the distance and the pixel: `bench/terrain-accuracy.ts` measures it (test/terrain/radial.test.ts
 * asserts it), with the exact path's own change when its spacing is halved for scale — for a 50 m
 * raster mean 0.42 dB, p95 1.8 dB over 10,400 paths within 8 km; mean 1.4 dB, p95 7.5 dB out to
 * the 34 km cull radius; the perf report adds the 100 m and 400 m sweeps.
 */
export interface Horizon {
  /** The site's radials (spacing, step, reach, constants); the fields below repeat the common ones. */
  plan: RadialPlan;
  /** Radial spacing, rad, and the step along a radial, m. */
  dTheta: number;
  stepM: number;
  radials: number;
  /** Record of radial r's antenna tip; its step k is record start[r] + k. */
  start: Int32Array;
  /** Steps sampled on radial r (it stops at the raster's box, the DEM's edge or a void); valid once swept (`ensureRadial`). */
  lengths: Uint16Array;
  /** Radial r has been swept (a lazy horizon sweeps each radial on its first query). */
  swept: Uint8Array;
  /** Every radial's records (`RadialRecords`: 12 bytes a sample). */
  records: RadialRecords;
  groundSums: boolean;
  /** Antenna tip and its ground above the datum, m; bulge coefficient 1/(2kR). */
  zTx: number;
  groundTx: number;
  bulge: number;
  /** Edges count from this v (`TERRAIN_LOSS_DEFAULTS.minV`). */
  minV: number;
  scratch: QueryScratch;
  sweep: SweepScratch;
}

/**
 * The stored sweep of an antenna whose tip is `zTx` above the datum, out to `rangeM`: every radial
 * swept now, or with `lazy` each on its first query (a few points need a few radials).
 */
export function buildHorizon(dem: Dem, tx: LonLat, zTx: number, rangeM: number, o: HorizonOptions & { lazy?: boolean }): Horizon {
  return horizonOf(radialPlan(dem, tx, zTx, rangeM, o), o);
}

/** The stored sweep of a plan's radials (see `buildHorizon`). */
export function horizonOf(plan: RadialPlan, o: { maxSamples?: number; lazy?: boolean } = {}): Horizon {
  const { radials, reach } = plan;
  const max = o.maxSamples ?? RADIAL_DEFAULTS.maxSamples;
  if (radials * plan.steps > max) fail("LIMIT_EXCEEDED", "samples", radials * plan.steps, `at most ${max} per sweep (option maxSamples): a larger pixel or a shorter range`);
  const start = new Int32Array(radials + 1);
  for (let r = 0; r < radials; r++) start[r + 1] = start[r]! + reach[r]! + 1;
  const records = radialRecords(start[radials]!, plan.groundSums);
  const h: Horizon = {
    plan,
    dTheta: plan.dTheta,
    stepM: plan.stepM,
    radials,
    start,
    lengths: new Uint16Array(radials),
    swept: new Uint8Array(radials),
    records,
    groundSums: plan.groundSums,
    zTx: plan.zTx,
    groundTx: plan.groundTx,
    bulge: plan.bulge,
    minV: plan.minV,
    scratch: queryScratch(plan, records),
    sweep: sweepScratch(plan),
  };
  if (o.lazy !== true) for (let r = 0; r < radials; r++) ensureRadial(h, r);
  return h;
}

/** Sweeps radial r if it has not been yet. */
export function ensureRadial(h: Horizon, r: number): void {
  if (h.swept[r] !== 0) return;
  h.lengths[r] = sweepRadialInto(h.plan, r, h.plan.reach[r]!, h.records, h.start[r]!, h.sweep);
  h.swept[r] = 1;
}

/** The radial nearest the bearing of a point (dx east, dy north) metres from the antenna. */
export function radialOf(h: Horizon, dx: number, dy: number): number {
  return radialIndex(h.plan, dx, dy);
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
  ensureRadial(h, r);
  return lossOnRadial(h.plan, h.records, h.start[r]!, h.lengths[r]!, h.scratch, d, zRx, wavelengthM);
}

/**
 * Mean ground elevation minus the antenna's ground over the effective-height range toward a point
 * at distance d on radial r (that of the radial's step just short of d), m; `fallbackM` when the
 * range holds no step or the sweep kept no means.
 */
export function radialMeanGroundM(h: Horizon, r: number, d: number, fallbackM: number): number {
  ensureRadial(h, r);
  return meanOnRadial(h.plan, h.records, h.start[r]!, h.lengths[r]!, d, fallbackM);
}
