import type { KernelCell } from "./cells.js";
import { fastGainMinusLoss } from "./tables.js";

/**
 * The per-point maths shared by the raster kernel and `signalAt`, so that both give bit-identical
 * numbers. Distances and bearings are taken in each cell's own local metric frame (cheap-ruler
 * factors at the cell's latitude), so a point's result does not depend on the grid around it.
 */

const R2D = 180 / Math.PI;

/**
 * Received power (dBm) from a cell at the point (lon, lat), which lies (dx east, dy north) metres
 * from it, d2 = dx² + dy² within its cull radius. With terrain, `groundM` is the DEM's ground at
 * the point (computed once per point by the caller): it sets the height difference for the
 * vertical pattern, and the cell's terrain function gives the loss along the path.
 */
export function cellPowerAt(c: KernelCell, dx: number, dy: number, d2: number, lon: number, lat: number, groundM: number): number {
  const f = c.fast;
  if (f !== null && d2 >= c.exactBelow2) return c.base + fastGainMinusLoss(f, dx, dy, d2);
  const d = Math.sqrt(d2);
  const t = c.terrain;
  if (t === null) return c.base + c.gain(Math.atan2(dx, dy) * R2D, Math.atan2(c.dh, d) * R2D) - c.pathLoss(d);
  const dh = c.dh - groundM; // c.dh holds antenna height above the datum − receiver height
  const loss = t(lon, lat, groundM, dx, dy, d);
  if (f !== null && d2 >= c.terrainTablesBelow2) return c.base + fastGainMinusLoss(f, dx, dy, d2, Math.atan2(dh, d) * R2D) - loss;
  return c.base + c.gain(Math.atan2(dx, dy) * R2D, Math.atan2(dh, d) * R2D) - c.pathLoss(d) - loss;
}

/** Received power of the measured quantity from one cell at a point (dBm); −Infinity beyond its cull radius. */
export function cellPowerDbm(c: KernelCell, lon: number, lat: number, groundM: number): number {
  const dx = (lon - c.lon) * c.kx;
  const dy = (lat - c.lat) * c.ky;
  const d2 = dx * dx + dy * dy;
  if (d2 > c.cullR2) return -Infinity;
  return cellPowerAt(c, dx, dy, d2, lon, lat, groundM);
}

/** Distance from a cell to a point in its frame, m. */
export function cellDistanceM(c: KernelCell, lon: number, lat: number): number {
  return Math.hypot((lon - c.lon) * c.kx, (lat - c.lat) * c.ky);
}

// dB → mW as 2^(x·log2(10)/10): the fraction of the exponent rounded to 16 bits and looked up
// as the product of two 256-entry tables (4 KB, cache-resident; relative error < 5.3e-6, i.e.
// < 0.00003 dB per term of an interference sum), times an exact power of two. Deterministic, no
// Math.pow per call; `addRow` (tile-rows.ts) repeats this expression inline.
export const EXP_HI = Float64Array.from({ length: 257 }, (_, k) => 2 ** (k / 256));
export const EXP_LO = Float64Array.from({ length: 256 }, (_, k) => 2 ** (k / 65536));
/** POW2[k] = 2^(k − POW2_OFFSET); the offset keeps every index of a finite sum positive. */
export const POW2_OFFSET = 1100;
export const POW2 = Float64Array.from({ length: 2200 }, (_, k) => 2 ** (k - POW2_OFFSET));
export const DB_TO_LOG2 = Math.log2(10) / 10;

/** 10^(dB/10) to 5.3e-6 relative accuracy; 0 below 10^−322 (and for −Infinity). */
export function dbToMw(db: number): number {
  const z = db * DB_TO_LOG2 + POW2_OFFSET;
  if (!(z > 30)) return 0;
  const n = z | 0; // z > 0: truncation is floor
  const f = ((z - n) * 65536 + 0.5) | 0;
  return EXP_HI[f >>> 8]! * EXP_LO[f & 255]! * POW2[n]!;
}

export interface PointResult {
  bestDbm: number;
  best: number;
  secondDbm: number;
  sinrDb: number;
}

/** SINR = S / (load·Σ co-channel others + N) in dB, from the band's summed mW and the server's own mW. */
export function sinrFromSums(bestDbm: number, sumMw: number, bestMw: number, load: number, noiseMw: number): number {
  const others = sumMw - bestMw; // ≥ 0 up to rounding
  return bestDbm - 10 * Math.log10(load * (others > 0 ? others : 0) + noiseMw);
}

/**
 * Best server, second-best power and SINR at a point over the candidate cells `ids[0..count)`
 * (in increasing index order). `sums` is caller-owned scratch, one slot per band.
 */
export function evaluatePoint(
  cells: readonly KernelCell[],
  ids: Int32Array,
  count: number,
  lon: number,
  lat: number,
  groundM: number,
  load: number,
  noiseMw: Float64Array,
  sums: Float64Array,
  out: PointResult,
): void {
  let bestDbm = -Infinity;
  let secondDbm = -Infinity;
  let best = -1;
  let bestMw = 0;
  sums.fill(0);
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    const c = cells[id]!;
    const p = cellPowerDbm(c, lon, lat, groundM);
    if (p === -Infinity) continue;
    const mw = dbToMw(p + c.offset);
    sums[c.bandSlot]! += mw;
    if (p > bestDbm) {
      secondDbm = bestDbm;
      bestDbm = p;
      best = id;
      bestMw = mw;
    } else if (p > secondDbm) secondDbm = p;
  }
  out.bestDbm = bestDbm;
  out.best = best;
  out.secondDbm = secondDbm;
  out.sinrDb = best < 0 ? -Infinity : sinrFromSums(bestDbm, sums[cells[best]!.bandSlot]!, bestMw, load, noiseMw[cells[best]!.bandSlot]!);
}
