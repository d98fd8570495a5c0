import { describe, expect, it } from "vitest";
import { radialAccuracy } from "../../bench/terrain-accuracy.js";
import { localFrame } from "../../src/geo/frame.js";
import { mulberry32 } from "../../src/math.js";
import { loadScenario } from "../../src/node/scenario.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";
import { sampleDem, type Dem } from "../../src/terrain/dem.js";
import { terrainLoss } from "../../src/terrain/loss.js";
import { buildHorizon, horizonLossDb, radialLossDb, radialMeanGroundM } from "../../src/terrain/radial.js";
import { expectProblem } from "../fixtures/errors.js";

const LAMBDA = 299_792_458 / 806e6;
const OPTIONS = { wavelengthM: LAMBDA, txHeightM: 30, rxHeightM: 1.5 };

/**
 * The exact path (`terrainLoss`, the engine's "exact" mode) over the radial's own samples toward a
 * point on radial r at distance d: the samples the radial path reads (k·step, k ≤ d/step − ½) and
 * the receiver.
 */
function exactOnRadial(dem: Dem, at: [number, number], h: ReturnType<typeof buildHorizon>, r: number, d: number) {
  const f = localFrame(at[1]);
  const theta = r * h.dTheta;
  const point = (s: number): [number, number] => [at[0] + (s * Math.sin(theta)) / f.kx, at[1] + (s * Math.cos(theta)) / f.ky];
  const xs = [0];
  const zs = [sampleDem(dem, at[0], at[1])];
  for (let k = 1; k <= Math.floor(d / h.stepM - 0.5); k++) {
    xs.push(k * h.stepM);
    zs.push(sampleDem(dem, ...point(k * h.stepM)));
  }
  xs.push(d);
  zs.push(sampleDem(dem, ...point(d)));
  return { loss: terrainLoss({ distancesM: Float64Array.from(xs), elevationsM: Float64Array.from(zs) }, OPTIONS).lossDb, ground: zs[zs.length - 1]! };
}

describe("radial terrain sweep", () => {
  const s = loadScenario();
  const dem = s.terrain!;

  it("on its own samples is the exact path (Deygout, 3 distinct obstacles) in 99 % of Almaty queries", () => {
    // Differences come only from samples that are not hull vertices (src/terrain/radial.ts, (3)).
    const rand = mulberry32(7);
    let n = 0;
    let same = 0;
    for (let site = 0; site < 12; site++) {
      const at: [number, number] = [76.75 + 0.4 * rand(), 43.1 + 0.25 * rand()];
      const h = buildHorizon(dem, at, sampleDem(dem, at[0], at[1]) + 30, 12_000, { pixelM: 100 });
      for (let q = 0; q < 200; q++) {
        const r = Math.floor(rand() * h.radials);
        const k = 3 + Math.floor(rand() * (h.lengths[r]! - 4));
        const d = (k + 0.5 + 0.9 * rand()) * h.stepM;
        const exact = exactOnRadial(dem, at, h, r, d);
        const fast = radialLossDb(h, r, d, exact.ground + 1.5, LAMBDA);
        n++;
        if (Math.abs(fast - exact.loss) < 1e-3) same++;
      }
    }
    expect(n).toBe(2400);
    expect(same / n).toBeGreaterThan(0.98); // measured: 2369 of 2400
  });

  it("is 0 on a flat DEM at any distance within the radio horizon", () => {
    const flat: Dem = { originLon: 76.9, originLat: 43.3, stepLonDeg: 0.0005, stepLatDeg: 0.0005, width: 200, height: 200, heights: new Float32Array(40_000).fill(700), nodata: NaN };
    const h = buildHorizon(flat, [76.95, 43.25], 730, 4000, { pixelM: 50 });
    for (let i = 0; i < 200; i++) {
      const a = (2 * Math.PI * i) / 200;
      const d = 40 + 19.7 * i;
      expect(horizonLossDb(h, d * Math.sin(a), d * Math.cos(a), d, 701.5, LAMBDA)).toBe(0);
    }
  });

  it("keeps the mean ground of each step's effective-height range", () => {
    // ground rising 1 m per 100 m northward: along the north radial the mean over [0.2·s, s] is
    // the ground at 0.6·s; the site's ground is 700 m
    const width = 200;
    const heights = new Float32Array(width * width);
    for (let row = 0; row < width; row++) heights.fill(700 + (100 - row) * 0.5, row * width, (row + 1) * width);
    const slope: Dem = { originLon: 76.9, originLat: 43.3, stepLonDeg: 0.0005, stepLatDeg: 0.0005, width, height: width, heights, nodata: NaN };
    const at: [number, number] = [76.95, 43.25];
    const h = buildHorizon(slope, at, 730, 4000, { pixelM: 50, groundSums: true, groundM: 700 });
    const perM = 0.5 / (0.0005 * localFrame(at[1]).ky); // rise per metre northward
    for (const d of [1000, 2000, 3000]) {
      const k = Math.floor(d / h.stepM);
      const steps = Array.from({ length: k - Math.ceil(0.2 * k) + 1 }, (_, i) => (Math.ceil(0.2 * k) + i) * h.stepM);
      const expected = steps.reduce((t, x) => t + x * perM, 0) / steps.length;
      expect(radialMeanGroundM(h, 0, d, NaN)).toBeCloseTo(expected, 3);
    }
    expect(radialMeanGroundM(h, 0, 10, -1)).toBe(-1); // no step in range: the fallback
    expect(radialMeanGroundM(buildHorizon(slope, at, 730, 4000, { pixelM: 50 }), 0, 2000, -2)).toBe(-2); // sweep without means
  });

  it("refuses bad parameters", () => {
    expectProblem(() => buildHorizon(dem, [76.9, 43.2], 900, 5000, { pixelM: 0 }), "INVALID_VALUE", "pixelM");
    expectProblem(() => buildHorizon(dem, [76.9, 43.2], 900, -1, { pixelM: 50 }), "INVALID_VALUE", "rangeM");
    expectProblem(() => buildHorizon(dem, [76.9, 43.2], Number.NaN, 5000, { pixelM: 50 }), "NOT_FINITE", "zTx");
    expectProblem(() => buildHorizon(dem, [76.9, 43.2], 900, 50_000, { pixelM: 1, maxSamples: 1000 }), "LIMIT_EXCEEDED", "samples");
  });
});

