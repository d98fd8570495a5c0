/**
 * The terrain term of a point depends on the site, the mast height, the band and the link, not on
 * the sector: a site's three sectors ask for the same value at the same points. The engine
 * evaluates cell after cell over a tile's pixels (and point queries cell after cell per point), so
 * the sectors of a site ask in the same order, one after the other. A `ReplayMemo` records the
 * first sector's answers in call order and hands them back to the others while their calls match
 * the record exactly (same point, same distance); anything else is computed. Results are the
 * computed values themselves, so memoised and direct evaluation agree bit for bit.
 */

import type { TerrainTerm } from "./term.js";

export type { TerrainTerm };

/** Most calls one pass records (a 256 × 256 tile); later calls of a longer pass are computed. */
const CAPACITY = 1 << 16;
/** How far a replaying caller looks ahead in the record after a mismatch. */
const LOOKAHEAD = 4;

/**
 * One record shared by every group of a setup (only one group is active at a time). Its arrays
 * grow with the longest pass (to `CAPACITY`): a run whose tile loop takes the batch path never
 * records here.
 */
export class ReplayMemo {
  lon = new Float64Array(0);
  lat = new Float64Array(0);
  d = new Float64Array(0);
  value = new Float64Array(0);
  length = 0;
  /** Group and member recording, and the pass number (a new pass restarts every replay cursor). */
  group = -1;
  owner = -1;
  pass = 0;
  /** A replay happened since the owner last recorded: the owner's next call starts a new pass. */
  replayed = false;
}

/**
 * `compute` for member `member` of group `group` (members of one group compute the same function),
 * sharing `memo` with the other members.
 */
export function replayed(memo: ReplayMemo, group: number, member: number, compute: TerrainTerm): TerrainTerm {
  let pass = -1;
  let cursor = 0;
  return (lon, lat, groundM, dx, dy, d) => {
    if (memo.group === group && memo.owner !== member) {
      // replay the owner's record
      if (pass !== memo.pass) {
        pass = memo.pass;
        cursor = 0;
      }
      memo.replayed = true;
      const end = Math.min(memo.length, cursor + LOOKAHEAD);
      for (let i = cursor; i < end; i++) {
        if (memo.lon[i] === lon && memo.lat[i] === lat && memo.d[i] === d) {
          cursor = i + 1;
          return memo.value[i]!;
        }
      }
      return compute(lon, lat, groundM, dx, dy, d);
    }
    if (memo.group !== group || memo.replayed) {
      // this member starts a new record
      memo.group = group;
      memo.owner = member;
      memo.length = 0;
      memo.pass++;
      memo.replayed = false;
    }
    const value = compute(lon, lat, groundM, dx, dy, d);
    const i = memo.length;
    if (i === memo.value.length && i < CAPACITY) grow(memo);
    if (i < memo.value.length) {
      memo.lon[i] = lon;
      memo.lat[i] = lat;
      memo.d[i] = d;
      memo.value[i] = value;
      memo.length = i + 1;
    }
    return value;
  };
}

/** Doubles the record's arrays (at least 256 entries, at most `CAPACITY`), keeping what they hold. */
function grow(memo: ReplayMemo): void {
  const size = Math.min(CAPACITY, Math.max(256, 2 * memo.value.length));
  const copy = (a: Float64Array) => {
    const b = new Float64Array(size);
    b.set(a);
    return b;
  };
  memo.lon = copy(memo.lon);
  memo.lat = copy(memo.lat);
  memo.d = copy(memo.d);
  memo.value = copy(memo.value);
}
