/**
 * Regenerates every derived file in data/almaty/ from the real sources in
 * ../shared/data/almaty-sources (or the folder given as the first argument).
 *
 *   npm run data:almaty [-- SOURCES_DIR [OUT_DIR]]
 *
 * Deterministic: the same sources give byte-identical outputs. See data/README.md.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { unzipSync } from "fflate";
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from "geojson";
import { geometryAreaKm2, ringSignedAreaM2 } from "../../src/geo/area.js";
import { bboxOf, expandBBox } from "../../src/geo/bbox.js";
import { countVoids, cropDem, fillVoids, type Dem } from "../../src/terrain/dem.js";
import { encodeDem } from "../../src/terrain/codec.js";
import { HGT_VOID, hgtTileOf, parseHgt } from "../../src/terrain/hgt.js";
import { parseCsv } from "./csv.js";

const here = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(process.argv[2] ?? join(here, "../../../shared/data/almaty-sources"));
const OUT = resolve(process.argv[3] ?? join(here, "../almaty"));
/** Terrain margin around the city's bounding box (the issue asks for ≥ 5 km). */
const TERRAIN_MARGIN_M = 6000;

const sourceHashes: Record<string, string> = {};
function readSource(rel: string): Buffer {
  const buf = readFileSync(join(SRC, rel));
  sourceHashes[rel] = createHash("sha256").update(buf).digest("hex");
  return buf;
}
const readJson = <T>(rel: string): T => JSON.parse(readSource(rel).toString("utf8")) as T;

// ---------------------------------------------------------------- boundaries
type Area = Polygon | MultiPolygon;
const districtsSrc = readJson<FeatureCollection<Area, { name: string; osm_name: string; osm_id: number }>>(
  "boundaries/almaty_districts_osm.geojson",
);
const citySrc = readJson<FeatureCollection<Area, Record<string, unknown>>>("boundaries/almaty_city_boundary_osm_dissolved.geojson");
const rows = parseCsv(readSource("population/almaty_district_population_sources.csv").toString("utf8"));

const slug = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, "-");
let ringsReversed = 0;

