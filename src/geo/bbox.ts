import type { Geometry, Position } from "geojson";
import type { BBox } from "../units.js";
import { localFrame } from "./frame.js";

/** Bounding box of any geometry (RFC 7946 order). Empty geometries give an inverted box. */
export function bboxOf(g: Geometry): BBox {
  const b: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  eachPosition(g, (p) => {
    if (p[0]! < b[0]) b[0] = p[0]!;
    if (p[1]! < b[1]) b[1] = p[1]!;
    if (p[0]! > b[2]) b[2] = p[0]!;
    if (p[1]! > b[3]) b[3] = p[1]!;
  });
  return b;
}

/** Grows a box by `marginM` metres on every side, in the local frame at its centre. */
export function expandBBox(b: BBox, marginM: number): BBox {
  const f = localFrame((b[1] + b[3]) / 2);
  const dLon = marginM / f.kx;
  const dLat = marginM / f.ky;
  return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}

export function bboxContains(b: BBox, lon: number, lat: number): boolean {
  return lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];
}

export function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case "Point":
      fn(g.coordinates);
      break;
    case "MultiPoint":
    case "LineString":
      g.coordinates.forEach(fn);
      break;
    case "MultiLineString":
    case "Polygon":
      for (const line of g.coordinates) line.forEach(fn);
      break;
    case "MultiPolygon":
      for (const poly of g.coordinates) for (const ring of poly) ring.forEach(fn);
      break;
    case "GeometryCollection":
      for (const c of g.geometries) eachPosition(c, fn);
      break;
  }
}
