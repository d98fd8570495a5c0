import type { Feature, FeatureCollection, GeometryCollection, Point } from "geojson";
import { CellplanError, fail, type Problem } from "../errors.js";
import { bboxOf } from "../geo/bbox.js";
import { localFrame } from "../geo/frame.js";
import { polygonMask, type Lattice } from "../geo/scanline.js";
import { RAD } from "../math.js";
import type { Dem } from "../terrain/dem.js";
import { sampleDem } from "../terrain/dem.js";
import type { LonLat } from "../units.js";
import { bucketPoints, visitBox } from "../demand/buckets.js";
import { areaGeometries, checkPosition, type AreaInput } from "../demand/polygons.js";
import type { Csr } from "./csr.js";

/**
 * Candidate sites for the optimiser: a square grid in the local metric frame over a study area,
 * minus exclusion polygons and terrain that is too high or too steep, plus sites the planner
 * names (rooftops, existing masts). The grid is the lattice of pixel centres of a lon/lat raster
 * whose cells are `spacingM` on a side at the area's centre latitude (as every cellplan raster is),
 * so membership is decided by the scanline of `src/geo/scanline.ts`: a grid point is a candidate
 * when it lies inside the area and inside no exclusion.
 */
export const CANDIDATE_DEFAULTS = {
  /** Grid spacing, m. */
  spacingM: 250,
  /**
   * Most candidates: grid points of the area's bounding box plus user candidates, checked before
   * anything is allocated (pass `maxCandidates` to raise it).
   */
  maxCandidates: 200_000,
  /** Most entries (ordered pairs) in `conflictPairs`' result. */
  maxConflictEntries: 50_000_000,
};

/** A site the planner proposes: `{ id, coordinates }`, or a GeoJSON Point feature with an id. */
export type UserCandidate = { id: string; coordinates: LonLat } | Feature<Point, { id?: string } | null>;

export interface CandidateOptions {
  spacingM?: number;
  /** Areas where no site may go (parks, airports, water). */
  exclusions?: AreaInput;
  /** Elevation model for `maxElevationM` and `maxSlopeDeg`. */
  dem?: Dem;
  /** Grid points whose ground lies higher (m above sea level, bilinear from the DEM) are removed. */
  maxElevationM?: number;
  /** Grid points where the ground is steeper (central differences one DEM step either side) are removed. */
  maxSlopeDeg?: number;
  /** User candidates, appended after the grid and taken as given (no area, exclusion or terrain filter). */
  extra?: readonly UserCandidate[] | FeatureCollection<Point, { id?: string } | null>;
  maxCandidates?: number;
}

export interface Candidates {
  lon: Float64Array;
  lat: Float64Array;
  /** Grid points are `g<row>-<col>` (row 0 north, column 0 west); user candidates keep their ids. */
  id: string[];
  source: ("grid" | "user")[];
  /** Ground elevation from `dem` (NaN where the DEM has none), or null without a DEM. */
  elevationM: Float64Array | null;
  /** Ground slope in degrees from `dem`, or null without a DEM. */
  slopeDeg: Float64Array | null;
  spacingM: number;
  /** Grid points of the area removed by each filter (each point counted once, in this order). */
  removed: { exclusion: number; elevation: number; slope: number };
}

/**
 * Candidate sites over `area` (Polygon, MultiPolygon, Feature or FeatureCollection). Grid points
 * inside the area come first, row by row from the north-west, then `extra` in the order given.
 * Throws `CellplanError` for a bad area or option, a terrain limit without a DEM, grid points the
 * DEM does not cover when a terrain limit is set, bad or duplicate user candidates, and more
 * candidates than `maxCandidates` (`LIMIT_EXCEEDED`).
 */
