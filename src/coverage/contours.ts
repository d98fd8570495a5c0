import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { fail } from "../errors.js";
import { geometryAreaKm2 } from "../geo/area.js";
import type { Band } from "../model/bands.js";
import type { MeasuredQuantity } from "../radio/bands.js";
import type { CoverageRaster } from "./compute.js";
import { checkLayers, indicatorPolygons, type EdgeInterpolator } from "./contour-rings.js";

export interface ContourOptions {
  /**
   * false (default): isobands, each feature the area with threshold ≤ power < next threshold (the
   * highest band open-ended). true: each feature the whole area with power ≥ its threshold — the
   * usual "coverage at −110 dBm" map; the features then nest.
   */
  cumulative?: boolean;
}

export interface ContourProperties {
  thresholdDbm: number;
  /** The next higher threshold (the band's exclusive upper bound); null for the top band and for cumulative contours. */
  upperDbm: number | null;
  quantity: MeasuredQuantity;
  bands: Band[];
  areaKm2: number;
}

/** The layers `coverageContours` reads: a `CoverageRaster`, or anything with the same fields. */
export type ContourSource = Pick<CoverageRaster, "grid" | "powerDbm" | "mask" | "quantity" | "bands">;

/**
 * Received-power contours as lon/lat MultiPolygons, one feature per threshold in ascending order
 * (duplicate thresholds count once; a band without pixels gives no feature).
 *
 * A pixel is inside when its mask is set and its power lies in the band; NaN (outside the area)
 * and −Infinity (no cell reaches) count as below every threshold. Outlines come from marching
 * squares between pixel centres (d3-contour, see `contour-rings.ts`), so every pixel centre in the
 * band lies inside its polygon and every other pixel centre outside. Each boundary vertex is placed
 * by linear interpolation of power between the two centres; next to a pixel without a finite power
 * it sits on the pixel edge, as in the pixel-counting `coverageStats`.
 *
 * Isobands are contoured one by one, so they meet exactly where power steps through one threshold
 * between neighbouring pixels but leave small gaps where it steps over a whole band within a pixel
 * (steep slopes near a site); their areas sum to slightly less than the cumulative area.
 */
export function coverageContours(raster: ContourSource, thresholdsDbm: readonly number[], options: ContourOptions = {}): FeatureCollection<MultiPolygon, ContourProperties> {
  const n = checkLayers(raster, ["powerDbm", "mask"]);
  const thresholds = checkThresholds(thresholdsDbm);
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ cumulative?: boolean }");
  const cumulative = options.cumulative ?? false;
  if (typeof cumulative !== "boolean") fail("WRONG_TYPE", "options.cumulative", cumulative, "true or false");

  const { grid, powerDbm, mask } = raster;
  const level = (i: number): number => (mask[i] === 0 ? NaN : powerDbm[i]!);
  const inside = new Uint8Array(n);
  const features: Feature<MultiPolygon, ContourProperties>[] = [];
  thresholds.forEach((lower, k) => {
    const next = thresholds[k + 1];
    const upper = cumulative || next === undefined ? Infinity : next;
    let any = false;
    for (let i = 0; i < n; i++) {
      const p = level(i);
      const v = p >= lower && p < upper ? 1 : 0;
      inside[i] = v;
      if (v === 1) any = true;
    }
    if (!any) return;
    const edge: EdgeInterpolator = (a, b) => {
      const pa = level(a);
      const pb = level(b);
      if (!Number.isFinite(pa) || !Number.isFinite(pb)) return 0.5;
      const outside = pa >= lower && pa < upper ? pb : pa;
      const crossing = outside < lower ? lower : upper;
      return (crossing - pa) / (pb - pa);
    };
    const coordinates = indicatorPolygons(grid, { col0: 0, row0: 0, width: grid.width, height: grid.height, inside }, edge);
    if (coordinates.length === 0) return;
    const geometry: MultiPolygon = { type: "MultiPolygon", coordinates };
    features.push({
      type: "Feature",
      geometry,
      properties: {
        thresholdDbm: lower,
        upperDbm: upper === Infinity ? null : upper,
        quantity: raster.quantity,
        bands: [...raster.bands],
        areaKm2: geometryAreaKm2(geometry),
      },
    });
  });
  return { type: "FeatureCollection", features };
}

/** Finite thresholds, sorted ascending, without duplicates. */
function checkThresholds(thresholdsDbm: unknown): number[] {
  if (!Array.isArray(thresholdsDbm) || thresholdsDbm.length === 0) {
    fail("INVALID_VALUE", "thresholdsDbm", thresholdsDbm, "a non-empty array of finite thresholds in dBm");
  }
  thresholdsDbm.forEach((t, k) => {
    if (typeof t !== "number" || !Number.isFinite(t)) fail("NOT_FINITE", `thresholdsDbm[${k}]`, t, "a finite threshold in dBm");
  });
  return [...new Set(thresholdsDbm as number[])].sort((a, b) => a - b);
}
