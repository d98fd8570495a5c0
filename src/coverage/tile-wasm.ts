import type { KernelCell } from "./cells.js";
import { addExact, type GroupScratch, MAX_GROUP } from "./tile-groups.js";
import { rowSpan } from "./tile-rows.js";
import type { TileScratch } from "./tiles.js";
import { groupRowModule, WasmArena } from "./wasm/arena.js";

/**
 * The WebAssembly path of the group kernel (src/coverage/wasm/group-row.wat): the same arithmetic
 * as `groupOverTile`, operation for operation, so both give the same bits; it runs where
 * WebAssembly exists unless `kernel: "js"` is asked for. A run copies its group tables into one
 * linear memory; each tile's working arrays (`TileScratch`) are views into the same memory, so the
 * JavaScript parts of a tile (exact cells, pixels near a mast, the final dB pass) read and write
 * them directly.
 */
export interface WasmRun {
  arena: WasmArena;
  /** Byte offset of each group lead's distance table (−1 for other cells). */
  bd: Int32Array;
  /** Byte offset of each horizontal table. */
  hz: Map<Float32Array, number>;
  /** Where each tile's arrays begin (the tables lie below). */
  tablesEnd: number;
}

/** Member record: 7 f64, 2 i32, 1 i64 (see group-row.wat), 72 bytes. */
const RECORD = 72;

/** The run's tables in a new kernel instance, or null without WebAssembly. */
export function wasmRun(cells: readonly KernelCell[], keys: Int32Array): WasmRun | null {
  const module = groupRowModule();
  if (module === null) return null;
  const arena = new WasmArena(module);
  const bd = new Int32Array(cells.length).fill(-1);
  const hz = new Map<Float32Array, number>();
  // offsets first (the memory grows as they are taken), then the copies through fresh views
  for (let k = 0; k < cells.length; k++) {
    if (keys[k] !== k) continue;
    bd[k] = arena.take(cells[k]!.fast!.byDistance.byteLength);
  }
  for (let k = 0; k < cells.length; k++) {
    if (keys[k]! < 0) continue;
    const h = cells[k]!.fast!.horizontal;
    if (!hz.has(h)) hz.set(h, arena.take(h.byteLength));
  }
  for (let k = 0; k < cells.length; k++) {
    if (bd[k]! >= 0) arena.f64(bd[k]!, cells[k]!.fast!.byDistance.length).set(cells[k]!.fast!.byDistance);
  }
  for (const [h, at] of hz) arena.f32(at, h.length).set(h);
  return { arena, bd, hz, tablesEnd: arena.top };
}

/** Byte offsets of a tile's arrays in the arena. */
export interface WasmTile {
  lons: number;
  inside: number;
  sums: number;
  bestMw: number;
  secondMw: number;
  best: number;
  members: number;
}

/**
 * A tile's accumulators, column longitudes and mask as views into the run's memory (zeroed; best
 * servers −1), with their offsets for the kernel.
 */
export function wasmTileArrays(run: WasmRun, w: number, np: number, nb: number) {
  const a = run.arena;
  a.release(run.tablesEnd);
  const at: WasmTile = {
    lons: a.take(8 * w),
    sums: a.take(8 * np * nb),
    bestMw: a.take(8 * np),
    secondMw: a.take(8 * np),
    best: a.take(4 * np),
    members: a.take(RECORD * MAX_GROUP),
    inside: a.take(np),
  };
  const arrays = {
    lons: a.f64(at.lons, w),
    sums: a.f64(at.sums, np * nb).fill(0),
    bestMw: a.f64(at.bestMw, np).fill(0),
    secondMw: a.f64(at.secondMw, np).fill(0),
    best: a.i32(at.best, np).fill(-1),
    inside: a.u8(at.inside, np),
  };
  return { at, arrays };
}

/**
 * `groupOverTile` through the kernel: per row, one call for the pixels the tables serve, then the
 * few pixels within `exactBelowM` of the mast in JavaScript (the same cell order per pixel).
 */
export function groupOverTileWasm(cells: readonly KernelCell[], ids: Int32Array, first: number, n: number, s: TileScratch, g: GroupScratch, run: WasmRun, at: WasmTile): void {
  const lead = cells[ids[first]!]!;
  const { lon: cLon, lat: cLat, kx, ky, cullR2, exactBelow2 } = lead;
  const a = run.arena;
  const f64 = a.f64(at.members, (RECORD / 8) * n);
  const i32 = a.i32(at.members, (RECORD / 4) * n);
  for (let m = 0; m < n; m++) {
    const id = ids[first + m]!;
    const c = cells[id]!;
    const f = c.fast!;
    const r = (RECORD / 8) * m;
    f64[r] = f.sinAz;
    f64[r + 1] = f.cosAz;
    f64[r + 2] = f.hScale;
    f64[r + 3] = f.capRatio;
    f64[r + 4] = f.sideLobeRatio;
    f64[r + 5] = c.scaleMw;
    f64[r + 6] = c.offsetRatio;
    i32[(RECORD / 4) * m + 14] = run.hz.get(f.horizontal)!;
    i32[(RECORD / 4) * m + 15] = id;
    i32[(RECORD / 4) * m + 16] = id; // and as an i64 (ids are ≥ 0: high word 0)
    i32[(RECORD / 4) * m + 17] = 0;
    g.id[m] = id;
  }
  const bd = run.bd[ids[first]!]!;
  const e0 = lead.fast!.e0;
  const groupRow = a.groupRow;
  const { w, h, nb, lats, lons, inside } = s;
  for (let r = 0; r < h; r++) {
    const dy = (lats[r]! - cLat) * ky;
    const dy2 = dy * dy;
    if (dy2 > cullR2) continue;
    const row = r * w;
    rowSpan(s, r, cLon, kx, cullR2, dy2);
    groupRow(at.members, n, bd, e0, at.lons, cLon, kx, dy, dy2, cullR2, exactBelow2, at.inside, row, s.span[0]!, s.span[1]!, nb, at.sums, at.bestMw, at.secondMw, at.best, lead.bandSlot);
    if (dy2 >= exactBelow2) continue;
    // the pixels the kernel left to us: within exactBelowM of the mast
    rowSpan(s, r, cLon, kx, exactBelow2, dy2);
    const c1 = s.span[1]!;
    for (let c = s.span[0]!; c < c1; c++) {
      const j = row + c;
      const dx = (lons[c]! - cLon) * kx;
      const d2 = dx * dx + dy2;
      if (inside[j] !== 0 && d2 < exactBelow2 && d2 <= cullR2) addExact(cells, g.id, n, s, j, dx, dy, d2, lons[c]!, lats[r]!);
    }
  }
}
