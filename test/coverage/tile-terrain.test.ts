import { describe, expect, it } from "vitest";
import { setupCoverage, type CoverageOptions } from "../../src/coverage/compute.js";
import { evaluatePoint, mwToDbm, type PointResult } from "../../src/coverage/kernel.js";
import { MAX_GROUP } from "../../src/coverage/tile-groups.js";
import { terrainGroupOverTile, terrainTileScratch } from "../../src/coverage/tile-terrain.js";
import { tileCells, type TileScratch } from "../../src/coverage/tiles.js";
import { createSite } from "../../src/model/create.js";
import { gridNorth } from "../../src/raster/grid.js";
import type { Dem } from "../../src/terrain/dem.js";
import { groundElevationM } from "../../src/terrain/profile.js";
import type { BBox } from "../../src/units.js";

const AREA: BBox = [76.91, 43.22, 76.99, 43.28];

function hills(): Dem {
  const width = 200;
  const heights = new Float32Array(width * width);
  for (let r = 0; r < width; r++) for (let c = 0; c < width; c++) heights[r * width + c] = 700 + 60 * Math.sin(c / 7) * Math.cos(r / 11) + 2 * r;
  return { originLon: 76.9, originLat: 43.3, stepLonDeg: 0.0005, stepLatDeg: 0.0005, width, height: width, heights, nodata: NaN };
}

/** Three sites: one with two mast heights, one whose sectors differ in power (so in reach), one 2G/4G. */
function sites() {
  const a = createSite({ id: "A", coordinates: [76.94, 43.25], technologies: ["4G"], overrides: { "4G": { bands: ["LTE800", "LTE1800"] } } });
  a.properties.sectors[1]!.heightM = 18;
  const b = createSite({ id: "B", coordinates: [76.965, 43.262], technologies: ["4G"], overrides: { "4G": { bands: ["LTE800"], heightM: 40 } } });
  b.properties.sectors[2]!.cells[0]!.powerDbm -= 9;
  const c = createSite({ id: "C", coordinates: [76.97, 43.235], technologies: ["2G", "4G"] });
  return [a, b, c];
}

/**
 * The group path over a whole raster taken as one tile, against `evaluatePoint` (the point path,
 * `exactPowerDbm` with each cell's own terrain term) pixel by pixel: powers, servers and sums equal.
 */
function compare(o: Omit<CoverageOptions, "area">): number {
  const run = setupCoverage(sites(), { ...o, area: AREA });
  const { ctx, grid: g } = run;
  const t = { c0: 0, c1: g.width, r0: 0, r1: g.height };
  const w = g.width;
  const h = g.height;
  const np = w * h;
  const nb = ctx.bands;
  const north = gridNorth(g);
  const s: TileScratch = {
    w,
    h,
    nb,
    lats: Float64Array.from({ length: h }, (_, r) => north - (r + 0.5) * g.cellLatDeg),
    lons: Float64Array.from({ length: w }, (_, c) => g.west + (c + 0.5) * g.cellLonDeg),
    ground: new Float64Array(np),
    rowFirst: new Int32Array(h),
    rowEnd: new Int32Array(h).fill(w),
    lon0: g.west + 0.5 * g.cellLonDeg,
    dLon: g.cellLonDeg,
    inside: new Uint8Array(np).fill(1),
    bestMw: new Float64Array(np),
    secondMw: new Float64Array(np),
    best: new Int32Array(np).fill(-1),
    sums: new Float64Array(np * nb),
    rowP: new Float64Array(w * MAX_GROUP),
    span: new Int32Array(2),
  };
  for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) s.ground[r * w + c] = groundElevationM(ctx.terrain!, [s.lons[c]!, s.lats[r]!], "pixel");
  const ids = new Int32Array(ctx.cells.length);
  const count = tileCells(ctx, t, ids);
  const scratch = terrainTileScratch(ctx.cells, s);
  let groups = 0;
  for (let k = 0; k < count; groups++) k += terrainGroupOverTile(ctx.cells, ids, k, count, s, scratch);
  const out: PointResult = { bestDbm: 0, best: -1, secondDbm: 0, sinrDb: 0 };
  const sums = new Float64Array(nb);
  for (let r = 0; r < h; r++) {
    for (let c = 0; c < w; c++) {
      const j = r * w + c;
      evaluatePoint(ctx.cells, ids, count, s.lons[c]!, s.lats[r]!, s.ground[j]!, ctx.load, ctx.noiseMw, sums, out);
      expect(mwToDbm(s.bestMw[j]!)).toBe(out.bestDbm);
      expect(s.best[j]).toBe(out.best);
      expect(mwToDbm(s.secondMw[j]!)).toBe(out.secondDbm);
      for (let b = 0; b < nb; b++) expect(s.sums[j * nb + b]).toBe(sums[b]);
    }
  }
  return groups;
}

describe("terrain cells over a tile, a terrain group at a time", () => {
  const terrain = hills();

  it("equal the point path bit for bit: radial and exact, tables or not, effective height or not", () => {
    for (const terrainMethod of ["radial", "exact"] as const) {
      for (const tables of [true, false]) {
        for (const effectiveHeight of ["terrain", "mast"] as const) {
          const groups = compare({ technology: "4G", cellSizeM: 400, terrain, terrainMethod, tables, effectiveHeight });
          // A: (30 m, LTE800), (30 m, LTE1800), (18 m, LTE800) …: sectors at 30 m of one band share a group
          expect(groups).toBeGreaterThan(3);
        }
      }
    }
  });

  it("equal it with cells of one group that reach differently far, on a finer raster", () => {
    compare({ band: "LTE800", cellSizeM: 150, terrain, terrainMethod: "radial", cullMarginDb: 0 });
  });
});
