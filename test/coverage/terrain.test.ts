import { describe, expect, it } from "vitest";
import { computeCoverage, type CoverageOptions } from "../../src/coverage/compute.js";
import { signalAt } from "../../src/coverage/signal-at.js";
import { coverageStats } from "../../src/coverage/stats.js";
import { CellplanError } from "../../src/errors.js";
import { localFrame } from "../../src/geo/frame.js";
import { createSite } from "../../src/model/create.js";
import { loadScenario } from "../../src/node/scenario.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";
import { pixelCentre } from "../../src/raster/grid.js";
import type { Dem } from "../../src/terrain/dem.js";
import { TERRAIN_LOSS_DEFAULTS, terrainLoss } from "../../src/terrain/loss.js";
import { demSpacingM, terrainProfile } from "../../src/terrain/profile.js";
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
    const o = { band: "LTE1800", terrainMethod: "exact", effectiveHeight: "mast" } as const;
    const withRidge = signalAt([site], behind, { ...o, terrain: ridge }).servers[0]!;
    const without = signalAt([site], behind, { ...o, terrain: flat }).servers.find((s) => s.sectorIndex === withRidge.sectorIndex)!;
    // the engine's profiles: TERRAIN_LOSS_DEFAULTS.stepShare of the DEM spacing
    const profile = terrainProfile(ridge, CENTRE, behind, { stepM: demSpacingM(ridge, (CENTRE[1] + behind[1]) / 2) * TERRAIN_LOSS_DEFAULTS.stepShare });
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

describe("effective antenna height (Hata family)", () => {
  // flat 700 m ground with a 760 m plateau ±0.002° around the site (about ±160 m east–west, ±220 m
  // north–south, then one DEM cell of slope)
  const plateau = dem((c, r) => (Math.abs(c - 100) <= 4 && Math.abs(r - 100) <= 4 ? 760 : 700));
  const east = (m: number): LonLat => [CENTRE[0] + m / localFrame(CENTRE[1]).kx, CENTRE[1]];
  const lte800 = createSite({ id: "P", coordinates: CENTRE, technologies: ["4G"], overrides: { "4G": { bands: ["LTE800"] } } });

  it("a site on a plateau loses less: h_eff = 760 + 30 − 700 = 90 m, −8.0849 dB at 3 km by hand", () => {
    // Okumura-Hata: ΔL = −(13.82 + 6.55·log10 3)·log10(90/30) = −8.084889 dB; the mean ground over
    // 0.6–3 km is the plain's 700 m, and the path clears the plateau's edge (line at 784 m there)
    for (const terrainMethod of ["exact", "radial"] as const) {
      const o = { band: "LTE800", terrain: plateau, terrainMethod, tables: false, cellSizeM: 100 } as const;
      const raised = signalAt([lte800], east(3000), o).servers[0]!;
      const mast = signalAt([lte800], east(3000), { ...o, effectiveHeight: "mast" }).servers.find((s) => s.sectorIndex === raised.sectorIndex)!;
      expect(raised.powerDbm - mast.powerDbm).toBeCloseTo(8.084889, 5);
    }
  });

  it("never lowers the antenna below its mast, and leaves TR 38.901 models alone", () => {
    const valley = dem((c, r) => (Math.abs(c - 100) <= 4 && Math.abs(r - 100) <= 4 ? 640 : 700)); // the site 60 m down
    const nr = createSite({ id: "N", coordinates: CENTRE, technologies: ["5G"] });
    for (const terrainMethod of ["exact", "radial"] as const) {
      const o = { terrain: valley, terrainMethod, cellSizeM: 100 } as const;
      const low = signalAt([lte800], east(3000), { ...o, band: "LTE800" }).servers;
      expect(signalAt([lte800], east(3000), { ...o, band: "LTE800", effectiveHeight: "mast" }).servers).toEqual(low);
      const uma = signalAt([nr], east(800), { ...o, band: "NR3500" }).servers;
      expect(signalAt([nr], east(800), { ...o, band: "NR3500", effectiveHeight: "mast" }).servers).toEqual(uma);
    }
  });

  it("refuses unknown options", () => {
    const hills = dem(() => 700);
    expect(() => computeCoverage([site], { area: AREA, band: "LTE1800", terrain: hills, effectiveHeight: "average" as "mast" })).toThrow(
      expect.objectContaining({ code: "INVALID_VALUE", message: expect.stringContaining("effectiveHeight") }),
    );
    expect(() => signalAt([site], CENTRE, { band: "LTE1800", terrain: hills, terrainMethod: "fast" as "exact" })).toThrow(
      expect.objectContaining({ code: "INVALID_VALUE", message: expect.stringContaining("terrainMethod") }),
    );
  });
});

describe("Almaty with terrain (exact path, 500 m)", () => {
  it("loses coverage in mountainous Medeu and Bostandyk; flat Turksib barely changes by diffraction, and only gains by height", () => {
    const s = loadScenario();
    const sites = provisionalPlacement(s);
    const opts = { area: s.boundary, band: "LTE800" as const, cellSizeM: 500 };
    const stats = (o: Partial<CoverageOptions>) => coverageStats(computeCoverage(sites, { ...opts, ...o }), { thresholdDbm: -110, zones: s.districts });
    const flat = stats({});
    const diffraction = stats({ terrain: s.terrain!, effectiveHeight: "mast" });
    const terrain = stats({ terrain: s.terrain! });
    const zone = (st: typeof flat, id: string) => st.zones.find((z) => z.id === id)!.areaPct;
    const table = flat.zones.map((z) => `${z.id} ${z.areaPct.toFixed(1)} → ${zone(diffraction, z.id).toFixed(1)} → ${zone(terrain, z.id).toFixed(1)}`);
    console.info(`area covered ≥ −110 dBm, flat → diffraction only → diffraction + effective height: ${table.join("; ")}; city ${flat.areaPct.toFixed(1)} → ${diffraction.areaPct.toFixed(1)} → ${terrain.areaPct.toFixed(1)}`);
    for (const st of [diffraction, terrain]) {
      expect(zone(st, "medeu")).toBeLessThan(zone(flat, "medeu") - 4);
      expect(zone(st, "bostandyk")).toBeLessThan(zone(flat, "bostandyk") - 10);
    }
    expect(Math.abs(zone(diffraction, "turksib") - zone(flat, "turksib"))).toBeLessThan(3);
    // the effective height only ever raises an antenna: no district loses by it
    for (const z of flat.zones) expect(zone(terrain, z.id)).toBeGreaterThanOrEqual(zone(diffraction, z.id));
  }, 180_000);
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
