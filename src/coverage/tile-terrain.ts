import { verticalLossRaw } from "../antenna/sector.js";
import { atan2Deg } from "../fast-math.js";
import { terrainPoints, type TerrainPoints } from "../terrain/term.js";
import type { KernelCell } from "./cells.js";
import { fastGainMinusLoss, HI_WORD, MANTISSA_SCALE, SUB, type FastAntenna } from "./tables.js";
import { MAX_GROUP } from "./tile-groups.js";
import { addRow, rowSpan } from "./tile-rows.js";
import type { TileScratch } from "./tiles.js";

/**
 * Cells with terrain over a tile, a terrain group at a time (cells of one site, mast height and
 * link: `KernelCell.terrainGroup`). The group's terrain term is asked once for all the tile's
 * pixels it reaches (`KernelCell.terrainBatch`: the radial path sweeps each radial those pixels
 * use once, src/terrain/radial-batch.ts), the elevation angle once per pixel (`atan2Deg`, as
 * `exactPowerDbm` takes it), and then each member
 * adds its own gain and path loss. Members whose tables hold the same path loss (same link and
 * reach) and whose vertical patterns are the same share the table position, the path loss and the
 * vertical loss of each pixel too; only the horizontal pattern is their own. Each member's power is
 * `exactPowerDbm`'s terrain branch (`fastGainMinusLoss` with the elevation) written out with the same
 * operands in the same order, so results equal `signalAt`'s bit for bit (tested in
 * test/coverage/tile-terrain.test.ts against the point path, and through the engine in
 * test/coverage/terrain.test.ts).
 *
 * The tile loop (tiles.ts `computeTile`) takes this path for every cell with a `terrainBatch`:
 * `terrainTileScratch(cells, s)` once per tile, then `k += terrainGroupOverTile(cells, ids, k,
 * count, s, scratch)` in place of evaluating cell ids[k] on its own.
 */

const R2D = 180 / Math.PI;

/** Per-tile working arrays: the group's points, their tile column and d² (sized for the tile). */
export interface TerrainTileScratch {
  points: TerrainPoints;
  col: Int32Array;
  d2: Float64Array;
  elevationDeg: Float64Array;
  /** Per point, for members sharing the lead's tables: path loss, 1/d and vertical loss. */
  pathLoss: Float64Array;
  invD: Float64Array;
  verticalDb: Float64Array;
  /** Points of tile row r: [rowStart[r], rowStart[r + 1]); and the row's columns [c0, c1) reached. */
  rowStart: Int32Array;
  rowC0: Int32Array;
  rowC1: Int32Array;
}

/**
 * Working arrays for a tile of `s`'s size: those of the previous tile of the same run (cell list)
 * when they are large enough, so that a run allocates them once.
 */
export function terrainTileScratch(cells: readonly KernelCell[], s: TileScratch): TerrainTileScratch {
  const np = s.w * s.h;
  const kept = scratchOf.get(cells);
  if (kept !== undefined && kept.col.length >= np && kept.rowC0.length >= s.h) return kept;
  const made = newScratch(np, s.h);
  scratchOf.set(cells, made);
  return made;
}

/** The last scratch of each run (tiles of one run are computed one at a time per thread). */
const scratchOf = new WeakMap<readonly KernelCell[], TerrainTileScratch>();

function newScratch(np: number, h: number): TerrainTileScratch {
  return {
    points: terrainPoints(np),
    col: new Int32Array(np),
    d2: new Float64Array(np),
    elevationDeg: new Float64Array(np),
    pathLoss: new Float64Array(np),
    invD: new Float64Array(np),
    verticalDb: new Float64Array(np),
    rowStart: new Int32Array(h + 1),
    rowC0: new Int32Array(h),
    rowC1: new Int32Array(h),
  };
}

/**
 * The run of cells ids[first …] (increasing, `count` in all) that belong to cell ids[first]'s
 * terrain group, over the tile. Returns how many cells it took (≥ 1). Members are added pixel by
 * pixel in increasing cell order, as evaluating them one by one would add them.
 */
