import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { fail } from "../errors.js";

/**
 * Polygon inputs of the demand and candidate builders: checking them, testing points against
 * them and finding their centroids. Point-in-polygon is the even–odd crossing rule on the lon/lat
 * plane (holes cut out), with the half-open edge convention of `src/geo/scanline.ts`, so a point
 * gets the same answer as a pixel centre there.
 */

export type AreaGeometry = Polygon | MultiPolygon;

/** A polygon, a multipolygon, a feature or collection of them, or an array of any of those. */
export type AreaInput =
  | AreaGeometry
  | Feature<AreaGeometry, unknown>
  | FeatureCollection<AreaGeometry, unknown>
  | readonly (AreaGeometry | Feature<AreaGeometry, unknown>)[];

/**
 * The polygons of an area input, each checked: Polygon or MultiPolygon, rings of ≥ 4 positions,
 * closed, finite lon in [−180, 180] and lat in [−90, 90]. Throws `CellplanError` naming the field.
 */
export function areaGeometries(input: unknown, field: string): AreaGeometry[] {
  if (input === null || typeof input !== "object") fail("WRONG_TYPE", field, input, "a Polygon, MultiPolygon, Feature, FeatureCollection or an array of them");
  const items: unknown[] = Array.isArray(input)
    ? input
    : (input as { type?: unknown }).type === "FeatureCollection"
      ? ((input as { features?: unknown }).features as unknown[])
      : [input];
  if (!Array.isArray(items)) fail("WRONG_TYPE", `${field}.features`, items, "an array of features");
  const single = !Array.isArray(input) && (input as { type?: unknown }).type !== "FeatureCollection";
  return items.map((item, k) => {
    const at = single ? field : `${field}[${k}]`;
    const geometry = (item as { type?: unknown } | null)?.type === "Feature" ? (item as { geometry?: unknown }).geometry : item;
    const gAt = geometry === item ? at : `${at}.geometry`;
    const type = (geometry as { type?: unknown } | null)?.type;
    if (type !== "Polygon" && type !== "MultiPolygon") fail("WRONG_GEOMETRY", `${gAt}.type`, type, "Polygon or MultiPolygon");
    const coords = (geometry as { coordinates?: unknown }).coordinates;
    if (type === "Polygon") checkPolygon(coords, `${gAt}.coordinates`);
    else {
      if (!Array.isArray(coords) || coords.length === 0) fail("WRONG_GEOMETRY", `${gAt}.coordinates`, coords, "an array of ≥ 1 polygons");
      coords.forEach((p, i) => checkPolygon(p, `${gAt}.coordinates[${i}]`));
    }
    return geometry as AreaGeometry;
  });
}

function checkPolygon(rings: unknown, at: string): void {
  if (!Array.isArray(rings) || rings.length === 0) fail("WRONG_GEOMETRY", at, rings, "an array of ≥ 1 linear rings");
  rings.forEach((ring: unknown, r) => {
    if (!Array.isArray(ring) || ring.length < 4) fail("WRONG_GEOMETRY", `${at}[${r}]`, ring, "a linear ring of ≥ 4 positions (RFC 7946 §3.1.6)");
    ring.forEach((p: unknown, i) => checkPosition(p, `${at}[${r}][${i}]`));
    const a = ring[0] as number[];
    const b = ring[ring.length - 1] as number[];
    if (a[0] !== b[0] || a[1] !== b[1]) fail("WRONG_GEOMETRY", `${at}[${r}]`, b, `a closed ring (last position equal to the first, ${JSON.stringify(a)})`);
  });
}

/** Checks one [lon, lat] position (extra ordinates are allowed and ignored). */
export function checkPosition(p: unknown, at: string): void {
  if (!Array.isArray(p) || p.length < 2) fail("WRONG_GEOMETRY", at, p, "a position [lon, lat]");
  const [lon, lat] = p as unknown[];
  if (typeof lon !== "number" || typeof lat !== "number" || !Number.isFinite(lon) || !Number.isFinite(lat)) fail("NOT_FINITE", at, p, "finite [lon, lat]");
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) fail("COORDINATE_OUT_OF_RANGE", at, p, "lon in [−180, 180], lat in [−90, 90]");
}

/** Whether (lon, lat) lies inside the polygon or multipolygon (even–odd over each polygon's rings). */
export function pointInGeometry(g: AreaGeometry, lon: number, lat: number): boolean {
  if (g.type === "Polygon") return pointInRings(g.coordinates, lon, lat);
  for (const p of g.coordinates) if (pointInRings(p, lon, lat)) return true;
  return false;
}

function pointInRings(rings: readonly (readonly Position[])[], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const a = ring[j]!;
      const b = ring[i]!;
      const ya = a[1]!;
      const yb = b[1]!;
      // half-open in latitude: an edge counts when lat ∈ [min, max), so shared vertices count once
      if (ya > lat !== yb > lat) {
        const x = a[0]! + ((lat - ya) * (b[0]! - a[0]!)) / (yb - ya);
        if (lon < x) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Area centroid of a polygon or multipolygon (holes subtracted, parts weighted by area), by the
 * shoelace formula on the lon/lat plane. The local metric frame is an affine map of that plane and
 * centroids commute with affine maps, so this is the centroid in the frame too (to the frame's
 * accuracy at city scale). A degenerate (zero-area) geometry gives the mean of its outer vertices.
 */
export function geometryCentroid(g: AreaGeometry): [number, number] {
  const polys = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
  // shift to the first vertex so the products stay small (no cancellation far from 0°, 0°)
  const o = polys[0]![0]![0]!;
  const ox = o[0]!;
  const oy = o[1]!;
  let a2 = 0;
  let cx = 0;
  let cy = 0;
  for (const rings of polys) {
    rings.forEach((ring, r) => {
      let ra = 0;
      let rx = 0;
      let ry = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const xj = ring[j]![0]! - ox;
        const yj = ring[j]![1]! - oy;
        const xi = ring[i]![0]! - ox;
        const yi = ring[i]![1]! - oy;
        const cross = xj * yi - xi * yj;
        ra += cross;
        rx += (xj + xi) * cross;
        ry += (yj + yi) * cross;
      }
      // outer rings count positively, holes negatively, whatever their winding
      const sign = (r === 0 ? 1 : -1) * Math.sign(ra);
      a2 += sign * ra;
      cx += sign * rx;
      cy += sign * ry;
    });
  }
  if (a2 > 0) return [ox + cx / (3 * a2), oy + cy / (3 * a2)];
  const outer = polys[0]![0]!;
  const n = Math.max(1, outer.length - 1);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += outer[i]![0]!;
    sy += outer[i]![1]!;
  }
  return [sx / n, sy / n];
}
