import { fail } from "../errors.js";
import type { Decibels } from "../units.js";
import { deygoutDiffraction, type DiffractionEdge } from "./deygout.js";
import { bulgeCoefficient, checkTerrainProfile, DIFFRACTION_DEFAULTS, wavelengthOf, type WaveOptions } from "./profile-geometry.js";
import type { GroundProfile } from "./profile.js";

export type TerrainLossOptions = WaveOptions & {
  /** Transmitting antenna height above the ground at the first sample, m. */
  txHeightM: number;
  /** Receiving antenna height above the ground at the last sample, m. */
  rxHeightM: number;
  /** Effective earth-radius factor (default 4/3). */
  kFactor?: number;
  /** Deygout edges (default 3). */
  maxEdges?: number;
  /** Smallest v of an edge that counts (default `TERRAIN_LOSS_DEFAULTS.minV`). */
  minV?: number;
  /** Sub-path edges must be other obstacles than the edge bounding them (default `TERRAIN_LOSS_DEFAULTS.distinctObstacles`). */
  distinctObstacles?: boolean;
};

/**
 * Defaults of `terrainLoss`. Only obstacles that reach the direct line (v > 0) are counted: the
 * partial Fresnel-zone obstruction by even ground near a low terminal is already in the empirical
 * path-loss models the engine adds terrain to (Hata and TR 38.901 are fitted over even ground), and
 * counting it again would make flat terrain cost several dB. Set `minV: -0.78` for P.526's own
 * threshold (the pure knife-edge answer).
 *
 * Sub-path edges must be distinct obstacles (deygout-core.ts): the samples beside a rounded top
 * are part of that top, not further knife edges, so the loss does not grow as the profile spacing
 * shrinks. Set `distinctObstacles: false` for the classical sample-by-sample construction.
 */
export const TERRAIN_LOSS_DEFAULTS = {
  minV: 0,
  distinctObstacles: true,
  /**
   * Sample spacing of the profiles the coverage engine builds for `terrainLoss` (exact path) and
   * of its radial sweep, as a share of the DEM spacing: half catches ridge tops between DEM nodes,
   * and the loss then moves ~3× less when the spacing is halved again (over 3,000 Almaty paths,
   * share 1 → ½: mean 0.5 dB, p95 4.1 dB; ½ → ¼: mean 0.3 dB, p95 0.9 dB).
   */
  stepShare: 0.5,
};

export interface TerrainLoss {
  /** Diffraction loss by Deygout over the profile (ITU-R P.526 J(v) per edge), dB ≥ 0. */
  lossDb: Decibels;
  /** No sample (earth bulge included) reaches the straight line between the antennas. */
  lineOfSight: boolean;
  /**
   * Smallest clearance of the line over the terrain, in first-Fresnel-zone radii (negative when a
   * sample pokes through the line); `Infinity` for a profile with no interior sample.
   */
  fresnelClearance: number;
  /** The path clears 60 % of the first Fresnel zone everywhere (the usual free-space criterion). */
  fresnelClear: boolean;
  edges: DiffractionEdge[];
}

/**
 * The exact (reference) terrain loss of one path: line-of-sight and first-Fresnel-zone clearance
 * tests, and Deygout's multiple knife-edge loss (ITU-R P.526, up to 3 edges by default, each a
 * distinct obstacle) over the obstacles that reach the direct line (see `TERRAIN_LOSS_DEFAULTS`), with the effective-earth
 * bulge d1·d2/(2kR).
 */
export function terrainLoss(profile: GroundProfile, options: TerrainLossOptions): TerrainLoss {
  const p = { distancesM: profile.distancesM, elevationsM: profile.elevationsM, txHeightM: options.txHeightM, rxHeightM: options.rxHeightM };
  checkTerrainProfile(p);
  const lambda = wavelengthOf(options);
  const kFactor = options.kFactor ?? DIFFRACTION_DEFAULTS.kFactor;
  const c = bulgeCoefficient(kFactor);
  const d = p.distancesM;
  const z = p.elevationsM;
  const n = d.length;
  const total = d[n - 1]! - d[0]!;
  const zTx = z[0]! + p.txHeightM;
  const zRx = z[n - 1]! + p.rxHeightM;
  let clearance = Infinity;
  let lineOfSight = true;
  for (let i = 1; i < n - 1; i++) {
    const d1 = d[i]! - d[0]!;
    const d2 = total - d1;
    const above = z[i]! + c * d1 * d2 - (zTx * d2 + zRx * d1) / total;
    if (above >= 0) lineOfSight = false;
    const f1 = Math.sqrt((lambda * d1 * d2) / total);
    clearance = Math.min(clearance, -above / f1);
  }
  if (Number.isNaN(clearance)) fail("INVALID_VALUE", "profile", "degenerate", "a profile with distinct sample distances");
  const { lossDb, edges } = deygoutDiffraction(p, {
    wavelengthM: lambda,
    kFactor,
    maxEdges: options.maxEdges ?? DIFFRACTION_DEFAULTS.maxEdges,
    minV: options.minV ?? TERRAIN_LOSS_DEFAULTS.minV,
    distinctObstacles: options.distinctObstacles ?? TERRAIN_LOSS_DEFAULTS.distinctObstacles,
  });
  return { lossDb, lineOfSight, fresnelClearance: clearance, fresnelClear: clearance >= 0.6, edges };
}
