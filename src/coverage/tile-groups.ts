import type { KernelCell } from "./cells.js";
import { cellPowerAt } from "./kernel.js";
import { addRow, rowSpan } from "./tile-rows.js";
import { HI_WORD, MANTISSA_SCALE, SUB } from "./tables.js";
import type { TileScratch } from "./tiles.js";

/** Most cells evaluated together as one group (a site's sectors on one band: usually 3). */
export const MAX_GROUP = 4;

/**
 * Per cell, the id of its co-sited group: cells at the same position whose distance tables hold
 * the same numbers (same band, model, heights, tilt and vertical beam) and with the same reach
 * share their distance, path loss, vertical loss and 1/d per pixel; only the horizontal pattern
 * differs between them. Computed once per run (memoised on the cell list).
 */
const groupKeys = new WeakMap<readonly KernelCell[], Int32Array>();

export function siteGroupKeys(cells: readonly KernelCell[]): Int32Array {
  let keys = groupKeys.get(cells);
  if (keys) return keys;
  keys = new Int32Array(cells.length).fill(-1);
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    if (c.fast === null || c.terrain !== null) continue;
    if (k > 0 && keys[k - 1]! >= 0 && sameDistanceTerms(cells[k - 1]!, c)) keys[k] = keys[k - 1]!;
    else keys[k] = k;
  }
  groupKeys.set(cells, keys);
  return keys;
}

function sameDistanceTerms(a: KernelCell, b: KernelCell): boolean {
  if (a.lon !== b.lon || a.lat !== b.lat || a.kx !== b.kx || a.ky !== b.ky || a.cullR2 !== b.cullR2 || a.exactBelow2 !== b.exactBelow2) return false;
  const fa = a.fast!;
  const fb = b.fast!;
  if (fa.e0 !== fb.e0 || fa.byDistance.length !== fb.byDistance.length) return false;
  if (fa.byDistance === fb.byDistance) return true;
  for (let i = 0; i < fa.byDistance.length; i++) if (!Object.is(fa.byDistance[i], fb.byDistance[i])) return false;
  return true;
}

/** Constants of a group's members, in arrays indexed by member. */
export interface GroupScratch {
  sinAz: Float64Array;
  cosAz: Float64Array;
  hScale: Float64Array;
  capDb: Float64Array;
  sideLobeDb: Float64Array;
  gainDbi: Float64Array;
  base: Float64Array;
  hz: Float32Array[];
}

export function groupScratch(): GroupScratch {
  return {
    sinAz: new Float64Array(MAX_GROUP),
    cosAz: new Float64Array(MAX_GROUP),
    hScale: new Float64Array(MAX_GROUP),
    capDb: new Float64Array(MAX_GROUP),
    sideLobeDb: new Float64Array(MAX_GROUP),
    gainDbi: new Float64Array(MAX_GROUP),
    base: new Float64Array(MAX_GROUP),
    hz: [],
  };
}

/**
 * A co-sited group of table-driven cells without terrain (`ids[first .. first + n)`, increasing;
 * n ≥ 1) over a tile, a row at a time: pass 1 reads the shared distance terms once per pixel and
 * each member's horizontal pattern into its own row buffer; pass 2 (`addRow`) adds each member's
 * mW and updates the best servers, member by member in increasing cell order. Every member's
 * power is `fastGainMinusLoss` written out, with the same operands in the same order, so the
 * results are bit-identical to `cellPowerAt` and `signalAt` (tested).
 */
export function groupOverTile(cells: readonly KernelCell[], ids: Int32Array, first: number, n: number, s: TileScratch, g: GroupScratch): void {
  const lead = cells[ids[first]!]!;
  const { lon: cLon, lat: cLat, kx, ky, cullR2, exactBelow2 } = lead;
  const { byDistance: bd, e0, bits, words } = lead.fast!;
  for (let m = 0; m < n; m++) {
    const f = cells[ids[first + m]!]!;
    const fa = f.fast!;
    g.sinAz[m] = fa.sinAz;
    g.cosAz[m] = fa.cosAz;
    g.hScale[m] = fa.hScale;
    g.capDb[m] = fa.capDb;
    g.sideLobeDb[m] = fa.sideLobeDb;
    g.gainDbi[m] = fa.gainDbi;
    g.base[m] = f.base;
    g.hz[m] = fa.horizontal;
  }
  const { sinAz: gs, cosAz: gc, hScale: gh, capDb: gcap, sideLobeDb: gsla, gainDbi: ggain, base: gbase, hz: ghz } = g;
  const { w, h, lats, lons, inside, rowP } = s;
  const sub = SUB;
  const mantissaScale = MANTISSA_SCALE;
  const hiWord = HI_WORD;
  for (let r = 0; r < h; r++) {
    const dy = (lats[r]! - cLat) * ky;
    const dy2 = dy * dy;
    if (dy2 > cullR2) continue;
    const row = r * w;
    rowSpan(s, r, cLon, kx, cullR2, dy2);
    const c0 = s.span[0]!;
    const c1 = s.span[1]!;
    // Pass 1: member m's power at column c goes to rowP[m · w + c] (−Infinity: masked out or beyond reach).
    for (let c = c0; c < c1; c++) {
      const j = row + c;
      const dx = (lons[c]! - cLon) * kx;
      const d2 = dx * dx + dy2;
      if (inside[j] === 0 || d2 > cullR2) {
        for (let m = 0; m < n; m++) rowP[m * w + c] = -Infinity;
        continue;
      }
      if (d2 >= exactBelow2) {
        bits[0] = d2;
        const hi = words[hiWord]!;
        const x = ((hi >>> 20) - 1023 - e0) * sub + (hi & 0xfffff) * mantissaScale;
        const i = x | 0;
        const tt = x - i;
        const q = 3 * i;
        const pl = bd[q]! + (bd[q + 3]! - bd[q]!) * tt;
        const av = bd[q + 1]! + (bd[q + 4]! - bd[q + 1]!) * tt;
        const invD = bd[q + 2]! + (bd[q + 5]! - bd[q + 2]!) * tt;
        for (let m = 0; m < n; m++) {
          const hz = ghz[m]!;
          const y = ((dx * gs[m]! + dy * gc[m]!) * invD + 1) * gh[m]!;
          const jj = y | 0;
          const ah = hz[jj]! + (hz[jj + 1]! - hz[jj]!) * (y - jj);
          rowP[m * w + c] = gbase[m]! + (ggain[m]! - Math.min(ah + Math.min(av, gsla[m]!), gcap[m]!) - pl);
        }
      } else {
        for (let m = 0; m < n; m++) rowP[m * w + c] = cellPowerAt(cells[ids[first + m]!]!, dx, dy, d2, lons[c]!, lats[r]!, NaN);
      }
    }
    // Pass 2, member by member (increasing cell index, as evaluating them one by one adds them).
    for (let m = 0; m < n; m++) addRow(s, cells[ids[first + m]!]!, ids[first + m]!, m * w, row, c0, c1);
  }
}
