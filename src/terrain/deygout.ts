/**
 * Deygout's multiple knife-edge construction over a terrain profile (J. Deygout, "Multiple
 * knife-edge diffraction of microwaves", IEEE Trans. AP-14, 1966; the ITU-R "Deygout, at most three
 * edges" practice). Each edge's loss is ITU-R P.526-15 eq. (31) of its v from eq. (26).
 *
 * 1. Principal edge: the intermediate sample with the largest v relative to the line between the
 *    two antennas. It contributes J(v) if v > −0.78.
 * 2. Its two sub-paths — transmitter antenna → top of the principal edge, top of the principal
 *    edge → receiver antenna — are searched the same way, each against the line from its own
 *    end points (the standard Deygout construction), then their sub-paths, level by level.
 * 3. At most `maxEdges` edges are used (default 3: the principal and one on each side, or a second level on one side when the other has none). Within a
 *    level, candidates are taken in decreasing v until the budget runs out; only edges with
 *    v > −0.78 count, and a sub-path without one is not searched further.
 *
 * With `distinctObstacles`, a sub-path's edge must be another obstacle than the edge that bounds
 * it (see deygout-core.ts: the samples next to a rounded top are not new edges), which makes the
 * result stable as the profile spacing changes; `terrainLoss` uses it by default.
 *
 * Deygout's loss is not monotone in the terrain: raising a sample can move the principal edge or
 * lower the v of sub-path edges measured against a now higher principal top, and the total can
 * fall (test/terrain/deygout.test.ts keeps a worked example). The principal-edge loss — and so
 * the result with `maxEdges: 1` — is monotone.
 */
import { fail } from "../errors.js";
import type { Decibels, Metres } from "../units.js";
import { deygoutCore, deygoutScratch } from "./deygout-core.js";
import { KNIFE_EDGE_V_MIN } from "./knife-edge.js";
import {
  DIFFRACTION_DEFAULTS,
  bulgeCoefficient,
  checkTerrainProfile,
  wavelengthOf,
  type TerrainProfile,
  type WaveOptions,
} from "./profile-geometry.js";

const V_MIN = KNIFE_EDGE_V_MIN;

export type DeygoutOptions = WaveOptions & {
  /** Effective earth-radius factor; default 4/3; `Infinity` when elevations already include curvature. */
  kFactor?: number;
  /** Most edges used, an integer ≥ 1; default 3 (principal + one per side). */
  maxEdges?: number;
  /**
   * Edges count only above this v (default −0.78, where P.526's J(v) starts). `terrainLoss` uses 0:
   * only obstacles that reach the direct line.
   */
  minV?: number;
  /**
   * A sub-path's edge must belong to another obstacle than the edge bounding the sub-path (an
   * obstacle: consecutive samples that each have v > minV). Default false: the classical
   * sample-by-sample construction; `terrainLoss` sets it.
   */
  distinctObstacles?: boolean;
};

/** One knife edge used by a multiple-edge method. */
export interface DiffractionEdge {
  /** Index of the sample in the profile. */
  index: number;
  /** Its distance along the path, in the profile's distance coordinate, m. */
  distanceM: Metres;
  /** Height of its top above the line between the ends of its (sub-)path, earth bulge included, m. */
  heightAboveLineM: Metres;
  /** Fresnel–Kirchhoff parameter against that line (P.526-15 eq. (26)). */
  v: number;
  /** J(v), P.526-15 eq. (31), dB. */
  lossDb: Decibels;
  /** 0 for the principal edge, 1 for edges of its sub-paths, and so on. */
  level: number;
  /** Sample indices of the ends of the (sub-)path the edge was measured against. */
  fromIndex: number;
  toIndex: number;
}

export interface DeygoutResult {
  /** Sum of the edges' J(v), dB (≥ 0; 0 when no sample reaches v > −0.78). */
  lossDb: Decibels;
  /** Edges used: principal first, then level by level, each level in decreasing v. */
  edges: DiffractionEdge[];
}

/** Deygout diffraction loss over a profile, with the edges it used. */
export function deygoutDiffraction(profile: TerrainProfile, options: DeygoutOptions): DeygoutResult {
  checkTerrainProfile(profile);
  const lambda = wavelengthOf(options);
  const c = bulgeCoefficient(options.kFactor ?? DIFFRACTION_DEFAULTS.kFactor);
  const maxEdges = options.maxEdges ?? DIFFRACTION_DEFAULTS.maxEdges;
  if (typeof maxEdges !== "number" || !Number.isInteger(maxEdges) || maxEdges < 1) {
    fail("INVALID_VALUE", "maxEdges", maxEdges, "an integer ≥ 1");
  }
  const minV = options.minV ?? V_MIN;
  if (typeof minV !== "number" || !(minV >= V_MIN) || !Number.isFinite(minV)) fail("INVALID_VALUE", "minV", minV, `a finite v ≥ ${V_MIN}`);
  const distinct = options.distinctObstacles ?? false;
  if (typeof distinct !== "boolean") fail("INVALID_VALUE", "distinctObstacles", distinct, "true or false");

  const n = profile.distancesM.length;
  const x = Float64Array.from(profile.distancesM);
  const z = new Float64Array(n);
  const x0 = x[0]!;
  const xn = x[n - 1]!;
  /** Elevation plus whole-path earth bulge: exact for every sub-path (see profile-geometry.ts). */
  for (let i = 0; i < n; i++) z[i] = profile.elevationsM[i]! + (x[i]! - x0) * (xn - x[i]!) * c;
  z[0] = profile.elevationsM[0]! + profile.txHeightM;
  z[n - 1] = profile.elevationsM[n - 1]! + profile.rxHeightM;
  // the budget bounds the edges kept; more than n points can never be edges
  const s = deygoutScratch(Math.min(maxEdges, n));
  const lossDb = deygoutCore({ x, z, n, gaps: null }, lambda, minV, distinct, s);
  const edges: DiffractionEdge[] = [];
  for (let m = 0; m < s.edges; m++) {
    const index = s.edgeIdx[m]!;
    edges.push({
      index,
      distanceM: x[index]!,
      heightAboveLineM: s.edgeH[m]!,
      v: s.edgeV[m]!,
      lossDb: s.edgeLoss[m]!,
      level: s.edgeLevel[m]!,
      fromIndex: s.edgeFrom[m]!,
      toIndex: s.edgeTo[m]!,
    });
  }
  return { lossDb, edges };
}
