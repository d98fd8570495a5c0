import { area as turfArea } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { authalicQ, authalicQExact, geometryAreaKm2, ringSignedAreaM2 } from "../../src/geo/area.js";
import { bboxOf, expandBBox } from "../../src/geo/bbox.js";
import { WGS84_A, WGS84_E2 } from "../../src/math.js";

describe("ellipsoidal area", () => {
  it("q(±90°) gives the WGS84 ellipsoid's total area 2πa²·q_p = 510,065,621.7 km² (Snyder 1987 eq. 3-12)", () => {
    const qp = authalicQ(90);
    expect(authalicQ(-90)).toBeCloseTo(-qp, 12);
    expect((2 * Math.PI * WGS84_A * WGS84_A * qp) / 1e6).toBeCloseTo(510_065_621.7, 0);
    // and the closed form: q_p = 1 + (1 − e²)/(2e)·ln((1 + e)/(1 − e))
    const e = Math.sqrt(WGS84_E2);
    expect(qp).toBeCloseTo(1 + ((1 - WGS84_E2) / (2 * e)) * Math.log((1 + e) / (1 - e)), 11);
  });

  it("the series for q agrees with the closed form to 1e-11 at every latitude", () => {
    for (let lat = -90; lat <= 90; lat += 0.5) expect(authalicQ(lat)).toBeCloseTo(authalicQExact(lat), 11);
  });

  it("a 1°×1° cell at 43°N matches the analytic zone area", () => {
    const ring = [[76, 43], [77, 43], [77, 44], [76, 44], [76, 43]];
    const analytic = ((WGS84_A * WGS84_A) / 2) * (Math.PI / 180) * (authalicQ(44) - authalicQ(43));
    expect(ringSignedAreaM2(ring) / analytic - 1).toBeCloseTo(0, 12);
    expect(ringSignedAreaM2([...ring].reverse()) / analytic + 1).toBeCloseTo(0, 12);
    // within 0.5 % of Turf's spherical area
    expect(Math.abs(analytic / turfArea({ type: "Polygon", coordinates: [ring] }) - 1)).toBeLessThan(0.005);
  });

  it("subtracts holes and sums multipolygons", () => {
    const outer = [[0, 0], [0.02, 0], [0.02, 0.02], [0, 0.02], [0, 0]];
    const hole = [[0.005, 0.005], [0.005, 0.015], [0.015, 0.015], [0.015, 0.005], [0.005, 0.005]];
    const a = geometryAreaKm2({ type: "Polygon", coordinates: [outer] });
    const h = geometryAreaKm2({ type: "Polygon", coordinates: [hole] });
    expect(geometryAreaKm2({ type: "Polygon", coordinates: [outer, hole] })).toBeCloseTo(a - h, 9);
    expect(geometryAreaKm2({ type: "MultiPolygon", coordinates: [[outer], [hole]] })).toBeCloseTo(a + h, 9);
    expect(geometryAreaKm2({ type: "Point", coordinates: [0, 0] })).toBe(0);
  });
});

describe("bbox", () => {
  it("grows by a metric margin on every side", () => {
    const b = bboxOf({ type: "LineString", coordinates: [[76.9, 43.2], [77, 43.3]] });
    expect(b).toEqual([76.9, 43.2, 77, 43.3]);
    const g = expandBBox(b, 5000);
    // 5 km is ≈ 0.045° of latitude and ≈ 0.0615° of longitude at 43.25°N
    expect(b[1] - g[1]).toBeCloseTo(5000 / 111_100, 3);
    expect(b[0] - g[0]).toBeCloseTo(5000 / 81_290, 3);
  });
});
