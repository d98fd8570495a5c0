import { basename, extname } from "node:path";
import type { CoverageArea } from "../../coverage/compute.js";
import { demandPoints } from "../../demand/points.js";
import { CellplanError, fail, type Problem } from "../../errors.js";
import { BANDS, TECHNOLOGIES, type Band } from "../../model/bands.js";
import { decodeDem } from "../../terrain/codec.js";
import type { Dem } from "../../terrain/dem.js";
import { hgtTileOf, parseHgt } from "../../terrain/hgt.js";
import type { BBox, Technology } from "../../units.js";
import { readGeoTiffDem } from "../dem-geotiff.js";
import { readBytes, readJson } from "../files.js";

/** `--band`: one band (`LTE1800`) or every band of a technology (`4G`). */
export type BandChoice = { band: Band; technology?: undefined } | { technology: Technology; band?: undefined };

/** Parses `--band`: a band name or a technology, case-insensitive. */
export function parseBandChoice(text: string): BandChoice {
  const band = BANDS.find((b) => b.toLowerCase() === text.toLowerCase());
  if (band) return { band };
  const technology = TECHNOLOGIES.find((t) => t.toLowerCase() === text.toLowerCase());
  if (technology) return { technology };
  return fail("UNKNOWN_BAND", "--band", text, `a band (${BANDS.join(", ")}) or a technology (${TECHNOLOGIES.join(", ")})`);
}

/** File-name stem of a band choice: `lte1800`, `4g`. */
export function choiceStem(c: BandChoice): string {
  return (c.band ?? c.technology).toLowerCase();
}

/**
 * `--area`: a GeoJSON file (Polygon, MultiPolygon, a Feature of one, or a FeatureCollection of
 * them; the coverage engine checks the rings) or a bounding box `west,south,east,north` in degrees.
 */
export function readArea(spec: string): CoverageArea {
  const parts = spec.split(",");
  if (parts.length === 4 && parts.every((p) => p.trim() !== "" && Number.isFinite(Number(p)))) {
    const [w, s, e, n] = parts.map(Number) as [number, number, number, number];
    if (!(w >= -180 && e <= 180 && s >= -90 && n <= 90 && w < e && s < n)) fail("INVALID_VALUE", "--area", spec, "west,south,east,north with −180 ≤ west < east ≤ 180 and −90 ≤ south < north ≤ 90");
    return [w, s, e, n] as BBox;
  }
  return readJson(spec) as CoverageArea;
}

/**
 * `--terrain`: an elevation model by extension: `.cpdem` (cellplan's DEM file), `.hgt` (an SRTM
 * tile named like `N43E076.hgt`) or `.tif` / `.tiff` (a single-band GeoTIFF in EPSG:4326).
 */
export async function readDem(path: string): Promise<Dem> {
  const ext = extname(path).toLowerCase();
  if (ext === ".cpdem") return decodeDem(readBytes(path)).dem;
  if (ext === ".hgt") return parseHgt(readBytes(path), hgtTileOf(basename(path)));
  if (ext === ".tif" || ext === ".tiff") return readGeoTiffDem(path);
  return fail("INVALID_VALUE", path, ext || "(none)", "a .cpdem, .hgt (SRTM tile) or .tif/.tiff (GeoTIFF, EPSG:4326) elevation file");
}

/** Demand as the optimiser takes it: positions and weights. */
export interface DemandInput {
  lon: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
  /** "polygons": population polygons reduced to centroids; "points": weighted points as given. */
  kind: "polygons" | "points";
}

/**
 * `--demand`: a GeoJSON FeatureCollection of either population polygons (Polygon / MultiPolygon
 * features with `properties.population` ≥ 0: one demand point per polygon at its centroid,
 * `demandPoints`) or weighted points (Point features with `properties.weight` ≥ 0, or
 * `properties.population`). Mixed collections and bad weights are refused, every problem listed.
 */
