import { booleanPointInPolygon } from "@turf/turf";
import { expectValidMultiPolygons } from "../fixtures/rfc7946.js";
import fc from "fast-check";
import type { Feature, MultiPolygon, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { bestServerAreas } from "../../src/coverage/best-server-areas.js";
import type { CoverageCell } from "../../src/coverage/cells.js";
import { computeCoverage, type CoverageRaster } from "../../src/coverage/compute.js";
import { MIN_EDGE_SHARE } from "../../src/coverage/contour-rings.js";
import { coverageContours } from "../../src/coverage/contours.js";
import { coverageStats } from "../../src/coverage/stats.js";
import { CellplanError } from "../../src/errors.js";
import { localFrame } from "../../src/geo/frame.js";
import { createSite } from "../../src/model/create.js";
import { pixelCentre, type Grid } from "../../src/raster/grid.js";
import type { BBox, LonLat } from "../../src/units.js";

const CENTRE: LonLat = [76.95, 43.25];
const AREA: BBox = [76.93, 43.235, 76.97, 43.265];
/** A pentagon inside AREA: its edges cut pixels, so the mask (NaN outside) has a ragged edge. */
const PENTAGON: Polygon = { type: "Polygon", coordinates: [[[76.932, 43.24], [76.965, 43.237], [76.968, 43.255], [76.95, 43.263], [76.934, 43.256], [76.932, 43.24]]] };
const SITES = [
  createSite({ id: "A", coordinates: [76.942, 43.246], technologies: ["4G"], overrides: { "4G": { bands: ["LTE1800"] } } }),
  createSite({ id: "B", coordinates: [76.96, 43.256], technologies: ["4G"], azimuthsDeg: [30, 200], overrides: { "4G": { bands: ["LTE1800"] } } }),
];
const THRESHOLDS = [-110, -100, -90, -80, -70];

type Layers = Pick<CoverageRaster, "grid" | "powerDbm" | "server" | "mask" | "quantity" | "bands" | "cells">;

function handGrid(width: number, height: number, cellSizeM = 100): Grid {
  const f = localFrame(CENTRE[1]);
  return { west: CENTRE[0], south: CENTRE[1], cellLonDeg: cellSizeM / f.kx, cellLatDeg: cellSizeM / f.ky, cellSizeM, width, height };
}

/** A raster built by hand: power row-major from the north-west; mask 0 wherever power is NaN unless given. */
function handRaster(width: number, height: number, power: readonly number[], extra: { mask?: readonly number[]; server?: readonly number[]; cells?: number } = {}): Layers {
  const cells = Array.from({ length: extra.cells ?? 0 }, (_, k) => ({ siteId: `S${k}`, sectorIndex: k, band: "LTE1800" }) as unknown as CoverageCell);
  return {
    grid: handGrid(width, height),
    powerDbm: Float32Array.from(power),
    mask: Uint8Array.from(extra.mask ?? power.map((p) => (Number.isNaN(p) ? 0 : 1))),
    server: Int32Array.from(extra.server ?? power.map(() => -1)),
    quantity: "RSRP",
    bands: ["LTE1800"],
    cells,
  };
}

const inside = (f: Feature<MultiPolygon> | undefined, p: Position): boolean => f !== undefined && booleanPointInPolygon(p, f);

/** Pixel edges between an inside and an outside pixel (beyond the grid counts as outside). */
function boundaryEdges(g: Grid, isIn: (i: number) => boolean): number {
  const at = (c: number, r: number) => c >= 0 && c < g.width && r >= 0 && r < g.height && isIn(r * g.width + c);
  let edges = 0;
  for (let r = -1; r < g.height; r++) for (let c = -1; c < g.width; c++) edges += Number(at(c, r) !== at(c + 1, r)) + Number(at(c, r) !== at(c, r + 1));
  return edges;
}

describe("coverageContours — d3-contour's frame mapped onto the grid", () => {
  it("a single pixel above the threshold gives a diamond around its centre through the midpoints to its neighbours", () => {
    // 3 × 3, centre pixel −80 dBm, neighbours −120: at −100 the crossing is halfway between centres.
    const r = handRaster(3, 3, [-120, -120, -120, -120, -80, -120, -120, -120, -120]);
    const out = coverageContours(r, [-100]);
    expectValidMultiPolygons(out, r.grid);
    expect(out.features).toHaveLength(1);
    const f = out.features[0]!;
    expect(f.geometry.coordinates).toHaveLength(1);
    expect(f.geometry.coordinates[0]).toHaveLength(1);
    expect(inside(f, pixelCentre(r.grid, 4))).toBe(true);
    for (const i of [0, 1, 2, 3, 5, 6, 7, 8]) expect(inside(f, pixelCentre(r.grid, i))).toBe(false);
    // Diamond with half-pixel semi-axes: half a pixel's area (0.01 km² at 100 m), to rounding (1e-7°) and ellipsoid (< 0.5 %).
    expect(f.properties.areaKm2).toBeCloseTo(0.005, 4);
    const [lon, lat] = pixelCentre(r.grid, 4);
    const xs = f.geometry.coordinates[0]![0]!.map((p) => p[0]!);
    expect(Math.min(...xs)).toBeCloseTo(lon! - r.grid.cellLonDeg / 2, 7);
    expect(Math.max(...xs)).toBeCloseTo(lon! + r.grid.cellLonDeg / 2, 7);
    const ys = f.geometry.coordinates[0]![0]!.map((p) => p[1]!);
    expect(Math.max(...ys)).toBeCloseTo(lat! + r.grid.cellLatDeg / 2, 7);
  });

  it("interpolates power between centres; a pixel exactly at the threshold still encloses its centre", () => {
    // Centre −90, neighbours −110: at −105 the crossing is ¾ of the way out, at −90 it is at the centre (kept MIN_EDGE_SHARE away).
    const r = handRaster(3, 3, [-110, -110, -110, -110, -90, -110, -110, -110, -110]);
    const [wide, tight] = coverageContours(r, [-105, -90], { cumulative: true }).features;
    expect(wide!.properties.areaKm2).toBeCloseTo(0.01 * 2 * 0.75 ** 2, 4);
    expect(tight!.properties.areaKm2).toBeCloseTo(0.01 * 2 * MIN_EDGE_SHARE ** 2, 6);
    expect(inside(tight, pixelCentre(r.grid, 4))).toBe(true);
  });

  it("next to NaN (outside the area) and −Infinity (no signal) the outline runs on the pixel edge; at the grid edge too", () => {
    const r = handRaster(3, 2, [NaN, -Infinity, -60, NaN, -70, -65]);
    const f = coverageContours(r, [-100]).features[0]!;
    expectValidMultiPolygons({ type: "FeatureCollection", features: [f] }, r.grid);
    // Three pixels with marching-squares corners: ⅛ pixel cut at each of the five convex corners
    // (three on the grid edge, two next to NaN / −∞) and ⅛ pixel added at the one concave corner.
    expect(f.properties.areaKm2).toBeCloseTo(0.03 - (5 * 0.01) / 8 + 0.01 / 8, 4);
    for (const i of [2, 4, 5]) expect(inside(f, pixelCentre(r.grid, i))).toBe(true);
    for (const i of [0, 1, 3]) expect(inside(f, pixelCentre(r.grid, i))).toBe(false);
  });

  it("a masked-out pixel counts as outside even with a finite power", () => {
    const r = handRaster(2, 1, [-60, -60], { mask: [1, 0] });
    const f = coverageContours(r, [-100]).features[0]!;
    expect(inside(f, pixelCentre(r.grid, 0))).toBe(true);
    expect(inside(f, pixelCentre(r.grid, 1))).toBe(false);
  });

  it("a hole (a weak pixel inside a covered block) is a clockwise ring inside a counter-clockwise exterior", () => {
    const p = Array.from({ length: 25 }, (_, i) => (i === 12 ? -120 : -70));
    const r = handRaster(5, 5, p);
    const f = coverageContours(r, [-100]).features[0]!;
    expectValidMultiPolygons({ type: "FeatureCollection", features: [f] }, r.grid);
    expect(f.geometry.coordinates).toHaveLength(1);
    expect(f.geometry.coordinates[0]).toHaveLength(2);
    expect(inside(f, pixelCentre(r.grid, 12))).toBe(false);
    // The hole is a diamond 0.4 pixel from the weak centre to each corner: (−100 − −120) / (−70 − −120) = 0.4.
    // The exterior loses ⅛ pixel at each of the four grid corners (marching squares cuts convex corners).
    expect(f.properties.areaKm2).toBeCloseTo(0.25 - 0.01 * 2 * 0.4 ** 2 - 4 * (0.01 / 8), 4);
  });
});

describe("coverageContours — properties of random rasters", () => {
  // Values sit on whole dB so ties with the thresholds are common; NaN and −∞ mark no data.
  const arbRaster = fc.integer({ min: 1, max: 7 }).chain((width) =>
    fc.integer({ min: 1, max: 7 }).chain((height) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        power: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constantFrom(NaN, -Infinity) }, { weight: 6, arbitrary: fc.integer({ min: -125, max: -85 }) }), { minLength: width * height, maxLength: width * height }),
        thresholds: fc.array(fc.constantFrom(-120, -115, -110, -105, -100, -95, -90), { minLength: 1, maxLength: 4 }),
      }),
    ),
  );

  it("rings are valid GeoJSON and each band's polygons hold exactly the centres of its pixels", () => {
    fc.assert(
      fc.property(arbRaster, ({ width, height, power, thresholds }) => {
        const r = handRaster(width, height, power);
        const t = [...new Set(thresholds)].sort((a, b) => a - b);
        for (const cumulative of [false, true]) {
          const out = coverageContours(r, thresholds, { cumulative });
          expectValidMultiPolygons(out, r.grid);
          t.forEach((lower, k) => {
            const upper = cumulative ? Infinity : (t[k + 1] ?? Infinity);
            const f = out.features.find((x) => x.properties.thresholdDbm === lower);
            const inBand = (i: number) => r.powerDbm[i]! >= lower && r.powerDbm[i]! < upper;
            expect(f !== undefined).toBe(power.some((_, i) => inBand(i)));
            for (let i = 0; i < power.length; i++) expect(inside(f, pixelCentre(r.grid, i)), `pixel ${i} in [${lower}, ${upper})`).toBe(inBand(i));
          });
        }
      }),
      { numRuns: 200, seed: 7946 },
    );
  });

  it("islands inside holes inside polygons keep their own holes", () => {
    // 7 × 7 rings of pixels by Chebyshev distance from the centre: 3 in, 2 out, 1 in, 0 out.
    const p = Array.from({ length: 49 }, (_, i) => ([1, 3].includes(Math.max(Math.abs((i % 7) - 3), Math.abs(Math.floor(i / 7) - 3))) ? -70 : -120));
    const r = handRaster(7, 7, p);
    const f = coverageContours(r, [-100]).features[0]!;
    expectValidMultiPolygons({ type: "FeatureCollection", features: [f] }, r.grid);
    expect(f.geometry.coordinates.map((poly) => poly.length).sort()).toEqual([2, 2]);
    for (let i = 0; i < 49; i++) expect(inside(f, pixelCentre(r.grid, i))).toBe(p[i] === -70);
  });
});

