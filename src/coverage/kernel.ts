import { atan2Deg } from "../fast-math.js";
import type { KernelCell } from "./cells.js";
import { fastGainMinusLoss, fastPowerMw } from "./tables.js";

/**
 * The per-point maths shared by the raster kernel and `signalAt`, so that both give bit-identical
 * numbers. Distances and bearings are taken in each cell's own local metric frame (cheap-ruler
 * factors at the cell's latitude), so a point's result does not depend on the grid around it.
 */

const R2D = 180 / Math.PI;

/**
 * Received power (mW) of the measured quantity from a cell at the point (lon, lat), which lies
 * (dx east, dy north) metres from it, d2 = dx² + dy² within its cull radius: from the linear tables
 * (common antennas, no terrain, beyond `exactBelowM`), otherwise `exactPowerDbm` turned into mW
 * by `dbToMw` (one function for the raster and `signalAt`, so they agree bit for bit).
 */
export function cellPowerMw(c: KernelCell, dx: number, dy: number, d2: number, lon: number, lat: number, groundM: number): number {
  const f = c.fast;
  if (f !== null && d2 >= c.exactBelow2) return fastPowerMw(f, c.scaleMw, dx, dy, d2);
  return dbToMw(exactPowerDbm(c, dx, dy, d2, lon, lat, groundM));
}

/** ln(10)/10: dB → nepers of power. */
export const DB_TO_NEPER = Math.LN10 / 10;

/**
 * 10^(dB/10) as e^(dB·ln10/10): within a few ulps (1e-14 dB), and several times cheaper than
 * `10 ** x` in V8. One function for the raster (`addRow` writes it out) and `signalAt`.
 */
export function dbToMw(db: number): number {
  return Math.exp(db * DB_TO_NEPER);
}

/**
 * Received power (dBm) without the linear tables: the exact closures, or with terrain the dB
 * tables for path loss and the horizontal pattern (the vertical pattern then follows the per-point
 * elevation). With terrain, `groundM` is the DEM's ground at the point (computed once per point by
 * the caller): it sets the height difference for the vertical pattern, and the cell's terrain
 * function gives the loss along the path. The elevation is then `atan2Deg(dh, d)` (within 1e-12°
 * of `Math.atan2`, cheaper), as src/coverage/tile-terrain.ts computes it for the raster.
 */
export function exactPowerDbm(c: KernelCell, dx: number, dy: number, d2: number, lon: number, lat: number, groundM: number): number {
  const d = Math.sqrt(d2);
  const t = c.terrain;
  if (t === null) return c.base + c.gain(Math.atan2(dx, dy) * R2D, Math.atan2(c.dh, d) * R2D) - c.pathLoss(d);
  const dh = c.dh - groundM; // c.dh holds antenna height above the datum − receiver height
  const loss = t(lon, lat, groundM, dx, dy, d);
  const f = c.fast;
  const elevationDeg = atan2Deg(dh, d);
  if (f !== null && d2 >= c.terrainTablesBelow2) return c.base + fastGainMinusLoss(f, dx, dy, d2, elevationDeg) - loss;
  return c.base + c.gain(Math.atan2(dx, dy) * R2D, elevationDeg) - c.pathLoss(d) - loss;
}

/** 10/ln(10): nepers of power → dB. */
const DB_PER_NEPER = 10 / Math.LN10;

/**
 * mW → dBm as the raster reports it (−Infinity for 0: no signal), as ln(mW)·10/ln10 (Math.log is
 * about twice as fast as Math.log10 in V8; a few ulps).
 */
export function mwToDbm(mw: number): number {
  return mw > 0 ? Math.log(mw) * DB_PER_NEPER : -Infinity;
}

/** Received power of the measured quantity from one cell at a point (mW); 0 beyond its cull radius. */
export function cellPowerMwAt(c: KernelCell, lon: number, lat: number, groundM: number): number {
  const dx = (lon - c.lon) * c.kx;
  const dy = (lat - c.lat) * c.ky;
  const d2 = dx * dx + dy * dy;
  if (d2 > c.cullR2) return 0;
  return cellPowerMw(c, dx, dy, d2, lon, lat, groundM);
}

/** Received power of the measured quantity from one cell at a point (dBm); −Infinity beyond its cull radius. */
export function cellPowerDbm(c: KernelCell, lon: number, lat: number, groundM: number): number {
  return mwToDbm(cellPowerMwAt(c, lon, lat, groundM));
}

/** Distance from a cell to a point in its frame, m. */
export function cellDistanceM(c: KernelCell, lon: number, lat: number): number {
  return Math.hypot((lon - c.lon) * c.kx, (lat - c.lat) * c.ky);
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
  return bestDbm - Math.log(load * (others > 0 ? others : 0) + noiseMw) * DB_PER_NEPER;
}

/**
 * Best server, second-best power and SINR at a point over the candidate cells `ids[0..count)`
 * (in increasing index order), in mW until the end as the raster works. `sums` is caller-owned
 * scratch, one slot per band.
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
  let bestP = 0;
  let secondP = 0;
  let best = -1;
  sums.fill(0);
  for (let k = 0; k < count; k++) {
    const id = ids[k]!;
    const c = cells[id]!;
    const p = cellPowerMwAt(c, lon, lat, groundM);
    const mw = p * c.offsetRatio;
    sums[c.bandSlot]! += mw;
    if (p > bestP) {
      secondP = bestP;
      bestP = p;
      best = id;
    } else if (p > secondP) secondP = p;
  }
  out.bestDbm = mwToDbm(bestP);
  out.best = best;
  out.secondDbm = mwToDbm(secondP);
  // the server's own interference mW: its power × its offset ratio, as each term of the sum
  out.sinrDb = best < 0 ? -Infinity : sinrFromSums(out.bestDbm, sums[cells[best]!.bandSlot]!, bestP * cells[best]!.offsetRatio, load, noiseMw[cells[best]!.bandSlot]!);
}
