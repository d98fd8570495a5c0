import { bench, describe } from "vitest";
import { computeCoverage } from "../src/coverage/compute.js";
import { polygonMask } from "../src/geo/scanline.js";
import { gridForBBox } from "../src/raster/grid.js";
import { flatten, straightforwardKernel, turfKernel, turfMask } from "./baselines.js";
import { almatyScene } from "./scene.js";

/**
 * The coverage hot path against its baselines on the seeded Almaty scene (64 sites × 3 LTE1800
 * sectors): every task evaluates the same pixel × sector pairs of a 50 m grid without culling (the
 * engine's set-up — validation, tables, mask — included, a few percent of its time at 50 m),
 * so the hz columns compare cost per evaluation (the Turf kernel on every 64th pixel: multiply its
 * time by 64). `bench/perf-report.ts` (also run by `npm run bench`) writes the README table.
 */
const { boundary, bbox, sites } = almatyScene(64);
const grid = gridForBBox(bbox, { cellSizeM: 50 });
const mask = polygonMask(grid, boundary);
const flat = flatten(sites, (bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2);
const opts = { iterations: 3, warmupIterations: 1, time: 0 };

describe("coverage kernel, per evaluation (50 m grid, no culling)", () => {
  bench("cellplan engine", () => void computeCoverage(sites, { area: boundary, band: "LTE1800", cellSizeM: 50, cullMarginDb: 1000 }), opts);
  bench("cellplan engine, JavaScript kernel", () => void computeCoverage(sites, { area: boundary, band: "LTE1800", cellSizeM: 50, cullMarginDb: 1000, kernel: "js" }), opts);
  bench("straightforward typed-array kernel", () => void straightforwardKernel(grid, mask, flat), opts);
  bench("Turf kernel on every 64th pixel (×64 to compare)", () => void turfKernel(grid, boundary, flat, 64), opts);
});

describe("coverage on the city at 50 m (culled)", () => {
  bench("cellplan engine", () => void computeCoverage(sites, { area: boundary, band: "LTE1800", cellSizeM: 50 }), { iterations: 3, warmupIterations: 1, time: 0 });
});

describe("polygon mask of the city at 25 m", () => {
  const fine = gridForBBox(bbox, { cellSizeM: 25 });
  bench("scanline", () => void polygonMask(fine, boundary), { iterations: 10, time: 0 });
  bench("booleanPointInPolygon on every 200th pixel (×200 to compare)", () => void turfMask(fine, boundary, 200), { iterations: 3, time: 0 });
});
