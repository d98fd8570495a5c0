import { CellplanError, fail } from "../errors.js";
import type { BBox } from "../units.js";

/**
 * A digital elevation model on a regular lon/lat lattice of *sample points* (SRTM convention:
 * sample [0, 0] sits exactly at `originLon`, `originLat`, the north-west corner; rows run south).
 * Heights are metres above mean sea level (EGM96 for SRTM).
 */
export interface Dem {
  originLon: number;
  originLat: number;
  /** Spacing between samples, degrees (1/1200 for SRTM 3″). */
  stepLonDeg: number;
  stepLatDeg: number;
  width: number;
  height: number;
  heights: Int16Array | Float32Array;
  /** Value marking a void; `NaN` for Float32 DEMs without one. */
  nodata: number;
}

/** Limits for DEM allocation; raise them explicitly when a study needs more. */
export const DEM_LIMITS = {
  /** Most samples in one DEM (a 1″ SRTM tile is 3601² ≈ 13 M). */
  maxSamples: 64_000_000,
};

export function checkDemShape(width: number, height: number, maxSamples = DEM_LIMITS.maxSamples): void {
  if (!Number.isInteger(width) || width < 2) fail("INVALID_DEM", "width", width, "an integer ≥ 2");
  if (!Number.isInteger(height) || height < 2) fail("INVALID_DEM", "height", height, "an integer ≥ 2");
  if (width * height > maxSamples) {
    fail("LIMIT_EXCEEDED", "width×height", width * height, `at most ${maxSamples.toLocaleString("en-GB")} samples (raise DEM_LIMITS.maxSamples, or pass maxSamples to decodeDem)`);
  }
}

/** The box spanned by the sample points. */
export function demBBox(dem: Dem): BBox {
  return [
    dem.originLon,
    dem.originLat - (dem.height - 1) * dem.stepLatDeg,
    dem.originLon + (dem.width - 1) * dem.stepLonDeg,
    dem.originLat,
  ];
}

/** Tolerance, in samples, for points on the DEM's outer edge. */
const EDGE_EPS = 1e-9;

function isVoid(dem: Dem, v: number): boolean {
  return v === dem.nodata || Number.isNaN(v);
}

/**
 * Bilinear interpolation between the four samples around a point. `NaN` outside the DEM or
 * next to a void.
 */
export function sampleDem(dem: Dem, lon: number, lat: number): number {
  let x = (lon - dem.originLon) / dem.stepLonDeg;
  let y = (dem.originLat - lat) / dem.stepLatDeg;
  // Points on the outer samples may land a rounding error outside; accept them (1e-9 sample).
  if (!(x >= -EDGE_EPS && y >= -EDGE_EPS && x <= dem.width - 1 + EDGE_EPS && y <= dem.height - 1 + EDGE_EPS)) return NaN;
  x = Math.min(Math.max(x, 0), dem.width - 1);
  y = Math.min(Math.max(y, 0), dem.height - 1);
  const x0 = Math.min(Math.floor(x), dem.width - 2);
  const y0 = Math.min(Math.floor(y), dem.height - 2);
  const fx = x - x0;
  const fy = y - y0;
  const i = y0 * dem.width + x0;
  const h = dem.heights;
  const a = h[i]!;
  const b = h[i + 1]!;
  const c = h[i + dem.width]!;
  const d = h[i + dem.width + 1]!;
  if (isVoid(dem, a) || isVoid(dem, b) || isVoid(dem, c) || isVoid(dem, d)) return NaN;
  return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy;
}

/**
 * Bilinear heights along a ray: out[k] = the DEM at (lon0 + k·dLon, lat0 + k·dLat) for
 * k = 1 … kMax, stopping before the first point off the DEM or next to a void. Returns the last k
 * written (0 when none). `sampleDem`'s interpolation, stepped in grid units without a call per point.
 */
