import { CellplanError, fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import type { BBox, LonLat } from "../units.js";

/**
 * A regular lon/lat grid whose cell size is set in metres at its centre latitude. Row 0 is the
 * north edge; pixel (col, row) covers [west + col·cellLonDeg, west + (col+1)·cellLonDeg] ×
 * [north − (row+1)·cellLatDeg, north − row·cellLatDeg] and is evaluated at its centre.
 */
export interface Grid {
  west: number;
  south: number;
  cellLonDeg: number;
  cellLatDeg: number;
  /** Nominal cell size in metres (exact at the centre latitude, in both directions). */
  cellSizeM: number;
  width: number;
  height: number;
}

export const GRID_DEFAULTS = {
  /** Cell size in metres. */
  cellSizeM: 25,
  /** Most pixels in one grid (raise with `maxPixels`): 50 M pixels × 13 bytes of layers ≈ 650 MB. */
  maxPixels: 50_000_000,
};

export interface GridOptions {
  cellSizeM?: number;
  maxPixels?: number;
}

/** The grid covering `bbox` at `cellSizeM` (the east and north edges round outward to whole pixels). */
export function gridForBBox(bbox: BBox, options: GridOptions = {}): Grid {
  const cellSizeM = options.cellSizeM ?? GRID_DEFAULTS.cellSizeM;
  const maxPixels = options.maxPixels ?? GRID_DEFAULTS.maxPixels;
  const [west, south, east, north] = bbox;
  for (const [k, v] of [["west", west], ["south", south], ["east", east], ["north", north]] as const) {
    if (!Number.isFinite(v)) fail("NOT_FINITE", `bbox.${k}`, v, "a finite coordinate");
  }
  if (!(east > west && north > south)) fail("INVALID_VALUE", "bbox", bbox, "[west, south, east, north] with east > west and north > south");
  if (west < -180 || east > 180 || south < -90 || north > 90) fail("COORDINATE_OUT_OF_RANGE", "bbox", bbox, "within [-180, -90, 180, 90]");
  if (!(Number.isFinite(cellSizeM) && cellSizeM > 0)) fail("INVALID_VALUE", "cellSizeM", cellSizeM, "a cell size > 0 m");
  if (!(Number.isFinite(maxPixels) && maxPixels > 0)) fail("INVALID_VALUE", "maxPixels", maxPixels, "a pixel limit > 0");
  const f = localFrame((south + north) / 2);
  const cellLonDeg = cellSizeM / f.kx;
  const cellLatDeg = cellSizeM / f.ky;
  const width = Math.max(1, Math.ceil((east - west) / cellLonDeg - 1e-9));
  const height = Math.max(1, Math.ceil((north - south) / cellLatDeg - 1e-9));
  if (width * height > maxPixels) {
    throw CellplanError.of({
      code: "GRID_TOO_LARGE",
      field: "cellSizeM",
      value: cellSizeM,
      allowed: `a grid of at most ${maxPixels.toLocaleString("en-GB")} pixels; ${width} × ${height} = ${(width * height).toLocaleString("en-GB")} at ${cellSizeM} m (use a larger cellSizeM, a smaller area, or raise the option maxPixels)`,
    });
  }
  return { west, south, cellLonDeg, cellLatDeg, cellSizeM, width, height };
}

export function gridNorth(g: Grid): number {
  return g.south + g.height * g.cellLatDeg;
}

export function gridBBox(g: Grid): BBox {
  return [g.west, g.south, g.west + g.width * g.cellLonDeg, gridNorth(g)];
}

/** Centre of pixel `index` (row-major from the north-west). */
export function pixelCentre(g: Grid, index: number): LonLat {
  const col = index % g.width;
  const row = (index - col) / g.width;
  return [g.west + (col + 0.5) * g.cellLonDeg, gridNorth(g) - (row + 0.5) * g.cellLatDeg];
}

/** Index of the pixel containing a point, or −1 outside the grid. */
export function pixelAt(g: Grid, lon: number, lat: number): number {
  const col = Math.floor((lon - g.west) / g.cellLonDeg);
  const row = Math.floor((gridNorth(g) - lat) / g.cellLatDeg);
  if (!(col >= 0 && col < g.width && row >= 0 && row < g.height)) return -1;
  return row * g.width + col;
}