export function terrainGroupOverTile(cells: readonly KernelCell[], ids: Int32Array, first: number, count: number, s: TileScratch, t: TerrainTileScratch): number {
  const lead = cells[ids[first]!]!;
  const { lon: cLon, lat: cLat, kx, ky, dh, terrainGroup } = lead;
  let n = 1;
  let reach2 = lead.cullR2;
  while (first + n < count && cells[ids[first + n]!]!.terrainGroup === terrainGroup) {
    reach2 = Math.max(reach2, cells[ids[first + n]!]!.cullR2);
    n++;
  }
  // the group's points: masked pixels within the largest cull radius, row by row
  const { w, h, lats, lons, inside, ground, rowP } = s;
  const { points: pts, col, d2: dd, elevationDeg: elevation, rowStart, rowC0, rowC1 } = t;
  let np = 0;
  for (let r = 0; r < h; r++) {
    rowStart[r] = np;
    const dy = (lats[r]! - cLat) * ky;
    const dy2 = dy * dy;
    if (dy2 > reach2) {
      rowC0[r] = rowC1[r] = 0;
      continue;
    }
    rowSpan(s, r, cLon, kx, reach2, dy2);
    rowC0[r] = s.span[0]!;
    rowC1[r] = s.span[1]!;
    const row = r * w;
    for (let c = s.span[0]!; c < s.span[1]!; c++) {
      if (inside[row + c] === 0) continue;
      const dx = (lons[c]! - cLon) * kx;
      const d2 = dx * dx + dy2;
      if (d2 > reach2) continue;
      const g = ground[row + c]!;
      const d = Math.sqrt(d2);
      col[np] = c;
      dd[np] = d2;
      pts.lon[np] = lons[c]!;
      pts.lat[np] = lats[r]!;
      pts.ground[np] = g;
      pts.dx[np] = dx;
      pts.dy[np] = dy;
      pts.d[np] = d;
      // dh is the antenna above the datum − receiver height, the same for the whole group
      elevation[np] = atan2Deg(dh - g, d);
      np++;
    }
  }
  rowStart[h] = np;
  if (np > 0) {
    pts.n = np;
    lead.terrainBatch!(pts);
    if (lead.fast !== null) sharedTerms(lead.fast, lead.terrainTablesBelow2, t, np);
  }
  const shares = new Uint8Array(n);
  for (let m = 0; m < n; m++) shares[m] = sharesLeadTerms(lead, cells[ids[first + m]!]!) ? 1 : 0;
  // members, up to MAX_GROUP at a time (one row buffer each)
  for (let m0 = 0; m0 < n; m0 += MAX_GROUP) {
    const m1 = Math.min(n, m0 + MAX_GROUP);
    for (let r = 0; r < h; r++) {
      const p0 = rowStart[r]!;
      const p1 = rowStart[r + 1]!;
      if (p0 === p1) continue;
      const c0 = rowC0[r]!;
      const c1 = rowC1[r]!;
      for (let m = m0; m < m1; m++) {
        const cell = cells[ids[first + m]!]!;
        const at = (m - m0) * w;
        rowP.fill(-Infinity, at + c0, at + c1);
        if (shares[m] !== 0) sharedMemberRow(cell, t, p0, p1, rowP, at);
        else memberRow(cell, t, p0, p1, rowP, at);
      }
      for (let m = m0; m < m1; m++) addRow(s, cells[ids[first + m]!]!, ids[first + m]!, (m - m0) * w, r * w, c0, c1);
    }
  }
  return n;
}

/** One member's power at points [p0, p1) of a row into rowP[at + column]: `exactPowerDbm`'s terrain branch. */
function memberRow(c: KernelCell, t: TerrainTileScratch, p0: number, p1: number, rowP: Float64Array, at: number): void {
  const { points: pts, col, d2: dd, elevationDeg } = t;
  const { dx, dy, out } = pts;
  const f = c.fast;
  const cullR2 = c.cullR2;
  const tablesFrom2 = c.terrainTablesBelow2;
  for (let i = p0; i < p1; i++) {
    const d2 = dd[i]!;
    if (d2 > cullR2) continue;
    rowP[at + col[i]!] = f !== null && d2 >= tablesFrom2 ? c.base + fastGainMinusLoss(f, dx[i]!, dy[i]!, d2, elevationDeg[i]!) - out[i]! : exactPower(c, t, i);
  }
}

/**
 * Per point from the table on: the lead's table position gives path loss and 1/d (as
 * `fastGainMinusLoss` reads them), and its vertical pattern the vertical loss at the point's
 * elevation.
 */
