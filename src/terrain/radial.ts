import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { ITU_EARTH_RADIUS_M } from "../math.js";
import type { LonLat } from "../units.js";
import { sampleDem, type Dem } from "./dem.js";
import { knifeEdgeLossDb } from "./knife-edge.js";
import { demSpacingM } from "./profile.js";
import { DIFFRACTION_DEFAULTS } from "./profile-geometry.js";

/**
 * The fast terrain path: one radial sweep per transmitter. Radials leave the antenna every Δθ =
 * pixel / range (so at the edge of range neighbouring radials are one pixel apart and no pixel is
 * skipped) and are sampled every half DEM spacing (half a pixel on rasters coarser than the DEM).
 * Along each radial the sweep carries the dominant obstacle — the sample with the highest
 * elevation angle seen from the antenna, earth curvature included — and keeps only the points
 * where it changes. A pixel then costs O(log) of those: its radial and distance give the horizon
 * between it and the antenna, whose knife-edge loss J(v) (ITU-R P.526, counted when it reaches
 * the direct line, v > 0) is its terrain loss. (Taking instead the horizon point with the largest
 * v toward each pixel changed nothing measurable over Almaty and costs a pass over the points.)
 *
 * Approximation: one edge. Against the exact path with the principal edge only (`terrainLoss`
 * with `maxEdges: 1`) it differs by choosing the edge by its angle from the antenna rather than
 * by its v toward each receiver, by the radial sampling, and by a pixel taking the radial nearest
 * its bearing (`test/terrain/radial.test.ts` measures it over 10,000 seeded Almaty paths).
 * Against full Deygout (3 edges) it misses the sub-path edges, which in the mountains add tens of
 * dB (mean 5 dB, p95 30 dB over the same paths): that is why "exact" stays the engine's default.
 */
export const RADIAL_DEFAULTS = {
  /** Radial sampling step: this share of the DEM spacing, or of the pixel size when that is larger. */
  stepShare: 0.5,
  /** Most samples in one sweep (radials × steps); raise with `maxSamples`. */
  maxSamples: 20_000_000,
};

export interface Horizon {
  /** Radial spacing, rad, and the step along a radial, m. */
  dTheta: number;
  stepM: number;
  radials: number;
  /** Per radial, the range [start[r], start[r+1]) of its change points. */
  start: Int32Array;
  /** Change points: from step `fromStep` on, the dominant obstacle is at `obstacleM` with ground `obstacleZ`. */
  fromStep: Int32Array;
  obstacleM: Float32Array;
  obstacleZ: Float32Array;
  /** Antenna height above the datum, m; bulge coefficient 1/(2kR). */
  zTx: number;
  bulge: number;
}

export interface HorizonOptions {
  /** Pixel size of the raster it serves, m (sets the radial spacing). */
  pixelM: number;
  /** Effective earth-radius factor (default 4/3). */
  kFactor?: number;
  maxSamples?: number;
  /** Stop each radial where it leaves this box (the raster's): nothing beyond is ever asked for. */
  bbox?: readonly [number, number, number, number];
}

