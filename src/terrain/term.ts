/**
 * The terrain term of a cell: what terrain adds to a path's loss toward a point (diffraction, and
 * for the Hata family the change of path loss with the effective antenna height), in the two
 * forms the engine asks for it. Point by point (`TerrainTerm`: `signalAt`, and the raster kernel
 * when it has no batch hook), or for a batch of points at once (`BatchTerm`: the tile loop hands
 * over all of a tile's pixels a site reaches, so the radial path sweeps each radial once per tile
 * and answers every pixel that uses it). Both give the same value for the same point, bit for bit.
 */

/** Terrain term of a point: (lon, lat, ground, dx, dy, d) → dB. */
export type TerrainTerm = (lon: number, lat: number, groundM: number, dx: number, dy: number, d: number) => number;

/** Points of a batch, in the cell's frame: point i is (dx[i] east, dy[i] north) m away at distance d[i]. */
export interface TerrainPoints {
  /** Points in use (the arrays may be longer). */
  n: number;
  lon: Float64Array;
  lat: Float64Array;
  /** Ground elevation at the point, m. */
  ground: Float64Array;
  dx: Float64Array;
  dy: Float64Array;
  d: Float64Array;
  /** The term of each point, dB (written by the `BatchTerm`). */
  out: Float64Array;
}

/** Writes `points.out[i]` for i < points.n. */
export type BatchTerm = (points: TerrainPoints) => void;

export function terrainPoints(size: number): TerrainPoints {
  const a = () => new Float64Array(size);
  return { n: 0, lon: a(), lat: a(), ground: a(), dx: a(), dy: a(), d: a(), out: a() };
}

/** A batch term that asks a point term for each point in turn. */
export function pointByPoint(term: TerrainTerm): BatchTerm {
  return (p) => {
    for (let i = 0; i < p.n; i++) p.out[i] = term(p.lon[i]!, p.lat[i]!, p.ground[i]!, p.dx[i]!, p.dy[i]!, p.d[i]!);
  };
}
