import type { Feature, FeatureCollection, GeoJsonProperties, MultiPolygon, Polygon, Position } from "geojson";
import { fail } from "../errors.js";
import type { BBox } from "../units.js";

export type AreaFeature = Feature<Polygon | MultiPolygon, GeoJsonProperties>;

/** An area layer as callers hold it: a geometry, a feature, or a collection of them. */
export type AreaLayer = Polygon | MultiPolygon | AreaFeature | FeatureCollection<Polygon | MultiPolygon, GeoJsonProperties>;

/** Properties the renderer reads from an isoband (as written by `coverageContours`). */
export interface IsobandProperties {
  thresholdDbm: number;
  /** Exclusive upper bound; null or absent for the top band and for cumulative contours. */
  upperDbm?: number | null;
  quantity?: string;
  bands?: readonly string[];
  areaKm2?: number;
}

export type IsobandLayer = FeatureCollection<Polygon | MultiPolygon, IsobandProperties>;

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The Polygon/MultiPolygon features of an area layer, checked: every position two finite numbers
 * inside lon/lat ranges, every ring at least 4 positions. `field` names the layer in errors.
 */
export function areaFeatures(layer: unknown, field: string): AreaFeature[] {
  if (!isObject(layer)) fail("WRONG_TYPE", field, layer, "a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection");
  if (layer.type === "FeatureCollection") {
    if (!Array.isArray(layer.features)) fail("WRONG_TYPE", `${field}.features`, layer.features, "an array of features");
    return layer.features.map((f, i) => checkFeature(f, `${field}.features[${i}]`));
  }
  if (layer.type === "Feature") return [checkFeature(layer, field)];
  checkGeometry(layer, field);
  return [{ type: "Feature", properties: {}, geometry: layer as unknown as Polygon | MultiPolygon }];
}

function checkFeature(f: unknown, field: string): AreaFeature {
  if (!isObject(f) || f.type !== "Feature") fail("WRONG_TYPE", field, f, "a GeoJSON Feature");
  checkGeometry(f.geometry, `${field}.geometry`);
  if (f.properties !== null && f.properties !== undefined && !isObject(f.properties)) fail("WRONG_TYPE", `${field}.properties`, f.properties, "an object or null");
  return f as unknown as AreaFeature;
}

function checkGeometry(g: unknown, field: string): void {
  if (!isObject(g) || (g.type !== "Polygon" && g.type !== "MultiPolygon")) {
    fail("WRONG_GEOMETRY", `${field}.type`, isObject(g) ? g.type : g, "Polygon or MultiPolygon");
  }
  if (!Array.isArray(g.coordinates)) fail("WRONG_TYPE", `${field}.coordinates`, g.coordinates, "an array");
  const polygons = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  polygons.forEach((rings: unknown, p) => {
    const at = g.type === "Polygon" ? `${field}.coordinates` : `${field}.coordinates[${p}]`;
    if (!Array.isArray(rings) || rings.length === 0) fail("WRONG_GEOMETRY", at, rings, "an array of linear rings");
    rings.forEach((ring: unknown, r) => {
      if (!Array.isArray(ring) || ring.length < 4) fail("WRONG_GEOMETRY", `${at}[${r}]`, ring, "a linear ring of at least 4 positions (RFC 7946 §3.1.6)");
      ring.forEach((pos: unknown, k) => checkPosition(pos, `${at}[${r}][${k}]`));
    });
  });
}

function checkPosition(p: unknown, field: string): void {
  if (!Array.isArray(p) || p.length < 2) fail("WRONG_TYPE", field, p, "a position [lon, lat]");
  const [lon, lat] = p as unknown[];
  if (typeof lon !== "number" || !Number.isFinite(lon)) fail("NOT_FINITE", `${field}[0]`, lon, "a finite longitude");
  if (typeof lat !== "number" || !Number.isFinite(lat)) fail("NOT_FINITE", `${field}[1]`, lat, "a finite latitude");
  if (lon < -180 || lon > 180) fail("COORDINATE_OUT_OF_RANGE", `${field}[0]`, lon, "−180 ≤ lon ≤ 180");
  if (lat < -85 || lat > 85) fail("COORDINATE_OUT_OF_RANGE", `${field}[1]`, lat, "−85 ≤ lat ≤ 85 (a Mercator map)");
}

/** Isobands checked: area features whose properties carry a finite `thresholdDbm`. */
export function isobandFeatures(layer: unknown, field: string): Feature<Polygon | MultiPolygon, IsobandProperties>[] {
  if (!isObject(layer) || layer.type !== "FeatureCollection") fail("WRONG_TYPE", field, layer, "a FeatureCollection of isobands (coverageContours)");
  const features = areaFeatures(layer, field);
  features.forEach((f, i) => {
    const p = f.properties ?? {};
    const at = `${field}.features[${i}].properties`;
    if (typeof p.thresholdDbm !== "number" || !Number.isFinite(p.thresholdDbm)) fail("NOT_FINITE", `${at}.thresholdDbm`, p.thresholdDbm, "a finite threshold in dBm");
    if (p.upperDbm !== undefined && p.upperDbm !== null && (typeof p.upperDbm !== "number" || !(p.upperDbm > p.thresholdDbm))) {
      fail("INVALID_VALUE", `${at}.upperDbm`, p.upperDbm, `null, or a number above thresholdDbm (${p.thresholdDbm})`);
    }
    if (p.quantity !== undefined && typeof p.quantity !== "string") fail("WRONG_TYPE", `${at}.quantity`, p.quantity, "a string such as RSRP");
    if (p.areaKm2 !== undefined && (typeof p.areaKm2 !== "number" || !(p.areaKm2 >= 0))) fail("INVALID_VALUE", `${at}.areaKm2`, p.areaKm2, "a number ≥ 0");
    if (p.bands !== undefined && (!Array.isArray(p.bands) || p.bands.some((b) => typeof b !== "string"))) fail("WRONG_TYPE", `${at}.bands`, p.bands, "an array of band names");
  });
  return features as Feature<Polygon | MultiPolygon, IsobandProperties>[];
}

/** Grows `b` to hold every position of the features. */
export function extendBBox(b: BBox, features: readonly Feature<Polygon | MultiPolygon, unknown>[]): void {
  const add = (p: Position) => {
    if (p[0]! < b[0]) b[0] = p[0]!;
    if (p[1]! < b[1]) b[1] = p[1]!;
    if (p[0]! > b[2]) b[2] = p[0]!;
    if (p[1]! > b[3]) b[3] = p[1]!;
  };
  for (const f of features) {
    const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of polys) for (const ring of rings) ring.forEach(add);
  }
}
