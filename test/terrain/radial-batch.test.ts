import { describe, expect, it } from "vitest";
import { localFrame } from "../../src/geo/frame.js";
import { mulberry32 } from "../../src/math.js";
import { loadScenario } from "../../src/node/scenario.js";
import { sampleDem, type Dem } from "../../src/terrain/dem.js";
import { radialBatch, radialBatchLoss } from "../../src/terrain/radial-batch.js";
import { radialPlan } from "../../src/terrain/radial-sweep.js";
import { horizonOf, radialLossDb, radialMeanGroundM, radialOf } from "../../src/terrain/radial.js";
import { terrainPoints } from "../../src/terrain/term.js";

const LAMBDA = 299_792_458 / 806e6;
const RX = 1.5;

/**
 * `n` seeded points around `at` out to `rangeM` (some beyond the box the sweep stops at), as a
 * batch: offsets in the antenna's frame, ground from the DEM (NaN-free points only).
 */
function pointsAround(dem: Dem, at: [number, number], rangeM: number, n: number, seed: number) {
  const f = localFrame(at[1]);
  const rand = mulberry32(seed);
  const pts = terrainPoints(n);
  let k = 0;
  while (k < n) {
    const d = 20 + (rangeM - 20) * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    const dx = d * Math.sin(a);
    const dy = d * Math.cos(a);
    const lon = at[0] + dx / f.kx;
    const lat = at[1] + dy / f.ky;
    const g = sampleDem(dem, lon, lat);
    if (!Number.isFinite(g)) continue;
    pts.lon[k] = lon;
    pts.lat[k] = lat;
    pts.dx[k] = dx;
    pts.dy[k] = dy;
    pts.d[k] = Math.hypot(dx, dy);
    pts.ground[k] = g;
    k++;
  }
  pts.n = n;
  return pts;
}

describe("radial batch (the streaming form)", () => {
  const dem = loadScenario().terrain!;

  it("gives the stored sweep's loss and mean ground bit for bit, swept lazily or not", () => {
    const rand = mulberry32(11);
    let obstructed = 0;
    for (let site = 0; site < 6; site++) {
      const at: [number, number] = [76.8 + 0.3 * rand(), 43.15 + 0.2 * rand()];
      const groundM = sampleDem(dem, at[0], at[1]);
      // a box around the site that cuts the radials short on every side
      const box = [at[0] - 0.08, at[1] - 0.06, at[0] + 0.1, at[1] + 0.05] as const;
      for (const pixelM of [50, 400]) {
        const plan = radialPlan(dem, at, groundM + 30, 15_000, { pixelM, groundM, groundSums: true, bbox: box });
        const eager = horizonOf(plan);
        const lazy = horizonOf(plan, { lazy: true });
        const pts = pointsAround(dem, at, 15_000, 3000, site);
        const mean = new Float64Array(pts.n);
        radialBatchLoss(radialBatch(plan), pts, RX, LAMBDA, pts.out, mean);
        for (let i = 0; i < pts.n; i++) {
          const r = radialOf(eager, pts.dx[i]!, pts.dy[i]!);
          const loss = radialLossDb(eager, r, pts.d[i]!, pts.ground[i]! + RX, LAMBDA);
          expect(pts.out[i]).toBe(loss);
          expect(radialLossDb(lazy, r, pts.d[i]!, pts.ground[i]! + RX, LAMBDA)).toBe(loss);
          expect(mean[i]).toBe(radialMeanGroundM(eager, r, pts.d[i]!, pts.ground[i]! - groundM));
          if (loss > 0) obstructed++;
        }
      }
    }
    expect(obstructed).toBeGreaterThan(3000);
  });

  it("stops where the stored sweep stops: at a void, with the same numbers", () => {
    const width = 200;
    const heights = new Float32Array(width * width);
    for (let r = 0; r < width; r++) for (let c = 0; c < width; c++) heights[r * width + c] = 700 + 50 * Math.sin(c / 6) * Math.cos(r / 9);
    for (let r = 60; r < 70; r++) for (let c = 120; c < 130; c++) heights[r * width + c] = NaN; // north-east of the site
    const holed: Dem = { originLon: 76.9, originLat: 43.3, stepLonDeg: 0.0005, stepLatDeg: 0.0005, width, height: width, heights, nodata: NaN };
    const at: [number, number] = [76.95, 43.25];
    const plan = radialPlan(holed, at, 760, 4000, { pixelM: 50, groundM: 730, groundSums: true });
    const h = horizonOf(plan);
    const pts = pointsAround(holed, at, 4000, 4000, 3);
    const mean = new Float64Array(pts.n);
    radialBatchLoss(radialBatch(plan), pts, RX, LAMBDA, pts.out, mean);
    let stopped = 0;
    for (let i = 0; i < pts.n; i++) {
      const r = radialOf(h, pts.dx[i]!, pts.dy[i]!);
      if (h.lengths[r]! < plan.reach[r]!) stopped++;
      expect(pts.out[i]).toBe(radialLossDb(h, r, pts.d[i]!, pts.ground[i]! + RX, LAMBDA));
      expect(mean[i]).toBe(radialMeanGroundM(h, r, pts.d[i]!, pts.ground[i]! - 730));
    }
    expect(stopped).toBeGreaterThan(20); // points whose radial crosses the void
  });

  it("answers an empty batch and a batch without means", () => {
    const at: [number, number] = [76.92, 43.22];
    const plan = radialPlan(dem, at, 1000, 5000, { pixelM: 100 });
    const b = radialBatch(plan);
    const empty = terrainPoints(0);
    radialBatchLoss(b, empty, RX, LAMBDA, empty.out, null);
    const pts = pointsAround(dem, at, 5000, 500, 9);
    radialBatchLoss(b, pts, RX, LAMBDA, pts.out, null);
    const h = horizonOf(plan);
    for (let i = 0; i < pts.n; i++) expect(pts.out[i]).toBe(radialLossDb(h, radialOf(h, pts.dx[i]!, pts.dy[i]!), pts.d[i]!, pts.ground[i]! + RX, LAMBDA));
  });
});