/** RFC 7946 winding (exterior CCW, holes CW), consecutive duplicate vertices removed, ring closed. */
function rfc7946(g: Area): Area {
  const fixRing = (ring: Position[], exterior: boolean): Position[] => {
    const out: Position[] = [];
    for (const p of ring) {
      const q = out[out.length - 1];
      if (!q || q[0] !== p[0] || q[1] !== p[1]) out.push([p[0]!, p[1]!]);
    }
    const first = out[0]!;
    const last = out[out.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) out.push([first[0]!, first[1]!]);
    if (ringSignedAreaM2(out) > 0 !== exterior) {
      ringsReversed++;
      out.reverse();
    }
    return out;
  };
  const fixPoly = (p: Position[][]) => p.map((r, i) => fixRing(r, i === 0));
  return g.type === "Polygon"
    ? { type: "Polygon", coordinates: fixPoly(g.coordinates) }
    : { type: "MultiPolygon", coordinates: g.coordinates.map(fixPoly) };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const cityFeature = citySrc.features[0]!;
const boundary: Feature<Area> = {
  type: "Feature",
  properties: {
    id: "almaty",
    nameEn: "Almaty",
    nameRu: "Алматы",
    nameKk: "Алматы",
    osmCityRelationId: cityFeature.properties["osm_city_relation_reference"],
    areaKm2: round2(geometryAreaKm2(cityFeature.geometry)),
    derivedFrom: cityFeature.properties["derived_from"],
    license: "ODbL-1.0",
    attribution: "© OpenStreetMap contributors",
  },
  geometry: rfc7946(cityFeature.geometry),
};

// ---------------------------------------------------------------- population (Kontur H3 r8)
type HexProps = { h3: string; population: number; center_in_city: boolean; district: string | null };
const kontur = readJson<FeatureCollection<Polygon, HexProps>>("population/almaty_kontur_population_h3r8.geojson");
const srcNameToRow = new Map<string, (typeof rows)[number]>();
for (const f of districtsSrc.features) {
  const row = rows.find((r) => Number(r["osm_relation_id"]) === f.properties.osm_id);
  if (!row) throw new Error(`no population row for OSM relation ${f.properties.osm_id}`);
  srcNameToRow.set(f.properties.name, row);
}
const keptHexes = kontur.features.filter((f) => f.properties.center_in_city);
const droppedHexes = kontur.features.filter((f) => !f.properties.center_in_city);

const districtFeatures: Feature<Area>[] = [];
const hexOut: Feature<Polygon>[] = [];
const scales: Record<string, number> = {};
for (const f of districtsSrc.features) {
  const row = srcNameToRow.get(f.properties.name)!;
  const id = slug(row["district_en"]!);
  const reported = Number(row["population_reported"]);
  const hexes = keptHexes.filter((h) => h.properties.district === f.properties.name);
  const konturSum = hexes.reduce((s, h) => s + h.properties.population, 0);
  const expected = Number(row["kontur_2023_population_h3_centroid_sum"]);
  if (konturSum !== expected) throw new Error(`${id}: Kontur sum ${konturSum} ≠ source table ${expected}`);
  const scale = reported / konturSum;
  scales[id] = scale;
  const people = largestRemainder(hexes.map((h) => h.properties.population * scale), reported);
  hexes.forEach((h, i) => {
    hexOut.push({
      type: "Feature",
      properties: { h3: h.properties.h3, district: id, konturPopulation: h.properties.population, population: people[i]! },
      geometry: rfc7946(h.geometry) as Polygon,
    });
  });
  const precision = row["population_precision"]!;
  districtFeatures.push({
    type: "Feature",
    properties: {
      id,
      nameEn: row["district_en"],
      nameRu: row["district_ru"],
      nameKk: row["district_kk"],
      osmName: f.properties.osm_name,
      osmRelationId: f.properties.osm_id,
      areaKm2: round2(geometryAreaKm2(f.geometry)),
      population: reported,
      populationIsLowerBound: precision.startsWith("lower_bound"),
      populationPrecision: precision,
      populationDate: row["population_reference_date"]!.startsWith("unspecified") ? "unspecified" : row["population_reference_date"],
      populationSource: row["population_source_url"],
      populationQuotedVia: row["quoted_via"],
      konturPopulation: konturSum,
      populationScale: Math.round(scale * 1e6) / 1e6,
    },
    geometry: rfc7946(f.geometry),
  });
}
hexOut.sort((a, b) => (a.properties!["h3"] as string).localeCompare(b.properties!["h3"] as string));

/** Integers proportional to `values` that sum exactly to `total` (Hamilton's method, ties by index). */
function largestRemainder(values: number[], total: number): number[] {
  const floors = values.map(Math.floor);
  let left = total - floors.reduce((s, v) => s + v, 0);
  const order = values.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors;
}

// ---------------------------------------------------------------- terrain (SRTM 3″)
const tiles = ["N43E076", "N43E077"].map((name) => {
  const zip = unzipSync(new Uint8Array(readSource(`dem/${name}.hgt.zip`)));
  const member = Object.keys(zip).find((k) => k.toUpperCase().endsWith(".HGT"));
  if (!member) throw new Error(`${name}.hgt.zip has no .hgt member`);
  return parseHgt(zip[member]!, hgtTileOf(name));
});
const cityBBox = bboxOf(boundary.geometry);
const wanted = expandBBox(cityBBox, TERRAIN_MARGIN_M);
// Only N43 tiles exist in the sources: the south edge stops at 43° N.
const covered: typeof wanted = [wanted[0], Math.max(wanted[1], 43), wanted[2], wanted[3]];
const terrain = mosaic(tiles, covered);
const voidsBefore = countVoids(terrain);
fillVoids(terrain);

/** Joins same-resolution tiles (shared edge samples agree) into one DEM covering `bbox`. */
function mosaic(parts: Dem[], bbox: typeof wanted): Dem {
  const step = parts[0]!.stepLonDeg;
  const c0 = Math.floor(bbox[0] / step + 1e-9);
  const c1 = Math.ceil(bbox[2] / step - 1e-9);
  const r0 = Math.floor(-bbox[3] / step + 1e-9);
  const r1 = Math.ceil(-bbox[1] / step - 1e-9);
  const width = c1 - c0 + 1;
  const height = r1 - r0 + 1;
  const heights = new Int16Array(width * height).fill(HGT_VOID);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const lon = (c0 + c) * step;
      const lat = -(r0 + r) * step;
      for (const t of parts) {
        const x = Math.round((lon - t.originLon) / step);
        const y = Math.round((t.originLat - lat) / step);
        if (x >= 0 && y >= 0 && x < t.width && y < t.height) {
          heights[r * width + c] = t.heights[y * t.width + x]!;
          break;
        }
      }
    }
  }
  const dem: Dem = { originLon: c0 * step, originLat: -r0 * step, stepLonDeg: step, stepLatDeg: step, width, height, heights, nodata: HGT_VOID };
  return cropDem(dem, bbox);
}

