import type { Feature, FeatureCollection } from "geojson";
import { CellplanError, fail, type Problem } from "../errors.js";
import { geometryAreaM2 } from "../geo/area.js";
import { bboxOf } from "../geo/bbox.js";
import { localFrame } from "../geo/frame.js";
import { areaGeometries, geometryCentroid, pointInGeometry, type AreaGeometry, type AreaInput } from "./polygons.js";

/**
 * Demand points from a population layer: one point per population polygon (an H3 hexagon of the
 * Kontur grid, already rescaled per district in `data/almaty/population.geojson`), at its area
 * centroid, weighted by its people — or, with `spacingM`, the polygon's people shared over the
 * lattice points inside it. Nothing is dropped unless an option asks for it, and what an
 * option removes is listed in `excluded`. Merging points that no candidate tells apart is the
 * solver's job (it sees the coverage sets).
 */
export const DEMAND_DEFAULTS = {
  /** Polygons with fewer people are excluded (and listed). 0 keeps every polygon. */
  minPeople: 0,
  /**
   * Share α of each weight that follows area instead of people:
   * wᵢ = (1 − α)·peopleᵢ + α·P·areaᵢ / A, with P and A the totals over the points, so the weights
   * still sum to P. 0 weights by people alone; 1 by territory (every km² counts the same).
   */
  areaWeight: 0,
  /** Most population polygons accepted (checked before allocating; raise it explicitly). */
  maxPoints: 2_000_000,
  /**
   * 0: one point per polygon, at its centroid. > 0: each polygon's people are shared equally
   * among the points of a square lattice with this spacing (m) that fall inside it (its centroid
   * when none does), so that sites whose reach is shorter than a polygon (an H3 r8 cell is about
   * 900 m across) still tell its parts apart.
   */
  spacingM: 0,
  /** Most demand points a lattice may produce (checked as they are made). */
  maxLatticePoints: 5_000_000,
};

/** Population polygons: a FeatureCollection or array of Polygon / MultiPolygon features with `properties.population` (people ≥ 0) and optionally `properties.district` (a zone id or null). */
export type PopulationInput =
  | FeatureCollection<AreaGeometry, { population: number; district?: string | null } | null>
  | readonly Feature<AreaGeometry, { population: number; district?: string | null } | null>[];

/** Zones (districts): features with `properties.id` and, for display, `nameEn` or `name`. */
export type ZonesInput = FeatureCollection<AreaGeometry, unknown> | readonly Feature<AreaGeometry, unknown>[];

export interface DemandOptions {
  /**
   * Zones to index the points by. A polygon whose `district` property names a zone gets that zone
   * (the Almaty grid was rescaled per district by that property, so district totals stay exact);
   * one without a district gets the zone holding its centroid. Without `zones`, the zones are the
   * distinct `district` values, sorted.
   */
  zones?: ZonesInput;
  /** Study area: polygons whose centroid falls outside it are excluded (listed in `excluded.outsideArea`). */
  area?: AreaInput;
  minPeople?: number;
  areaWeight?: number;
  maxPoints?: number;
  spacingM?: number;
  maxLatticePoints?: number;
}

export interface DemandZone {
  id: string;
  name: string;
}

export interface DemandPoints {
  lon: Float64Array;
  lat: Float64Array;
  /** Demand weight (people, or the area mix of `areaWeight`); sums to `totalPeople`. */
  weight: Float64Array;
  /** People of each point's polygon, as given. */
  people: Float64Array;
  /** Area of each point's polygon, m² (WGS84 ellipsoid). */
  areaM2: Float64Array;
  /** Index into `zones`, −1 for a point in no zone. */
  zone: Int32Array;
  zones: DemandZone[];
  /** Index of each point's polygon in the population input. */
  feature: Int32Array;
  /** Points (indices into these arrays) in no zone: kept, with zone −1. */
  outside: Int32Array;
  /** Polygons the options removed (indices into the population input) and their people. */
  excluded: { belowMinPeople: Int32Array; outsideArea: Int32Array; people: number };
  /** Σ people over the points. */
  totalPeople: number;
  areaWeight: number;
}

/**
 * Demand points from population polygons, weighted by people (see `DEMAND_DEFAULTS.areaWeight`
 * for the area mix). Throws `CellplanError` listing every bad polygon (geometry, a population that
 * is not a finite number ≥ 0, a district that names no zone).
 */
