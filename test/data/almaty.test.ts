import { readFileSync } from "node:fs";
import { join } from "node:path";
import { bbox as turfBbox, featureCollection, intersect } from "@turf/turf";
import type { Feature, MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { geometryAreaKm2, ringSignedAreaM2 } from "../../src/geo/area.js";
import { bboxOf, expandBBox } from "../../src/geo/bbox.js";
import { loadScenario } from "../../src/node/scenario.js";
import { countVoids, demBBox, sampleDem } from "../../src/terrain/dem.js";
import { parseCsv } from "../../data/scripts/csv.js";
import { haveSources, SOURCES } from "./shared.js";

const scenario = loadScenario();
const districts = scenario.districts.features;

/** From ../shared/data/almaty-sources/PROVENANCE.md. */
const OSM_RELATIONS: Record<string, number> = {
  alatau: 3072216,
  almaly: 3072807,
  auezov: 3072808,
  bostandyk: 3390291,
  zhetysu: 3072130,
  medeu: 3072217,
  nauryzbay: 5460063,
  turksib: 3072001,
};

describe("Almaty districts", () => {
  it("are the 8 districts with English, Russian and Kazakh names and their OSM relations", () => {
    expect(districts).toHaveLength(8);
    for (const d of districts) {
      const p = d.properties;
      expect(p.osmRelationId).toBe(OSM_RELATIONS[p.id]);
      expect(p.nameEn).toMatch(/^[A-Z][a-z]+$/);
      expect(p.nameRu).toMatch(/[А-Яа-я]/);
      expect(p.nameKk).toMatch(/ауданы$/);
      expect(p.populationDate).toBe("unspecified");
      expect(p.populationSource).toMatch(/^https:\/\/www\.gov\.kz\//);
    }
    expect(districts.filter((d) => d.properties.populationIsLowerBound).map((d) => d.properties.id)).toEqual(["auezov", "turksib"]);
  });

  it("do not overlap beyond 0.01 km²", () => {
    let worst = 0;
    for (let i = 0; i < districts.length; i++) {
      for (let j = i + 1; j < districts.length; j++) {
        const a = districts[i]! as Feature<Polygon | MultiPolygon>;
        const b = districts[j]! as Feature<Polygon | MultiPolygon>;
        const ba = turfBbox(a);
        const bb = turfBbox(b);
        if (ba[2] < bb[0] || bb[2] < ba[0] || ba[3] < bb[1] || bb[3] < ba[1]) continue;
        const overlap = intersect(featureCollection([a, b]));
        const km2 = overlap ? geometryAreaKm2(overlap.geometry) : 0;
        worst = Math.max(worst, km2);
      }
    }
    expect(worst).toBeLessThan(0.01);
    // The check can fail: a district against itself nudged 100 m east overlaps by square kilometres.
    const a = districts[1]! as Feature<Polygon>;
    const nudged: Feature<Polygon> = {
      ...a,
      geometry: { type: "Polygon", coordinates: a.geometry.coordinates.map((r) => r.map(([x, y]) => [x! + 0.0012, y!])) },
    };
    expect(geometryAreaKm2(intersect(featureCollection([a, nudged]))!.geometry)).toBeGreaterThan(10);
  });

  it("store the area computed from their geometry, and the city boundary is 703.3 km²", () => {
    for (const d of districts) expect(d.properties.areaKm2).toBeCloseTo(geometryAreaKm2(d.geometry), 2);
    expect(geometryAreaKm2(scenario.boundary.geometry)).toBeCloseTo(703.3, 1);
    // The districts tile the city except ~0.5 km² of unassigned slivers (PROVENANCE.md).
    const sum = districts.reduce((s, d) => s + d.properties.areaKm2, 0);
    expect(703.3 - sum).toBeGreaterThan(0);
    expect(703.3 - sum).toBeLessThan(0.6);
  });

  it("follow RFC 7946: closed rings, exterior counter-clockwise, holes clockwise", () => {
    for (const f of [scenario.boundary, ...districts]) {
      const polys = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const poly of polys) {
        poly.forEach((ring, k) => {
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          expect(ringSignedAreaM2(ring) > 0).toBe(k === 0);
        });
      }
    }
  });
});

describe("Almaty population grid", () => {
  it("sums to each district's reported population after rescaling, with the scale recorded", () => {
    const byDistrict = new Map<string, number>();
    const konturBy = new Map<string, number>();
    for (const cell of scenario.population.features) {
      const id = cell.properties.district!;
      byDistrict.set(id, (byDistrict.get(id) ?? 0) + cell.properties.population);
      konturBy.set(id, (konturBy.get(id) ?? 0) + cell.properties.konturPopulation!);
      expect(Number.isInteger(cell.properties.population)).toBe(true);
    }
    for (const d of districts) {
      const p = d.properties;
      expect(byDistrict.get(p.id)).toBe(p.population);
      expect(konturBy.get(p.id)).toBe(p.konturPopulation);
      expect(p.populationScale).toBeCloseTo(p.population / p.konturPopulation!, 6);
    }
    expect(districts.reduce((s, d) => s + d.properties.population, 0)).toBe(2_165_759);
  });

  it("keeps each cell's people proportional to Kontur within rounding", () => {
    const scale = new Map(districts.map((d) => [d.properties.id, d.properties.population / d.properties.konturPopulation!]));
    for (const c of scenario.population.features) {
      const expected = c.properties.konturPopulation! * scale.get(c.properties.district!)!;
      expect(Math.abs(c.properties.population - expected)).toBeLessThan(1);
    }
  });

  it("has clean hexagons (7 distinct-vertex rings, closed, counter-clockwise)", () => {
    expect(scenario.population.features).toHaveLength(632);
    for (const c of scenario.population.features) {
      const ring = c.geometry.coordinates[0]!;
      expect(ring).toHaveLength(7);
      expect(ring[0]).toEqual(ring[6]);
      expect(ringSignedAreaM2(ring)).toBeGreaterThan(0);
    }
  });
});

describe("Almaty terrain (SRTM 3″)", () => {
  const dem = scenario.terrain!;
  // [name, lon, lat, elevation m from PROVENANCE.md]; coordinates from Wikipedia / OSM.
  const SPOTS = [
    ["Republic Square", 76.9453, 43.2383, 874],
    ["Almaty airport (ALA)", 77.0447, 43.3553, 676],
    ["Medeu rink", 77.0589, 43.1572, 1704],
  ] as const;

  it.each(SPOTS)("samples %s at its surveyed elevation ±15 m", (_, lon, lat, z) => {
    expect(Math.abs(sampleDem(dem, lon, lat) - z)).toBeLessThanOrEqual(15);
  });

  it("covers the city with ≥ 5 km margin west, north and east, and reaches 43.0°N in the south", () => {
    const city = bboxOf(scenario.boundary.geometry);
    const want = expandBBox(city, 5000);
    const have = demBBox(dem);
    expect(have[0]).toBeLessThanOrEqual(want[0]);
    expect(have[2]).toBeGreaterThanOrEqual(want[2]);
    expect(have[3]).toBeGreaterThanOrEqual(want[3]);
    // Only the N43 tiles are among the sources: the southern margin is what 43.0°N leaves (≈3.6 km).
    expect(have[1]).toBeCloseTo(43, 9);
    expect(city[1] - have[1]).toBeGreaterThan(0.03);
    expect(countVoids(dem)).toBe(0);
    expect(scenario.terrainMeta["voidsFilled"]).toBeGreaterThan(0);
  });
});

describe.runIf(haveSources)("Almaty dataset against ../shared sources", () => {
  const rows = parseCsv(readFileSync(join(SOURCES, "population/almaty_district_population_sources.csv"), "utf8"));
  const row = (osmId: number) => rows.find((r) => Number(r["osm_relation_id"]) === osmId)!;

  it("district areas are within 1 % of the source figures", () => {
    for (const d of districts) {
      const source = Number(row(d.properties.osmRelationId!)["osm_area_km2"]);
      expect(Math.abs(geometryAreaKm2(d.geometry) / source - 1)).toBeLessThan(0.01);
    }
  });

  it("populations and Kontur sums are the source table's", () => {
    for (const d of districts) {
      const r = row(d.properties.osmRelationId!);
      expect(d.properties.population).toBe(Number(r["population_reported"]));
      expect(d.properties.konturPopulation).toBe(Number(r["kontur_2023_population_h3_centroid_sum"]));
      expect(d.properties.nameRu).toBe(r["district_ru"]);
      expect(d.properties.nameKk).toBe(r["district_kk"]);
    }
  });
});
