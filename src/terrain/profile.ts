import { CellplanError, fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import type { LonLat } from "../units.js";
import { demBBox, sampleDem, type Dem } from "./dem.js";

/**
 * Terrain profiles between two points: ground elevations sampled along the straight lon/lat line
 * (a rhumb line; at city scale, tens of km, it departs from the great circle by centimetres) at a
 * spacing no coarser than the DEM's own, with bilinear interpolation. Distances are measured in
 * the local metric frame at the path's mid-latitude. Earth curvature is left to the consumer
 * (`terrainLoss` and the diffraction functions take the effective-earth factor k).
 */
export interface GroundProfile {
  /** Distance of each sample from the start, m (first 0, last the path length). */
  distancesM: Float64Array;
  /** Ground elevation of each sample, m above the DEM's datum. */
  elevationsM: Float64Array;
}

export const PROFILE_LIMITS = {
  /** Most samples in one profile (raise with `maxSamples`). */
  maxSamples: 1_000_000,
};

export interface ProfileOptions {
  /** Sample spacing, m (default and upper bound: the DEM's finest spacing at the path's latitude). */
  stepM?: number;
  maxSamples?: number;
}

/** The DEM's finest sample spacing at a latitude, m. */
export function demSpacingM(dem: Dem, lat: number): number {
  const f = localFrame(lat);
  return Math.min(dem.stepLonDeg * f.kx, dem.stepLatDeg * f.ky);
}

/** Ground elevation at a point, or a `CellplanError` naming the point, its role and the DEM's bounds. */
export function groundElevationM(dem: Dem, point: LonLat, field = "point"): number {
  const z = sampleDem(dem, point[0], point[1]);
  if (!Number.isFinite(z)) {
    const b = demBBox(dem);
    throw CellplanError.of({
      code: "OUT_OF_VALIDITY",
      field,
      value: point,
      allowed: `a point inside the DEM's samples [${b.map((x) => x.toFixed(4)).join(", ")}] next to no void`,
    });
  }
  return z;
}

export function terrainProfile(dem: Dem, from: LonLat, to: LonLat, options: ProfileOptions = {}): GroundProfile {
  for (const [name, p] of [["from", from], ["to", to]] as const) {
    if (!Array.isArray(p) || p.length !== 2 || !p.every(Number.isFinite)) fail("INVALID_VALUE", name, p, "[lon, lat] of finite numbers");
  }
  const f = localFrame((from[1] + to[1]) / 2);
  const lengthM = Math.hypot((to[0] - from[0]) * f.kx, (to[1] - from[1]) * f.ky);
  const finest = demSpacingM(dem, (from[1] + to[1]) / 2);
  const step = options.stepM ?? finest;
  if (!(Number.isFinite(step) && step > 0)) fail("INVALID_VALUE", "stepM", step, "a spacing > 0 m");
  const spacing = Math.min(step, finest);
  const n = Math.max(2, Math.ceil(lengthM / spacing) + 1);
  const max = options.maxSamples ?? PROFILE_LIMITS.maxSamples;
  if (n > max) fail("LIMIT_EXCEEDED", "samples", n, `at most ${max} samples (option maxSamples); the path is ${Math.round(lengthM)} m at ${spacing.toFixed(1)} m`);
  groundElevationM(dem, from, "from");
  groundElevationM(dem, to, "to");
  const distancesM = new Float64Array(n);
  const elevationsM = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / (n - 1);
    distancesM[i] = t * lengthM;
    elevationsM[i] = groundElevationM(dem, [from[0] + t * (to[0] - from[0]), from[1] + t * (to[1] - from[1])], `profile[${i}]`);
  }
  return { distancesM, elevationsM };
}
