import { gridNorth, type Grid } from "../raster/grid.js";
import type { Dem } from "../terrain/dem.js";
import { groundElevationM } from "../terrain/profile.js";
import type { KernelCell } from "./cells.js";
import { exactPowerDbm, mwToDbm, sinrFromSums } from "./kernel.js";
import { groupOverTile, groupScratch, MAX_GROUP, siteGroupKeys } from "./tile-groups.js";
import { addRow, rowSpan } from "./tile-rows.js";
import { terrainGroupOverTile, terrainTileScratch } from "./tile-terrain.js";
import { groupOverTileWasm, wasmRun, wasmTileArrays, type WasmRun } from "./tile-wasm.js";

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
  /** The DEM when the run has terrain: each pixel's ground is sampled once per tile. */
  terrain: Dem | null;
  mask: Uint8Array;
  cells: readonly KernelCell[];
  load: number;
  noiseMw: Float64Array;
  bands: number;
  /** "wasm": the group kernel in WebAssembly where available (tile-wasm.ts); "js": in JavaScript. Same bits either way. */
  kernel: "wasm" | "js";
  /** The run's WebAssembly tables, made by the first tile (null: none, the JavaScript kernel runs). */
  wasm?: WasmRun | null;
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

/**
 * Evaluates every masked pixel of a tile into the layers, cell by cell (each cell's constants stay
 * in registers across the tile's pixels). Per pixel, contributions arrive in increasing cell
 * order with the same arithmetic as `evaluatePoint`, so the results equal `signalAt`'s bit for bit.
 * Pixels outside the area get the fill values (NaN, server −1): every pixel of the tile is written.
 */
export function computeTile(ctx: TileContext, t: Tile, out: CoverageLayers): void {
  const g = ctx.grid;
  const cells = ctx.cells;
  const ids = new Int32Array(cells.length);
  const count = tileCells(ctx, t, ids);
  const w = t.c1 - t.c0;
  const h = t.r1 - t.r0;
  const np = w * h;
  const nb = ctx.bands;
  const keys = siteGroupKeys(cells);
  if (ctx.wasm === undefined) ctx.wasm = ctx.kernel === "wasm" && keys.some((k) => k >= 0) ? wasmRun(cells, keys) : null;
  const wasm = ctx.wasm ? wasmTileArrays(ctx.wasm, w, np, nb) : null;
  const s: TileScratch = {
    w,
    h,
    nb,
    lats: new Float64Array(h),
    ground: new Float64Array(ctx.terrain ? np : 0),
    rowFirst: new Int32Array(h),
    rowEnd: new Int32Array(h),
    lon0: g.west + (t.c0 + 0.5) * g.cellLonDeg,
    dLon: g.cellLonDeg,
    ...(wasm?.arrays ?? {
      lons: new Float64Array(w),
      inside: new Uint8Array(np),
      bestMw: new Float64Array(np),
      secondMw: new Float64Array(np),
      best: new Int32Array(np).fill(-1),
      sums: new Float64Array(np * nb),
    }),
    rowP: new Float64Array(w * MAX_GROUP),
    span: new Int32Array(2),
  };
  const north = gridNorth(g);
  for (let r = 0; r < h; r++) s.lats[r] = north - (t.r0 + r + 0.5) * g.cellLatDeg;
  for (let c = 0; c < w; c++) s.lons[c] = g.west + (t.c0 + c + 0.5) * g.cellLonDeg;
  for (let r = 0; r < h; r++) {
    let first = w;
    let end = 0;
    for (let c = 0; c < w; c++) {
      const v = ctx.mask[(t.r0 + r) * g.width + t.c0 + c]!;
      s.inside[r * w + c] = v;
      if (v !== 0) {
        if (first === w) first = c;
        end = c + 1;
      }
    }
    s.rowFirst[r] = first;
    s.rowEnd[r] = end;
  }

  if (ctx.terrain) {
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) if (s.inside[r * w + c] !== 0) s.ground[r * w + c] = groundElevationM(ctx.terrain, [s.lons[c]!, s.lats[r]!], "pixel");
    }
  }

  // Co-sited cells with the same distance terms go through together (see tile-groups.ts).
  const scratch = groupScratch();
  // Cells with terrain go through a terrain group at a time: one terrain term per site and pixel (tile-terrain.ts).
  const terrainScratch = ctx.terrain ? terrainTileScratch(cells, s) : null;
  for (let k = 0; k < count; ) {
    if (terrainScratch !== null && cells[ids[k]!]!.terrainBatch !== null) {
      k += terrainGroupOverTile(cells, ids, k, count, s, terrainScratch);
      continue;
    }
    const key = keys[ids[k]!]!;
    let n = 1;
    while (key >= 0 && n < MAX_GROUP && k + n < count && keys[ids[k + n]!] === key) n++;
    if (key < 0) cellOverTile(cells[ids[k]!]!, ids[k]!, s);
    else if (wasm) groupOverTileWasm(cells, ids, k, n, s, scratch, ctx.wasm!, wasm.at);
    else groupOverTile(cells, ids, k, n, s, scratch);
    k += n;
  }

  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const j = r * w + c;
      const i = (t.r0 + r) * g.width + t.c0 + c;
      if (s.inside[j] === 0) {
        // Outside the area: the fill values, written here too so that a tile's pixels are all its own
        // (worker threads fill shared layers that start zeroed).
        out.powerDbm[i] = NaN;
        out.server[i] = -1;
        out.secondDbm[i] = NaN;
        out.sinrDb[i] = NaN;
        continue;
      }
      const b = s.best[j]!;
      const bestDbm = mwToDbm(s.bestMw[j]!);
      out.powerDbm[i] = bestDbm;
      out.server[i] = b;
      out.secondDbm[i] = mwToDbm(s.secondMw[j]!);
      if (b < 0) out.sinrDb[i] = -Infinity;
      else {
        const slot = cells[b]!.bandSlot;
        out.sinrDb[i] = sinrFromSums(bestDbm, s.sums[j * nb + slot]!, s.bestMw[j]! * cells[b]!.offsetRatio, ctx.load, ctx.noiseMw[slot]!);
      }
    }
  }
}

