import type { Polygon } from "geojson";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pointInGeometry } from "../../src/demand/polygons.js";
import { CellplanError } from "../../src/errors.js";
import { geometryAreaM2 } from "../../src/geo/area.js";
import { localFrame } from "../../src/geo/frame.js";
import { mulberry32 } from "../../src/math.js";
import { loadScenario } from "../../src/node/scenario.js";
import { CANDIDATE_DEFAULTS, candidateGrid, conflictPairs, slopeDegAt } from "../../src/optimise/candidates.js";
import { sampleDem, type Dem } from "../../src/terrain/dem.js";

/** A rectangle `wM` × `hM` centred on (lon, lat). */
function rect(lon: number, lat: number, wM: number, hM: number): Polygon {
  const f = localFrame(lat);
  const dx = wM / 2 / f.kx;
  const dy = hM / 2 / f.ky;
  return { type: "Polygon", coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CellplanError) return e.code;
    throw e;
  }
  return "no error";
}

/** A Float32 DEM over [76.8, 77.2] × [43.0, 43.4] at 0.001°, heights from a function of (lon, lat). */
function dem(height: (lon: number, lat: number) => number): Dem {
  const step = 0.001;
  const width = 401;
  const rows = 401;
  const heights = new Float32Array(width * rows);
  for (let r = 0; r < rows; r++) for (let c = 0; c < width; c++) heights[r * width + c] = height(76.8 + c * step, 43.4 - r * step);
  return { originLon: 76.8, originLat: 43.4, stepLonDeg: step, stepLatDeg: step, width, height: rows, heights, nodata: NaN };
}

const area = rect(77, 43.2, 4000, 3000);

