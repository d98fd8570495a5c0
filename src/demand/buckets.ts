import { localFrame } from "../geo/frame.js";

/**
 * A spatial bucket grid over points: a regular lon/lat lattice whose cells are about `cellM`
 * metres on a side at the points' middle latitude, each listing its points in ascending index
 * order (a counting sort, so the order is deterministic). Queries take a box in degrees, so a
 * caller can convert a radius with any local frame it likes and the box stays exact in that frame.
 */
export interface PointBuckets {
  west: number;
  south: number;
  cellLonDeg: number;
  cellLatDeg: number;
  cols: number;
  rows: number;
  /** Points of bucket b are `items[start[b] .. start[b + 1])`; bucket b = row · cols + col, row 0 south. */
  start: Int32Array;
  items: Int32Array;
}

/** Most buckets per point: the cell side grows when points are sparse over a wide box. */
const MAX_BUCKETS_PER_POINT = 4;

/** Buckets the points (lon/lat arrays of equal length, finite, already checked by the caller). */
export function bucketPoints(lon: ArrayLike<number>, lat: ArrayLike<number>, cellM: number): PointBuckets {
  const n = lon.length;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  }
  if (n === 0) {
    west = south = east = north = 0;
  }
  const f = localFrame((south + north) / 2);
  let cellLonDeg = cellM / f.kx;
  let cellLatDeg = cellM / f.ky;
  let cols = Math.floor((east - west) / cellLonDeg) + 1;
  let rows = Math.floor((north - south) / cellLatDeg) + 1;
  const most = Math.max(1024, MAX_BUCKETS_PER_POINT * n);
  while (cols * rows > most) {
    const grow = Math.max(1.05, Math.sqrt((cols * rows) / most));
    cellLonDeg *= grow;
    cellLatDeg *= grow;
    cols = Math.floor((east - west) / cellLonDeg) + 1;
    rows = Math.floor((north - south) / cellLatDeg) + 1;
  }
  const of = new Int32Array(n);
  const start = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const c = Math.min(cols - 1, Math.floor((lon[i]! - west) / cellLonDeg));
    const r = Math.min(rows - 1, Math.floor((lat[i]! - south) / cellLatDeg));
    const b = r * cols + c;
    of[i] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < cols * rows; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, cols * rows);
  const items = new Int32Array(n);
  for (let i = 0; i < n; i++) items[fill[of[i]!]!++] = i;
  return { west, south, cellLonDeg, cellLatDeg, cols, rows, start, items };
}

/**
 * Calls `visit(i)` for every point in the buckets that overlap the box [west, south, east, north]
 * (a superset of the points inside it; the caller tests each). Buckets are visited row by row.
 */
export function visitBox(b: PointBuckets, west: number, south: number, east: number, north: number, visit: (i: number) => void): void {
  const c0 = Math.max(0, Math.floor((west - b.west) / b.cellLonDeg));
  const c1 = Math.min(b.cols - 1, Math.floor((east - b.west) / b.cellLonDeg));
  const r0 = Math.max(0, Math.floor((south - b.south) / b.cellLatDeg));
  const r1 = Math.min(b.rows - 1, Math.floor((north - b.south) / b.cellLatDeg));
  if (c0 > c1 || r0 > r1) return;
  for (let r = r0; r <= r1; r++) {
    const from = b.start[r * b.cols + c0]!;
    const to = b.start[r * b.cols + c1 + 1]!;
    for (let k = from; k < to; k++) visit(b.items[k]!);
  }
}