export function sampleRay(dem: Dem, lon0: number, lat0: number, dLon: number, dLat: number, kMax: number, out: Float64Array): number {
  const { width, height, heights: h, nodata } = dem;
  const xMax = width - 1;
  const yMax = height - 1;
  const x0 = (lon0 - dem.originLon) / dem.stepLonDeg;
  const y0 = (dem.originLat - lat0) / dem.stepLatDeg;
  const dx = dLon / dem.stepLonDeg;
  const dy = -dLat / dem.stepLatDeg;
  for (let k = 1; k <= kMax; k++) {
    let x = x0 + k * dx;
    let y = y0 + k * dy;
    let c: number;
    let r: number;
    if (x >= 0 && y >= 0 && x < xMax && y < yMax) {
      // inside (the usual case): no clamping, and truncation is floor
      c = x | 0;
      r = y | 0;
    } else {
      if (!(x >= -EDGE_EPS && y >= -EDGE_EPS && x <= xMax + EDGE_EPS && y <= yMax + EDGE_EPS)) return k - 1;
      x = x < 0 ? 0 : x > xMax ? xMax : x;
      y = y < 0 ? 0 : y > yMax ? yMax : y;
      c = Math.floor(x);
      r = Math.floor(y);
      if (c > width - 2) c = width - 2;
      if (r > height - 2) r = height - 2;
    }
    const fx = x - c;
    const fy = y - r;
    const i = r * width + c;
    const a = h[i]!;
    const b = h[i + 1]!;
    const e = h[i + width]!;
    const f = h[i + width + 1]!;
    if (a === nodata || b === nodata || e === nodata || f === nodata || a !== a || b !== b || e !== e || f !== f) return k - 1;
    out[k] = (a * (1 - fx) + b * fx) * (1 - fy) + (e * (1 - fx) + f * fx) * fy;
  }
  return kMax;
}

/** Number of void samples. */
export function countVoids(dem: Dem): number {
  let n = 0;
  for (let i = 0; i < dem.heights.length; i++) if (isVoid(dem, dem.heights[i]!)) n++;
  return n;
}

/**
 * The smallest sub-DEM whose samples cover `bbox` (samples on or just outside its edges are kept,
 * so bilinear sampling works anywhere inside the box).
 */
export function cropDem(dem: Dem, bbox: BBox): Dem {
  const [w, s, e, n] = bbox;
  const c0 = Math.max(0, Math.floor((w - dem.originLon) / dem.stepLonDeg + 1e-9));
  const c1 = Math.min(dem.width - 1, Math.ceil((e - dem.originLon) / dem.stepLonDeg - 1e-9));
  const r0 = Math.max(0, Math.floor((dem.originLat - n) / dem.stepLatDeg + 1e-9));
  const r1 = Math.min(dem.height - 1, Math.ceil((dem.originLat - s) / dem.stepLatDeg - 1e-9));
  if (c1 - c0 < 1 || r1 - r0 < 1) {
    throw CellplanError.of({ code: "INVALID_DEM", field: "bbox", value: bbox, allowed: `a box overlapping the DEM ${demBBox(dem).join(", ")}` });
  }
  const width = c1 - c0 + 1;
  const height = r1 - r0 + 1;
  const heights = new (dem.heights.constructor as Int16ArrayConstructor | Float32ArrayConstructor)(width * height);
  for (let r = 0; r < height; r++) {
    const from = (r0 + r) * dem.width + c0;
    heights.set(dem.heights.subarray(from, from + width), r * width);
  }
  return {
    ...dem,
    originLon: dem.originLon + c0 * dem.stepLonDeg,
    originLat: dem.originLat - r0 * dem.stepLatDeg,
    width,
    height,
    heights,
  };
}

/**
 * Fills voids in place by repeated 8-neighbour averaging: each pass sets every void that touches
 * a valid sample to the mean of its valid neighbours (as they stood before the pass), until no
 * void remains. Works outward from the void's rim, like GDAL's FillNodata without smoothing.
 * Returns the number of samples filled.
 */
export function fillVoids(dem: Dem): number {
  const { width: w, height: hgt, heights: h } = dem;
  let todo: number[] = [];
  for (let i = 0; i < h.length; i++) if (isVoid(dem, h[i]!)) todo.push(i);
  const filled = todo.length;
  if (filled === h.length) fail("INVALID_DEM", "heights", "all void", "at least one valid sample");
  const round = h instanceof Int16Array;
  while (todo.length > 0) {
    const updates: [number, number][] = [];
    const next: number[] = [];
    for (const i of todo) {
      const x = i % w;
      const y = (i - x) / w;
      let sum = 0;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          const yy = y + dy;
          if ((dx === 0 && dy === 0) || xx < 0 || yy < 0 || xx >= w || yy >= hgt) continue;
          const v = h[yy * w + xx]!;
          if (!isVoid(dem, v)) {
            sum += v;
            n++;
          }
        }
      }
      if (n > 0) updates.push([i, sum / n]);
      else next.push(i);
    }
    for (const [i, v] of updates) h[i] = round ? Math.round(v) : v;
    todo = next;
  }
  return filled;
}