describe("candidateGrid", () => {
  const grid = candidateGrid(area, { spacingM: 250 });

  it("lays a square grid at the spacing inside the area, row by row from the north-west", () => {
    expect(grid.lon.length).toBe(16 * 12);
    expect(grid.source.every((s) => s === "grid")).toBe(true);
    expect(grid.id[0]).toBe("g0-0");
    const f = localFrame(43.2);
    expect((grid.lon[1]! - grid.lon[0]!) * f.kx).toBeCloseTo(250, 6);
    expect((grid.lat[0]! - grid.lat[16]!) * f.ky).toBeCloseTo(250, 6);
    for (let j = 0; j < grid.lon.length; j++) expect(pointInGeometry(area, grid.lon[j]!, grid.lat[j]!)).toBe(true);
    expect(grid.elevationM).toBeNull();
    expect(CANDIDATE_DEFAULTS.spacingM).toBe(250);
  });

  it("removes grid points inside exclusions, and nothing else", () => {
    const park = rect(77, 43.2, 1000, 1000);
    const c = candidateGrid(area, { spacingM: 250, exclusions: { type: "FeatureCollection", features: [{ type: "Feature", properties: null, geometry: park }] } });
    const inPark = Array.from(grid.lon.keys()).filter((j) => pointInGeometry(park, grid.lon[j]!, grid.lat[j]!));
    expect(inPark.length).toBe(16);
    expect(c.removed.exclusion).toBe(inPark.length);
    expect(c.lon.length).toBe(grid.lon.length - inPark.length);
    for (let j = 0; j < c.lon.length; j++) expect(pointInGeometry(park, c.lon[j]!, c.lat[j]!)).toBe(false);
  });

  it("removes terrain above a height and steeper than a slope", () => {
    // a plane rising 0.1 m per m eastward (5.71°), flat west of 77.0 at 800 m
    const f = localFrame(43.2);
    const terrain = dem((lon) => 800 + Math.max(0, (lon - 77) * f.kx * 0.1));
    const high = candidateGrid(area, { spacingM: 250, dem: terrain, maxElevationM: 900 });
    expect(high.removed.elevation).toBeGreaterThan(0);
    for (const z of high.elevationM!) expect(z).toBeLessThanOrEqual(900);
    expect(high.lon.length + high.removed.elevation).toBe(grid.lon.length);

    const steep = candidateGrid(area, { spacingM: 250, dem: terrain, maxSlopeDeg: 3 });
    for (let j = 0; j < steep.lon.length; j++) expect(steep.lon[j]!).toBeLessThan(77 + 0.0015);
    expect(steep.removed.slope).toBeGreaterThan(0);
    const all = candidateGrid(area, { spacingM: 250, dem: terrain });
    const east = Array.from(all.lon.keys()).filter((j) => all.lon[j]! > 77.002);
    for (const j of east) expect(all.slopeDeg![j]).toBeCloseTo((Math.atan(0.1) * 180) / Math.PI, 1);
  });

  it("measures slope from central differences, one-sided at the DEM's edge", () => {
    const tilt = dem((_, lat) => (lat - 43) * 111_000 * 0.2);
    const f = localFrame(43.2);
    const inner = slopeDegAt(tilt, 77, 43.2, 0, f.kx, f.ky);
    expect(Math.tan((inner * Math.PI) / 180)).toBeCloseTo((0.2 * 111_000) / f.ky, 3);
    const edge = slopeDegAt(tilt, 76.8, 43.4, sampleDem(tilt, 76.8, 43.4), f.kx, f.ky);
    expect(edge).toBeCloseTo(inner, 1);
    expect(slopeDegAt(tilt, 76.5, 43.2, NaN, f.kx, f.ky)).toBeNaN();
  });

  it("appends user candidates as given, after the grid", () => {
    const c = candidateGrid(area, {
      spacingM: 250,
      exclusions: area,
      extra: [
        { id: "rooftop-1", coordinates: [77, 43.2] },
        { type: "Feature", properties: { id: "mast-7" }, geometry: { type: "Point", coordinates: [77.3, 43.2] } },
      ],
    });
    expect(c.id).toEqual(["rooftop-1", "mast-7"]);
    expect(c.source).toEqual(["user", "user"]);
    expect(Array.from(c.lon)).toEqual([77, 77.3]);
    expect(c.removed.exclusion).toBe(grid.lon.length);
  });

  it("refuses bad user candidates, listing each", () => {
    const bad = [
      { id: "a", coordinates: [77, 43.2] },
      { id: "a", coordinates: [77, 43.2] },
      { id: "b", coordinates: [277, 43.2] },
      { id: "", coordinates: [77, 43.2] },
      { id: "c", coordinates: [NaN, 43.2] },
      { type: "Feature", properties: { id: "d" }, geometry: { type: "Polygon", coordinates: [] } },
    ];
    try {
      candidateGrid(area, { extra: bad as never });
      expect.unreachable();
    } catch (e) {
      expect((e as CellplanError).problems.map((p) => [p.featureIndex, p.code])).toEqual([
        [1, "DUPLICATE_ID"],
        [2, "COORDINATE_OUT_OF_RANGE"],
        [3, "INVALID_ID"],
        [4, "NOT_FINITE"],
        [5, "WRONG_GEOMETRY"],
      ]);
    }
    expect(code(() => candidateGrid(area, { extra: [{ id: "g0-0", coordinates: [77, 43.2] }] }))).toBe("DUPLICATE_ID");
    expect(code(() => candidateGrid(area, { extra: { type: "Feature" } as never }))).toBe("WRONG_TYPE");
  });

  it("checks the candidate limit before allocating, and lets it be raised", () => {
    expect(code(() => candidateGrid(area, { spacingM: 250, maxCandidates: 100 }))).toBe("LIMIT_EXCEEDED");
    expect(code(() => candidateGrid(rect(77, 43.2, 400_000, 400_000), { spacingM: 10 }))).toBe("LIMIT_EXCEEDED");
    expect(candidateGrid(area, { spacingM: 250, maxCandidates: 16 * 12 }).lon.length).toBe(16 * 12);
  });

  it("refuses bad options", () => {
    expect(code(() => candidateGrid(area, { spacingM: 0 }))).toBe("INVALID_VALUE");
    expect(code(() => candidateGrid(area, { spacingM: NaN }))).toBe("INVALID_VALUE");
    expect(code(() => candidateGrid(area, { maxElevationM: 1000 }))).toBe("MISSING_FIELD");
    expect(code(() => candidateGrid(area, { dem: dem(() => 0), maxSlopeDeg: 90 }))).toBe("INVALID_VALUE");
    expect(code(() => candidateGrid(area, { dem: dem(() => 0), maxElevationM: Infinity }))).toBe("NOT_FINITE");
    expect(code(() => candidateGrid({ type: "Point", coordinates: [77, 43] }))).toBe("WRONG_GEOMETRY");
    expect(code(() => candidateGrid(area, { exclusions: [{ type: "LineString", coordinates: [] }] as never }))).toBe("WRONG_GEOMETRY");
    // a terrain limit on grid points the DEM does not cover
    expect(code(() => candidateGrid(rect(77.3, 43.2, 4000, 3000), { dem: dem(() => 0), maxElevationM: 1000 }))).toBe("OUT_OF_VALIDITY");
  });
});

