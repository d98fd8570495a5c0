import fc from "fast-check";
import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { gridBBox, gridForBBox, type Grid } from "../raster/grid.js";
import type { BBox } from "../units.js";
import { ARBITRARY_DEFAULTS, type Bounds } from "./defaults.js";
import { bounds, checkBBox } from "./options.js";

export interface GridOptions {
  /** Area the grid lies in, edges included (default: Almaty). */
  bbox?: BBox;
  /** Cell size, m (default 10–500; narrowed so one pixel fits in `bbox`). */
  cellSizeM?: Bounds;
  /** Pixels per side (default 1–24; fewer when the box is too small for them). */
  side?: Bounds;
}

/**
 * A raster `Grid` inside `bbox`, as `gridForBBox` makes it (cell size exact in metres at its centre
 * latitude), trimmed to the pixel count drawn and where its outward-rounded east or north edge would
 * leave the box. Shrinks toward
 * a one-pixel grid of the smallest cell size at the box's south-west corner.
 */
export function arbGrid(options: GridOptions = {}): fc.Arbitrary<Grid> {
  const box = checkBBox("bbox", options.bbox ?? ARBITRARY_DEFAULTS.bbox);
  const [w, s, e, n] = box;
  const size = bounds("cellSizeM", options.cellSizeM, ARBITRARY_DEFAULTS.gridCellSizeM, 1e-3, 1e7);
  const side = bounds("side", options.side, ARBITRARY_DEFAULTS.gridSide, 1, 10_000, true);
  // metres per degree where a degree of longitude is shortest, so the estimates below never undershoot
  const f = localFrame(Math.abs(s) > Math.abs(n) ? s : n);
  const fc0 = localFrame((s + n) / 2);
  const extentM = Math.min((e - w) * Math.min(f.kx, fc0.kx), (n - s) * Math.min(f.ky, fc0.ky));
  const maxCell = Math.min(size.max, extentM / 1.01);
  if (!(maxCell >= 1e-3)) fail("INVALID_VALUE", "bbox", box, "a box at least a few millimetres across in both directions, away from the poles");
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  return fc.record({ uSize: unit, cols: fc.integer(side), rows: fc.integer(side), uX: unit, uY: unit }).map(({ uSize, cols, rows, uX, uY }) => {
    const cellSizeM = Math.min(size.min, maxCell) + uSize * Math.max(0, maxCell - size.min);
    const kx = Math.min(f.kx, fc0.kx);
    const ky = Math.min(f.ky, fc0.ky);
    const fitCols = Math.max(1, Math.min(cols, Math.floor(((e - w) * kx) / cellSizeM / 1.01)));
    const fitRows = Math.max(1, Math.min(rows, Math.floor(((n - s) * ky) / cellSizeM / 1.01)));
    const spanLon = (fitCols * cellSizeM) / kx;
    const spanLat = (fitRows * cellSizeM) / ky;
    const west = w + uX * Math.max(0, e - w - spanLon * 1.01);
    const south = s + uY * Math.max(0, n - s - spanLat * 1.01);
    const g = gridForBBox([west, south, Math.min(e, west + spanLon), Math.min(n, south + spanLat)], { cellSizeM });
    return trim({ ...g, width: Math.min(g.width, fitCols), height: Math.min(g.height, fitRows) }, box);
  });
}

/** Drops whole columns / rows that reach past the box (never below one). */
function trim(g: Grid, [, , e, n]: BBox): Grid {
  let out = g;
  while (out.width > 1 && gridBBox(out)[2] > e) out = { ...out, width: out.width - 1 };
  while (out.height > 1 && gridBBox(out)[3] > n) out = { ...out, height: out.height - 1 };
  return out;
}