/** Per-tile working arrays (pixel j = row · w + column within the tile). */
export interface TileScratch {
  w: number;
  h: number;
  nb: number;
  lats: Float64Array;
  lons: Float64Array;
  /** Ground elevation of each pixel (empty without terrain). */
  ground: Float64Array;
  /** First masked column of each row and one past the last (first = w when the row is empty). */
  rowFirst: Int32Array;
  rowEnd: Int32Array;
  /** Longitude of column 0's centre and the column spacing, to map a cell's reach to columns. */
  lon0: number;
  dLon: number;
  inside: Uint8Array;
  /** Best and second-best received power of the measured quantity, mW (0: none yet). */
  bestMw: Float64Array;
  secondMw: Float64Array;
  best: Int32Array;
  /** Per pixel and band slot, the band's summed interference mW. */
  sums: Float64Array;
  /** Row buffers of powers in dBm for cells off the linear tables (`addRow`; MAX_GROUP rows of w). */
  rowP: Float64Array;
  /** [c0, c1): the columns of the current row a cell reaches (`rowSpan`). */
  span: Int32Array;
}

/**
 * One cell without linear tables (a pattern file, a mechanically tilted antenna; with terrain,
 * a cell the terrain groups do not take) over a tile's pixels, a row at a time: `exactPowerDbm` of every reachable column into a row
 * buffer, then `addRow` adds its mW and updates the best servers. Cells on the linear tables go
 * through `groupOverTile` instead (tile-groups.ts).
 */
function cellOverTile(cell: KernelCell, id: number, s: TileScratch): void {
  const { lon: cLon, lat: cLat, kx, ky, cullR2 } = cell;
  const { w, h, lats, lons, inside, ground, rowP } = s;
  const hasGround = ground.length > 0;
  for (let r = 0; r < h; r++) {
    const dy = (lats[r]! - cLat) * ky;
    const dy2 = dy * dy;
    if (dy2 > cullR2) continue;
    const row = r * w;
    rowSpan(s, r, cLon, kx, cullR2, dy2);
    const c0 = s.span[0]!;
    const c1 = s.span[1]!;
    for (let c = c0; c < c1; c++) {
      const j = row + c;
      const dx = (lons[c]! - cLon) * kx;
      const d2 = dx * dx + dy2;
      rowP[c] = inside[j] === 0 || d2 > cullR2 ? -Infinity : exactPowerDbm(cell, dx, dy, d2, lons[c]!, lats[r]!, hasGround ? ground[j]! : NaN);
    }
    addRow(s, cell, id, 0, row, c0, c1);
  }
}
