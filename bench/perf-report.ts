/**
 * Measures the coverage hot paths against their baselines in one run and writes the README's
 * performance table (between <!-- perf:start --> and <!-- perf:end -->). Run by `npm run bench`.
 * Seeded scene; ratios matter, absolute times depend on the machine.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { computeCoverage } from "../src/coverage/compute.js";
import { polygonMask } from "../src/geo/scanline.js";
import { gridForBBox } from "../src/raster/grid.js";
import { flatten, straightforwardKernel, turfKernel, turfMask } from "./baselines.js";
import { almatyScene } from "./scene.js";
import { loadScenario } from "../src/node/scenario.js";
import { provisionalPlacement } from "../src/rollout/placement.js";
import { radialAccuracy } from "./terrain-accuracy.js";

const { boundary, bbox, sites } = almatyScene(64);
const band = "LTE1800" as const;

/** Mean time of `repeat` runs after one warm-up (`repeat` 0: the single run itself). */
function time<T>(fn: () => T, repeat = 1): { ms: number; value: T } {
  let t = performance.now();
  let value = fn();
  if (repeat === 0) return { ms: performance.now() - t, value };
  t = performance.now();
  for (let i = 0; i < repeat; i++) value = fn();
  return { ms: (performance.now() - t) / repeat, value };
}
const count = (m: Uint8Array) => m.reduce((s, v) => s + v, 0);

// 1. The engine on the city at 25 m with culling: what a planner runs.
const full = time(() => computeCoverage(sites, { area: boundary, band, cellSizeM: 25 }));
const cells = full.value.cells.length;
const masked = count(full.value.mask);
const engineRate = (masked * cells) / (full.ms / 1000);

// 2. Per evaluation, no culling, on a 50 m grid (large enough that the engine's fixed set-up —
//    validation, tables, mask — is a few percent of its time).
const coarse = gridForBBox(bbox, { cellSizeM: 50 });
const coarseMask = polygonMask(coarse, boundary);
const coarseEvals = count(coarseMask) * cells;
const engineNoCull = time(() => computeCoverage(sites, { area: boundary, band, cellSizeM: 50, cullMarginDb: 1000 }));
const engineNs = (engineNoCull.ms * 1e6) / coarseEvals;
const engineJs = time(() => computeCoverage(sites, { area: boundary, band, cellSizeM: 50, cullMarginDb: 1000, kernel: "js" }));
const engineJsNs = (engineJs.ms * 1e6) / coarseEvals;
const flat = flatten(sites, (bbox[1] + bbox[3]) / 2, (bbox[0] + bbox[2]) / 2);
const straight = time(() => straightforwardKernel(coarse, coarseMask, flat));
const straightNs = (straight.ms * 1e6) / straight.value.evaluations;
const TURF_STEP = 89;
const turf = time(() => turfKernel(coarse, boundary, flat, TURF_STEP));
const turfNs = (turf.ms * 1e6) / turf.value.evaluations;

// 3. The polygon mask at 25 m: scanline vs booleanPointInPolygon (subsampled, extrapolated).
const fine = full.value.grid;
const scan = time(() => polygonMask(fine, boundary), 5);
const PIP_STEP = 97;
const pip = time(() => turfMask(fine, boundary, PIP_STEP));
const scanNsPerPixel = (scan.ms * 1e6) / (fine.width * fine.height);
const pipNsPerPixel = (pip.ms * 1e6) / pip.value.tested;

// 4. Worker threads: 2 threads (the caller and one worker) vs one thread on a heavier run (12.5 m),
//    from the built package as users run it (`npm run bench` builds first): a worker started on
//    TypeScript sources would spend its time in the transpiler. One thread: the mean of three runs
//    after a warm-up. The first parallel call starts the pool's worker (module loading, cold JIT);
//    later calls reuse it, as in any process that computes more than one raster. Each call
//    allocates its own result layers.
const heavy = { area: boundary, band, cellSizeM: 12.5 } as const;
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
const { computeCoverageParallel, closeCoverageWorkers } = (await import(dist("node.js"))) as typeof import("../src/node/index.js");
const built = (await import(dist("index.js"))) as typeof import("../src/coverage/compute.js");
// Three runs each way, alternated after the warm-ups (the host's noise falls on both alike).
const REPEAT = 3;
built.computeCoverage(sites, heavy); // warm-up
const elapsedMs = async (fn: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};
await closeCoverageWorkers(); // no worker yet: the first call below starts it
const coldMs = await elapsedMs(() => computeCoverageParallel(sites, { ...heavy, workers: 2 }));
let oneMs = 0;
let warmMs = 0;
for (let i = 0; i < REPEAT; i++) {
  oneMs += (await elapsedMs(async () => built.computeCoverage(sites, heavy))) / REPEAT;
  warmMs += (await elapsedMs(() => computeCoverageParallel(sites, { ...heavy, workers: 2 }))) / REPEAT;
}
const oneThread = { ms: oneMs };
await closeCoverageWorkers();