export function candidateGrid(area: AreaInput | unknown, options: CandidateOptions = {}): Candidates {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ spacingM?, exclusions?, dem?, maxElevationM?, maxSlopeDeg?, extra?, maxCandidates? }");
  const spacingM = options.spacingM ?? CANDIDATE_DEFAULTS.spacingM;
  if (typeof spacingM !== "number" || !Number.isFinite(spacingM) || spacingM < 1) fail("INVALID_VALUE", "spacingM", spacingM, "a grid spacing ≥ 1 m");
  const maxCandidates = options.maxCandidates ?? CANDIDATE_DEFAULTS.maxCandidates;
  if (typeof maxCandidates !== "number" || !(maxCandidates >= 0)) fail("INVALID_VALUE", "maxCandidates", maxCandidates, "a limit ≥ 0");
  const { dem, maxElevationM, maxSlopeDeg } = options;
  if (maxElevationM !== undefined && (typeof maxElevationM !== "number" || !Number.isFinite(maxElevationM))) fail("NOT_FINITE", "maxElevationM", maxElevationM, "a finite height above sea level, m");
  if (maxSlopeDeg !== undefined && (typeof maxSlopeDeg !== "number" || !(maxSlopeDeg >= 0 && maxSlopeDeg < 90))) fail("INVALID_VALUE", "maxSlopeDeg", maxSlopeDeg, "a slope 0 ≤ s < 90°");
  if ((maxElevationM !== undefined || maxSlopeDeg !== undefined) && dem === undefined) {
    fail("MISSING_FIELD", "dem", undefined, "an elevation model when maxElevationM or maxSlopeDeg is set");
  }
  const geometries = areaGeometries(area, "area");
  const exclusions = options.exclusions === undefined ? [] : areaGeometries(options.exclusions, "exclusions");
  const users = userCandidates(options.extra);

  // The lattice over the area's box, sized before anything is allocated.
  const collection: GeometryCollection = { type: "GeometryCollection", geometries };
  const [west, south, east, north] = bboxOf(collection);
  const frame = localFrame((south + north) / 2);
  const cellLonDeg = spacingM / frame.kx;
  const cellLatDeg = spacingM / frame.ky;
  // (an extent that is a whole number of spacings, up to rounding, gets no extra column or row)
  const width = Math.max(1, Math.ceil((east - west) / cellLonDeg - 1e-9));
  const height = Math.max(1, Math.ceil((north - south) / cellLatDeg - 1e-9));
  if (width * height + users.length > maxCandidates) {
    fail("LIMIT_EXCEEDED", "spacingM", spacingM, `at most ${maxCandidates} candidates (${width} × ${height} grid points over the area's box + ${users.length} user candidates; raise maxCandidates or widen the spacing)`);
  }
  const lattice: Lattice = { west, south, cellLonDeg, cellLatDeg, width, height };
  const inside = polygonMask(lattice, collection);
  const excluded = exclusions.length > 0 ? polygonMask(lattice, { type: "GeometryCollection", geometries: exclusions }) : null;

  const lon: number[] = [];
  const lat: number[] = [];
  const id: string[] = [];
  const elevation: number[] = [];
  const slope: number[] = [];
  const removed = { exclusion: 0, elevation: 0, slope: 0 };
  const uncovered: LonLat[] = [];
  let uncoveredCount = 0;
  for (let r = 0; r < height; r++) {
    const y = south + (height - r - 0.5) * cellLatDeg;
    const rowFrame = dem ? localFrame(y) : frame;
    for (let c = 0; c < width; c++) {
      const i = r * width + c;
      if (inside[i] === 0) continue;
      if (excluded && excluded[i] === 1) {
        removed.exclusion++;
        continue;
      }
      const x = west + (c + 0.5) * cellLonDeg;
      let z = NaN;
      let s = NaN;
      if (dem) {
        z = sampleDem(dem, x, y);
        s = slopeDegAt(dem, x, y, z, rowFrame.kx, rowFrame.ky);
        if ((maxElevationM !== undefined || maxSlopeDeg !== undefined) && !(Number.isFinite(z) && Number.isFinite(s))) {
          if (uncovered.length < 3) uncovered.push([x, y]);
          uncoveredCount++;
          continue;
        }
        if (maxElevationM !== undefined && z > maxElevationM) {
          removed.elevation++;
          continue;
        }
        if (maxSlopeDeg !== undefined && s > maxSlopeDeg) {
          removed.slope++;
          continue;
        }
      }
      lon.push(x);
      lat.push(y);
      id.push(`g${r}-${c}`);
      elevation.push(z);
      slope.push(s);
    }
  }
  if (uncoveredCount > 0) {
    fail("OUT_OF_VALIDITY", "dem", `${uncoveredCount} grid points without terrain, e.g. ${JSON.stringify(uncovered)}`, "a DEM (without voids) covering the area and one sample beyond it, when maxElevationM or maxSlopeDeg is set");
  }
  const gridIds = new Set(id);
  users.forEach((u, k) => {
    if (gridIds.has(u.id)) fail("DUPLICATE_ID", `extra[${k}].id`, u.id, "an id no grid point has (grid ids are g<row>-<col>)");
    lon.push(u.lon);
    lat.push(u.lat);
    id.push(u.id);
    const z = dem ? sampleDem(dem, u.lon, u.lat) : NaN;
    elevation.push(z);
    slope.push(dem ? slopeDegAt(dem, u.lon, u.lat, z, localFrame(u.lat).kx, localFrame(u.lat).ky) : NaN);
  });
  const gridCount = lon.length - users.length;
  return {
    lon: Float64Array.from(lon),
    lat: Float64Array.from(lat),
    id,
    source: id.map((_, k) => (k < gridCount ? "grid" : "user")),
    elevationM: dem ? Float64Array.from(elevation) : null,
    slopeDeg: dem ? Float64Array.from(slope) : null,
    spacingM,
    removed,
  };
}

