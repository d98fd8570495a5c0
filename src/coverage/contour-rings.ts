import type { Position } from "geojson";
import { contours } from "d3-contour";
import { fail } from "../errors.js";
import { ringSignedAreaM2 } from "../geo/area.js";
import { gridNorth, type Grid } from "../raster/grid.js";

/**
 * The shared core of `coverageContours` and `bestServerAreas`: the outline of a 0/1 indicator
 * raster as RFC 7946 MultiPolygon coordinates.
 *
 * Coordinate convention of d3-contour (checked against its source, v4): `contours().size([w, h])`
 * reads `values[y·w + x]` as a sample at the CENTRE of pixel (x, y) and returns coordinates in a
 * pixel-CORNER frame, x ∈ [0, w] to the east and y ∈ [0, h] downward, so pixel (x, y) covers
 * [x, x+1] × [y, y+1] and its centre is (x + ½, y + ½). Marching squares runs between centres;
 * outside the grid counts as "below", so a boundary pixel's outline runs along the grid edge. That
 * frame matches `Grid` (row 0 north) exactly: lon = west + x·cellLonDeg, lat = north − y·cellLatDeg.
 *
 * Unsmoothed (`smooth(false)`), every vertex lies halfway between two pixel centres, one inside and
 * one outside: at an integer x and half-integer y (between pixels (x−1, ⌊y⌋) and (x, ⌊y⌋)) or the
 * reverse. `edge(a, b)` may move it along that centre-to-centre segment (our own linear
 * interpolation, which unlike d3's can leave the vertex on the pixel edge next to a no-data pixel).
 * Holes come from d3, which gives each hole to the first polygon whose exterior contains it; its
 * row-by-row scan closes enclosed rings before enclosing ones, so that is the innermost (the
 * "islands inside holes" test guards this).
 */

/** A rectangular part of a grid: window pixel (x, y) is grid pixel (col0 + x, row0 + y). */
export interface IndicatorWindow {
  col0: number;
  row0: number;
  width: number;
  height: number;
  /** 1 = inside, 0 = outside; `width × height`, row-major from the window's north-west. */
  inside: Uint8Array;
}

/**
 * Where the boundary crosses the segment from the centre of window pixel `a` (west or north) to that
 * of window pixel `b` (east or south), as a share in [0, 1] of the way from a to b.
 */
export type EdgeInterpolator = (a: number, b: number) => number;

/** Shortest distance, in pixels, of an interpolated vertex from a pixel centre: keeps a lone pixel's polygon non-degenerate. */
export const MIN_EDGE_SHARE = 0.01;

/** Decimal places kept in output coordinates (1e-7° ≈ 1 cm). */
export const COORDINATE_DECIMALS = 7;

const SCALE = 10 ** COORDINATE_DECIMALS;

/** Polygons (exterior CCW, holes CW, closed, rounded, ≥ 4 positions) outlining the window's inside pixels. */
export function indicatorPolygons(grid: Grid, win: IndicatorWindow, edge?: EdgeInterpolator): Position[][][] {
  const { width: w, height: h, col0, row0 } = win;
  // d3 only indexes `values` and compares them with `>=`: a typed array works; its typings ask for number[].
  const raw = contours().size([w, h]).smooth(false).contour(win.inside as unknown as number[], 0.5);
  const north = gridNorth(grid);
  const toLonLat = ([x0, y0]: Position): Position => {
    let x = x0!;
    let y = y0!;
    if (edge) {
      if (Number.isInteger(x) && x > 0 && x < w) {
        const a = Math.floor(y) * w + x - 1;
        x = x - 0.5 + clampShare(edge(a, a + 1));
      } else if (Number.isInteger(y) && y > 0 && y < h) {
        const a = (y - 1) * w + Math.floor(x);
        y = y - 0.5 + clampShare(edge(a, a + w));
      }
    }
    // The grid's east/north edges round outward from its bbox, so they can pass ±180 / ±90 by under a pixel.
    const lon = Math.min(180, Math.max(-180, grid.west + (x + col0) * grid.cellLonDeg));
    const lat = Math.min(90, Math.max(-90, north - (y + row0) * grid.cellLatDeg));
    return [round(lon), round(lat)];
  };
  const out: Position[][][] = [];
  for (const polygon of raw.coordinates) {
    const exterior = tidyRing(polygon[0]!.map(toLonLat), true);
    if (!exterior) continue;
    const rings = [exterior];
    for (const hole of polygon.slice(1)) {
      const r = tidyRing(hole.map(toLonLat), false);
      if (r) rings.push(r);
    }
    out.push(rings);
  }
  return out;
}

function clampShare(s: number): number {
  return Math.min(1 - MIN_EDGE_SHARE, Math.max(MIN_EDGE_SHARE, s));
}

function round(v: number): number {
  return Math.round(v * SCALE) / SCALE;
}

/**
 * Drops consecutive duplicates (rounding can merge vertices), closes the ring, and orients it by
 * its ellipsoidal signed area: counter-clockwise for an exterior, clockwise for a hole (RFC 7946
 * §3.1.6). Returns null for a ring left with fewer than 4 positions or no area.
 */
function tidyRing(ring: Position[], exterior: boolean): Position[] | null {
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && samePosition(out[0]!, out[out.length - 1]!)) out.pop();
  if (out.length < 3) return null;
  out.push([out[0]![0]!, out[0]![1]!]);
  const area = ringSignedAreaM2(out);
  if (area === 0) return null;
  if (area > 0 !== exterior) out.reverse();
  return out;
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Checks that each named layer of a raster has one value per grid pixel. */
export function checkLayers(input: unknown, layers: readonly string[]): number {
  if (input === null || typeof input !== "object") fail("WRONG_TYPE", "raster", input, "a coverage raster { grid, powerDbm, server, mask, … }");
  const raster = input as Record<string, unknown>;
  const g = raster.grid as Grid;
  if (g === null || typeof g !== "object" || !(Number.isInteger(g.width) && g.width >= 1 && Number.isInteger(g.height) && g.height >= 1)) {
    fail("INVALID_VALUE", "raster.grid", g, "a grid with integer width and height ≥ 1");
  }
  for (const k of ["west", "south", "cellLonDeg", "cellLatDeg"] as const) {
    if (!Number.isFinite(g[k])) fail("NOT_FINITE", `raster.grid.${k}`, g[k], "a finite number");
  }
  if (!(g.cellLonDeg > 0 && g.cellLatDeg > 0)) fail("INVALID_VALUE", "raster.grid", g, "cellLonDeg > 0 and cellLatDeg > 0");
  const n = g.width * g.height;
  for (const k of layers) {
    const layer = raster[k] as { length?: unknown } | undefined;
    if (!ArrayBuffer.isView(layer) || layer.length !== n) {
      fail("INVALID_VALUE", `raster.${k}`, ArrayBuffer.isView(layer) ? `length ${String(layer.length)}` : layer, `a typed array of ${n} values (grid ${g.width} × ${g.height})`);
    }
  }
  return n;
}
