import { bench, describe } from "vitest";
import { computeCoverage } from "../src/coverage/compute.js";
import { loadScenario } from "../src/node/scenario.js";
import { provisionalPlacement } from "../src/rollout/placement.js";

/**
 * Terrain in the coverage engine, on the same raster (Almaty, the provisional LTE800 layer: 26
 * sites × 3 sectors whose 34 km cull radius covers the whole city): no terrain, the radial sweep,
 * and the exact per-pixel profile + Deygout path, with the defaults (Deygout over 3 distinct
 * obstacles, Hata effective antenna height). Compare the mean times: radial ÷ none (issue 5's
 * target ≤ 3×) and exact ÷ radial (target ≥ 20×).
 *
 * Two rasters, because the ratio depends on the pixel size and both regimes matter. At 400 m (the
 * planner's city overview, and the scale of the district check in test/coverage/terrain.test.ts)
 * the sweeps sample every half pixel and the no-terrain engine's fixed set-up (validation, tables,
 * mask) is a large part of its time. At 100 m the sweeps sample every 50 m along radials that are
 * one pixel apart only at the cull radius, so most pixels have a radial to themselves: about 11
 * samples and one Deygout query per pixel and site, against 3 table look-ups per pixel and site
 * without terrain — the radial path stays several times the no-terrain engine there (see the
 * "Cost" paragraph of src/terrain/radial.ts). The fast tile path needs the hook in
 * src/coverage/tiles.ts that src/coverage/tile-terrain.ts describes.
 */
const scenario = loadScenario();
const sites = provisionalPlacement(scenario);
const at400 = { area: scenario.boundary, band: "LTE800" as const, cellSizeM: 400 };
const at100 = { ...at400, cellSizeM: 100 };
const terrain = scenario.terrain!;
const cheap = { iterations: 10, warmupIterations: 3, time: 0 };
const heavy = { iterations: 3, warmupIterations: 1, time: 0 };

describe("terrain in the engine (Almaty, 400 m, LTE800)", () => {
  bench("no terrain", () => void computeCoverage(sites, at400), cheap);
  bench("radial sweep", () => void computeCoverage(sites, { ...at400, terrain, terrainMethod: "radial" }), cheap);
  bench("exact profiles + Deygout", () => void computeCoverage(sites, { ...at400, terrain, terrainMethod: "exact" }), { iterations: 1, warmupIterations: 0, time: 0 });
});

describe("terrain in the engine (Almaty, 100 m, LTE800)", () => {
  bench("no terrain", () => void computeCoverage(sites, at100), heavy);
  bench("radial sweep", () => void computeCoverage(sites, { ...at100, terrain, terrainMethod: "radial" }), heavy);
});
