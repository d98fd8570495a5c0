import type { Polygon, Position } from "geojson";
import type { LonLat } from "../units.js";
import { frameDestination, localFrame } from "./frame.js";

/**
 * A wedge (circular sector) polygon for display: apex at `center`, opening `beamwidthDeg` around
 * `azimuthDeg`, radius `radiusM`, the arc sampled every `stepDeg` at most. A beamwidth of 360 or
 * more gives a circle. The ring is closed and counter-clockwise (RFC 7946).
 */
export function wedgePolygon(center: LonLat, azimuthDeg: number, beamwidthDeg: number, radiusM: number, stepDeg = 5): Polygon {
  const f = localFrame(center[1]);
  const ring: Position[] = [];
  if (beamwidthDeg >= 360) {
    const n = Math.max(8, Math.ceil(360 / stepDeg));
    // Bearings run clockwise; walk them backwards for a counter-clockwise ring.
    for (let i = n; i > 0; i--) ring.push(frameDestination(f, center, radiusM, (i * 360) / n));
    ring.push(ring[0]!);
    return { type: "Polygon", coordinates: [ring] };
  }
  const n = Math.max(1, Math.ceil(beamwidthDeg / stepDeg));
  const start = azimuthDeg + beamwidthDeg / 2;
  ring.push([center[0], center[1]]);
  for (let i = 0; i <= n; i++) ring.push(frameDestination(f, center, radiusM, start - (i * beamwidthDeg) / n));
  ring.push([center[0], center[1]]);
  return { type: "Polygon", coordinates: [ring] };
}