function sharedTerms(f: FastAntenna, tablesFrom2: number, t: TerrainTileScratch, np: number): void {
  const { d2: dd, elevationDeg, pathLoss, invD, verticalDb } = t;
  const { bits, words, e0, byDistance: b, electricalTiltDeg, vBeamwidthDeg, sideLobeDb } = f;
  const hiWord = HI_WORD;
  const sub = SUB;
  const mantissaScale = MANTISSA_SCALE;
  const flat = Number.isNaN(vBeamwidthDeg);
  for (let i = 0; i < np; i++) {
    const d2 = dd[i]!;
    if (!(d2 >= tablesFrom2)) continue;
    bits[0] = d2;
    const hi = words[hiWord]!;
    const x = ((hi >>> 20) - 1023 - e0) * sub + (hi & 0xfffff) * mantissaScale;
    const k = x | 0;
    const tt = x - k;
    const q = 3 * k;
    pathLoss[i] = b[q]! + (b[q + 3]! - b[q]!) * tt;
    invD[i] = b[q + 2]! + (b[q + 5]! - b[q + 2]!) * tt;
    verticalDb[i] = flat ? 0 : verticalLossRaw(elevationDeg[i]!, electricalTiltDeg, vBeamwidthDeg, sideLobeDb);
  }
}

/** The member's tables and vertical pattern give what the lead's give (see `sharedTerms`). */
function sharesLeadTerms(lead: KernelCell, c: KernelCell): boolean {
  const a = lead.fast;
  const b = c.fast;
  if (a === null || b === null || lead.terrainTablesBelow2 !== c.terrainTablesBelow2) return false;
  if (a === b) return true;
  if (a.e0 !== b.e0 || a.electricalTiltDeg !== b.electricalTiltDeg || !Object.is(a.vBeamwidthDeg, b.vBeamwidthDeg) || a.sideLobeDb !== b.sideLobeDb) return false;
  return sameDistanceTables(a, b);
}

/** Path loss and 1/d of two tables agree everywhere (the vertical column is not used with terrain). */
function sameDistanceTables(a: FastAntenna, b: FastAntenna): boolean {
  let same = compared.get(a)?.get(b);
  if (same !== undefined) return same;
  const x = a.byDistance;
  const y = b.byDistance;
  same = x.length === y.length;
  for (let i = 0; same && i < x.length; i += 3) same = Object.is(x[i], y[i]) && Object.is(x[i + 2], y[i + 2]);
  if (!compared.has(a)) compared.set(a, new WeakMap());
  compared.get(a)!.set(b, same);
  return same;
}

/** Pairs of tables already compared (tables live as long as their cells). */
const compared = new WeakMap<FastAntenna, WeakMap<FastAntenna, boolean>>();

/** `memberRow` for a member that shares the lead's terms: only its horizontal pattern is its own. */
function sharedMemberRow(c: KernelCell, t: TerrainTileScratch, p0: number, p1: number, rowP: Float64Array, at: number): void {
  const { points: pts, col, d2: dd, pathLoss, invD, verticalDb } = t;
  const { dx, dy, out } = pts;
  const f = c.fast!;
  const { sinAz, cosAz, hScale, horizontal: hz, gainDbi, capDb } = f;
  const base = c.base;
  const cullR2 = c.cullR2;
  const tablesFrom2 = c.terrainTablesBelow2;
  for (let i = p0; i < p1; i++) {
    const d2 = dd[i]!;
    if (d2 > cullR2) continue;
    if (!(d2 >= tablesFrom2)) {
      rowP[at + col[i]!] = exactPower(c, t, i);
      continue;
    }
    const y = ((dx[i]! * sinAz + dy[i]! * cosAz) * invD[i]! + 1) * hScale;
    const j = y | 0;
    const ah = hz[j]! + (hz[j + 1]! - hz[j]!) * (y - j);
    rowP[at + col[i]!] = base + (gainDbi - Math.min(ah + verticalDb[i]!, capDb) - pathLoss[i]!) - out[i]!;
  }
}

/** `exactPowerDbm`'s terrain branch with the exact gain and path loss (near the mast, or no tables). */
function exactPower(c: KernelCell, t: TerrainTileScratch, i: number): number {
  const { dx, dy, d, out } = t.points;
  return c.base + c.gain(Math.atan2(dx[i]!, dy[i]!) * R2D, t.elevationDeg[i]!) - c.pathLoss(d[i]!) - out[i]!;
}
