import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FeatureCollection, MultiPolygon } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { decodeCoverage } from "../../src/coverage/serialise.js";
import { sitesToCsv } from "../../src/io/csv.js";
import { mulberry32 } from "../../src/math.js";
import { createSite } from "../../src/model/create.js";
import { validateSites } from "../../src/model/validate.js";
import type { CoverageCommandResult } from "../../src/node/commands/coverage.js";
import type { OptimiseCommandResult } from "../../src/node/commands/optimise.js";
import { coverageToGeoTiff } from "../../src/node/geotiff.js";
import { EXIT, main } from "../../src/node/program.js";
import { RADIO_DEFAULTS } from "../../src/radio/defaults.js";
import { expectValidMultiPolygons } from "../fixtures/rfc7946.js";
import { parseXml } from "../render/xml.js";
import { writeSmallScenario } from "./cli-scenario.js";
import { pngSize } from "./exports/png-size.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "cellplan-cli-cmd-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const p = (name: string) => join(tmp, name);
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, "utf8")) as T;

const BBOX = "76.88,43.2,77.0,43.28";
const SITES = {
  type: "FeatureCollection" as const,
  features: [
    createSite({ id: "A", coordinates: [76.92, 43.24], technologies: ["4G"], phase: "2019-2020" }),
    createSite({ id: "B", coordinates: [76.96, 43.25], technologies: ["2G", "4G"], phase: "2021-pilot" }),
  ],
};
const scenarioDir = p("scenario");

beforeAll(() => {
  writeFileSync(p("sites.geojson"), JSON.stringify(SITES));
  writeFileSync(p("sites.csv"), sitesToCsv(SITES));
  writeSmallScenario(scenarioDir);
});

describe("cellplan coverage", () => {
  let first: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    first = await run(["coverage", p("sites.geojson"), "--area", BBOX, "--band", "LTE1800", "--cell-size", "200", "--out", p("cov"), "--workers", "2"]);
  }, 60_000);

  it("writes isobands, best-server areas, a GeoTIFF, the raster and the figures, and prints the table", () => {
    expect(first.err).toBe("");
    expect(first.code).toBe(EXIT.ok);
    expect(first.out).toMatch(/LTE1800 coverage of 2 sites \(6 cells\)/);
    expect(first.out).toMatch(/^\s*-110 dBm\s+[\d.]+\s+[\d.]+%$/m);
    const r = readJson<CoverageCommandResult>(p("cov/coverage-lte1800.json"));
    expect(r.files).toEqual(["coverage-lte1800.geojson", "best-server-lte1800.geojson", "coverage-lte1800.tif", "coverage-lte1800.cpras", "coverage-lte1800.json"]);
    for (const f of r.files) expect(existsSync(p(`cov/${f}`)), f).toBe(true);
    const t = RADIO_DEFAULTS["4G"].thresholds;
    expect(r.thresholds.map((x) => x.thresholdDbm)).toEqual([t.outdoorDbm, t.inCarDbm, t.indoorDbm]);
    // "≥ threshold" areas shrink as the threshold rises
    expect(r.thresholds[0]!.areaKm2).toBeGreaterThan(r.thresholds[1]!.areaKm2);
    expect(r.thresholds[1]!.areaKm2).toBeGreaterThan(r.thresholds[2]!.areaKm2);
  });

  it("equals the library: the .cpras raster and the GeoTIFF are computeCoverage's", () => {
    const expected = computeCoverage(SITES, { area: [76.88, 43.2, 77.0, 43.28], band: "LTE1800", cellSizeM: 200 });
    const raster = decodeCoverage(readFileSync(p("cov/coverage-lte1800.cpras")));
    expect(raster.powerDbm).toEqual(expected.powerDbm);
    expect(raster.server).toEqual(expected.server);
    expect(new Uint8Array(readFileSync(p("cov/coverage-lte1800.tif")))).toEqual(coverageToGeoTiff(expected));
    expectValidMultiPolygons(readJson<FeatureCollection<MultiPolygon>>(p("cov/coverage-lte1800.geojson")), expected.grid);
    expectValidMultiPolygons(readJson<FeatureCollection<MultiPolygon>>(p("cov/best-server-lte1800.geojson")), expected.grid);
  });

  it("reads the site CSV as well as GeoJSON (same raster)", async () => {
    const r = await run(["coverage", p("sites.csv"), "--area", BBOX, "--band", "LTE1800", "--cell-size", "200", "--out", p("cov-csv"), "--quiet"]);
    expect(r.code).toBe(EXIT.ok);
    expect(readFileSync(p("cov-csv/coverage-lte1800.cpras")).equals(readFileSync(p("cov/coverage-lte1800.cpras")))).toBe(true);
  });

  it("takes a technology, an area file, thresholds, population and zones; --json prints the figures", async () => {
    const r = await run([
      "coverage", p("sites.geojson"), "--area", join(scenarioDir, "boundary.geojson"), "--band", "4g", "--cell-size", "200",
      "--thresholds", "-100,-90", "--population", join(scenarioDir, "population.geojson"), "--zones", join(scenarioDir, "districts.geojson"),
      "--out", p("cov-4g"), "--json",
    ]);
    expect(r.code).toBe(EXIT.ok);
    const j = JSON.parse(r.out) as CoverageCommandResult;
    expect(j.band).toBe("4G");
    expect(j.thresholds.map((x) => x.thresholdDbm)).toEqual([-100, -90]);
    for (const x of j.thresholds) {
      expect(x.population).toBeGreaterThan(0);
      expect(x.zones!.map((z) => z.id)).toEqual(["almaly", "auezov"]);
    }
    expect(existsSync(p("cov-4g/coverage-4g.tif"))).toBe(true);
  });

  it("refuses an unknown band and a bad bbox (exit 1, the field named)", async () => {
    const a = await run(["coverage", p("sites.geojson"), "--area", BBOX, "--band", "LTE2600", "--out", p("x")]);
    expect(a.code).toBe(EXIT.invalid);
    expect(a.err).toContain('--band: "LTE2600"');
    const b = await run(["coverage", p("sites.geojson"), "--area", "77,43.3,76.9,43.2", "--band", "LTE800", "--out", p("x")]);
    expect(b.code).toBe(EXIT.invalid);
    expect(b.err).toContain("--area");
  });
});

