import { describe, expect, it } from "vitest";
import { computeCoverage, type CoverageRaster } from "../../src/coverage/compute.js";
import { coverageContours } from "../../src/coverage/contours.js";
import { bestServerAreas } from "../../src/coverage/best-server-areas.js";
import { expectValidMultiPolygons } from "../fixtures/rfc7946.js";
import { coverageStats } from "../../src/coverage/stats.js";
import { loadScenario } from "../../src/node/scenario.js";
import { RADIO_DEFAULTS } from "../../src/radio/defaults.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";
import { TECHNOLOGIES } from "../../src/model/bands.js";

const scenario = loadScenario();
const sites = provisionalPlacement(scenario);

describe("Almaty: coverage of the provisional programme by district and technology", () => {
  const rasters: Record<string, CoverageRaster> = {};
  const stats = Object.fromEntries(
    TECHNOLOGIES.map((tech) => {
      const raster = computeCoverage(sites, { area: scenario.boundary, technology: tech, cellSizeM: 200 });
      rasters[tech] = raster;
      return [tech, coverageStats(raster, { thresholdDbm: RADIO_DEFAULTS[tech].thresholds.outdoorDbm, zones: scenario.districts, population: scenario.population, sigmaDb: 8 })];
    }),
  );

  it("draws contours and best-server areas that validate as RFC 7946 GeoJSON", () => {
    for (const tech of TECHNOLOGIES) {
      const r = rasters[tech]!;
      const t = RADIO_DEFAULTS[tech].thresholds;
      const bands = coverageContours(r, [t.outdoorDbm, t.inCarDbm, t.indoorDbm]);
      expectValidMultiPolygons(bands, r.grid);
      const cumulative = coverageContours(r, [t.outdoorDbm], { cumulative: true });
      expectValidMultiPolygons(cumulative, r.grid);
      // the outdoor contour's area is the covered area, to the pixel-edge tolerance of marching squares
      if (stats[tech]!.areaKm2 > 5) expect(Math.abs(cumulative.features[0]!.properties.areaKm2 / stats[tech]!.areaKm2 - 1)).toBeLessThan(0.05);
      expectValidMultiPolygons(bestServerAreas(r), r.grid);
    }
  });

  it("reports all 8 districts for every technology, with shares in [0, 100]", () => {
    for (const tech of TECHNOLOGIES) {
      const s = stats[tech]!;
      expect(s.zones.map((z) => z.id).sort()).toEqual(["alatau", "almaly", "auezov", "bostandyk", "medeu", "nauryzbay", "turksib", "zhetysu"]);
      for (const z of s.zones) {
        expect(z.areaPct).toBeGreaterThanOrEqual(0);
        expect(z.areaPct).toBeLessThanOrEqual(100);
        expect(z.populationPct).toBeLessThanOrEqual(100);
      }
      // the zones tile the city up to the unassigned slivers
      expect(s.zones.reduce((t, z) => t + z.totalAreaKm2, 0) / s.totalAreaKm2).toBeGreaterThan(0.99);
      expect(Math.abs(s.totalAreaKm2 / 703.3 - 1)).toBeLessThan(0.005); // 200 m pixels against the ellipsoidal area
    }
  });

  it("counts the city's people once, and the covered people by technology", () => {
    for (const tech of TECHNOLOGIES) {
      const s = stats[tech]!;
      expect(s.totalPopulation / 2_165_759).toBeGreaterThan(0.98); // hexes straddling the boundary lose their outside part
      expect(s.population).toBeLessThanOrEqual(s.totalPopulation);
      expect(s.expectedPopulation!).toBeGreaterThan(0);
    }
    // 37 macro GSM sites reach most people; a 7-site 5G pilot cluster only its neighbourhood
    expect(stats["2G"]!.populationPct).toBeGreaterThan(stats["5G"]!.populationPct);
    expect(stats["5G"]!.populationPct).toBeLessThan(20);
    // the mountains of Medeu are the least covered district for every technology with a city layer
    for (const tech of ["2G", "3G", "4G"] as const) {
      const zones = stats[tech]!.zones;
      const medeu = zones.find((z) => z.id === "medeu")!;
      expect(medeu.areaPct).toBe(Math.min(...zones.map((z) => z.areaPct)));
    }
  });
});