export function buildHorizon(dem: Dem, tx: LonLat, zTx: number, rangeM: number, o: HorizonOptions): Horizon {
  if (!(o.pixelM > 0 && Number.isFinite(o.pixelM))) fail("INVALID_VALUE", "pixelM", o.pixelM, "a pixel size > 0 m");
  if (!(rangeM > 0 && Number.isFinite(rangeM))) fail("INVALID_VALUE", "rangeM", rangeM, "a range > 0 m");
  const kFactor = o.kFactor ?? DIFFRACTION_DEFAULTS.kFactor;
  const bulge = 1 / (2 * kFactor * ITU_EARTH_RADIUS_M);
  const f = localFrame(tx[1]);
  // Half the DEM spacing resolves its ridges; on rasters coarser than the DEM, half a pixel is enough.
  const stepM = Math.max(demSpacingM(dem, tx[1]), o.pixelM) * RADIAL_DEFAULTS.stepShare;
  const steps = Math.ceil(rangeM / stepM) + 1;
  const radials = Math.max(8, Math.ceil((2 * Math.PI * rangeM) / o.pixelM));
  const max = o.maxSamples ?? RADIAL_DEFAULTS.maxSamples;
  if (radials * steps > max) fail("LIMIT_EXCEEDED", "samples", radials * steps, `at most ${max} per sweep (option maxSamples): a larger pixel or a shorter range`);
  const dTheta = (2 * Math.PI) / radials;
  const start = new Int32Array(radials + 1);
  // change points in growable typed arrays (flat ground below the mast changes horizon at nearly every step)
  let cap = Math.max(1024, radials * 8);
  let from = new Int32Array(cap);
  let at = new Float32Array(cap);
  let zs = new Float32Array(cap);
  let count = 0;
  const [w, so, e, n] = o.bbox ?? [-Infinity, -Infinity, Infinity, Infinity];
  for (let r = 0; r < radials; r++) {
    start[r] = count;
    const sin = Math.sin(r * dTheta) / f.kx;
    const cos = Math.cos(r * dTheta) / f.ky;
    let best = -Infinity;
    for (let k = 1; k < steps; k++) {
      const s = k * stepM;
      const lon = tx[0] + s * sin;
      const lat = tx[1] + s * cos;
      // a box is convex: a radial that has left it (and is moving away) never comes back
      if ((lon < w && sin < 0) || (lon > e && sin > 0) || (lat < so && cos < 0) || (lat > n && cos > 0)) break;
      const z = sampleDem(dem, lon, lat);
      if (!Number.isFinite(z)) break; // off the DEM: the area check keeps pixels inside, so nothing beyond is read
      const angle = (z - s * s * bulge - zTx) / s;
      if (angle > best) {
        best = angle;
        if (count === cap) {
          cap *= 2;
          from = grow(from, new Int32Array(cap));
          at = grow(at, new Float32Array(cap));
          zs = grow(zs, new Float32Array(cap));
        }
        // the obstacle at step k lies between the antenna and pixels from step k + 1 on
        from[count] = k + 1;
        at[count] = s;
        zs[count] = z;
        count++;
      }
    }
  }
  start[radials] = count;
  return {
    dTheta,
    stepM,
    radials,
    start,
    fromStep: from.slice(0, count),
    obstacleM: at.slice(0, count),
    obstacleZ: zs.slice(0, count),
    zTx,
    bulge,
  };
}

function grow<T extends Int32Array | Float32Array>(old: T, bigger: T): T {
  bigger.set(old);
  return bigger;
}

/**
 * Terrain loss toward a point (dx east, dy north) metres from the antenna at distance d, whose
 * receiver is at zRx above the datum: J(v) of the dominant obstacle on its radial, 0 without one
 * or when it stays below the direct line.
 */
export function horizonLossDb(h: Horizon, dx: number, dy: number, d: number, zRx: number, wavelengthM: number): number {
  let theta = Math.atan2(dx, dy);
  if (theta < 0) theta += 2 * Math.PI;
  let r = Math.round(theta / h.dTheta);
  if (r >= h.radials) r -= h.radials;
  const step = Math.floor(d / h.stepM);
  // last change point of this radial that applies at `step`
  let lo = h.start[r]!;
  let hi = h.start[r + 1]! - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (h.fromStep[mid]! <= step) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return 0;
  const s = h.obstacleM[found]!;
  if (!(s < d)) return 0;
  const d2 = d - s;
  const above = h.obstacleZ[found]! + s * d2 * h.bulge - (h.zTx * d2 + zRx * s) / d;
  if (!(above > 0)) return 0;
  return knifeEdgeLossDb(above * Math.sqrt((2 / wavelengthM) * (1 / s + 1 / d2)));
}
