import type { KernelCell } from "./cells.js";
import { DB_TO_LOG2, EXP_HI, EXP_LO, POW2, POW2_OFFSET } from "./kernel.js";
import type { TileScratch } from "./tiles.js";

/**
 * Pass 2 of a row: cell `id`'s powers `rowP[at + c]` (−Infinity: none) for columns [c0, c1) of the
 * tile row starting at pixel `row` go into the band's mW sum and the best / second-best servers.
 * `dbToMw` is written out here (the same expression, bit-identical): the data-dependent branches
 * stay out of pass 1, so the CPU overlaps pass 1's table reads (about 25 % faster than one loop).
 */
export function addRow(s: TileScratch, cell: KernelCell, id: number, at: number, row: number, c0: number, c1: number): void {
  const { nb, sums, bestDbm, secondDbm, best, bestMw, rowP } = s;
  const offset = cell.offset;
  const slot = cell.bandSlot;
  // Imported constants read into locals: some module loaders turn live bindings into property reads.
  const expHi = EXP_HI;
  const expLo = EXP_LO;
  const pow2 = POW2;
  const pow2Offset = POW2_OFFSET;
  const dbToLog2 = DB_TO_LOG2;
  for (let c = c0; c < c1; c++) {
    const p = rowP[at + c]!;
    if (p === -Infinity) continue;
    const j = row + c;
    const z = (p + offset) * dbToLog2 + pow2Offset;
    let mw = 0;
    if (z > 30) {
      const n = z | 0;
      const fr = ((z - n) * 65536 + 0.5) | 0;
      mw = expHi[fr >>> 8]! * expLo[fr & 255]! * pow2[n]!;
    }
    sums[j * nb + slot]! += mw;
    if (p > bestDbm[j]!) {
      secondDbm[j] = bestDbm[j]!;
      bestDbm[j] = p;
      best[j] = id;
      bestMw[j] = mw;
    } else if (p > secondDbm[j]!) secondDbm[j] = p;
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
