import { geoDistance, geoMercator, geoPath, geoTransform, type GeoPath, type GeoPermissibleObjects } from "d3-geo";
import { localFrame } from "../geo/frame.js";
import { EARTH_MEAN_RADIUS_M } from "../math.js";
import type { BBox, LonLat } from "../units.js";

/** A rectangle on the page: top-left corner and size. */
export interface Frame {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A Mercator projection fitted to a map frame, and what the map furniture needs from it. */
export interface FittedProjection {
  project(p: LonLat): [number, number];
  invert(xy: readonly [number, number]): LonLat;
  /**
   * d3-geo path generator drawing projected coordinates as straight segments (planar, no
   * spherical clipping), so polygons of either winding fill the same with `fill-rule="evenodd"`.
   */
  path: GeoPath<unknown, GeoPermissibleObjects>;
  /** Ground metres per pixel at the frame's centre. */
  metresPerPixel: number;
  /** Direction of true north at the frame's centre, degrees clockwise from "up" (0 in Mercator). */
  northAngleDeg: number;
}

/**
 * Fits a Mercator projection so that `bbox` (grown to at least `minSpanM` on each axis) fills
 * `frame` less `paddingPx` on every side. Mercator is conformal, so shapes, bearings and the scale
 * bar hold everywhere on a city map (the scale varies by 1/cos φ: under 1 % across 50 km at 45°).
 * Path coordinates are rounded to `digits` decimals (d3-geo `path.digits`).
 */
export function fitProjection(bbox: BBox, frame: Frame, paddingPx: number, minSpanM: number, digits: number): FittedProjection {
  const f = localFrame((bbox[1] + bbox[3]) / 2);
  const grow = (lo: number, hi: number, k: number): [number, number] => {
    const half = Math.max((hi - lo) / 2, minSpanM / 2 / k);
    const mid = (lo + hi) / 2;
    return [mid - half, mid + half];
  };
  const [w, e] = grow(bbox[0], bbox[2], f.kx);
  const [s, n] = grow(bbox[1], bbox[3], f.ky);
  const projection = geoMercator().fitExtent(
    [
      [frame.x + paddingPx, frame.y + paddingPx],
      [frame.x + frame.width - paddingPx, frame.y + frame.height - paddingPx],
    ],
    { type: "MultiPoint", coordinates: [[w, s], [e, n]] },
  );
  const project = (p: LonLat): [number, number] => projection(p) as [number, number];
  const invert = (xy: readonly [number, number]): LonLat => projection.invert!([xy[0], xy[1]]) as LonLat;
  const planar = geoTransform({
    point(x: number, y: number) {
      const p = project([x, y]);
      this.stream.point(p[0], p[1]);
    },
  });
  const cx = frame.x + frame.width / 2;
  const cy = frame.y + frame.height / 2;
  const spanPx = 100;
  const a = invert([cx - spanPx / 2, cy]);
  const b = invert([cx + spanPx / 2, cy]);
  const metresPerPixel = (geoDistance(a, b) * EARTH_MEAN_RADIUS_M) / spanPx;
  const c = invert([cx, cy]);
  const north = project([c[0], c[1] + 0.01]);
  const northAngleDeg = (Math.atan2(north[0] - cx, cy - north[1]) * 180) / Math.PI;
  return { project, invert, path: geoPath(planar).digits(digits), metresPerPixel, northAngleDeg };
}