describe("coverageContours — computed coverage", () => {
  const rasters = {
    bbox: computeCoverage(SITES, { area: AREA, band: "LTE1800", cellSizeM: 100 }),
    pentagon: computeCoverage(SITES, { area: PENTAGON, band: "LTE1800", cellSizeM: 100 }),
    "bbox at 50 m": computeCoverage(SITES, { area: AREA, band: "LTE1800", cellSizeM: 50 }),
  };

  for (const [name, r] of Object.entries(rasters)) {
    describe(name, () => {
      const cumulative = coverageContours(r, THRESHOLDS, { cumulative: true });
      const bands = coverageContours(r, THRESHOLDS);
      const cellKm = r.grid.cellSizeM / 1000;

      it("is valid RFC 7946 and labelled with the call's parameters", () => {
        expectValidMultiPolygons(cumulative, r.grid);
        expectValidMultiPolygons(bands, r.grid);
        // One feature per band that holds a pixel (near a site power can step over a whole band).
        const occupied = THRESHOLDS.filter((t, k) => r.powerDbm.some((p) => p >= t && p < (THRESHOLDS[k + 1] ?? Infinity)));
        expect(bands.features.map((f) => f.properties.thresholdDbm)).toEqual(occupied);
        for (const f of bands.features) {
          const k = THRESHOLDS.indexOf(f.properties.thresholdDbm);
          expect(f.properties).toMatchObject({ quantity: "RSRP", bands: ["LTE1800"], upperDbm: THRESHOLDS[k + 1] ?? null });
        }
        for (const f of cumulative.features) expect(f.properties.upperDbm).toBeNull();
      });

      it("cumulative area agrees with coverageStats' pixel count: within ½ pixel per boundary edge, and 2 % where it is large", () => {
        // Pixel counting takes whole pixels. Marching squares only redraws the outline inside the half-pixel
        // diamonds (area ½ pixel) around each pixel edge between an inside and an outside pixel: it cuts ⅛ pixel
        // at staircase corners and interpolation slides each vertex up to ½ pixel off the edge. So the areas
        // differ by less than ½ pixel per boundary edge, which is a few % for regions of ≥ 1 km² (≥ 100 pixels).
        for (const f of cumulative.features) {
          const t = f.properties.thresholdDbm;
          const pixels = coverageStats(r, { thresholdDbm: t }).areaKm2;
          const edges = boundaryEdges(r.grid, (i) => r.mask[i] === 1 && r.powerDbm[i]! >= t);
          expect(Math.abs(f.properties.areaKm2 - pixels)).toBeLessThan(0.5 * cellKm ** 2 * edges);
          if (pixels >= 1) expect(Math.abs(f.properties.areaKm2 / pixels - 1), `at ${t} dBm`).toBeLessThan(0.02);
        }
        expect(coverageStats(r, { thresholdDbm: -100 }).areaKm2).toBeGreaterThan(1);
      });

      it("areas shrink as the threshold rises", () => {
        const areas = cumulative.features.map((f) => f.properties.areaKm2);
        expect(areas.length).toBeGreaterThanOrEqual(3);
        for (let k = 1; k < areas.length; k++) expect(areas[k]!).toBeLessThan(areas[k - 1]!);
      });

      it("isobands add up to the cumulative area of the lowest threshold within 1 %", () => {
        // Bands are contoured one at a time: where power steps over a whole band between neighbouring
        // pixels, no band claims the sliver in between. Near these sites that costs under 1 % at ≤ 100 m pixels.
        const sum = bands.features.reduce((s, f) => s + f.properties.areaKm2, 0);
        expect(Math.abs(sum / cumulative.features[0]!.properties.areaKm2 - 1)).toBeLessThan(0.01);
      });

      it("each pixel centre lies in the cumulative polygon exactly when its power reaches the threshold", () => {
        for (const f of cumulative.features) {
          const t = f.properties.thresholdDbm;
          for (let i = 0; i < r.powerDbm.length; i += 3) expect(inside(f, pixelCentre(r.grid, i))).toBe(r.mask[i] === 1 && r.powerDbm[i]! >= t);
        }
      });
    });
  }

  it("a band above every pixel gives no feature, not an empty one", () => {
    const r = rasters.bbox;
    const out = coverageContours(r, [-110, 0]);
    expect(out.features.map((f) => f.properties.thresholdDbm)).toEqual([-110]);
    expect(coverageContours(r, [0, 10]).features).toEqual([]);
  });
});

