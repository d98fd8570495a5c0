import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { bandsOf, technologyOf, type Band } from "../../src/model/bands.js";
import { validateSites } from "../../src/model/validate.js";
import { decodeRaster, encodeRaster } from "../../src/raster/codec.js";
import { gridBBox } from "../../src/raster/grid.js";
import { parseScenario } from "../../src/rollout/scenario.js";
import { decodeDem, encodeDem } from "../../src/terrain/codec.js";
import { countVoids, demBBox } from "../../src/terrain/dem.js";
import { ALMATY_BBOX, arbAntenna, arbCell, arbDem, arbGrid, arbLonLat, arbScenario, arbSector, arbSite, arbSiteCollection, arbSiteId } from "../../src/testing/index.js";
import type { BBox } from "../../src/units.js";

/** Every arbitrary's output validates: 10,300 runs in all (1,500 + 1,000 + 2,000 + 2,000 + 600 + 1,700 + 1,500), seeded. */

const inside = ([w, s, e, n]: BBox, [lon, lat]: readonly number[]) => lon! >= w && lon! <= e && lat! >= s && lat! <= n;
const boxInside = (inner: BBox, outer: BBox) => inner[0] >= outer[0] && inner[1] >= outer[1] && inner[2] <= outer[2] && inner[3] <= outer[3];
/** Boxes anywhere on the globe, up to the antimeridian and the poles. */
const arbBBox = fc
  .tuple(fc.double({ min: -180, max: 179.9, noNaN: true }), fc.double({ min: -90, max: 89.9, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }))
  .map(([w, s, dx, dy]): BBox => [w, s, Math.min(180, w + dx), Math.min(90, s + dy)]);
const site = (sector: unknown) => ({ type: "Feature", geometry: { type: "Point", coordinates: [76.9, 43.2] }, properties: { id: "A", status: "planned", sectors: [sector] } });

