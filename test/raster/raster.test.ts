import { booleanPointInPolygon } from "@turf/turf";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { geometryAreaKm2 } from "../../src/geo/area.js";
import { bboxOf } from "../../src/geo/bbox.js";
import { polygonMask } from "../../src/geo/scanline.js";
import { loadScenario } from "../../src/node/scenario.js";
import { decodeRaster, encodeRaster } from "../../src/raster/codec.js";
import { gridBBox, gridForBBox, pixelAt, pixelCentre } from "../../src/raster/grid.js";

const almaty = loadScenario();

describe("Grid", () => {
  it("has square cells of cellSizeM at its centre latitude, row 0 at the north edge", () => {
    const g = gridForBBox([76.9, 43.2, 77.0, 43.3], { cellSizeM: 100 });
    expect(g.cellLatDeg * 111_100).toBeCloseTo(100, -1);
    expect(g.width).toBe(Math.ceil(0.1 / g.cellLonDeg));
    const [lon, lat] = pixelCentre(g, 0);
    expect(lon).toBeCloseTo(76.9 + g.cellLonDeg / 2, 12);
    expect(lat).toBeCloseTo(gridBBox(g)[3] - g.cellLatDeg / 2, 12);
    for (const i of [0, 17, g.width * g.height - 1]) expect(pixelAt(g, ...pixelCentre(g, i))).toBe(i);
    expect(pixelAt(g, 76.0, 43.25)).toBe(-1);
  });

  it("refuses a grid over the pixel limit with GRID_TOO_LARGE naming the option", () => {
    expect(() => gridForBBox([76.7, 43.0, 77.2, 43.5], { cellSizeM: 1, maxPixels: 1e6 })).toThrow(
      expect.objectContaining({ code: "GRID_TOO_LARGE", message: expect.stringContaining("maxPixels") }),
    );
    for (const bad of [NaN, 0, -5, Infinity]) expect(() => gridForBBox([76.9, 43.2, 77, 43.3], { cellSizeM: bad })).toThrow(CellplanError);
    expect(() => gridForBBox([77, 43.2, 76.9, 43.3])).toThrow(CellplanError);
  });
});

describe("scanline polygon mask", () => {
  it("agrees with point-in-polygon at every pixel centre of every Almaty district", () => {
    const g = gridForBBox(bboxOf(almaty.boundary.geometry), { cellSizeM: 250 });
    for (const d of almaty.districts.features) {
      const mask = polygonMask(g, d.geometry);
      let mismatches = 0;
      for (let i = 0; i < mask.length; i++) {
        const inside = booleanPointInPolygon(pixelCentre(g, i), d.geometry);
        if ((mask[i] === 1) !== inside) mismatches++;
      }
      expect(mismatches, d.properties.id).toBe(0);
    }
  });

  it("reproduces the district areas to within a pixel-edge error at 25 m", () => {
    const g = gridForBBox(bboxOf(almaty.boundary.geometry), { cellSizeM: 25 });
    const pixelKm2 = (g.cellSizeM * g.cellSizeM) / 1e6;
    for (const d of almaty.districts.features.slice(0, 3)) {
      let n = 0;
      const mask = polygonMask(g, d.geometry);
      for (let i = 0; i < mask.length; i++) n += mask[i]!;
      expect(Math.abs((n * pixelKm2) / geometryAreaKm2(d.geometry) - 1)).toBeLessThan(0.005);
    }
  });

  it("cuts holes and handles multipolygons", () => {
    const g = gridForBBox([0, 0, 0.01, 0.01], { cellSizeM: 10 });
    const outer = [[0.001, 0.001], [0.009, 0.001], [0.009, 0.009], [0.001, 0.009], [0.001, 0.001]];
    const hole = [[0.004, 0.004], [0.004, 0.006], [0.006, 0.006], [0.006, 0.004], [0.004, 0.004]];
    const mask = polygonMask(g, { type: "Polygon", coordinates: [outer, hole] });
    for (let i = 0; i < mask.length; i++) {
      const p = pixelCentre(g, i);
      expect(mask[i] === 1, `pixel ${i}`).toBe(booleanPointInPolygon(p, { type: "Polygon", coordinates: [outer, hole] }));
    }
    const multi = polygonMask(g, { type: "MultiPolygon", coordinates: [[outer], [hole]] });
    expect(multi.reduce((s, v) => s + v, 0)).toBe(polygonMask(g, { type: "Polygon", coordinates: [outer] }).reduce((s, v) => s + v, 0));
  });

  it("matches point-in-polygon on random triangles", () => {
    const g = gridForBBox([0, 0, 0.02, 0.02], { cellSizeM: 40 });
    const pt = fc.tuple(fc.double({ min: -0.002, max: 0.022, noNaN: true }), fc.double({ min: -0.002, max: 0.022, noNaN: true }));
    fc.assert(
      fc.property(pt, pt, pt, (a, b, c) => {
        const poly = { type: "Polygon" as const, coordinates: [[a, b, c, a]] };
        const mask = polygonMask(g, poly);
        let bad = 0;
        for (let i = 0; i < mask.length; i++) if ((mask[i] === 1) !== booleanPointInPolygon(pixelCentre(g, i), poly, { ignoreBoundary: true })) bad++;
        // centres exactly on an edge may go either way; random doubles essentially never hit one
        expect(bad).toBeLessThanOrEqual(1);
      }),
      { numRuns: 200, seed: 5 },
    );
  });
});

describe(".cpras codec", () => {
  it("round-trips grids and layers bit-exactly, NaN payloads included", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer(), (w, h, seed) => {
        const n = w * h;
        const power = Float32Array.from({ length: n }, (_, i) => ((seed * 31 + i * 7) % 97) - 120.25);
        power[0] = NaN;
        const server = Int32Array.from({ length: n }, (_, i) => ((seed + i) % 5) - 1);
        const mask = Uint8Array.from({ length: n }, (_, i) => (i + seed) & 1);
        const grid = { west: 76.9, south: 43.2, cellLonDeg: 0.0003, cellLatDeg: 0.00022, cellSizeM: 25, width: w, height: h };
        const bytes = encodeRaster(grid, { power, server, mask }, { band: "LTE1800" });
        const back = decodeRaster(bytes);
        expect(back.grid).toEqual(grid);
        expect(back.meta).toEqual({ band: "LTE1800" });
        expect(new Uint8Array(back.layers["power"]!.buffer)).toEqual(new Uint8Array(power.buffer));
        expect(back.layers["server"]).toEqual(server);
        expect(back.layers["mask"]).toEqual(mask);
        expect(encodeRaster(back.grid, back.layers, back.meta)).toEqual(bytes);
      }),
      { numRuns: 100, seed: 2 },
    );
  });

  it("rejects truncated files and wrong sizes with CellplanError", () => {
    const grid = { west: 0, south: 0, cellLonDeg: 1, cellLatDeg: 1, cellSizeM: 1, width: 2, height: 2 };
    const bytes = encodeRaster(grid, { a: new Float32Array(4) });
    expect(() => decodeRaster(bytes.subarray(0, bytes.length - 4))).toThrow(CellplanError);
    expect(() => decodeRaster(new Uint8Array(5))).toThrow(CellplanError);
    expect(() => encodeRaster(grid, { a: new Float32Array(3) })).toThrow(/width × height/);
  });
});
