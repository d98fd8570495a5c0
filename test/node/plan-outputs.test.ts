import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FeatureCollection, MultiPolygon, Point } from "geojson";
import { fromArrayBuffer } from "geotiff";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { bandsOf } from "../../src/model/bands.js";
import type { Site } from "../../src/model/schema.js";
import { validateSites } from "../../src/model/validate.js";
import { readSitesCsv } from "../../src/node/exports/sites.js";
import { EXIT, main } from "../../src/node/program.js";
import type { StudyReport } from "../../src/node/report/report-data.js";
import { loadScenario } from "../../src/node/scenario.js";
import { sitesToCsv } from "../../src/io/csv.js";
import { RADIO_DEFAULTS } from "../../src/radio/defaults.js";
import type { Grid } from "../../src/raster/grid.js";
import { expectValidMultiPolygons } from "../fixtures/rfc7946.js";
import { parseXml } from "../render/xml.js";
import { pngSize } from "./exports/png-size.js";
import { writeSmallScenario } from "./cli-scenario.js";

const tmp = mkdtempSync(join(tmpdir(), "cellplan-plan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const scenarioDir = join(tmp, "scenario");
const out = join(tmp, "out");
const TECHS = ["2g", "3g", "4g", "5g"];
// Coarse candidates keep the plan fast; the outputs are what is tested here.
const ARGS = ["plan", scenarioDir, "--candidate-spacing", "500", "--cell-size", "100", "--workers", "2", "--quiet"];

async function run(args: string[]) {
  const lines: string[] = [];
  const errors: string[] = [];
  const code = await main(args, { out: (s) => lines.push(s), err: (s) => errors.push(s) });
  return { code, out: lines.join("\n"), err: errors.join("\n") };
}

const file = (name: string) => readFileSync(join(out, name));
const text = (name: string) => readFileSync(join(out, name), "utf8");
const json = <T>(name: string) => JSON.parse(text(name)) as T;

let first: Awaited<ReturnType<typeof run>>;
beforeAll(async () => {
  writeSmallScenario(scenarioDir);
  first = await run([...ARGS, "--out", out]);
}, 120_000);

/** The raster grid a GeoTIFF declares (ModelTiepoint at the north-west corner, ModelPixelScale). */
async function tiff(name: string) {
  const bytes = file(name);
  const image = await (await fromArrayBuffer(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)).getImage();
  const [west, north] = image.getOrigin();
  const [dx, dy] = image.getResolution();
  const grid: Grid = { west: west!, south: north! + dy! * image.getHeight(), cellLonDeg: dx!, cellLatDeg: -dy!, cellSizeM: 100, width: image.getWidth(), height: image.getHeight() };
  const [band] = (await image.readRasters()) as unknown as [Float32Array];
  return { image, grid, band: band! };
}

describe("cellplan plan on a reduced scenario (two Almaty districts, 8 sites)", () => {
  it("exits 0, prints the phase and district tables, and writes every output file", () => {
    expect(first.err).toBe("");
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(/Phase\s+New sites\s+2G people covered\s+3G people covered\s+4G people covered\s+5G people covered\s+Gap to bound/);
    // p1: 3 masts for 2G/3G, the 2 4G sites on them or on masts of their own
    expect(first.out).toMatch(/^p1\s+[345]\s/m);
    expect(first.out).toMatch(/^p2\s+3\s/m);
    expect(first.out).toMatch(/^Almaly\s+224,600\s/m);
    expect(first.out).toMatch(/^City\s+582,600\s/m);
    const expected = [
      "sites.geojson", "sites.csv", "sites.kml",
      ...TECHS.flatMap((t) => [`coverage-${t}.geojson`, `best-server-${t}.geojson`, `coverage-${t}.tif`, `map-${t}.svg`, `map-${t}.png`]),
      "map-phases.svg", "map-phases.png", "summary.md", "report.md", "report.json",
    ];
    expect(readdirSync(out).sort()).toEqual([...expected].sort());
    expect(json<StudyReport>("report.json").files).toEqual(expected);
  });

  it("sites.geojson: RFC 7946 points, valid sites, planned, phased and numbered in build order", () => {
    const fc = json<FeatureCollection<Point>>("sites.geojson");
    expect(fc.type).toBe("FeatureCollection");
    for (const f of fc.features) {
      expect(f.type).toBe("Feature");
      expect(f.geometry.type).toBe("Point");
      const [lon, lat] = f.geometry.coordinates as [number, number];
      expect(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90).toBe(true);
    }
    const sites = validateSites(fc).features;
    const [p1, p2] = json<StudyReport>("report.json").phases.map((p) => p.sitesBuilt) as [number, number];
    expect([p1 >= 3 && p1 <= 5, p2]).toEqual([true, 3]);
    expect(sites.map((s) => s.properties.status)).toEqual(Array(p1 + p2).fill("planned"));
    expect(sites.map((s) => s.properties.phase)).toEqual([...Array(p1).fill("p1"), ...Array(p2).fill("p2")]);
    expect(sites.map((s) => s.properties.buildOrder)).toEqual(sites.map((_, i) => i + 1));
    const carrying = (band: string) => sites.filter((s) => s.properties.sectors.some((x) => x.cells.some((c) => c.band === band))).length;
    expect([carrying("GSM900"), carrying("UMTS2100"), carrying("LTE800"), carrying("NR3500")]).toEqual([3, 3, 2, 3]);
  });

  it("sites.csv reads back to sites.geojson and writes back to the same bytes", () => {
    const fromCsv = readSitesCsv(join(out, "sites.csv"));
    // The site CSV has no buildOrder column (yet): compare everything else.
    const withoutOrder = (fc: { features: Site[] }) => fc.features.map((f) => ({ ...f, properties: { ...f.properties, buildOrder: undefined } }));
    expect(withoutOrder(fromCsv)).toEqual(withoutOrder(validateSites(json("sites.geojson"))));
    expect(sitesToCsv(fromCsv)).toBe(text("sites.csv"));
  });

  it("sites.kml is well-formed KML with one placemark per site", () => {
    const kml = parseXml(text("sites.kml"));
    expect(kml.name).toBe("kml");
    const placemarks: string[] = [];
    const walk = (e: ReturnType<typeof parseXml>) => {
      if (e.name === "Placemark") placemarks.push(e.children.find((c) => c.name === "name")?.text ?? "");
      e.children.forEach(walk);
    };
    walk(kml);
    for (const s of validateSites(json("sites.geojson")).features) expect(placemarks).toContain(s.properties.name ?? s.properties.id);
  });

  it.each(TECHS)("coverage-%s.tif reads back with geotiff: EPSG:4326, nodata, the engine's best-server power", async (t) => {
    const { image, grid, band } = await tiff(`coverage-${t}.tif`);
    expect(image.getGeoKeys()).toMatchObject({ GTModelTypeGeoKey: 2, GeographicTypeGeoKey: 4326 });
    expect(image.getGDALNoData()).toBe(-9999);
    expect(band.some((v) => v === -9999)).toBe(true);
    expect(band.some((v) => v !== -9999 && v > -140 && v < 0)).toBe(true);
    // The raster is the coverage of every site carrying the technology, recomputed here.
    const scenario = loadScenario(scenarioDir);
    const tech = t.toUpperCase() as "2G" | "3G" | "4G" | "5G";
    const bands = new Set<string>(bandsOf(tech));
    const sites = validateSites(json("sites.geojson")).features.filter((s: Site) => s.properties.sectors.some((x) => x.cells.some((c) => bands.has(c.band))));
    const r = computeCoverage(sites, { area: scenario.boundary, technology: tech, cellSizeM: 100 });
    expect([grid.width, grid.height]).toEqual([r.grid.width, r.grid.height]);
    expect(grid.west).toBeCloseTo(r.grid.west, 12);
    expect(Array.from(band)).toEqual(Array.from(r.powerDbm, (v) => (Number.isFinite(v) ? v : -9999)));
  });

  it.each(TECHS)("coverage-%s.geojson and best-server-%s.geojson: RFC 7946 MultiPolygons (closed rings, winding, ranges) at the technology's thresholds", async (t) => {
    const { grid } = await tiff(`coverage-${t}.tif`);
    const isobands = json<FeatureCollection<MultiPolygon, { thresholdDbm: number; areaKm2: number }>>(`coverage-${t}.geojson`);
    const best = json<FeatureCollection<MultiPolygon, { siteId: string }>>(`best-server-${t}.geojson`);
    expectValidMultiPolygons(isobands, grid);
    expectValidMultiPolygons(best, grid);
    const th = RADIO_DEFAULTS[t.toUpperCase() as "4G"].thresholds;
    const allowed = [th.outdoorDbm, th.inCarDbm, th.indoorDbm];
    expect(isobands.features.length).toBeGreaterThan(0);
    for (const f of isobands.features) expect(allowed).toContain(f.properties.thresholdDbm);
    const ids = new Set(validateSites(json("sites.geojson")).features.map((s) => s.properties.id));
    expect(best.features.length).toBeGreaterThan(0);
    for (const f of best.features) expect(ids.has(f.properties.siteId)).toBe(true);
  });

  it("maps: well-formed SVG (1200 × 900) and PNG of the same size", () => {
    for (const stem of [...TECHS.map((t) => `map-${t}`), "map-phases"]) {
      const svg = parseXml(text(`${stem}.svg`));
      expect(svg.name).toBe("svg");
      expect([svg.attrs["width"], svg.attrs["height"]]).toEqual(["1200", "900"]);
      const png = new Uint8Array(file(`${stem}.png`));
      expect(png.length).toBeGreaterThan(10_000);
      expect(pngSize(png)).toEqual({ width: 1200, height: 900 });
    }
    expect(text("map-phases.svg")).toContain("p2: 5G pilot");
    expect(text("map-4g.svg")).toContain("© OpenStreetMap contributors");
  });

  it("report.json: per phase and technology, sites, people and area covered per district, gaps, sources", () => {
    const r = json<StudyReport>("report.json");
    expect(r.scenario.id).toBe("almaty-centre-test");
    expect(r.scenario.population).toBeCloseTo(582_600, 6);
    expect(r.settings).toMatchObject({ seed: 2019, service: "indoor", terrain: false, cellSizeM: 100 });
    const p1 = r.phases[0]!.sitesBuilt;
    expect(r.phases.map((p) => [p.phase, p.sitesBuilt, p.sitesTotal])).toEqual([["p1", p1, p1], ["p2", 3, p1 + 3]]);
    for (const p of r.phases) {
      expect(p.bound).toBeGreaterThanOrEqual(p.objective);
      expect(p.gapPct).toBeGreaterThanOrEqual(0);
      for (const d of p.deployments) expect(d.bound).toBeGreaterThanOrEqual(d.objective);
      expect(p.technologies.map((t) => t.technology)).toEqual(["2G", "3G", "4G", "5G"]);
      for (const t of p.technologies) {
        expect(t.districts.map((d) => d.name)).toEqual(["Almaly", "Auezov"]);
        expect(t.districts.reduce((s, d) => s + d.population, 0)).toBeCloseTo(t.city.population, 6);
        expect(t.districts.reduce((s, d) => s + d.peopleCovered, 0)).toBeCloseTo(t.city.peopleCovered, 6);
        for (const z of [...t.districts, t.city]) {
          expect(z.peopleCovered).toBeLessThanOrEqual(z.population + 1e-6);
          expect(z.areaCoveredKm2).toBeLessThanOrEqual(z.areaKm2 + 1e-9);
          expect(z.areaKm2).toBeGreaterThan(0);
        }
      }
    }
    const at = (phase: number, tech: string) => r.phases[phase]!.technologies.find((t) => t.technology === tech)!;
    expect([at(0, "5G").sitesTotal, at(0, "5G").city.peopleCovered, at(0, "5G").city.areaCoveredKm2]).toEqual([0, 0, 0]);
    expect(at(1, "5G").sitesBuilt).toBe(3);
    expect(at(1, "5G").city.peopleCovered).toBeGreaterThan(0);
    expect(at(1, "4G").city.areaCoveredKm2).toBe(at(0, "4G").city.areaCoveredKm2); // no 4G site in p2
    expect(r.sources.attribution).toEqual(loadScenario(scenarioDir).attribution);
  });

  it("report.md and summary.md hold the tables, phases, files and data sources", () => {
    const md = text("report.md");
    for (const s of ["# Almaty centre (test cut): planned rollout", "## Phase p1", "## Phase p2", "### 5G", "## Files", "## Data sources", "© OpenStreetMap contributors", "Kontur Population"]) expect(md).toContain(s);
    expect(md).toMatch(/\| Almaly \| 224,600 \|/);
    expect(text("summary.md")).toMatch(/^\| Phase \| New sites \| 2G people covered/);
  });

  it("is deterministic, and --json prints report.json", async () => {
    const again = join(tmp, "again");
    const r = await run([...ARGS, "--out", again, "--no-png", "--json"]);
    expect(r.code).toBe(EXIT.ok);
    const printed = JSON.parse(r.out) as StudyReport;
    expect({ ...printed, files: [] }).toEqual({ ...json<StudyReport>("report.json"), files: [] });
    expect(printed.files.some((f) => f.endsWith(".png"))).toBe(false);
    for (const name of ["sites.geojson", "sites.csv", "sites.kml", "coverage-4g.geojson", "best-server-2g.geojson", "coverage-3g.tif", "map-5g.svg", "map-phases.svg", "summary.md"]) {
      expect(readFileSync(join(again, name)).equals(file(name)), name).toBe(true);
    }
  }, 120_000);
});