describe("every generated value validates and respects its options", () => {
  it("arbSiteCollection (1,500 runs): valid, unique ids, every site inside the box, sizes within bounds", () => {
    fc.assert(
      fc.property(arbSiteCollection(), (c) => {
        const v = validateSites(c);
        // plain checks in the loop (expect() per site would dominate the run time)
        const sectorsOk = c.features.every((f) => f.properties.sectors.length >= 1 && f.properties.sectors.length <= 3);
        const insideOk = c.features.every((f) => inside(ALMATY_BBOX, f.geometry.coordinates));
        const unique = new Set(c.features.map((f) => f.properties.id)).size === c.features.length;
        expect([v.features.length, c.features.length <= 10, sectorsOk, insideOk, unique]).toEqual([c.features.length, true, true, true, true]);
      }),
      { numRuns: 1500, seed: 1 },
    );
  });

  it("arbSite (1,000 runs) on boxes at the antimeridian, the poles and the equator, one technology, 4–6 sectors, any valid id", () => {
    const boxes: BBox[] = [[179, -1, 180, 1], [-180, 85, -175, 90], [0, -90, 5, -85], [-0.5, -0.5, 0.5, 0.5], ALMATY_BBOX];
    const cases = boxes.flatMap((bbox) => (["2G", "3G", "4G", "5G"] as const).map((t) => arbSite({ bbox, technologies: [t], sectors: { min: 4, max: 6 }, id: arbSiteId() }).map((s) => ({ s, bbox, t }))));
    fc.assert(
      fc.property(fc.oneof(...cases), ({ s, bbox, t }) => {
        validateSites([s]);
        const bandsOk = s.properties.sectors.every((sector) => sector.cells.every((c) => technologyOf(c.band) === t));
        expect([inside(bbox, s.geometry.coordinates), s.properties.sectors.length >= 4, bandsOk]).toEqual([true, true, true]);
      }),
      { numRuns: 1000, seed: 2 },
    );
  });

  it("arbSector, arbAntenna, arbCell (2,000 runs) inside a site, with pattern-file antennas and chosen bands", () => {
    const bands: Band[] = ["LTE800", "NR3500"];
    const sector = fc.oneof(
      arbSector({ bands, cells: { min: 2, max: 4 }, heightM: { min: 0, max: 1000 }, kinds: ["3gpp-sector", "omni", "file"], patternIds: ["K80010622", "ant/1"] }),
      fc.tuple(arbAntenna(), arbCell({ powerDbm: { min: 0, max: 60 } })).map(([antenna, cell]) => ({ azimuthDeg: 0, heightM: 10, antenna, cells: [cell] })),
    );
    fc.assert(
      fc.property(sector, (s) => {
        const v = validateSites([site(s)]);
        for (const c of v.features[0]!.properties.sectors[0]!.cells) expect(c.powerDbm).toBeGreaterThanOrEqual(0);
        if (s.cells.length > 1) expect(s.cells.every((c) => bands.includes(c.band))).toBe(true);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });

  it("arbLonLat (2,000 runs) stays in boxes touching the antimeridian and the poles", () => {
    fc.assert(
      fc.property(arbBBox.chain((bbox) => arbLonLat({ bbox }).map((p) => ({ p, bbox }))), ({ p, bbox }) => {
        expect(inside(bbox, p)).toBe(true);
      }),
      { numRuns: 2000, seed: 4 },
    );
    for (const bbox of [[179, -1, 180, 1], [-180, 89, -179, 90], [0, -90, 1, -89]] as BBox[]) {
      for (const p of fc.sample(arbLonLat({ bbox }), { seed: 5, numRuns: 50 })) expect(inside(bbox, p)).toBe(true);
    }
  });

  it("arbScenario (600 runs, half with terrain): parseScenario accepts it; sites inside the boundary; terrain covers it", () => {
    fc.assert(
      fc.property(fc.oneof(arbScenario({ terrain: true, sites: { maxSites: 3 } }), arbScenario({ sites: { maxSites: 3 } })), (g) => {
        const s = parseScenario(g.files);
        validateSites(g.sites);
        const people = s.population.features.reduce((a, f) => a + f.properties.population, 0);
        const consistent = s.programme.phases.every((p) => p.deployments.every((d) => d.bands.every((b) => d.technologies.includes(technologyOf(b)))));
        expect([
          boxInside(g.boundaryBBox, ALMATY_BBOX),
          g.sites.features.every((f) => inside(g.boundaryBBox, f.geometry.coordinates)),
          s.districts.features.reduce((a, d) => a + d.properties.population, 0) === people,
          consistent,
          !s.terrain || boxInside(g.boundaryBBox, demBBox(s.terrain)),
        ]).toEqual([true, true, true, true, true]);
      }),
      { numRuns: 600, seed: 6 },
    );
  });

  it("arbDem (1,700 runs): inside the box, survives encodeDem/decodeDem bit for bit, voids only when asked and never all", () => {
    fc.assert(
      fc.property(arbBBox.chain((bbox) => fc.boolean().chain((voids) => arbDem({ bbox, voids }).map((dem) => ({ dem, bbox, voids })))), ({ dem, bbox, voids }) => {
        expect(boxInside(demBBox(dem), bbox)).toBe(true);
        const back = decodeDem(encodeDem(dem)).dem;
        expect(back).toEqual(dem);
        const n = countVoids(dem);
        if (!voids) expect(n).toBe(0);
        expect(n).toBeLessThan(dem.width * dem.height);
      }),
      { numRuns: 1700, seed: 7 },
    );
  });

  it("arbGrid (1,500 runs): inside the box, within the size bounds, survives encodeRaster/decodeRaster", () => {
    fc.assert(
      fc.property(arbBBox.filter((b) => Math.abs(b[1]) < 80 && Math.abs(b[3]) < 80).chain((bbox) => arbGrid({ bbox, side: { max: 16 } }).map((g) => ({ g, bbox }))), ({ g, bbox }) => {
        expect(boxInside(gridBBox(g), bbox)).toBe(true);
        expect(g.width).toBeLessThanOrEqual(16);
        expect(g.height).toBeLessThanOrEqual(16);
        expect(g.cellSizeM).toBeGreaterThanOrEqual(10);
        const layer = new Float32Array(g.width * g.height).fill(1);
        expect(decodeRaster(encodeRaster(g, { layer })).grid).toEqual(g);
      }),
      { numRuns: 1500, seed: 8 },
    );
  });
});

describe("options are checked when the arbitrary is built", () => {
  it.each([
    ["a bbox with east < west", () => arbLonLat({ bbox: [10, 0, 5, 1] }), "bbox"],
    ["a bbox past the pole", () => arbSite({ bbox: [0, 80, 1, 91] }), "bbox"],
    ["min > max sectors", () => arbSite({ sectors: { min: 3, max: 2 } }), "sectors"],
    ["an unknown technology", () => arbSite({ technologies: ["6G" as never] }), "technologies"],
    ["file antennas without ids", () => arbAntenna({ kinds: ["file"] }), "patternIds"],
    ["a power past the model's limit", () => arbCell({ powerDbm: { max: 70 } }), "powerDbm"],
    ["a fractional site count", () => arbSiteCollection({ maxSites: 2.5 }), "minSites/maxSites"],
    ["a DEM side of 1", () => arbDem({ side: { min: 1 } }), "side"],
    ["an unknown DEM type", () => arbDem({ type: "int8" as never }), "type"],
    ["a scenario with no phases", () => arbScenario({ phases: { min: 0, max: 0 } }), "phases"],
  ])("%s", (_, build, field) => {
    expect(build).toThrow(CellplanError);
    try {
      build();
    } catch (e) {
      expect((e as CellplanError).problems[0]?.field).toBe(field);
    }
  });

  it("a larger minSites raises the default maximum instead of failing", () => {
    for (const c of fc.sample(arbSiteCollection({ minSites: 12 }), { seed: 1, numRuns: 5 })) expect(c.features.length).toBeGreaterThanOrEqual(12);
  });

  it("technology filters hold for every band of a multi-technology site", () => {
    for (const s of fc.sample(arbSite({ technologies: ["2G", "3G"] }), { seed: 9, numRuns: 100 })) {
      for (const sector of s.properties.sectors) for (const c of sector.cells) expect([...bandsOf("2G"), ...bandsOf("3G")]).toContain(c.band);
    }
  });
});