describe("cellplan render", () => {
  it("draws a map from a .cpras raster (SVG) and from an isoband file (PNG at a chosen width)", async () => {
    const svg = await run(["render", p("cov/coverage-lte1800.cpras"), "--out", p("maps/a.svg"), "--sites", p("sites.geojson"), "--title", "Two sites"]);
    expect(svg.code).toBe(EXIT.ok);
    const doc = parseXml(readFileSync(p("maps/a.svg"), "utf8"));
    expect(doc.name).toBe("svg");
    expect(readFileSync(p("maps/a.svg"), "utf8")).toContain("Two sites");
    const png = await run(["render", p("cov/coverage-lte1800.geojson"), "--out", p("maps/a.png"), "--area", join(scenarioDir, "boundary.geojson"), "--districts", join(scenarioDir, "districts.geojson"), "--width", "600"]);
    expect(png.code).toBe(EXIT.ok);
    expect(pngSize(new Uint8Array(readFileSync(p("maps/a.png"))))).toEqual({ width: 600, height: 450 });
  });

  it("refuses a map name that is neither .svg nor .png, and thresholds with an isoband file (exit 1)", async () => {
    const a = await run(["render", p("cov/coverage-lte1800.geojson"), "--out", p("maps/a.pdf")]);
    expect(a.code).toBe(EXIT.invalid);
    expect(a.err).toContain(".svg or .png");
    const b = await run(["render", p("cov/coverage-lte1800.geojson"), "--out", p("maps/b.svg"), "--thresholds", "-100"]);
    expect(b.code).toBe(EXIT.invalid);
    expect(b.err).toContain("--thresholds");
  });
});