export function demandPoints(population: PopulationInput | unknown, options: DemandOptions = {}): DemandPoints {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ zones?, area?, minPeople?, areaWeight?, maxPoints? }");
  const o = { ...DEMAND_DEFAULTS, ...definedOf(options) };
  if (typeof o.minPeople !== "number" || !Number.isFinite(o.minPeople) || o.minPeople < 0) fail("INVALID_VALUE", "minPeople", o.minPeople, "a finite number of people ≥ 0");
  if (typeof o.areaWeight !== "number" || !(o.areaWeight >= 0 && o.areaWeight <= 1)) fail("INVALID_VALUE", "areaWeight", o.areaWeight, "a share 0 ≤ α ≤ 1");
  if (typeof o.maxPoints !== "number" || !(o.maxPoints >= 1)) fail("INVALID_VALUE", "maxPoints", o.maxPoints, "a limit ≥ 1");
  if (typeof o.spacingM !== "number" || !(o.spacingM === 0 || (o.spacingM >= 1 && o.spacingM < Infinity))) fail("INVALID_VALUE", "spacingM", o.spacingM, "0 (one point per polygon) or a lattice spacing ≥ 1 m");
  const features = featuresOf(population);
  if (features.length > o.maxPoints) {
    fail("LIMIT_EXCEEDED", "population.features", features.length, `at most ${o.maxPoints} polygons (DEMAND_DEFAULTS.maxPoints; pass maxPoints to raise it)`);
  }
  const zoneList = options.zones === undefined ? null : zonesOf(options.zones);
  const area = options.area === undefined ? null : areaGeometries(options.area, "area");

  // Check every polygon first, collecting all problems.
  const problems: Problem[] = [];
  const parsed = features.map((f, k) => parseFeature(f, k, zoneList, problems));
  if (problems.length > 0) {
    throw problems.length === 1 ? CellplanError.of(problems[0]!) : new CellplanError(problems[0]!.code, problems, `Invalid population: ${problems.length} problems`, 20);
  }
  const zones: DemandZone[] = zoneList ? zoneList.map(({ id, name }) => ({ id, name })) : distinctDistricts(parsed);
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));

  const kept: number[] = [];
  const belowMinPeople: number[] = [];
  const outsideArea: number[] = [];
  let excludedPeople = 0;
  parsed.forEach((p, k) => {
    if (p!.people < o.minPeople) belowMinPeople.push(k);
    else if (area && !area.some((g) => pointInGeometry(g, p!.lon, p!.lat))) outsideArea.push(k);
    else return void kept.push(k);
    excludedPeople += p!.people;
  });

  // Each kept polygon becomes one point (its centroid) or its lattice points, sharing its people.
  const pts = expand(parsed, kept, o.spacingM, o.maxLatticePoints);
  const n = pts.owner.length;
  const out: DemandPoints = {
    lon: Float64Array.from(pts.lon),
    lat: Float64Array.from(pts.lat),
    weight: new Float64Array(n),
    people: new Float64Array(n),
    areaM2: new Float64Array(n),
    zone: new Int32Array(n),
    zones,
    feature: Int32Array.from(pts.owner, (k) => k),
    outside: new Int32Array(0),
    excluded: { belowMinPeople: Int32Array.from(belowMinPeople), outsideArea: Int32Array.from(outsideArea), people: excludedPeople },
    totalPeople: 0,
    areaWeight: o.areaWeight,
  };
  const outside: number[] = [];
  let totalPeople = 0;
  let totalArea = 0;
  const zoneOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const k = pts.owner[i]!;
    const p = parsed[k]!;
    const share = pts.count.get(k)!;
    out.people[i] = p.people / share;
    out.areaM2[i] = p.areaM2 / share;
    totalPeople += out.people[i]!;
    totalArea += out.areaM2[i]!;
    let z = zoneOf.get(k);
    if (z === undefined) {
      z = -1;
      if (p.district !== null) z = zoneIndex.get(p.district)!;
      else if (zoneList) z = zoneList.findIndex((zone) => zone.geometry.some((g) => pointInGeometry(g, p.lon, p.lat)));
      zoneOf.set(k, z);
    }
    out.zone[i] = z;
    if (z < 0) outside.push(i);
  }
  out.outside = Int32Array.from(outside);
  out.totalPeople = totalPeople;
  const a = o.areaWeight;
  if (a > 0 && !(totalArea > 0)) fail("INVALID_VALUE", "areaWeight", a, "0 when the polygons have no area");
  for (let i = 0; i < n; i++) {
    const w = a === 0 ? out.people[i]! : (1 - a) * out.people[i]! + (a * totalPeople * out.areaM2[i]!) / totalArea;
    if (!Number.isFinite(w)) fail("NOT_FINITE", `population.features[${out.feature[i]}]`, w, "a finite demand weight");
    out.weight[i] = w;
  }
  if (!Number.isFinite(totalPeople)) fail("NOT_FINITE", "population", totalPeople, "a finite total of people");
  return out;
}

interface ParsedFeature {
  geometry: AreaGeometry;
  lon: number;
  lat: number;
  people: number;
  areaM2: number;
  district: string | null;
}

