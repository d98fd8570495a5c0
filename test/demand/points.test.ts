import type { Feature, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { DEMAND_DEFAULTS, demandPoints } from "../../src/demand/points.js";
import { CellplanError } from "../../src/errors.js";
import { localFrame } from "../../src/geo/frame.js";
import { loadScenario } from "../../src/node/scenario.js";
import { cellplanErrorOf as thrown } from "../fixtures/errors.js";

const scenario = loadScenario();

/** A square of side `sideM` centred on (lon, lat), counter-clockwise. */
function square(lon: number, lat: number, sideM: number): Polygon {
  const f = localFrame(lat);
  const dx = sideM / 2 / f.kx;
  const dy = sideM / 2 / f.ky;
  return { type: "Polygon", coordinates: [[[lon - dx, lat - dy], [lon + dx, lat - dy], [lon + dx, lat + dy], [lon - dx, lat + dy], [lon - dx, lat - dy]]] };
}

function cell(lon: number, lat: number, population: number, district: string | null = null, sideM = 500): Feature<Polygon, { population: number; district: string | null }> {
  return { type: "Feature", properties: { population, district }, geometry: square(lon, lat, sideM) };
}

const zones = {
  type: "FeatureCollection" as const,
  features: [
    { type: "Feature" as const, properties: { id: "west", nameEn: "West" }, geometry: square(76.9, 43.25, 5000) },
    { type: "Feature" as const, properties: { id: "east", nameEn: "East" }, geometry: square(77.0, 43.25, 5000) },
  ],
};


describe("demandPoints on the Almaty population grid", () => {
  const d = demandPoints(scenario.population, { zones: scenario.districts });

  it("keeps every hexagon as a point, weighted by its people, summing to the city's population", () => {
    expect(d.lon.length).toBe(scenario.population.features.length);
    expect(d.outside.length).toBe(0);
    expect(d.excluded.belowMinPeople.length + d.excluded.outsideArea.length).toBe(0);
    const total = scenario.districts.features.reduce((s, f) => s + f.properties.population, 0);
    expect(total).toBe(2_165_759);
    expect(d.totalPeople).toBe(total);
    expect(d.weight.reduce((s, w) => s + w, 0)).toBeCloseTo(total, 6);
    expect(Array.from(d.feature)).toEqual(scenario.population.features.map((_, k) => k));
  });

  it("indexes points by district: per-district weights equal the districts' populations", () => {
    expect(d.zones.map((z) => z.id)).toEqual(scenario.districts.features.map((f) => f.properties.id));
    expect(d.zones[0]!.name).toBe(scenario.districts.features[0]!.properties.nameEn);
    const sums = new Float64Array(d.zones.length);
    d.zone.forEach((z, i) => (sums[z]! += d.weight[i]!));
    scenario.districts.features.forEach((f, k) => expect(sums[k]).toBeCloseTo(f.properties.population, 6));
  });

  it("puts each point at its hexagon's centroid, inside the hexagon, with the hexagon's area", () => {
    for (let i = 0; i < d.lon.length; i += 37) {
      const ring = scenario.population.features[i]!.geometry.coordinates[0]!;
      const mean = [0, 1].map((a) => ring.slice(0, -1).reduce((s, p) => s + p[a]!, 0) / (ring.length - 1));
      // a regular hexagon's centroid is its vertex mean (to the projection's distortion, < 1 m)
      const f = localFrame(d.lat[i]!);
      expect(Math.hypot((d.lon[i]! - mean[0]!) * f.kx, (d.lat[i]! - mean[1]!) * f.ky)).toBeLessThan(1);
      // H3 resolution 8: 0.737 km² on average (H3 documentation), ±25 % over the globe
      expect(d.areaM2[i]! / 1e6).toBeGreaterThan(0.6);
      expect(d.areaM2[i]! / 1e6).toBeLessThan(0.9);
    }
  });

  it("mixes in area weighting on request, keeping the total", () => {
    const half = demandPoints(scenario.population, { zones: scenario.districts, areaWeight: 0.5 });
    const all = demandPoints(scenario.population, { zones: scenario.districts, areaWeight: 1 });
    expect(half.weight.reduce((s, w) => s + w, 0)).toBeCloseTo(d.totalPeople, 4);
    expect(all.weight.reduce((s, w) => s + w, 0)).toBeCloseTo(d.totalPeople, 4);
    const totalArea = d.areaM2.reduce((s, a) => s + a, 0);
    for (const i of [0, 100, 400]) {
      expect(all.weight[i]).toBeCloseTo((d.totalPeople * d.areaM2[i]!) / totalArea, 6);
      expect(half.weight[i]).toBeCloseTo((d.weight[i]! + all.weight[i]!) / 2, 6);
    }
  });

  it("is deterministic", () => {
    const again = demandPoints(scenario.population, { zones: scenario.districts });
    expect(Buffer.from(again.lon.buffer).equals(Buffer.from(d.lon.buffer))).toBe(true);
    expect(Buffer.from(again.weight.buffer).equals(Buffer.from(d.weight.buffer))).toBe(true);
  });

  it("without zones, indexes by the distinct district ids, sorted", () => {
    const bare = demandPoints(scenario.population);
    expect(bare.zones.map((z) => z.id)).toEqual([...new Set(scenario.population.features.map((f) => f.properties.district!))].sort());
    expect(bare.outside.length).toBe(0);
  });
});

describe("demandPoints options and edge cases", () => {
  const people = [cell(76.9, 43.25, 100, "west"), cell(77.0, 43.25, 50, null), cell(77.2, 43.25, 7, null), cell(76.91, 43.25, 0, null)];

  it("assigns polygons without a district to the zone holding their centroid, and reports (keeps) those in none", () => {
    const d = demandPoints(people, { zones });
    expect(Array.from(d.zone)).toEqual([0, 1, -1, 0]);
    expect(Array.from(d.outside)).toEqual([2]);
    expect(d.lon.length).toBe(4);
    expect(d.weight.reduce((s, w) => s + w, 0)).toBe(157);
  });

  it("excludes below minPeople and outside the area only on request, listing them with their people", () => {
    const d = demandPoints(people, { zones, minPeople: 1, area: square(76.95, 43.25, 15_000) });
    expect(Array.from(d.excluded.belowMinPeople)).toEqual([3]);
    expect(Array.from(d.excluded.outsideArea)).toEqual([2]);
    expect(d.excluded.people).toBe(7);
    expect(Array.from(d.feature)).toEqual([0, 1]);
    expect(d.totalPeople + d.excluded.people).toBe(157);
    expect(DEMAND_DEFAULTS.minPeople).toBe(0);
  });

  it("takes MultiPolygons and holes: the centroid is the area centroid", () => {
    const outer = square(77, 43, 2000).coordinates[0]!;
    const hole = square(77.005, 43, 600).coordinates[0]!.slice().reverse();
    const d = demandPoints([{ type: "Feature", properties: { population: 10 }, geometry: { type: "MultiPolygon", coordinates: [[outer, hole]] } }]);
    const f = localFrame(43);
    // removing a 600 m square 0.005° east shifts the centroid west by a·x/(A − a)
    const shiftM = (0.36 * 0.005 * f.kx) / (4 - 0.36);
    expect((77 - d.lon[0]!) * f.kx).toBeCloseTo(shiftM, 1);
    expect(d.areaM2[0]! / 1e6).toBeCloseTo(4 - 0.36, 2);
  });

  it("refuses bad input with every problem listed", () => {
    const bad = [
      cell(76.9, 43.25, -5),
      cell(76.9, 43.25, NaN),
      { type: "Feature", properties: {}, geometry: square(76.9, 43.25, 500) },
      cell(76.9, 43.25, 10, "nowhere"),
      { type: "Feature", properties: { population: 1 }, geometry: { type: "Point", coordinates: [76.9, 43.25] } },
      { type: "Feature", properties: { population: 1 }, geometry: { type: "Polygon", coordinates: [[[76.9, 43.2], [77, 43.2], [77, 43.3], [76.9, 43.3]]] } },
    ];
    const e = thrown(() => demandPoints(bad, { zones }));
    expect(e.problems.map((p) => [p.featureIndex, p.code])).toEqual([
      [0, "INVALID_VALUE"],
      [1, "NOT_FINITE"],
      [2, "INVALID_VALUE"],
      [3, "INVALID_VALUE"],
      [4, "WRONG_GEOMETRY"],
      [5, "WRONG_GEOMETRY"],
    ]);
    expect(e.message).toMatch(/6 problems/);
    expect(e.problems[3]!.allowed).toMatch(/west, east/);
  });

  it("refuses bad options and inputs that are not population layers", () => {
    expect(thrown(() => demandPoints(people, { areaWeight: 1.5 })).code).toBe("INVALID_VALUE");
    expect(thrown(() => demandPoints(people, { minPeople: -1 })).code).toBe("INVALID_VALUE");
    expect(thrown(() => demandPoints(people, { maxPoints: 3 })).code).toBe("LIMIT_EXCEEDED");
    expect(demandPoints(people, { maxPoints: 4 }).lon.length).toBe(4);
    expect(thrown(() => demandPoints({ type: "Feature" })).code).toBe("WRONG_TYPE");
    expect(thrown(() => demandPoints(null)).code).toBe("WRONG_TYPE");
    expect(thrown(() => demandPoints(people, { zones: [zones.features[0]!, zones.features[0]!] })).code).toBe("DUPLICATE_ID");
    expect(thrown(() => demandPoints(people, { zones: [{ ...zones.features[0]!, properties: {} }] })).code).toBe("INVALID_ID");
    expect(thrown(() => demandPoints(people, { area: { type: "Point", coordinates: [0, 0] } as never })).code).toBe("WRONG_GEOMETRY");
    expect(thrown(() => demandPoints([cell(76.9, 43.25, 1e308), cell(76.9, 43.25, 1e308)], { areaWeight: 0.5 })).code).toBe("NOT_FINITE");
  });

  it("accepts an empty layer (the solver refuses empty demand)", () => {
    const d = demandPoints({ type: "FeatureCollection", features: [] });
    expect(d.lon.length).toBe(0);
    expect(d.totalPeople).toBe(0);
  });
});

describe("demandPoints on a lattice (spacingM)", () => {
  it("shares each hexagon's people over the lattice points inside it: totals and district sums stay exact", () => {
    const d = demandPoints(scenario.population, { zones: scenario.districts, spacingM: 100 });
    const n = scenario.population.features.length;
    expect(d.weight.length).toBeGreaterThan(40 * n); // an H3 r8 hexagon holds ≈ 74 points at 100 m
    expect(d.totalPeople).toBeCloseTo(2_165_759, 3);
    for (const [k, z] of d.zones.entries()) {
      const want = scenario.districts.features.find((f) => f.properties.id === z.id)!.properties.population;
      let got = 0;
      for (let i = 0; i < d.weight.length; i++) if (d.zone[i] === k) got += d.weight[i]!;
      expect(got).toBeCloseTo(want, 3);
    }
    // every point lies in the polygon it came from, and each polygon's points carry equal shares
    const poly = scenario.population.features;
    for (let i = 0; i < d.weight.length; i += 97) {
      const f = poly[d.feature[i]!]!;
      expect(d.people[i]! * d.weight.filter((_, j) => d.feature[j] === d.feature[i]).length).toBeCloseTo(f.properties.population, 6);
    }
  });

  it("keeps a polygon too small for any lattice point as its centroid, so nobody is dropped", () => {
    const d = demandPoints([cell(76.9, 43.25, 10, null, 30)], { spacingM: 1000 });
    expect(d.weight.length).toBe(1);
    expect(d.weight[0]).toBe(10);
  });

  it("refuses a bad spacing and a lattice over its point limit", () => {
    expect(() => demandPoints([cell(76.9, 43.25, 10)], { spacingM: -5 })).toThrow(CellplanError);
    expect(() => demandPoints([cell(76.9, 43.25, 10, null, 5000)], { spacingM: 10, maxLatticePoints: 1000 })).toThrow(/at most 1000 demand points/);
  });
});