describe("cellplan optimise", () => {
  // Seeded weighted demand points around two hot spots, and a 5 × 5 candidate grid.
  const rand = mulberry32(7);
  const demand = {
    type: "FeatureCollection",
    features: Array.from({ length: 300 }, (_, i) => {
      const [cx, cy] = i % 3 === 0 ? [76.9, 43.22] : [76.97, 43.26];
      return { type: "Feature", properties: { weight: Math.round(rand() * 100) }, geometry: { type: "Point", coordinates: [cx + (rand() - 0.5) * 0.04, cy + (rand() - 0.5) * 0.03] } };
    }),
  };
  const candidates = {
    type: "FeatureCollection",
    features: Array.from({ length: 25 }, (_, i) => ({ type: "Feature", properties: { id: `C${i}` }, geometry: { type: "Point", coordinates: [76.88 + (i % 5) * 0.025, 43.2 + Math.floor(i / 5) * 0.018] } })),
  };
  beforeAll(() => {
    writeFileSync(p("demand.geojson"), JSON.stringify(demand));
    writeFileSync(p("candidates.geojson"), JSON.stringify(candidates));
  });

  it("chooses k sites with a bound and a gap, writes them as valid planned sites in build order", async () => {
    const r = await run(["optimise", "--demand", p("demand.geojson"), "--candidates", p("candidates.geojson"), "-k", "3", "--band", "LTE800", "--out", p("opt"), "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(EXIT.ok);
    const j = JSON.parse(r.out) as OptimiseCommandResult;
    expect(j).toMatchObject({ band: "LTE800", k: 3, demandPoints: 300, demandKind: "points", candidates: 25, thresholdDbm: RADIO_DEFAULTS["4G"].thresholds.indoorDbm });
    expect(j.chosen).toHaveLength(3);
    expect(new Set(j.chosen).size).toBe(3);
    expect(j.totalWeight).toBe(demand.features.reduce((s, f) => s + f.properties.weight, 0));
    expect(j.covered).toBeLessThanOrEqual(j.totalWeight);
    expect(j.bound).toBeGreaterThanOrEqual(j.objective);
    expect(j.gapPct).toBeGreaterThanOrEqual(0);
    const sites = validateSites(readJson(p("opt/sites.geojson"))).features;
    expect(sites.map((s) => [s.properties.id, s.properties.buildOrder, s.properties.status])).toEqual(j.chosen.map((id, i) => [id, i + 1, "planned"]));
    expect(sites.every((s) => s.properties.sectors.every((x) => x.cells.every((c) => c.band === "LTE800")))).toBe(true);
    expect(readJson(p("opt/optimise.json"))).toEqual(j);
  });

  it("takes population polygons as demand, and fixed sites whose people already count", async () => {
    const base = ["optimise", "--demand", join(scenarioDir, "population.geojson"), "--candidates", p("candidates.geojson"), "-k", "2", "--band", "LTE1800", "--threshold", "-100"];
    const a = await run([...base, "--out", p("opt-pop"), "--json"]);
    expect(a.code).toBe(EXIT.ok);
    const j = JSON.parse(a.out) as OptimiseCommandResult;
    expect(j.demandKind).toBe("polygons");
    expect(j.thresholdDbm).toBe(-100);
    expect(j.totalWeight).toBeCloseTo(582_600, 3);
    const b = await run([...base, "--fixed", p("sites.csv"), "--out", p("opt-fixed"), "--json"]);
    expect(b.code).toBe(EXIT.ok);
    const f = JSON.parse(b.out) as OptimiseCommandResult;
    expect(f.fixedSites).toBe(2);
    expect(f.fixedWeight).toBeGreaterThan(0);
    expect(f.covered).toBeGreaterThanOrEqual(f.fixedWeight);
    expect(f.covered).toBeGreaterThanOrEqual(j.covered);
    const text = await run([...base, "--out", p("opt-pop")]);
    expect(text.out).toMatch(/^Chose 2 of 25 candidates on LTE1800 \(≥ -100 dBm\): C\d+, C\d+$/m);
    expect(text.out).toMatch(/gap [\d.<%\s]+|gap 0/);
  });

  it("lists every bad demand feature with its id and field (exit 1)", async () => {
    const bad = structuredClone(demand);
    (bad.features[4]!.properties as Record<string, unknown>)["weight"] = -1;
    (bad.features[9] as Record<string, unknown>)["id"] = "D9";
    (bad.features[9]!.properties as Record<string, unknown>)["weight"] = "many";
    writeFileSync(p("bad-demand.geojson"), JSON.stringify(bad));
    const r = await run(["optimise", "--demand", p("bad-demand.geojson"), "--candidates", p("candidates.geojson"), "-k", "2", "--band", "LTE800", "--out", p("never")]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.err).toContain("2 problems");
    expect(r.err).toContain("feature #4 properties.weight: -1");
    expect(r.err).toContain('feature "D9" (#9) properties.weight: "many"');
    expect(existsSync(p("never"))).toBe(false);
  });

  it("refuses a technology where one band is needed, and more sites than candidates", async () => {
    const a = await run(["optimise", "--demand", p("demand.geojson"), "--candidates", p("candidates.geojson"), "-k", "2", "--band", "4G", "--out", p("x")]);
    expect(a.code).toBe(EXIT.invalid);
    expect(a.err).toContain("one band");
    const b = await run(["optimise", "--demand", p("demand.geojson"), "--candidates", p("candidates.geojson"), "-k", "26", "--band", "LTE800", "--out", p("x")]);
    expect(b.code).toBe(EXIT.invalid);
    expect(b.err).toMatch(/\bk\b/);
  });
});
