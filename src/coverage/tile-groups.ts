import type { KernelCell } from "./cells.js";
import { cellPowerMw } from "./kernel.js";
import { rowSpan } from "./tile-rows.js";
import { HI_WORD, MANTISSA_SCALE, SUB } from "./tables.js";
import type { TileScratch } from "./tiles.js";

/** Most cells evaluated together as one group (a site's sectors on one band: usually 3, up to 6). */
export const MAX_GROUP = 8;

/**
 * Per cell, the id of its co-sited group: cells at the same position, in the same band slot, whose
 * distance tables hold the same numbers (same model, heights, tilt and vertical beam) and with the same reach
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
    if (c.fast === null || !c.fast.linear || c.terrain !== null) continue;
    if (k > 0 && keys[k - 1]! >= 0 && sameDistanceTerms(cells[k - 1]!, c)) keys[k] = keys[k - 1]!;
    else keys[k] = k;
  }
  groupKeys.set(cells, keys);
  return keys;
}

function sameDistanceTerms(a: KernelCell, b: KernelCell): boolean {
  if (a.bandSlot !== b.bandSlot || a.lon !== b.lon || a.lat !== b.lat || a.kx !== b.kx || a.ky !== b.ky || a.cullR2 !== b.cullR2 || a.exactBelow2 !== b.exactBelow2) return false;
  const fa = a.fast!;
  const fb = b.fast!;
  if (fa.e0 !== fb.e0 || fa.byDistance.length !== fb.byDistance.length) return false;
  if (fa.byDistance === fb.byDistance) return true;
  for (let i = 0; i < fa.byDistance.length; i++) if (!Object.is(fa.byDistance[i], fb.byDistance[i])) return false;
  return true;
}

/** Constants of a group's members, in arrays indexed by member. */
export interface GroupScratch {
  id: Int32Array;
  sinAz: Float64Array;
  cosAz: Float64Array;
  hScale: Float64Array;
  capRatio: Float64Array;
  sideLobeRatio: Float64Array;
  scaleMw: Float64Array;
  offsetRatio: Float64Array;
  hz: Float32Array[];
}

export function groupScratch(): GroupScratch {
  return {
    id: new Int32Array(MAX_GROUP),
    sinAz: new Float64Array(MAX_GROUP),
    cosAz: new Float64Array(MAX_GROUP),
    hScale: new Float64Array(MAX_GROUP),
    capRatio: new Float64Array(MAX_GROUP),
    sideLobeRatio: new Float64Array(MAX_GROUP),
    scaleMw: new Float64Array(MAX_GROUP),
    offsetRatio: new Float64Array(MAX_GROUP),
    hz: [],
  };
}

/**
 * A co-sited group of cells on the linear tables (`ids[first .. first + n)`, increasing; n ≥ 1)
 * over a tile, a row at a time. Per pixel the shared distance terms (path loss, vertical pattern,
 * 1/d) are read once; per member, its horizontal pattern gives its power in mW, which goes
 * straight into the band's sum and the best servers (held in registers across the members, in
 * the same order as adding them one by one).
 * Members come in increasing cell order and every power is `fastPowerMw` written out with the
 * same operands in the same order, so the results are bit-identical to `signalAt` (tested).
 */
export function groupOverTile(cells: readonly KernelCell[], ids: Int32Array, first: number, n: number, s: TileScratch, g: GroupScratch): void {
  const lead = cells[ids[first]!]!;
  const { lon: cLon, lat: cLat, kx, ky, cullR2, exactBelow2, bandSlot: slot } = lead;
  const { byDistance: bd, e0, bits, words } = lead.fast!;
  for (let m = 0; m < n; m++) {
    const f = cells[ids[first + m]!]!;
    const fa = f.fast!;
    g.id[m] = ids[first + m]!;
    g.sinAz[m] = fa.sinAz;
    g.cosAz[m] = fa.cosAz;
    g.hScale[m] = fa.hScale;
    g.capRatio[m] = fa.capRatio;
    g.sideLobeRatio[m] = fa.sideLobeRatio;
    g.scaleMw[m] = f.scaleMw;
    g.offsetRatio[m] = f.offsetRatio;
    g.hz[m] = fa.horizontal;
  }
  const { id: gid, sinAz: gs, cosAz: gc, hScale: gh, capRatio: gcap, sideLobeRatio: gsla, scaleMw: gscale, offsetRatio: goff, hz: ghz } = g;
  const { w, h, nb, lats, lons, inside, sums, bestMw: bestP, secondMw: secondP, best } = s;
  const sub = SUB;
  const mantissaScale = MANTISSA_SCALE;
  const hiWord = HI_WORD;
  for (let r = 0; r < h; r++) {
    const dy = (lats[r]! - cLat) * ky;
    const dy2 = dy * dy;
    if (dy2 > cullR2) continue;
    const row = r * w;
    rowSpan(s, r, cLon, kx, cullR2, dy2);
    const c1 = s.span[1]!;
    for (let c = s.span[0]!; c < c1; c++) {
      const j = row + c;
      const dx = (lons[c]! - cLon) * kx;
      const d2 = dx * dx + dy2;
      if (inside[j] === 0 || d2 > cullR2) continue;
      if (d2 < exactBelow2) {
        addExact(cells, gid, n, s, j, dx, dy, d2, lons[c]!, lats[r]!);
        continue;
      }
      let bp = bestP[j]!;
      let sp = secondP[j]!;
      let bi = best[j]!;
      const k = j * nb + slot;
      let sum = sums[k]!;
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
        const p = gscale[m]! * (Math.max(ah * Math.max(av, gsla[m]!), gcap[m]!) * pl);
        const mw = p * goff[m]!;
        sum += mw;
        if (p > bp) {
          sp = bp;
          bp = p;
          bi = gid[m]!;
        } else if (p > sp) sp = p;
      }
      sums[k] = sum;
      bestP[j] = bp;
      secondP[j] = sp;
      best[j] = bi;
    }
  }
}

/**
 * A group's members at one pixel nearer than the tables reach (`exactBelowM` from the mast): the
 * exact formulas, then the same accumulation as the table path.
 */
export function addExact(cells: readonly KernelCell[], gid: Int32Array, n: number, s: TileScratch, j: number, dx: number, dy: number, d2: number, lon: number, lat: number): void {
  const { nb, sums, bestMw, secondMw, best } = s;
  for (let m = 0; m < n; m++) {
    const cell = cells[gid[m]!]!;
    const p = cellPowerMw(cell, dx, dy, d2, lon, lat, NaN);
    const mw = p * cell.offsetRatio;
    sums[j * nb + cell.bandSlot]! += mw;
    if (p > bestMw[j]!) {
      secondMw[j] = bestMw[j]!;
      bestMw[j] = p;
      best[j] = gid[m]!;
    } else if (p > secondMw[j]!) secondMw[j] = p;
  }
}