describe("conflictPairs", () => {
  it("lists, for each candidate, every other one closer than the distance, ascending (property, against brute force)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 0, max: 120 }), fc.double({ min: 1, max: 3000, noNaN: true }), (seed, n, dist) => {
        const rand = mulberry32(seed);
        const lon = Float64Array.from({ length: n }, () => 76.9 + 0.1 * rand());
        const lat = Float64Array.from({ length: n }, () => 43.2 + 0.1 * rand());
        const { offsets, indices } = conflictPairs({ lon, lat }, dist);
        const f = localFrame((Math.min(...lat) + Math.max(...lat)) / 2);
        expect(offsets.length).toBe(n + 1);
        for (let j = 0; j < n; j++) {
          const want: number[] = [];
          for (let k = 0; k < n; k++) if (k !== j && Math.hypot((lon[k]! - lon[j]!) * f.kx, (lat[k]! - lat[j]!) * f.ky) < dist) want.push(k);
          expect(Array.from(indices.subarray(offsets[j]!, offsets[j + 1]!))).toEqual(want);
        }
      }),
      { numRuns: 40, seed: 7 },
    );
  });

  it("gives no pairs at distance 0, and refuses bad input or too many pairs", () => {
    const pts = { lon: [77, 77.001, 77.002], lat: [43, 43, 43] };
    expect(Array.from(conflictPairs(pts, 0).offsets)).toEqual([0, 0, 0, 0]);
    expect(Array.from(conflictPairs(pts, 100).indices)).toEqual([1, 0, 2, 1]);
    expect(code(() => conflictPairs(pts, 1000, { maxEntries: 5 }))).toBe("LIMIT_EXCEEDED");
    expect(code(() => conflictPairs(pts, -1))).toBe("INVALID_VALUE");
    expect(code(() => conflictPairs({ lon: [77], lat: [43, 44] }, 10))).toBe("INVALID_VALUE");
    expect(code(() => conflictPairs({ lon: [NaN], lat: [43] }, 10))).toBe("NOT_FINITE");
    expect(code(() => conflictPairs({ lon: "x", lat: [] } as never, 10))).toBe("WRONG_TYPE");
  });
});

describe("candidateGrid on Almaty", () => {
  const scenario = loadScenario();

  it("covers the city at 250 m: one candidate per 0.0625 km², and the DEM filters the mountains", () => {
    const c = candidateGrid(scenario.boundary, { dem: scenario.terrain! });
    const expected = geometryAreaM2(scenario.boundary.geometry) / 250 ** 2;
    expect(Math.abs(c.lon.length - expected) / expected).toBeLessThan(0.01);
    const limited = candidateGrid(scenario.boundary, { dem: scenario.terrain!, maxElevationM: 1500, maxSlopeDeg: 15 });
    expect(limited.lon.length + limited.removed.elevation + limited.removed.slope).toBe(c.lon.length);
    for (let j = 0; j < limited.lon.length; j++) {
      expect(limited.elevationM![j]).toBeLessThanOrEqual(1500);
      expect(limited.slopeDeg![j]).toBeLessThanOrEqual(15);
    }
    console.info(
      `Almaty candidates at 250 m: ${c.lon.length} (city ${(expected / 16).toFixed(0)} km²); ≤ 1500 m and ≤ 15°: ${limited.lon.length} (removed ${limited.removed.elevation} by height, ${limited.removed.slope} by slope)`,
    );
  });
});
