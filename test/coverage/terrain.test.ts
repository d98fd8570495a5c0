import { describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { signalAt } from "../../src/coverage/signal-at.js";
import { coverageStats } from "../../src/coverage/stats.js";
import { CellplanError } from "../../src/errors.js";
import { createSite } from "../../src/model/create.js";
import { loadScenario } from "../../src/node/scenario.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";
import { pixelCentre } from "../../src/raster/grid.js";
import type { Dem } from "../../src/terrain/dem.js";
import { terrainLoss } from "../../src/terrain/loss.js";
import { terrainProfile } from "../../src/terrain/profile.js";
import type { BBox, LonLat } from "../../src/units.js";

const CENTRE: LonLat = [76.95, 43.25];
const AREA: BBox = [76.93, 43.235, 76.97, 43.265];
const site = createSite({ id: "T", coordinates: CENTRE, technologies: ["4G"], overrides: { "4G": { bands: ["LTE1800"] } } });

function dem(height: (col: number, row: number) => number): Dem {
  const width = 200;
  const rows = 200;
  const heights = new Float32Array(width * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) heights[r * width + c] = height(c, r);
  return { originLon: 76.9, originLat: 43.3, stepLonDeg: 0.0005, stepLatDeg: 0.0005, width, height: rows, heights, nodata: NaN };
}

describe("coverage with terrain (exact path)", () => {
  it("on a flat DEM equals the no-terrain engine bit for bit (exact formulas), with either method", () => {
    const flat = dem(() => 700);
    const a = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 150, tables: false });
    for (const terrainMethod of ["radial", "exact"] as const) {
      const b = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 150, terrain: flat, terrainMethod, tables: false });
      expect(b.powerDbm).toEqual(a.powerDbm);
      expect(b.sinrDb).toEqual(a.sinrDb);
    }
  });

  it("with lookup tables stays within their 0.05 dB of the exact formulas", () => {
    const hills = dem((c, r) => 700 + 60 * Math.sin(c / 7) * Math.cos(r / 11));
    const three = createSite({ id: "H", coordinates: CENTRE, technologies: ["4G", "5G"] });
    for (const band of ["LTE1800", "NR3500"] as const) {
      const exact = computeCoverage([three], { area: AREA, band, cellSizeM: 100, terrain: hills, tables: false });
      const tabled = computeCoverage([three], { area: AREA, band, cellSizeM: 100, terrain: hills });
      let worst = 0;
      for (let i = 0; i < exact.powerDbm.length; i++) worst = Math.max(worst, Math.abs(exact.powerDbm[i]! - tabled.powerDbm[i]!));
      expect(worst).toBeGreaterThan(0);
      expect(worst).toBeLessThanOrEqual(0.05);
    }
  });

  it("behind a ridge, loses exactly the terrain loss of the path's profile", () => {
    // a 150 m ridge running north–south 1 km east of the site (column 120 ↔ lon 76.96)
    const ridge = dem((c) => (c === 120 ? 850 : 700));
    const flat = dem(() => 700);
    const behind: LonLat = [76.965, 43.2501];
    const withRidge = signalAt([site], behind, { band: "LTE1800", terrain: ridge, terrainMethod: "exact" }).servers[0]!;
    const without = signalAt([site], behind, { band: "LTE1800", terrain: flat, terrainMethod: "exact" }).servers.find((s) => s.sectorIndex === withRidge.sectorIndex)!;
    const profile = terrainProfile(ridge, CENTRE, behind);
    const expected = terrainLoss(profile, { freqMHz: 1842.5, txHeightM: 30, rxHeightM: 1.5 }).lossDb;
    expect(expected).toBeGreaterThan(10);
    expect(without.powerDbm - withRidge.powerDbm).toBeCloseTo(expected, 9);
  });

  it("raster and signalAt agree at pixel centres with terrain", () => {
    const hills = dem((c, r) => 700 + 40 * Math.sin(c / 9) * Math.cos(r / 13));
    for (const terrainMethod of ["radial", "exact"] as const) {
      const r = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 200, terrain: hills, terrainMethod });
      for (let i = 0; i < r.powerDbm.length; i += 7) {
        const s = signalAt([site], pixelCentre(r.grid, i), { band: "LTE1800", terrain: hills, terrainMethod, cellSizeM: 200 });
        expect(Math.fround(s.servers[0]!.powerDbm)).toBe(r.powerDbm[i]);
      }
    }
  });

  it("names the site, or the area, that falls outside the DEM", () => {
    const small = dem(() => 700);
    const far = createSite({ id: "FAR-1", coordinates: [77.5, 43.25], technologies: ["4G"] });
    expect(() => computeCoverage([far], { area: AREA, band: "LTE1800", cellSizeM: 200, terrain: small })).toThrow(/site "FAR-1"/);
    expect(() => computeCoverage([site], { area: [76.8, 43.2, 77.0, 43.3], band: "LTE1800", cellSizeM: 200, terrain: small })).toThrow(
      expect.objectContaining({ code: "OUT_OF_VALIDITY" }),
    );
    expect(() => computeCoverage([site], { area: [76.8, 43.2, 77.0, 43.3], band: "LTE1800", cellSizeM: 200, terrain: small })).toThrow(CellplanError);
  });
});

describe("Almaty with terrain (exact path, 500 m)", () => {
  it("loses coverage in mountainous Medeu while flat Turksib barely changes", () => {
    const s = loadScenario();
    const sites = provisionalPlacement(s);
    const opts = { area: s.boundary, band: "LTE800" as const, cellSizeM: 500 };
    const flat = coverageStats(computeCoverage(sites, opts), { thresholdDbm: -110, zones: s.districts });
    const hilly = coverageStats(computeCoverage(sites, { ...opts, terrain: s.terrain! }), { thresholdDbm: -110, zones: s.districts });
    const zone = (st: typeof flat, id: string) => st.zones.find((z) => z.id === id)!.areaPct;
    expect(zone(hilly, "medeu")).toBeLessThan(zone(flat, "medeu") - 5);
    expect(Math.abs(zone(hilly, "turksib") - zone(flat, "turksib"))).toBeLessThan(3);
  }, 120_000);
});

describe("terrain voids", () => {
  it("are reported by default and filled on request, the same way for raster and point", () => {
    const holed = dem(() => 700);
    (holed.heights as Float32Array)[100 * 200 + 110] = NaN;
    expect(() => computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 300, terrain: holed })).toThrow(
      expect.objectContaining({ code: "INVALID_DEM", message: expect.stringContaining("1 void samples") }),
    );
    expect(() => signalAt([site], CENTRE, { band: "LTE1800", terrain: holed })).toThrow(/terrainVoids/);
    const r = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 300, terrain: holed, terrainVoids: "fill" });
    const flat = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 300, terrain: dem(() => 700) });
    expect(r.powerDbm).toEqual(flat.powerDbm); // the void sat in flat ground: filled to 700 m
    expect(Number.isNaN((holed.heights as Float32Array)[100 * 200 + 110])).toBe(true); // the caller's DEM is untouched
  });
});