describe("bestServerAreas", () => {
  const r = computeCoverage(SITES, { area: PENTAGON, band: "LTE1800", cellSizeM: 100 });
  const areas = bestServerAreas(r);

  it("gives one valid feature per serving cell, in cell order, labelled with the cell", () => {
    expectValidMultiPolygons(areas, r.grid);
    const serving = [...new Set(Array.from(r.server).filter((s) => s >= 0))].sort((a, b) => a - b);
    expect(serving.length).toBe(5);
    expect(areas.features.map((f) => f.properties.cell)).toEqual(serving);
    for (const f of areas.features) {
      const c = r.cells[f.properties.cell]!;
      expect(f.properties).toMatchObject({ siteId: c.siteId, sectorIndex: c.sectorIndex, band: c.band });
    }
  });

  it("puts each pixel centre in its own server's polygon and in no other", () => {
    const byCell = new Map(areas.features.map((f) => [f.properties.cell, f]));
    for (let i = 0; i < r.server.length; i += 2) {
      const p = pixelCentre(r.grid, i);
      for (const [cell, f] of byCell) expect(inside(f, p), `pixel ${i}, cell ${cell}`).toBe(r.server[i] === cell);
    }
  });

  it("areas match the served pixels: each cell within ⅛ pixel per boundary edge and 2 %, the sum within 1 %", () => {
    // Boundaries run through pixel-edge midpoints, so the only differences from pixel counting are the ⅛-pixel
    // triangles marching squares cuts or adds at staircase corners (at most one per boundary edge).
    const stats = coverageStats(r, { thresholdDbm: -1000 });
    const cellKm = r.grid.cellSizeM / 1000;
    for (const f of areas.features) {
      const pixels = stats.servers.find((s) => s.cell === f.properties.cell)!.areaKm2;
      const edges = boundaryEdges(r.grid, (i) => r.mask[i] === 1 && r.server[i] === f.properties.cell);
      expect(Math.abs(f.properties.areaKm2 - pixels)).toBeLessThan((cellKm ** 2 / 8) * edges);
      expect(Math.abs(f.properties.areaKm2 / pixels - 1)).toBeLessThan(0.02);
    }
    const sum = areas.features.reduce((s, f) => s + f.properties.areaKm2, 0);
    expect(Math.abs(sum / stats.areaKm2 - 1)).toBeLessThan(0.01);
  });

  it("with a threshold keeps only pixels whose power reaches it", () => {
    const strong = bestServerAreas(r, { thresholdDbm: -100 });
    expectValidMultiPolygons(strong, r.grid);
    const stats = coverageStats(r, { thresholdDbm: -100 });
    expect(strong.features.map((f) => f.properties.cell)).toEqual(stats.servers.map((s) => s.cell));
    for (const f of strong.features) {
      const all = areas.features.find((x) => x.properties.cell === f.properties.cell)!;
      expect(f.properties.areaKm2).toBeLessThan(all.properties.areaKm2);
    }
  });

  it("random server layouts: valid rings, every centre in its own server's polygon only", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }).chain((w) => fc.integer({ min: 1, max: 7 }).chain((h) => fc.tuple(fc.constant(w), fc.constant(h), fc.array(fc.integer({ min: -1, max: 2 }), { minLength: w * h, maxLength: w * h })))),
        ([w, h, server]) => {
          const r = handRaster(w, h, server.map((s) => (s < 0 ? -Infinity : -80)), { server, cells: 3 });
          const out = bestServerAreas(r);
          expectValidMultiPolygons(out, r.grid);
          expect(out.features.map((f) => f.properties.cell)).toEqual([0, 1, 2].filter((k) => server.includes(k)));
          for (const f of out.features) for (let i = 0; i < server.length; i++) expect(inside(f, pixelCentre(r.grid, i))).toBe(server[i] === f.properties.cell);
        },
      ),
      { numRuns: 200, seed: 1 },
    );
  });
});

