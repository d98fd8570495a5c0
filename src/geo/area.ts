import type { Geometry, Position } from "geojson";
import { WGS84_A, WGS84_E2 } from "../math.js";

/**
 * Ellipsoidal area of lon/lat polygons. Each vertex is mapped to the WGS84 cylindrical equal-area
 * plane (x = a·λ, y = a·q(φ)/2, Snyder 1987 eq. 3-12), where the shoelace formula gives the true
 * area of the polygon whose edges are straight in that plane. This reproduces areas computed in
 * EPSG:6933 to rounding; for densely sampled boundaries the edge convention is immaterial.
 */

const E = Math.sqrt(WGS84_E2);

/** Snyder's q(φ) for the WGS84 ellipsoid (dimensionless; ±(1 + (1 − e²)/(2e)·ln((1+e)/(1−e))) at the poles). */
export function authalicQ(latDeg: number): number {
  const s = Math.sin((latDeg * Math.PI) / 180);
  const es = E * s;
  return (1 - WGS84_E2) * (s / (1 - es * es) - (1 / (2 * E)) * Math.log((1 - es) / (1 + es)));
}

/** Signed area of a ring in m²: positive when counter-clockwise (RFC 7946 exterior). */
export function ringSignedAreaM2(ring: readonly Position[]): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += ((a[0]! * Math.PI) / 180) * authalicQ(b[1]!) - ((b[0]! * Math.PI) / 180) * authalicQ(a[1]!);
  }
  return (sum * WGS84_A * WGS84_A) / 4;
}

/** Area of a Polygon or MultiPolygon in m² (holes subtracted; other geometries have area 0). */
export function geometryAreaM2(g: Geometry): number {
  switch (g.type) {
    case "Polygon":
      return polygonArea(g.coordinates);
    case "MultiPolygon":
      return g.coordinates.reduce((s, p) => s + polygonArea(p), 0);
    case "GeometryCollection":
      return g.geometries.reduce((s, c) => s + geometryAreaM2(c), 0);
    default:
      return 0;
  }
}

export function geometryAreaKm2(g: Geometry): number {
  return geometryAreaM2(g) / 1e6;
}

function polygonArea(rings: Position[][]): number {
  let a = 0;
  rings.forEach((ring, i) => {
    const r = Math.abs(ringSignedAreaM2(ring));
    a += i === 0 ? r : -r;
  });
  return a;
}