/**
 * The fast radial path against the exact profile path over Almaty (acceptance 2): 10,400 seeded
 * receivers within 8 km of the provisional LTE800 sites, each site's sweep built as the engine
 * builds it for a 50 m raster (bench/terrain-accuracy.ts, shared with the perf report). The exact
 * path is the engine's "exact" mode: `terrainLoss` (Deygout, 3 distinct obstacles) over a profile
 * at `TERRAIN_LOSS_DEFAULTS.stepShare` of the DEM spacing along the receiver's own bearing.
 */
describe("radial terrain sweep vs the exact profile path (Almaty, 50 m raster)", () => {
  const s = loadScenario();
  const a = radialAccuracy(s, provisionalPlacement(s), 10_400, 50);

  it("covers at least 10,000 paths, a fair share of them obstructed", () => {
    expect(a.n).toBeGreaterThanOrEqual(10_000);
    expect(a.blocked / a.n).toBeGreaterThan(0.3);
  });

  // Both paths count an edge only from v > 0, where J(v) starts at 6 dB: an edge that grazes the
  // line in one sampling and not in the other differs by 6 dB, and such paths are the tail. The
  // exact path moves about as much when its own spacing is halved (logged for scale). Measured:
  // mean 0.42 dB, p95 1.80 dB, 4.4 % of paths beyond 3 dB — p95 sits just inside the 6 dB jump.
  it("stays within mean 0.5 dB and p95 3 dB of the exact 3-edge Deygout path", () => {
    const f = (x: { mean: number; p95: number; over3: number }) => `mean ${x.mean.toFixed(2)} dB, p95 ${x.p95.toFixed(2)} dB, ${(100 * x.over3).toFixed(1)} % beyond 3 dB`;
    console.info(`radial vs exact over ${a.n} Almaty paths (${a.blocked} obstructed): ${f(a)}, max ${a.max.toFixed(1)} dB; exact vs itself at half its spacing: ${f(a.exactHalfStep)}`);
    expect(a.mean).toBeLessThanOrEqual(0.5);
    expect(a.p95).toBeLessThanOrEqual(3);
    expect(a.over3).toBeLessThanOrEqual(0.05);
  });

  // Radials are one unit (pixel, or DEM spacing) apart at the cull radius and closer in proportion
  // nearer the mast, so a receiver is up to half a unit beside its radial far out and the error
  // grows with distance: over the whole 34 km radius (most of it 8–34 km out, where other sites
  // serve), 2,457 paths: measured mean 1.38 dB, p95 7.5 dB, 12 % beyond 3 dB — the exact path moves
  // mean 0.45 / p95 2.3 dB there when its own spacing is halved. The bounds guard that figure;
  // src/terrain/radial.ts discusses it.
  it("is reported over the whole cull radius, where the radials are up to a pixel apart", () => {
    const far = radialAccuracy(s, provisionalPlacement(s), 4000, 50, Infinity);
    console.info(`radial vs exact out to the cull radius over ${far.n} paths (${far.blocked} obstructed): mean ${far.mean.toFixed(2)} dB, p95 ${far.p95.toFixed(2)} dB, ${(100 * far.over3).toFixed(1)} % beyond 3 dB; exact vs itself at half its spacing: mean ${far.exactHalfStep.mean.toFixed(2)} dB, p95 ${far.exactHalfStep.p95.toFixed(2)} dB`);
    expect(far.n).toBeGreaterThan(2000);
    expect(far.mean).toBeLessThanOrEqual(2);
    expect(far.p95).toBeLessThanOrEqual(10);
  });
});