describe("contours and best-server areas — bad input", () => {
  const r = handRaster(2, 2, [-80, -90, -100, -110], { server: [0, 0, 1, -1], cells: 2 });
  const expectProblem = (fn: () => unknown, code: string, field: string, value?: unknown) => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(CellplanError);
      const p = (e as CellplanError).problems[0]!;
      expect({ code: (e as CellplanError).code, field: p.field }).toEqual({ code, field });
      if (value !== undefined) expect(p.value).toEqual(value);
      return;
    }
    expect.unreachable(`expected ${code} on ${field}`);
  };

  it("rejects empty, missing and non-finite thresholds, naming the field and value", () => {
    expectProblem(() => coverageContours(r, []), "INVALID_VALUE", "thresholdsDbm");
    expectProblem(() => coverageContours(r, undefined as never), "INVALID_VALUE", "thresholdsDbm");
    expectProblem(() => coverageContours(r, [-100, NaN]), "NOT_FINITE", "thresholdsDbm[1]", NaN);
    expectProblem(() => coverageContours(r, [Infinity]), "NOT_FINITE", "thresholdsDbm[0]", Infinity);
    expectProblem(() => coverageContours(r, ["-100" as never]), "NOT_FINITE", "thresholdsDbm[0]", "-100");
    expect(() => coverageContours(r, [-100, NaN])).toThrow(/thresholdsDbm\[1\]: NaN/);
    expectProblem(() => coverageContours(r, [-100], { cumulative: "yes" as never }), "WRONG_TYPE", "options.cumulative");
  });

  it("counts duplicate thresholds once and sorts them", () => {
    const out = coverageContours(r, [-95, -105, -95, -105]);
    expect(out.features.map((f) => [f.properties.thresholdDbm, f.properties.upperDbm])).toEqual([[-105, -95], [-95, null]]);
  });

  it("rejects layers that do not match the grid", () => {
    expectProblem(() => coverageContours({ ...r, powerDbm: new Float32Array(3) }, [-100]), "INVALID_VALUE", "raster.powerDbm");
    expectProblem(() => coverageContours({ ...r, mask: undefined as never }, [-100]), "INVALID_VALUE", "raster.mask");
    expectProblem(() => coverageContours({ ...r, grid: { ...r.grid, width: 0 } }, [-100]), "INVALID_VALUE", "raster.grid");
    expectProblem(() => coverageContours({ ...r, grid: { ...r.grid, west: NaN } }, [-100]), "NOT_FINITE", "raster.grid.west");
    expectProblem(() => coverageContours(null as never, [-100]), "WRONG_TYPE", "raster");
    expectProblem(() => bestServerAreas({ ...r, server: new Int32Array(5) }), "INVALID_VALUE", "raster.server");
  });

  it("rejects server indices without a cell and non-finite best-server thresholds", () => {
    expectProblem(() => bestServerAreas({ ...r, server: Int32Array.from([0, 2, 1, -1]) }), "INVALID_VALUE", "raster.server[1]", 2);
    expectProblem(() => bestServerAreas({ ...r, server: Int32Array.from([0, -3, 1, -1]) }), "INVALID_VALUE", "raster.server[1]", -3);
    expectProblem(() => bestServerAreas(r, { thresholdDbm: NaN }), "NOT_FINITE", "options.thresholdDbm", NaN);
    expect(bestServerAreas(r).features.map((f) => f.properties.cell)).toEqual([0, 1]);
  });
});
