import { gridNorth, type Grid } from "../raster/grid.js";
import type { KernelCell } from "./cells.js";
import { evaluatePoint, type PointResult } from "./kernel.js";

/** A rectangle of pixels: columns [c0, c1), rows [r0, r1). */
export interface Tile {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

export function tilesOf(grid: Grid, size: number): Tile[] {
  const tiles: Tile[] = [];
  for (let r0 = 0; r0 < grid.height; r0 += size) {
    for (let c0 = 0; c0 < grid.width; c0 += size) {
      tiles.push({ c0, c1: Math.min(grid.width, c0 + size), r0, r1: Math.min(grid.height, r0 + size) });
    }
  }
  return tiles;
}

/** The layers a coverage run fills. */
export interface CoverageLayers {
  powerDbm: Float32Array;
  server: Int32Array;
  secondDbm: Float32Array;
  sinrDb: Float32Array;
}

export interface TileContext {
  grid: Grid;
  mask: Uint8Array;
  cells: readonly KernelCell[];
  load: number;
  noiseMw: Float64Array;
  bands: number;
}

/**
 * Cells whose cull circle reaches the tile's pixel centres (a conservative test in each cell's
 * frame, so it never drops a cell the per-pixel test would keep), in increasing index order.
 */
export function tileCells(ctx: TileContext, t: Tile, ids: Int32Array): number {
  const g = ctx.grid;
  const north = gridNorth(g);
  const lonMin = g.west + (t.c0 + 0.5) * g.cellLonDeg;
  const lonMax = g.west + (t.c1 - 0.5) * g.cellLonDeg;
  const latMax = north - (t.r0 + 0.5) * g.cellLatDeg;
  const latMin = north - (t.r1 - 0.5) * g.cellLatDeg;
  let n = 0;
  for (let k = 0; k < ctx.cells.length; k++) {
    const c = ctx.cells[k]!;
    const dLon = c.lon < lonMin ? lonMin - c.lon : c.lon > lonMax ? c.lon - lonMax : 0;
    const dLat = c.lat < latMin ? latMin - c.lat : c.lat > latMax ? c.lat - latMax : 0;
    const dx = dLon * c.kx;
    const dy = dLat * c.ky;
    if (dx * dx + dy * dy <= c.cullR2 * (1 + 1e-9)) ids[n++] = k;
  }
  return n;
}

/** Evaluates every masked pixel of a tile into the layers. */
export function computeTile(ctx: TileContext, t: Tile, out: CoverageLayers): void {
  const g = ctx.grid;
  const ids = new Int32Array(ctx.cells.length);
  const count = tileCells(ctx, t, ids);
  const sums = new Float64Array(ctx.bands);
  const r: PointResult = { bestDbm: 0, best: -1, secondDbm: 0, sinrDb: 0 };
  const north = gridNorth(g);
  for (let row = t.r0; row < t.r1; row++) {
    const lat = north - (row + 0.5) * g.cellLatDeg;
    for (let col = t.c0; col < t.c1; col++) {
      const i = row * g.width + col;
      if (ctx.mask[i] === 0) continue;
      evaluatePoint(ctx.cells, ids, count, g.west + (col + 0.5) * g.cellLonDeg, lat, ctx.load, ctx.noiseMw, sums, r);
      out.powerDbm[i] = r.bestDbm;
      out.server[i] = r.best;
      out.secondDbm[i] = r.secondDbm;
      out.sinrDb[i] = r.sinrDb;
    }
  }
}