// 5. Terrain on the same raster (Almaty, provisional LTE800 layer) at 400 m and at 100 m: none,
//    radial, and exact at 400 m; and the radial path's distance from the exact 3-edge Deygout path
//    over seeded sample paths. Both rasters, as bench/terrain.bench.ts explains: the radial path's
//    cost per pixel grows as the pixels shrink.
const scenarioT = loadScenario();
const sitesT = provisionalPlacement(scenarioT);
const baseT = { area: scenarioT.boundary, band: "LTE800" as const, cellSizeM: 400 };
const withTerrain = { terrain: scenarioT.terrain!, terrainMethod: "radial" as const };
const noTerrain = time(() => computeCoverage(sitesT, baseT), 5);
const radialT = time(() => computeCoverage(sitesT, { ...baseT, ...withTerrain }), 5);
const exactT = time(() => computeCoverage(sitesT, { ...baseT, terrain: scenarioT.terrain!, terrainMethod: "exact" }), 0);
const fineT = { ...baseT, cellSizeM: 100 };
const noTerrainFine = time(() => computeCoverage(sitesT, fineT), 3);
const radialFine = time(() => computeCoverage(sitesT, { ...fineT, ...withTerrain }), 2);
const accuracy = radialAccuracy(scenarioT, sitesT, 2000);
// the same paths with the sweep the coarser benchmark rasters use (its spacing and step follow the pixel)
const accuracyFine = radialAccuracy(scenarioT, sitesT, 2000, 100);
const accuracyCoarse = radialAccuracy(scenarioT, sitesT, 2000, 400);
// and out to the cull radius (34 km), where radials are up to a pixel apart
const accuracyFar = radialAccuracy(scenarioT, sitesT, 4000, 50, Infinity);

const fmt = (x: number, d = 1) => x.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d });
const rows = [
  ["Engine, Almaty at 25 m, 64 sites × 3 LTE1800 sectors (culled)", `${fmt(full.ms / 1000, 2)} s; ${fmt(engineRate / 1e6, 0)} M pixel×cells/s`, "–"],
  ["Engine per evaluation, no culling (50 m grid, set-up included)", `${fmt(engineNs, 1)} ns`, "1×"],
  ["Engine per evaluation, its JavaScript kernel (`kernel: \"js\"`, the same bits), same grid", `${fmt(engineJsNs, 1)} ns`, `WebAssembly ${fmt(engineJsNs / engineNs, 1)}× faster`],
  ["Straightforward typed-array kernel (Math.log10, Math.atan2 per evaluation)", `${fmt(straightNs, 1)} ns`, `engine ${fmt(straightNs / engineNs, 1)}× faster`],
  [`Turf kernel (booleanPointInPolygon mask, turf.distance + turf.bearing), every ${TURF_STEP}th pixel, extrapolated`, `${fmt(turfNs, 1)} ns`, `engine ${fmt(turfNs / engineNs, 0)}× faster`],
  ["Scanline polygon mask, 25 m", `${fmt(scanNsPerPixel, 2)} ns/pixel`, "1×"],
  [`booleanPointInPolygon per pixel, every ${PIP_STEP}th pixel, extrapolated`, `${fmt(pipNsPerPixel, 0)} ns/pixel`, `scanline ${fmt(pipNsPerPixel / scanNsPerPixel, 0)}× faster`],
  ["computeCoverage, one thread, Almaty at 12.5 m (built package), mean of 3 runs", `${fmt(oneThread.ms / 1000, 2)} s`, "1×"],
  ["computeCoverageParallel, 2 threads (caller + 1 worker), same run, first call (starts the worker)", `${fmt(coldMs / 1000, 2)} s`, `${fmt(oneThread.ms / coldMs, 2)}× faster`],
  ["computeCoverageParallel, 2 threads, same run, pool warm (its worker reused), mean of 3 calls alternating with the one-thread runs", `${fmt(warmMs / 1000, 2)} s`, `${fmt(oneThread.ms / warmMs, 2)}× faster`],
  ["No terrain, Almaty at 400 m, LTE800", `${fmt(noTerrain.ms, 0)} ms`, "1×"],
  ["Terrain, radial sweep, same raster", `${fmt(radialT.ms, 0)} ms`, `${fmt(radialT.ms / noTerrain.ms, 1)}× no terrain`],
  ["Terrain, exact profiles + Deygout, same raster", `${fmt(exactT.ms, 0)} ms`, `radial ${fmt(exactT.ms / radialT.ms, 0)}× faster`],
  ["No terrain, Almaty at 100 m, LTE800", `${fmt(noTerrainFine.ms, 0)} ms`, "1×"],
  ["Terrain, radial sweep, same raster", `${fmt(radialFine.ms, 0)} ms`, `${fmt(radialFine.ms / noTerrainFine.ms, 1)}× no terrain`],
  [`Radial vs exact path (Deygout, 3 distinct edges), ${accuracy.n} seeded Almaty paths within 8 km, 50 m raster`, `mean ${fmt(accuracy.mean, 2)} dB, p95 ${fmt(accuracy.p95, 2)} dB`, "–"],
  [`Radial vs exact path, ${accuracyFar.n} seeded paths out to the cull radius (34 km), 50 m raster`, `mean ${fmt(accuracyFar.mean, 2)} dB, p95 ${fmt(accuracyFar.p95, 2)} dB`, "–"],
  ["The 8 km paths, radials swept for a 100 m raster", `mean ${fmt(accuracyFine.mean, 2)} dB, p95 ${fmt(accuracyFine.p95, 2)} dB`, "–"],
  ["The 8 km paths, radials swept for a 400 m raster", `mean ${fmt(accuracyCoarse.mean, 2)} dB, p95 ${fmt(accuracyCoarse.p95, 2)} dB`, "–"],
];
const table = [
  `Measured by \`npm run bench\` (bench/perf-report.ts) on ${availableParallelism()} cores, Node ${process.version}; seeded scene of ${masked.toLocaleString("en-GB")} pixels × ${cells} cells.`,
  "",
  "| path | cost | ratio |",
  "|---|---|---|",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
].join("\n");
console.log(table);

const readme = fileURLToPath(new URL("../README.md", import.meta.url));
const text = readFileSync(readme, "utf8");
const re = /(<!-- perf:start -->\n)[\s\S]*?(<!-- perf:end -->)/;
if (re.test(text)) writeFileSync(readme, text.replace(re, `$1${table}\n$2`));
