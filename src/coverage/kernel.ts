import type { KernelCell } from "./cells.js";

/**
 * The per-point maths shared by the raster kernel and `signalAt`, so that both give bit-identical
 * numbers. Distances and bearings are taken in each cell's own local metric frame (cheap-ruler
 * factors at the cell's latitude), so a point's result does not depend on the grid around it.
 */

const R2D = 180 / Math.PI;

/** Received power of the measured quantity from one cell at a point (dBm); −Infinity beyond its cull radius. */
export function cellPowerDbm(c: KernelCell, lon: number, lat: number): number {
  const dx = (lon - c.lon) * c.kx;
  const dy = (lat - c.lat) * c.ky;
  const d2 = dx * dx + dy * dy;
  if (d2 > c.cullR2) return -Infinity;
  const d = Math.sqrt(d2);
  return c.base + c.gain(Math.atan2(dx, dy) * R2D, Math.atan2(c.dh, d) * R2D) - c.pathLoss(d);
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

/**
 * Best server, second-best power and SINR at a point over the candidate cells `ids[0..count)`
 * (in increasing index order). SINR = S / (load·Σ co-channel others' total power + N).
 * `sums` is caller-owned scratch, one slot per band.
 */
export function evaluatePoint(
  cells: readonly KernelCell[],
  ids: Int32Array,
  count: number,
  lon: number,
  lat: number,
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
    const p = cellPowerDbm(c, lon, lat);
    if (p === -Infinity) continue;
    const mw = 10 ** ((p + c.offset) / 10);
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
  if (best < 0) {
    out.sinrDb = -Infinity;
    return;
  }
  const slot = cells[best]!.bandSlot;
  const others = sums[slot]! - bestMw; // ≥ 0 up to rounding
  out.sinrDb = bestDbm - 10 * Math.log10(load * (others > 0 ? others : 0) + noiseMw[slot]!);
}
