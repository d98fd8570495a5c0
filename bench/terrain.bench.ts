import { bench, describe } from "vitest";
import { computeCoverage } from "../src/coverage/compute.js";
import { loadScenario } from "../src/node/scenario.js";
import { provisionalPlacement } from "../src/rollout/placement.js";

/**
 * Terrain in the coverage engine, on the same raster (Almaty, the provisional LTE800 layer): no
 * terrain, the radial sweep, and the exact per-pixel profile + Deygout path, with the defaults
 * (Deygout over 3 distinct obstacles, Hata effective antenna height). Compare the mean times:
 * radial ÷ none (issue target ≤ 3×) and exact ÷ radial (target ≥ 20×). At 100 m the sweeps sample
 * every half DEM spacing (at 400 m every half pixel), so the finer raster shows the other regime.
 */
const scenario = loadScenario();
const sites = provisionalPlacement(scenario);
const at400 = { area: scenario.boundary, band: "LTE800" as const, cellSizeM: 400 };
const at100 = { ...at400, cellSizeM: 100 };
const terrain = scenario.terrain!;
const once = { iterations: 2, warmupIterations: 1, time: 0 };

describe("terrain in the engine (Almaty, 400 m, LTE800)", () => {
  bench("no terrain", () => void computeCoverage(sites, at400), once);
  bench("radial sweep", () => void computeCoverage(sites, { ...at400, terrain, terrainMethod: "radial" }), once);
  bench("exact profiles + Deygout", () => void computeCoverage(sites, { ...at400, terrain, terrainMethod: "exact" }), { iterations: 1, warmupIterations: 0, time: 0 });
});

describe("terrain in the engine (Almaty, 100 m, LTE800)", () => {
  bench("no terrain", () => void computeCoverage(sites, at100), once);
  bench("radial sweep", () => void computeCoverage(sites, { ...at100, terrain, terrainMethod: "radial" }), once);
});
