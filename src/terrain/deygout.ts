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
 * 3. At most `maxEdges` edges are used (default 3: the principal and one on each side). Within a
 *    level, candidates are taken in decreasing v until the budget runs out; only edges with
 *    v > −0.78 count, and a sub-path without one is not searched further.
 *
 * Deygout's loss is not monotone in the terrain: raising a sample can move the principal edge or
 * lower the v of sub-path edges measured against a now higher principal top, and the total can
 * fall (test/terrain/deygout.test.ts keeps a worked example). The principal-edge loss — and so
 * the result with `maxEdges: 1` — is monotone.
 */
import { fail } from "../errors.js";
import type { Decibels, Metres } from "../units.js";
import { KNIFE_EDGE_V_MIN, knifeEdgeLossDb } from "./knife-edge.js";
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

interface Segment {
  a: number;
  b: number;
  /** Elevations of the segment's end points (antenna tips or edge tops), m, curved frame. */
  za: number;
  zb: number;
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

  const x = profile.distancesM;
  const z = profile.elevationsM;
  const n = x.length;
  const x0 = x[0]!;
  const xn = x[n - 1]!;
  /** Elevation plus whole-path earth bulge: exact for every sub-path (see profile-geometry.ts). */
  const curved = (i: number): number => z[i]! + (x[i]! - x0) * (xn - x[i]!) * c;

  const edges: DiffractionEdge[] = [];
  let total = 0;
  let budget = maxEdges;
  let level = 0;
  let segments: Segment[] = [{ a: 0, b: n - 1, za: z[0]! + profile.txHeightM, zb: z[n - 1]! + profile.rxHeightM }];

  while (segments.length > 0 && budget > 0) {
    const found: DiffractionEdge[] = [];
    const from: Segment[] = [];
    for (const s of segments) {
      const e = bestEdge(s, x, curved, lambda);
      if (e !== null && e.v > minV) {
        e.level = level;
        found.push(e);
        from.push(s);
      }
    }
    const order = found.map((_, k) => k).sort((p, q) => found[q]!.v - found[p]!.v || found[p]!.index - found[q]!.index);
    const next: Segment[] = [];
    for (const k of order) {
      if (budget === 0) break;
      budget--;
      const e = found[k]!;
      const s = from[k]!;
      e.lossDb = knifeEdgeLossDb(e.v);
      total += e.lossDb;
      edges.push(e);
      const top = curved(e.index);
      next.push({ a: s.a, b: e.index, za: s.za, zb: top }, { a: e.index, b: s.b, za: top, zb: s.zb });
    }
    segments = next;
    level++;
  }
  return { lossDb: total, edges };
}

/** The interior sample of a segment with the largest v (first on ties), or null if it has none. */
function bestEdge(s: Segment, x: ArrayLike<number>, curved: (i: number) => number, lambda: number): DiffractionEdge | null {
  const { a, b, za, zb } = s;
  if (b - a < 2) return null;
  const xa = x[a]!;
  const xb = x[b]!;
  const span = xb - xa;
  let best = -1;
  let bestV = -Infinity;
  let bestH = 0;
  for (let i = a + 1; i < b; i++) {
    const d1 = x[i]! - xa;
    const d2 = xb - x[i]!;
    const h = curved(i) - (za * d2 + zb * d1) / span;
    const v = h * Math.sqrt((2 / lambda) * (1 / d1 + 1 / d2)); // P.526-15 eq. (26)
    if (v !== v || v === Infinity || v === -Infinity) {
      fail("INVALID_VALUE", `profile.distancesM[${i}]`, x[i], "a profile whose geometry gives a finite v (samples too close or values too large)");
    }
    if (v > bestV) {
      bestV = v;
      best = i;
      bestH = h;
    }
  }
  return { index: best, distanceM: x[best]!, heightAboveLineM: bestH, v: bestV, lossDb: 0, level: 0, fromIndex: a, toIndex: b };
}