export function readDemand(path: string): DemandInput {
  const fc = readJson(path);
  const features = featureList(fc, path);
  const types = new Set(features.map((f) => (isObject(f) && isObject(f["geometry"]) ? f["geometry"]["type"] : undefined)));
  if (features.length > 0 && [...types].every((t) => t === "Polygon" || t === "MultiPolygon")) {
    const d = demandPoints(fc);
    return { lon: d.lon, lat: d.lat, weight: d.weight, kind: "polygons" };
  }
  const n = features.length;
  const out = { lon: new Float64Array(n), lat: new Float64Array(n), weight: new Float64Array(n), kind: "points" as const };
  const problems: Problem[] = [];
  features.forEach((f, i) => {
    const p = pointOf(f, i, problems);
    if (!p) return;
    const props = isObject(f) && isObject(f["properties"]) ? f["properties"] : {};
    const w = props["weight"] ?? props["population"];
    if (typeof w !== "number" || !Number.isFinite(w) || w < 0) {
      problems.push({ code: "INVALID_VALUE", featureIndex: i, ...featureIdOf(f), field: "properties.weight", value: w, allowed: "a finite weight ≥ 0 (or properties.population) on every demand point" });
      return;
    }
    out.lon[i] = p[0];
    out.lat[i] = p[1];
    out.weight[i] = w;
  });
  if (n === 0) problems.push({ code: "INVALID_VALUE", field: `${path}: features`, value: 0, allowed: "at least one demand feature" });
  throwAll(problems, path, "demand");
  return out;
}

/** Candidate positions and their ids. */
export interface CandidateInput {
  lon: Float64Array;
  lat: Float64Array;
  id: string[];
}

/**
 * `--candidates`: a GeoJSON FeatureCollection of Point features, one per place a site may go;
 * `properties.id` (or the feature's `id`) names it, else `c<index>`. Ids must be unique.
 */
export function readCandidates(path: string): CandidateInput {
  const features = featureList(readJson(path), path);
  const n = features.length;
  const out: CandidateInput = { lon: new Float64Array(n), lat: new Float64Array(n), id: [] };
  const problems: Problem[] = [];
  const seen = new Set<string>();
  features.forEach((f, i) => {
    const p = pointOf(f, i, problems);
    const given = featureIdOf(f).featureId;
    const id = given ?? `c${i}`;
    if (seen.has(id)) problems.push({ code: "DUPLICATE_ID", featureIndex: i, featureId: id, field: "properties.id", value: id, allowed: "ids unique among candidates" });
    seen.add(id);
    out.id.push(id);
    if (p) {
      out.lon[i] = p[0];
      out.lat[i] = p[1];
    }
  });
  if (n === 0) problems.push({ code: "INVALID_VALUE", field: `${path}: features`, value: 0, allowed: "at least one candidate point" });
  throwAll(problems, path, "candidates");
  return out;
}

function featureList(fc: unknown, path: string): unknown[] {
  if (!isObject(fc) || fc["type"] !== "FeatureCollection" || !Array.isArray(fc["features"])) {
    fail("WRONG_TYPE", path, isObject(fc) ? fc["type"] : fc, "a GeoJSON FeatureCollection");
  }
  return fc["features"] as unknown[];
}

function pointOf(f: unknown, i: number, problems: Problem[]): [number, number] | null {
  const g = isObject(f) ? f["geometry"] : undefined;
  const c = isObject(g) && g["type"] === "Point" ? g["coordinates"] : undefined;
  if (!Array.isArray(c) || c.length < 2) {
    problems.push({ code: "WRONG_GEOMETRY", featureIndex: i, ...featureIdOf(f), field: "geometry", value: isObject(g) ? g["type"] : g, allowed: "a Point" });
    return null;
  }
  const [lon, lat] = c as unknown[];
  if (typeof lon !== "number" || typeof lat !== "number" || !(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
    problems.push({ code: "COORDINATE_OUT_OF_RANGE", featureIndex: i, ...featureIdOf(f), field: "geometry.coordinates", value: c, allowed: "[lon, lat] with −180 ≤ lon ≤ 180, −90 ≤ lat ≤ 90" });
    return null;
  }
  return [lon, lat];
}

function featureIdOf(f: unknown): { featureId?: string } {
  if (!isObject(f)) return {};
  const p = isObject(f["properties"]) ? f["properties"]["id"] : undefined;
  const id = typeof p === "string" || typeof p === "number" ? p : typeof f["id"] === "string" || typeof f["id"] === "number" ? f["id"] : undefined;
  return id === undefined ? {} : { featureId: String(id) };
}

function throwAll(problems: Problem[], path: string, what: string): void {
  if (problems.length === 0) return;
  throw problems.length === 1 ? CellplanError.of({ ...problems[0]!, field: `${path}: ${problems[0]!.field}` }) : new CellplanError(problems[0]!.code, problems, `Invalid ${what} in ${path}: ${problems.length} problems`, 20);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