/**
 * Ground slope at a point, degrees: the gradient from central differences one DEM step east/west
 * and north/south (one-sided next to the DEM's edge or a void), in the local metric frame. NaN
 * where the point itself has no elevation or neither neighbour on an axis has one.
 */
export function slopeDegAt(dem: Dem, lon: number, lat: number, z: number, kx: number, ky: number): number {
  if (!Number.isFinite(z)) return NaN;
  const gx = axisGradient(sampleDem(dem, lon - dem.stepLonDeg, lat), z, sampleDem(dem, lon + dem.stepLonDeg, lat), dem.stepLonDeg * kx);
  const gy = axisGradient(sampleDem(dem, lon, lat - dem.stepLatDeg), z, sampleDem(dem, lon, lat + dem.stepLatDeg), dem.stepLatDeg * ky);
  return Math.atan(Math.hypot(gx, gy)) * RAD;
}

function axisGradient(below: number, mid: number, above: number, stepM: number): number {
  const lo = Number.isFinite(below);
  const hi = Number.isFinite(above);
  if (lo && hi) return (above - below) / (2 * stepM);
  if (hi) return (above - mid) / stepM;
  if (lo) return (mid - below) / stepM;
  return NaN;
}

function userCandidates(extra: CandidateOptions["extra"] | unknown): { id: string; lon: number; lat: number }[] {
  if (extra === undefined) return [];
  const list = Array.isArray(extra) ? extra : (extra as { type?: unknown; features?: unknown } | null)?.type === "FeatureCollection" ? (extra as { features: unknown }).features : null;
  if (!Array.isArray(list)) fail("WRONG_TYPE", "extra", extra, "an array of { id, coordinates } or Point features, or a FeatureCollection of Points");
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const out: { id: string; lon: number; lat: number }[] = [];
  list.forEach((u: unknown, k) => {
    const at = `extra[${k}]`;
    const isFeature = (u as { type?: unknown } | null)?.type === "Feature";
    const id = isFeature ? ((u as Feature).properties?.["id"] ?? (u as Feature).id) : (u as { id?: unknown } | null)?.id;
    const coordinates = isFeature ? ((u as Feature).geometry as Point | null)?.coordinates : (u as { coordinates?: unknown } | null)?.coordinates;
    if (isFeature && ((u as Feature).geometry as { type?: unknown } | null)?.type !== "Point") {
      problems.push({ code: "WRONG_GEOMETRY", featureIndex: k, field: `${at}.geometry.type`, value: ((u as Feature).geometry as { type?: unknown } | null)?.type, allowed: "Point" });
      return;
    }
    if (typeof id !== "string" || id === "" || id.length > 128) {
      problems.push({ code: "INVALID_ID", featureIndex: k, field: `${at}.id`, value: id, allowed: "a non-empty string id of at most 128 characters" });
      return;
    }
    if (seen.has(id)) {
      problems.push({ code: "DUPLICATE_ID", featureId: id, featureIndex: k, field: `${at}.id`, value: id, allowed: "ids unique among user candidates" });
      return;
    }
    seen.add(id);
    try {
      checkPosition(coordinates, `${at}.coordinates`);
    } catch (e) {
      if (!(e instanceof CellplanError)) throw e;
      problems.push(...e.problems.map((p) => ({ ...p, featureId: id, featureIndex: k })));
      return;
    }
    const [lon, lat] = coordinates as number[];
    out.push({ id, lon: lon!, lat: lat! });
  });
  if (problems.length > 0) {
    throw problems.length === 1 ? CellplanError.of(problems[0]!) : new CellplanError(problems[0]!.code, problems, `Invalid user candidates: ${problems.length} problems`, 20);
  }
  return out;
}

