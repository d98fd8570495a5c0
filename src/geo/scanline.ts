import type { Geometry, Position } from "geojson";

/**
 * Polygon → raster mask by scanline: for each row, the crossings of every ring edge with the
 * horizontal line through the row's pixel centres, sorted, filled pairwise (even–odd, so holes
 * cut out). A pixel is inside when its centre is. Cost O(rows × crossing edges + pixels set),
 * never a point-in-polygon test per pixel.
 */

/** The lattice a mask is drawn on: row 0 is the north edge, pixels are cell-centred. */
export interface Lattice {
  west: number;
  south: number;
  cellLonDeg: number;
  cellLatDeg: number;
  width: number;
  height: number;
}

/** Sets `mask[i] = value` for every pixel whose centre lies inside `geometry` (Polygon / MultiPolygon). */
export function fillPolygonMask(lattice: Lattice, geometry: Geometry, mask: Uint8Array | Int16Array | Int32Array, value = 1): void {
  if (geometry.type === "Polygon") fillPolygon(lattice, geometry.coordinates, mask, value);
  else if (geometry.type === "MultiPolygon") for (const p of geometry.coordinates) fillPolygon(lattice, p, mask, value);
  else if (geometry.type === "GeometryCollection") for (const g of geometry.geometries) fillPolygonMask(lattice, g, mask, value);
}

/** A fresh 0/1 mask of `geometry` on the lattice. */
export function polygonMask(lattice: Lattice, geometry: Geometry): Uint8Array {
  const mask = new Uint8Array(lattice.width * lattice.height);
  fillPolygonMask(lattice, geometry, mask, 1);
  return mask;
}

interface Edge {
  /** First and last row whose centre line the edge crosses. */
  r0: number;
  r1: number;
  /** Column coordinate (in pixels, from the west edge) at row r0's centre line, and its change per row. */
  x: number;
  dx: number;
}

function fillPolygon(l: Lattice, rings: Position[][], mask: Uint8Array | Int16Array | Int32Array, value: number): void {
  const north = l.south + l.height * l.cellLatDeg;
  const edges: Edge[] = [];
  for (const ring of rings) {
    const n = ring.length;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const a = ring[j]!;
      const b = ring[i]!;
      // pixel-space coordinates: x in columns from the west edge, y in rows from the north edge
      const ya = (north - a[1]!) / l.cellLatDeg;
      const yb = (north - b[1]!) / l.cellLatDeg;
      if (ya === yb) continue;
      const xa = (a[0]! - l.west) / l.cellLonDeg;
      const xb = (b[0]! - l.west) / l.cellLonDeg;
      const [yTop, yBot, xTop, xBot] = ya < yb ? [ya, yb, xa, xb] : [yb, ya, xb, xa];
      // row r's centre line is y = r + 0.5; the edge covers centres with yTop ≤ r + 0.5 < yBot (half-open: shared vertices count once)
      const r0 = Math.max(0, Math.ceil(yTop - 0.5));
      const r1 = Math.min(l.height - 1, Math.ceil(yBot - 0.5) - 1);
      if (r1 < r0) continue;
      const dx = (xBot - xTop) / (yBot - yTop);
      edges.push({ r0, r1, x: xTop + (r0 + 0.5 - yTop) * dx, dx });
    }
  }
  edges.sort((p, q) => p.r0 - q.r0);
  const active: Edge[] = [];
  const xs: number[] = [];
  let next = 0;
  for (let r = 0; r < l.height; r++) {
    while (next < edges.length && edges[next]!.r0 === r) active.push(edges[next++]!);
    if (active.length === 0) {
      if (next >= edges.length) break;
      continue;
    }
    xs.length = 0;
    for (let k = active.length - 1; k >= 0; k--) {
      const e = active[k]!;
      xs.push(e.x + (r - e.r0) * e.dx);
      if (e.r1 === r) active.splice(k, 1);
    }
    xs.sort((p, q) => p - q);
    const row = r * l.width;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // pixel c is inside when its centre c + 0.5 lies in [xs[k], xs[k+1])
      const c0 = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const c1 = Math.min(l.width - 1, Math.ceil(xs[k + 1]! - 0.5) - 1);
      for (let c = c0; c <= c1; c++) mask[row + c] = value;
    }
  }
}
