import type { Geometry, Position } from "geojson";
import { DEG, WGS84_A, WGS84_E2 } from "../math.js";

/**
 * Ellipsoidal area of lon/lat polygons. Each vertex is mapped to the WGS84 cylindrical equal-area
 * plane (x = a·λ, y = a·q(φ)/2, Snyder 1987 eq. 3-12), where the shoelace formula gives the true
 * area of the polygon whose edges are straight in that plane. This reproduces areas computed in
 * EPSG:6933 to rounding; for densely sampled boundaries the edge convention is immaterial.
 */

// Module-local copies: hot loops read locals, not live import bindings (which test runners and
// bundlers may turn into property lookups).
const E2 = WGS84_E2;
const E = Math.sqrt(E2);
const RAD_PER_DEG = DEG;
const A2_OVER_4 = (WGS84_A * WGS84_A) / 4;

/** Snyder's q(φ) for the WGS84 ellipsoid (dimensionless; ±(1 + (1 − e²)/(2e)·ln((1+e)/(1−e))) at the poles). */
export function authalicQ(latDeg: number): number {
  return qOfSin(Math.sin(latDeg * DEG));
}

/** The exact closed form, kept for tests of the series. */
export function authalicQExact(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (1 - WGS84_E2) * (s / (1 - WGS84_E2 * s * s) + Math.atanh(E * s) / E);
}

/**
 * q as a function of sin φ: (1 − e²)·(s / (1 − e²s²) + atanh(e·s) / e), with atanh(e·s)/e
 * summed as its series s·Σ (e²s²)^k / (2k + 1); k ≤ 4 leaves a relative error below 2e-12 for WGS84.
 */
function qOfSin(s: number): number {
  const x = E2 * s * s;
  const atanhOverE = s * (1 + x * (1 / 3 + x * (1 / 5 + x * (1 / 7 + x / 9))));
  return (1 - E2) * (s / (1 - x) + atanhOverE);
}

/** Signed area of a ring in m²: positive when counter-clockwise (RFC 7946 exterior). */
export function ringSignedAreaM2(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  // One sin and one atanh per vertex: carry the previous vertex's λ and q along the ring.
  const last = ring[n - 1]!;
  let lamPrev = last[0]! * RAD_PER_DEG;
  let qPrev = qOfSin(Math.sin(last[1]! * RAD_PER_DEG));
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = ring[i]!;
    const lam = p[0]! * RAD_PER_DEG;
    const q = qOfSin(Math.sin(p[1]! * RAD_PER_DEG));
    sum += lamPrev * q - lam * qPrev;
    lamPrev = lam;
    qPrev = q;
  }
  return sum * A2_OVER_4;
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