/**
 * Pairs of candidates closer than `minDistanceM`, as a symmetric CSR (row j lists, in increasing
 * order, every other candidate k with distance(j, k) < minDistanceM): what a solver needs to keep
 * chosen sites apart. Distances are taken in one local metric frame at the candidates' middle
 * latitude, so the relation is symmetric. Throws `LIMIT_EXCEEDED` past `maxEntries` entries.
 */
export function conflictPairs(
  candidates: { lon: ArrayLike<number>; lat: ArrayLike<number> },
  minDistanceM: number,
  options: { maxEntries?: number } = {},
): Csr {
  if (typeof minDistanceM !== "number" || !Number.isFinite(minDistanceM) || minDistanceM < 0) fail("INVALID_VALUE", "minDistanceM", minDistanceM, "a finite distance ≥ 0 m");
  const maxEntries = options.maxEntries ?? CANDIDATE_DEFAULTS.maxConflictEntries;
  const { lon, lat } = checkedPoints(candidates, "candidates");
  const n = lon.length;
  const offsets = new Int32Array(n + 1);
  if (n === 0 || minDistanceM === 0) return { offsets, indices: new Int32Array(0) };
  let south = Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    south = Math.min(south, lat[i]!);
    north = Math.max(north, lat[i]!);
  }
  const f = localFrame((south + north) / 2);
  const buckets = bucketPoints(lon, lat, minDistanceM);
  const dLon = minDistanceM / f.kx;
  const dLat = minDistanceM / f.ky;
  const limit2 = minDistanceM * minDistanceM;
  let indices = new Int32Array(Math.min(maxEntries, Math.max(16, 8 * n)));
  let used = 0;
  const row: number[] = [];
  for (let j = 0; j < n; j++) {
    const x = lon[j]!;
    const y = lat[j]!;
    row.length = 0;
    visitBox(buckets, x - dLon, y - dLat, x + dLon, y + dLat, (k) => {
      if (k === j) return;
      const dx = (lon[k]! - x) * f.kx;
      const dy = (lat[k]! - y) * f.ky;
      if (dx * dx + dy * dy < limit2) row.push(k);
    });
    row.sort((a, b) => a - b);
    if (used + row.length > maxEntries) {
      fail("LIMIT_EXCEEDED", "minDistanceM", minDistanceM, `at most ${maxEntries} conflict entries (CANDIDATE_DEFAULTS.maxConflictEntries; pass maxEntries to raise it)`);
    }
    if (used + row.length > indices.length) {
      const grown = new Int32Array(Math.min(maxEntries, Math.max(2 * indices.length, used + row.length)));
      grown.set(indices.subarray(0, used));
      indices = grown;
    }
    for (const k of row) indices[used++] = k;
    offsets[j + 1] = used;
  }
  return { offsets, indices: indices.slice(0, used) };
}

/** Checks lon/lat arrays of equal length with finite, in-range values. */
export function checkedPoints(points: unknown, field: string): { lon: ArrayLike<number>; lat: ArrayLike<number> } {
  const p = points as { lon?: unknown; lat?: unknown } | null;
  const isList = (v: unknown): v is ArrayLike<number> => Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
  if (p === null || typeof p !== "object" || !isList(p.lon) || !isList(p.lat)) fail("WRONG_TYPE", field, points, "{ lon, lat }: arrays (or typed arrays) of degrees");
  if (p.lon.length !== p.lat.length) fail("INVALID_VALUE", `${field}.lat`, p.lat.length, `as many values as ${field}.lon (${p.lon.length})`);
  for (let i = 0; i < p.lon.length; i++) {
    const x = p.lon[i];
    const y = p.lat[i];
    if (typeof x !== "number" || typeof y !== "number" || !Number.isFinite(x) || !Number.isFinite(y)) fail("NOT_FINITE", `${field}[${i}]`, [x, y], "finite lon and lat");
    if (x < -180 || x > 180 || y < -90 || y > 90) fail("COORDINATE_OUT_OF_RANGE", `${field}[${i}]`, [x, y], "lon in [−180, 180], lat in [−90, 90]");
  }
  return { lon: p.lon, lat: p.lat };
}
