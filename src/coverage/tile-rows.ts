import type { KernelCell } from "./cells.js";
import { DB_TO_NEPER } from "./kernel.js";
import type { TileScratch } from "./tiles.js";

/**
 * Cell `id`'s powers `rowP[at + c]` in dBm (−Infinity: none) for columns [c0, c1) of the tile row
 * starting at pixel `row` — cells off the linear tables (exact formulas, terrain) — turned into mW
 * as `cellPowerMw` does (`dbToMw`, written out) and added with the arithmetic of `evaluatePoint`.
 */
export function addRow(s: TileScratch, cell: KernelCell, id: number, at: number, row: number, c0: number, c1: number): void {
  const { nb, sums, bestMw, secondMw, best, rowP } = s;
  const offsetRatio = cell.offsetRatio;
  const slot = cell.bandSlot;
  const dbToNeper = DB_TO_NEPER; // imported bindings read into locals (some loaders make them property reads)
  for (let c = c0; c < c1; c++) {
    const p = Math.exp(rowP[at + c]! * dbToNeper);
    const j = row + c;
    const mw = p * offsetRatio;
    sums[j * nb + slot]! += mw;
    if (p > bestMw[j]!) {
      secondMw[j] = bestMw[j]!;
      bestMw[j] = p;
      best[j] = id;
    } else if (p > secondMw[j]!) secondMw[j] = p;
  }
}

/**
 * The columns [c0, c1) of tile row `r` a cell at longitude `cLon` (frame factor `kx`, cull radius²
 * `cullR2`, squared north–south distance `dy2` to the row) can reach, widened by one column each
 * side (the per-pixel test decides) and clipped to the row's masked span; into `s.span`.
 */
export function rowSpan(s: TileScratch, r: number, cLon: number, kx: number, cullR2: number, dy2: number): void {
  const reach = Math.sqrt(cullR2 - dy2) / kx / s.dLon;
  const centre = (cLon - s.lon0) / s.dLon;
  s.span[0] = Math.max(s.rowFirst[r]!, Math.floor(centre - reach) - 1);
  s.span[1] = Math.min(s.rowEnd[r]!, Math.ceil(centre + reach) + 2);
}
