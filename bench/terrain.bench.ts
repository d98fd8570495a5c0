import { bench, describe } from "vitest";
import { computeCoverage } from "../src/coverage/compute.js";
import { loadScenario } from "../src/node/scenario.js";
import { provisionalPlacement } from "../src/rollout/placement.js";

/**
 * Terrain in the coverage engine, on the same raster (Almaty, 400 m, the provisional LTE800
 * layer): no terrain, the radial sweep, and the exact per-pixel profile + Deygout path. Compare
 * the mean times: radial ÷ none (issue target ≤ 3×) and exact ÷ radial (target ≥ 20×).
 */
const scenario = loadScenario();
const sites = provisionalPlacement(scenario);
const base = { area: scenario.boundary, band: "LTE800" as const, cellSizeM: 400 };
const once = { iterations: 2, warmupIterations: 1, time: 0 };

describe("terrain in the engine (Almaty, 400 m, LTE800)", () => {
  bench("no terrain", () => void computeCoverage(sites, base), once);
  bench("radial sweep", () => void computeCoverage(sites, { ...base, terrain: scenario.terrain!, terrainMethod: "radial" }), once);
  bench("exact profiles + Deygout", () => void computeCoverage(sites, { ...base, terrain: scenario.terrain!, terrainMethod: "exact" }), { iterations: 1, warmupIterations: 0, time: 0 });
});
