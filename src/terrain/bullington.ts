/**
 * Bullington's single equivalent knife edge over a terrain profile, ITU-R P.526-15 §4.5.1
 * ("Bullington model"; the same construction is the "Bullington part" of ITU-R P.452-16 §4.2.1,
 * eqs. (14)–(22), and of ITU-R P.1812 §4.3.1). Symbols as in the Recommendation, in metres:
 *
 * - S_tim = max over intermediate samples of (h_i + bulge_i − h_ts) / d_i: steepest slope from the
 *   transmitter antenna to the terrain;
 * - S_tr = (h_rs − h_ts) / d: slope of the direct line.
 * - Case 1, S_tim < S_tr (line of sight): v_max = max of eq. (26)'s v over the samples,
 *   L_uc = J(v_max).
 * - Case 2 (transhorizon): S_rim = max of (h_i + bulge_i − h_rs) / (d − d_i), the steepest slope
 *   from the receiver; the two steepest lines cross at the Bullington point
 *   d_bp = (h_rs − h_ts + S_rim·d) / (S_tim + S_rim) with v_b its eq. (26) v; L_uc = J(v_b).
 * - L_b = L_uc + [1 − exp(−L_uc/6)]·(10 + 0.02·d), d in km: the Recommendation's empirical term
 *   for a general path (on by default; `empiricalCorrection: false` gives L_uc alone).
 *
 * J is P.526-15 eq. (31). The smooth-earth part of the "complete method" (§4.5.2,
 * delta-Bullington with spherical-earth diffraction) is not implemented here.
 *
 * Implementation note: with a = S_tim − S_tr and b = S_rim + S_tr (the two steepest lines' angles
 * above the direct line), d_bp = b·d/(a + b), the edge height is a·d_bp and v_b = √(2·a·b·d/λ) —
 * algebraically the Recommendation's d_bp and v_b, but free of 0/0 when the path just grazes.
 */
import { fail } from "../errors.js";
import type { Decibels, Metres } from "../units.js";
import { knifeEdgeLossDb } from "./knife-edge.js";
import {
  DIFFRACTION_DEFAULTS,
  bulgeCoefficient,
  checkTerrainProfile,
  wavelengthOf,
  type TerrainProfile,
  type WaveOptions,
} from "./profile-geometry.js";

export type BullingtonOptions = WaveOptions & {
  /** Effective earth-radius factor; default 4/3; `Infinity` when elevations already include curvature. */
  kFactor?: number;
  /** Add P.526-15 §4.5.1's term [1 − exp(−L_uc/6)]·(10 + 0.02·d_km); default true. */
  empiricalCorrection?: boolean;
};

/** The equivalent knife edge of Bullington's construction. */
export interface BullingtonEdge {
  /** Distance along the path, in the profile's distance coordinate, m. */
  distanceM: Metres;
  /** Elevation of its top in the effective-earth frame (datum elevation + earth bulge), m. */
  elevationM: Metres;
  /** Height of its top above the direct line between the antennas, m (negative below it). */
  heightAboveLineM: Metres;
  /** Fresnel–Kirchhoff parameter (v_max on a line-of-sight path, v_b otherwise). */
  v: number;
}

export interface BullingtonResult {
  /** L_b (or L_uc when `empiricalCorrection` is false), dB, ≥ 0. */
  lossDb: Decibels;
  /** L_uc = J(v) of the equivalent edge, dB. */
  edgeLossDb: Decibels;
  /** True when S_tim < S_tr: no sample reaches the direct line. */
  lineOfSight: boolean;
  /** The equivalent edge; null when the profile has no sample between the terminals. */
  edge: BullingtonEdge | null;
}

/** Bullington diffraction loss over a profile, ITU-R P.526-15 §4.5.1. */
export function bullingtonDiffraction(profile: TerrainProfile, options: BullingtonOptions): BullingtonResult {
  checkTerrainProfile(profile);
  const lambda = wavelengthOf(options);
  const c = bulgeCoefficient(options.kFactor ?? DIFFRACTION_DEFAULTS.kFactor);
  const correction = options.empiricalCorrection ?? DIFFRACTION_DEFAULTS.empiricalCorrection;
  if (typeof correction !== "boolean") fail("INVALID_VALUE", "empiricalCorrection", correction, "true or false");

  const x = profile.distancesM;
  const z = profile.elevationsM;
  const n = x.length;
  const x0 = x[0]!;
  const d = x[n - 1]! - x0;
  const hts = z[0]! + profile.txHeightM;
  const hrs = z[n - 1]! + profile.rxHeightM;
  if (n < 3) return { lossDb: 0, edgeLossDb: 0, lineOfSight: true, edge: null };

  const sTr = (hrs - hts) / d;
  let sTim = -Infinity;
  let iTim = 1;
  for (let i = 1; i < n - 1; i++) {
    const di = x[i]! - x0;
    const s = (z[i]! + di * (d - di) * c - hts) / di;
    if (s > sTim) {
      sTim = s;
      iTim = i;
    }
  }

  let edge: BullingtonEdge;
  if (sTim < sTr) {
    // Case 1: line of sight; the sample with the largest v.
    let best = 1;
    let bestV = -Infinity;
    let bestH = 0;
    for (let i = 1; i < n - 1; i++) {
      const di = x[i]! - x0;
      const h = z[i]! + di * (d - di) * c - (hts * (d - di) + hrs * di) / d;
      const v = h * Math.sqrt((2 * d) / (lambda * di * (d - di))); // P.526-15 eq. (26)
      if (v !== v) fail("INVALID_VALUE", `profile.distancesM[${i}]`, x[i], "a profile whose geometry gives a finite v (samples too close or values too large)");
      if (v > bestV) {
        bestV = v;
        best = i;
        bestH = h;
      }
    }
    const di = x[best]! - x0;
    edge = { distanceM: x[best]!, elevationM: z[best]! + di * (d - di) * c, heightAboveLineM: bestH, v: bestV };
  } else {
    // Case 2: transhorizon; the two steepest lines cross at the Bullington point.
    let sRim = -Infinity;
    for (let i = 1; i < n - 1; i++) {
      const di = x[i]! - x0;
      const s = (z[i]! + di * (d - di) * c - hrs) / (d - di);
      if (s > sRim) sRim = s;
    }
    const a = Math.max(0, sTim - sTr);
    const b = Math.max(0, sRim + sTr);
    // a + b = 0 only when the path grazes: then the edge is the grazing sample itself.
    const dbp = a + b > 0 ? (b * d) / (a + b) : x[iTim]! - x0;
    const h = a * dbp;
    edge = { distanceM: x0 + dbp, elevationM: hts + sTim * dbp, heightAboveLineM: h, v: Math.sqrt((2 * a * b * d) / lambda) };
  }
  if (!Number.isFinite(edge.v) || !Number.isFinite(edge.heightAboveLineM)) {
    fail("INVALID_VALUE", "profile", profile, "a profile whose geometry gives a finite v (samples too close or values too large)");
  }
  const luc = knifeEdgeLossDb(edge.v);
  const lossDb = correction ? luc + (1 - Math.exp(-luc / 6)) * (10 + 0.02 * (d / 1000)) : luc;
  return { lossDb, edgeLossDb: luc, lineOfSight: sTim < sTr, edge };
}