// ---------------------------------------------------------------- write
mkdirSync(join(OUT, "terrain"), { recursive: true });
const geojson = (fc: unknown) => `${JSON.stringify(fc)}\n`;
writeFileSync(join(OUT, "boundary.geojson"), geojson({ type: "FeatureCollection", features: [boundary] }));
writeFileSync(join(OUT, "districts.geojson"), geojson({ type: "FeatureCollection", features: districtFeatures }));
writeFileSync(join(OUT, "population.geojson"), geojson({ type: "FeatureCollection", features: hexOut }));
const terrainMeta = {
  source: "SRTM 3-arc-second v2.1 tiles N43E076 and N43E077 (NASA/USGS), public domain",
  heights: "metres above the EGM96 geoid; samples at whole multiples of 1/1200°",
  voidFill: "iterative 8-neighbour mean from the void's rim inward (cellplan fillVoids), rounded to 1 m",
  voidsFilled: voidsBefore,
  bboxRequested: wanted,
  note: "south edge limited to 43.0° N: the N42 tiles are not among the sources",
};
writeFileSync(join(OUT, "terrain", "almaty-srtm3.cpdem"), encodeDem(terrain, terrainMeta));

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const derivation = {
  generatedBy: "data/scripts/build-almaty.ts",
  sources: sourceHashes,
  boundary: { areaKm2: boundary.properties!["areaKm2"], bbox: cityBBox.map(r6) },
  districts: districtFeatures.map((d) => ({
    id: d.properties!["id"],
    areaKm2: d.properties!["areaKm2"],
    population: d.properties!["population"],
    konturPopulation: d.properties!["konturPopulation"],
    populationScale: d.properties!["populationScale"],
  })),
  population: {
    hexesKept: hexOut.length,
    hexesDropped: droppedHexes.length,
    konturPeopleInDroppedHexes: droppedHexes.reduce((s, h) => s + h.properties.population, 0),
    rule: "keep the H3 r8 hexes whose centre lies in the city; scale each district's hexes by reported / Kontur sum; round by largest remainder so sums are exact",
  },
  terrain: {
    file: "terrain/almaty-srtm3.cpdem",
    width: terrain.width,
    height: terrain.height,
    bbox: [terrain.originLon, terrain.originLat - (terrain.height - 1) * terrain.stepLatDeg, terrain.originLon + (terrain.width - 1) * terrain.stepLonDeg, terrain.originLat].map(r6),
    marginRequestedM: TERRAIN_MARGIN_M,
    voidsFilled: voidsBefore,
  },
  ringsReversedForRfc7946: ringsReversed,
};
writeFileSync(join(OUT, "derivation.json"), `${JSON.stringify(derivation, null, 2)}\n`);

console.log(`wrote ${OUT}: ${districtFeatures.length} districts, ${hexOut.length} population cells, terrain ${terrain.width}×${terrain.height} (${voidsBefore} voids filled)`);