function parseFeature(f: unknown, k: number, zones: ZoneEntry[] | null, problems: Problem[]): ParsedFeature | null {
  const at = `population.features[${k}]`;
  if ((f as { type?: unknown } | null)?.type !== "Feature") {
    problems.push({ code: "WRONG_TYPE", featureIndex: k, field: `${at}.type`, value: (f as { type?: unknown } | null)?.type, allowed: '"Feature" with properties.population' });
    return null;
  }
  let geometry: AreaGeometry;
  try {
    geometry = areaGeometries(f, at)[0]!;
  } catch (e) {
    if (!(e instanceof CellplanError)) throw e;
    problems.push(...e.problems.map((p) => ({ ...p, featureIndex: k })));
    return null;
  }
  const props = (f as { properties?: unknown }).properties as Record<string, unknown> | null | undefined;
  const people = props?.["population"];
  if (typeof people !== "number" || !Number.isFinite(people) || people < 0) {
    problems.push({ code: typeof people === "number" && !Number.isFinite(people) ? "NOT_FINITE" : "INVALID_VALUE", featureIndex: k, field: `${at}.properties.population`, value: people, allowed: "a finite number of people ≥ 0" });
    return null;
  }
  const district = props?.["district"];
  if (district !== undefined && district !== null && typeof district !== "string") {
    problems.push({ code: "WRONG_TYPE", featureIndex: k, field: `${at}.properties.district`, value: district, allowed: "a zone id (string) or null" });
    return null;
  }
  if (typeof district === "string" && zones && !zones.some((z) => z.id === district)) {
    problems.push({ code: "INVALID_VALUE", featureIndex: k, field: `${at}.properties.district`, value: district, allowed: `a zone id (${zones.map((z) => z.id).join(", ")}) or null` });
    return null;
  }
  const [lon, lat] = geometryCentroid(geometry);
  return { geometry, lon, lat, people, areaM2: geometryAreaM2(geometry), district: district ?? null };
}

interface ZoneEntry extends DemandZone {
  geometry: AreaGeometry[];
}

function zonesOf(input: unknown): ZoneEntry[] {
  const geometries = areaGeometries(input, "zones");
  const list = (Array.isArray(input) ? input : (input as { features: unknown[] }).features) as unknown[];
  const seen = new Set<string>();
  return list.map((f, k) => {
    const props = (f as { properties?: Record<string, unknown> | null }).properties;
    const id = props?.["id"];
    if (typeof id !== "string" || id === "") fail("INVALID_ID", `zones[${k}].properties.id`, id, "a non-empty string id per zone");
    if (seen.has(id)) fail("DUPLICATE_ID", `zones[${k}].properties.id`, id, "ids unique among zones");
    seen.add(id);
    const name = props?.["nameEn"] ?? props?.["name"] ?? id;
    return { id, name: String(name), geometry: [geometries[k]!] };
  });
}

function distinctDistricts(parsed: (ParsedFeature | null)[]): DemandZone[] {
  const ids = new Set<string>();
  for (const p of parsed) if (p?.district) ids.add(p.district);
  return [...ids].sort().map((id) => ({ id, name: id }));
}

function featuresOf(population: unknown): unknown[] {
  if (Array.isArray(population)) return population;
  const features = (population as { type?: unknown; features?: unknown } | null)?.features;
  if ((population as { type?: unknown } | null)?.type !== "FeatureCollection" || !Array.isArray(features)) {
    fail("WRONG_TYPE", "population", population, "a FeatureCollection (or array) of Polygon / MultiPolygon features with properties.population");
  }
  return features;
}

function definedOf<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * The points of the kept polygons: centroids (spacing 0), or the lattice points inside each
 * polygon — a lattice fixed to multiples of the spacing from (0°, 0°) in the frame of the polygons'
 * mean latitude, so the same polygon always gets the same points. A polygon no lattice point
 * falls in keeps its centroid: nobody is dropped.
 */
function expand(parsed: (ParsedFeature | null)[], kept: number[], spacingM: number, maxPoints: number): { lon: number[]; lat: number[]; owner: number[]; count: Map<number, number> } {
  const lon: number[] = [];
  const lat: number[] = [];
  const owner: number[] = [];
  const count = new Map<number, number>();
  const meanLat = kept.length === 0 ? 0 : kept.reduce((s, k) => s + parsed[k]!.lat, 0) / kept.length;
  const f = localFrame(meanLat);
  const dLon = spacingM / f.kx;
  const dLat = spacingM / f.ky;
  for (const k of kept) {
    const p = parsed[k]!;
    let c = 0;
    if (spacingM > 0) {
      const [w, s, e, n] = bboxOf(p.geometry);
      for (let j = Math.floor(s / dLat); (j + 0.5) * dLat <= n; j++) {
        const y = (j + 0.5) * dLat;
        if (y < s) continue;
        for (let i = Math.floor(w / dLon); (i + 0.5) * dLon <= e; i++) {
          const x = (i + 0.5) * dLon;
          if (x < w || !pointInGeometry(p.geometry, x, y)) continue;
          lon.push(x);
          lat.push(y);
          owner.push(k);
          c++;
        }
      }
    }
    if (c === 0) {
      lon.push(p.lon);
      lat.push(p.lat);
      owner.push(k);
      c = 1;
    }
    count.set(k, c);
    if (owner.length > maxPoints) fail("LIMIT_EXCEEDED", "spacingM", spacingM, `at most ${maxPoints} demand points (DEMAND_DEFAULTS.maxLatticePoints; widen the spacing or raise maxLatticePoints)`);
  }
  return { lon, lat, owner, count };
}
