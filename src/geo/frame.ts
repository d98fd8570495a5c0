import CheapRuler from "cheap-ruler";
import type { LonLat } from "../units.js";

/**
 * The local metric frame used for all distance and bearing maths at city scale: metres per
 * degree of longitude (`kx`) and latitude (`ky`) at a reference latitude, from cheap-ruler's
 * WGS84 radii of curvature (error < 0.1 % within ~500 km of the reference latitude).
 */
export interface LocalFrame {
  /** Metres per degree of longitude at the reference latitude. */
  kx: number;
  /** Metres per degree of latitude at the reference latitude. */
  ky: number;
  lat0: number;
}

export function localFrame(lat0: number): LocalFrame {
  const r = new CheapRuler(lat0, "meters");
  return { kx: r.kx, ky: r.ky, lat0 };
}

/** Distance in metres between two points in the frame. */
export function frameDistanceM(f: LocalFrame, a: LonLat, b: LonLat): number {
  const dx = (b[0] - a[0]) * f.kx;
  const dy = (b[1] - a[1]) * f.ky;
  return Math.hypot(dx, dy);
}

/** The point `distanceM` away on a bearing (degrees clockwise from north). */
export function frameDestination(f: LocalFrame, p: LonLat, distanceM: number, bearingDeg: number): LonLat {
  const a = (bearingDeg * Math.PI) / 180;
  return [p[0] + (Math.sin(a) * distanceM) / f.kx, p[1] + (Math.cos(a) * distanceM) / f.ky];
}
