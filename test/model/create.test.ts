import { describe, expect, it } from "vitest";
import { ringSignedAreaM2 } from "../../src/geo/area.js";
import { frameDistanceM, localFrame } from "../../src/geo/frame.js";
import { CellplanError } from "../../src/errors.js";
import { bandsOf, technologyOf } from "../../src/model/bands.js";
import { cellsByTechnology, listCells, technologiesOf } from "../../src/model/cells.js";
import { createSite } from "../../src/model/create.js";
import { SITE_DEFAULTS } from "../../src/model/defaults.js";
import { validateSites } from "../../src/model/validate.js";
import { sectorWedges } from "../../src/model/wedges.js";
import type { LonLat } from "../../src/units.js";
import { collection, minimalSite } from "../fixtures/minimal-site.js";

const REPUBLIC_SQUARE: LonLat = [76.9453, 43.2383];

describe("bands", () => {
  it("maps every band to its technology", () => {
    expect(["GSM900", "GSM1800", "UMTS2100", "LTE800", "LTE1800", "NR3500"].map((b) => technologyOf(b as never))).toEqual([
      "2G", "2G", "3G", "4G", "4G", "5G",
    ]);
    expect(bandsOf("4G")).toEqual(["LTE800", "LTE1800"]);
  });
});

describe("createSite", () => {
  it("builds a three-sector 2G+3G site from the per-technology defaults", () => {
    const site = createSite({ id: "ALA-101", coordinates: REPUBLIC_SQUARE, technologies: ["2G", "3G"], phase: "2019-2020" });
    const sectors = site.properties.sectors;
    expect(sectors).toHaveLength(6);
    expect(sectors.map((s) => s.azimuthDeg)).toEqual([0, 120, 240, 0, 120, 240]);
    expect(sectors[0]!.cells.map((c) => c.band)).toEqual(SITE_DEFAULTS.technologies["2G"].bands);
    expect(sectors[3]!.cells.map((c) => c.band)).toEqual(["UMTS2100"]);
    expect(sectors[3]!.electricalTiltDeg).toBe(SITE_DEFAULTS.technologies["3G"].electricalTiltDeg);
    expect(site.properties).toMatchObject({ id: "ALA-101", name: "ALA-101", status: "planned", phase: "2019-2020" });
    expect(technologiesOf(site)).toEqual(["2G", "3G"]);
  });

  it("applies overrides and custom azimuths", () => {
    const site = createSite({
      id: "P-1",
      coordinates: REPUBLIC_SQUARE,
      technologies: ["5G"],
      azimuthsDeg: [30, 150, 270],
      overrides: { "5G": { heightM: 40, powerDbm: 50 } },
    });
    expect(site.properties.sectors.map((s) => [s.azimuthDeg, s.heightM, s.cells[0]!.powerDbm])).toEqual([
      [30, 40, 50],
      [150, 40, 50],
      [270, 40, 50],
    ]);
  });

  it("throws CellplanError instead of building an invalid site", () => {
    expect(() => createSite({ id: "X", coordinates: [190, 43], technologies: ["4G"] })).toThrow(CellplanError);
    expect(() => createSite({ id: "X", coordinates: REPUBLIC_SQUARE, technologies: ["4G"], azimuthsDeg: [360] })).toThrow(/AZIMUTH_OUT_OF_RANGE/);
  });
});

describe("listCells / cellsByTechnology", () => {
  const sites = validateSites(
    collection(minimalSite(), {
      ...minimalSite(),
      properties: { ...minimalSite().properties, id: "ALA-002", sectors: createSite({ id: "t", coordinates: REPUBLIC_SQUARE, technologies: ["4G"] }).properties.sectors },
    }),
  );

  it("flattens every cell with its site, sector and position", () => {
    const cells = listCells(sites);
    expect(cells).toHaveLength(2 + 3 * 2);
    expect(cells[0]).toMatchObject({ siteId: "ALA-001", sectorIndex: 0, cellIndex: 0, band: "GSM900", technology: "2G", lon: 76.9457, lat: 43.2383, azimuthDeg: 0, heightM: 30 });
    expect(listCells(sites, { band: "LTE800" }).map((c) => c.sectorIndex)).toEqual([0, 1, 2]);
  });

  it("groups by technology with every technology present", () => {
    const by = cellsByTechnology(sites);
    expect(Object.keys(by)).toEqual(["2G", "3G", "4G", "5G"]);
    expect([by["2G"].length, by["3G"].length, by["4G"].length, by["5G"].length]).toEqual([1, 1, 6, 0]);
  });
});

describe("sectorWedges", () => {
  const site = createSite({ id: "W", coordinates: REPUBLIC_SQUARE, technologies: ["4G"] });
  const wedges = sectorWedges([site], { radiusM: 500, stepDeg: 5 });

  it("gives one closed, counter-clockwise wedge per sector with its apex at the site", () => {
    expect(wedges.features).toHaveLength(3);
    for (const w of wedges.features) {
      const ring = w.geometry.coordinates[0]!;
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring[0]).toEqual(REPUBLIC_SQUARE);
      expect(ringSignedAreaM2(ring)).toBeGreaterThan(0);
      // ≈ the area of a 65° circular sector of radius 500 m, short of it by the chords
      const exact = (Math.PI * 500 ** 2 * 65) / 360;
      expect(ringSignedAreaM2(ring)).toBeGreaterThan(exact * 0.99);
      expect(ringSignedAreaM2(ring)).toBeLessThan(exact * 1.002);
    }
  });

  it("puts every arc vertex at the radius, inside the beam", () => {
    const f = localFrame(REPUBLIC_SQUARE[1]);
    const w = wedges.features[1]!; // azimuth 120°
    const arc = w.geometry.coordinates[0]!.slice(1, -1);
    for (const p of arc) {
      expect(frameDistanceM(f, REPUBLIC_SQUARE, p as LonLat)).toBeCloseTo(500, 6);
      const bearing = (Math.atan2((p[0]! - REPUBLIC_SQUARE[0]) * f.kx, (p[1]! - REPUBLIC_SQUARE[1]) * f.ky) * 180) / Math.PI;
      expect(Math.abs(((bearing + 360) % 360) - 120)).toBeLessThanOrEqual(32.5 + 1e-9);
    }
    expect(w.properties).toMatchObject({ siteId: "W", sectorIndex: 1, azimuthDeg: 120, beamwidthDeg: 65, technologies: ["4G"] });
  });

  it("draws omni antennas as circles", () => {
    const s = minimalSite();
    s.properties.sectors[0].antenna = { pattern: "omni", gainDbi: 2 };
    const [w] = sectorWedges(validateSites(collection(s)), { radiusM: 100 }).features;
    expect(ringSignedAreaM2(w!.geometry.coordinates[0]!)).toBeCloseTo(Math.PI * 100 ** 2, -2);
  });
});
