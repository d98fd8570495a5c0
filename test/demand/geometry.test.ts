import type { MultiPolygon, Polygon } from "geojson";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bucketPoints, visitBox } from "../../src/demand/buckets.js";
import { areaGeometries, geometryCentroid, pointInGeometry } from "../../src/demand/polygons.js";
import { CellplanError } from "../../src/errors.js";
import { polygonMask } from "../../src/geo/scanline.js";
import { mulberry32 } from "../../src/math.js";

const donut: Polygon = {
  type: "Polygon",
  coordinates: [
    [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
    [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]],
  ],
};

describe("pointInGeometry", () => {
  it("cuts holes out and joins the parts of a multipolygon", () => {
    expect(pointInGeometry(donut, 0.5, 0.5)).toBe(true);
    expect(pointInGeometry(donut, 2, 2)).toBe(false);
    expect(pointInGeometry(donut, 5, 2)).toBe(false);
    const multi: MultiPolygon = { type: "MultiPolygon", coordinates: [donut.coordinates, [[[2, 2], [2.5, 2], [2.5, 2.5], [2, 2.5], [2, 2]]]] };
    expect(pointInGeometry(multi, 2.2, 2.2)).toBe(true);
  });

  it("agrees with the scanline mask at every pixel centre (the same edge convention)", () => {
    const rand = mulberry32(11);
    const ring = Array.from({ length: 9 }, (_, k) => {
      const a = (2 * Math.PI * k) / 9;
      const r = 1 + rand();
      return [76.9 + 0.05 * r * Math.cos(a), 43.2 + 0.05 * r * Math.sin(a)];
    });
    ring.push(ring[0]!);
    const poly: Polygon = { type: "Polygon", coordinates: [ring] };
    const lattice = { west: 76.78, south: 43.08, cellLonDeg: 0.004, cellLatDeg: 0.004, width: 60, height: 60 };
    const mask = polygonMask(lattice, poly);
    let inside = 0;
    for (let r = 0; r < lattice.height; r++) {
      for (let c = 0; c < lattice.width; c++) {
        const lon = lattice.west + (c + 0.5) * lattice.cellLonDeg;
        const lat = lattice.south + (lattice.height - r - 0.5) * lattice.cellLatDeg;
        expect(pointInGeometry(poly, lon, lat), `${r},${c}`).toBe(mask[r * lattice.width + c] === 1);
        inside += mask[r * lattice.width + c]!;
      }
    }
    expect(inside).toBeGreaterThan(100);
  });
});

describe("geometryCentroid", () => {
  it("is the area centroid, holes subtracted, whatever the winding", () => {
    expect(geometryCentroid(donut)).toEqual([2, 2]);
    const l: Polygon = { type: "Polygon", coordinates: [[[0, 0], [0, 2], [2, 2], [2, 1], [1, 1], [1, 0], [0, 0]]] }; // clockwise L
    const [x, y] = geometryCentroid(l);
    // L = 2×1 bar on top (centroid (1, 1.5)) + 1×1 square below-left (centroid (0.5, 0.5)); areas 2 and 1
    expect(x).toBeCloseTo((2 * 1 + 0.5) / 3, 12);
    expect(y).toBeCloseTo((2 * 1.5 + 0.5) / 3, 12);
  });

  it("falls back to the vertex mean for a degenerate ring", () => {
    expect(geometryCentroid({ type: "Polygon", coordinates: [[[0, 0], [1, 1], [2, 2], [0, 0]]] })).toEqual([1, 1]);
  });
});

describe("areaGeometries", () => {
  it("takes geometries, features, collections and arrays", () => {
    const feature = { type: "Feature" as const, properties: null, geometry: donut };
    expect(areaGeometries(donut, "a")).toHaveLength(1);
    expect(areaGeometries(feature, "a")).toHaveLength(1);
    expect(areaGeometries({ type: "FeatureCollection", features: [feature, feature] }, "a")).toHaveLength(2);
    expect(areaGeometries([donut, feature], "a")).toHaveLength(2);
  });

  it.each([
    ["a point", { type: "Point", coordinates: [0, 0] }, "WRONG_GEOMETRY", "zone.type"],
    ["an open ring", { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1]]] }, "WRONG_GEOMETRY", "zone.coordinates[0]"],
    ["a short ring", { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 0]]] }, "WRONG_GEOMETRY", "zone.coordinates[0]"],
    ["NaN", { type: "Polygon", coordinates: [[[0, 0], [NaN, 0], [1, 1], [0, 0]]] }, "NOT_FINITE", "zone.coordinates[0][1]"],
    ["latitude 91", { type: "Polygon", coordinates: [[[0, 0], [1, 91], [1, 1], [0, 0]]] }, "COORDINATE_OUT_OF_RANGE", "zone.coordinates[0][1]"],
    ["null", null, "WRONG_TYPE", "zone"],
  ])("refuses %s", (_, input, code, field) => {
    try {
      areaGeometries(input, "zone");
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CellplanError);
      expect((e as CellplanError).code).toBe(code);
      expect((e as CellplanError).problems[0]!.field).toBe(field);
    }
  });
});

describe("bucketPoints", () => {
  it("visitBox sees every point inside any box (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 300 }),
        fc.double({ min: 10, max: 5000, noNaN: true }),
        (seed, n, cellM) => {
          const rand = mulberry32(seed);
          const lon = Float64Array.from({ length: n }, () => 76.8 + 0.3 * rand());
          const lat = Float64Array.from({ length: n }, () => 43.1 + 0.2 * rand());
          const b = bucketPoints(lon, lat, cellM);
          expect(b.cols * b.rows).toBeLessThanOrEqual(Math.max(1024, 4 * n));
          expect(Array.from(b.items).sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, i) => i));
          const box = [76.8 + 0.3 * rand(), 43.1 + 0.2 * rand()];
          const [w, s, e, nn] = [box[0]!, box[1]!, box[0]! + 0.1 * rand(), box[1]! + 0.1 * rand()];
          const seen = new Set<number>();
          visitBox(b, w, s, e, nn, (i) => seen.add(i));
          for (let i = 0; i < n; i++) if (lon[i]! >= w && lon[i]! <= e && lat[i]! >= s && lat[i]! <= nn) expect(seen.has(i)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 6 },
    );
  });
});
