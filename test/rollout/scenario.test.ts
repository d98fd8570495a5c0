import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { almatyDir } from "../../src/node/files.js";
import { loadScenario } from "../../src/node/scenario.js";
import { parseScenario, type ScenarioFiles } from "../../src/rollout/scenario.js";
import { summariseScenario } from "../../src/rollout/summary.js";

const dir = almatyDir();
const json = (f: string) => JSON.parse(readFileSync(`${dir}/${f}`, "utf8"));
function files(): ScenarioFiles {
  return {
    scenario: json("scenario.json"),
    boundary: json("boundary.geojson"),
    districts: json("districts.geojson"),
    population: json("population.geojson"),
    terrain: readFileSync(`${dir}/terrain/almaty-srtm3.cpdem`),
    sites: [json("sites-2019-2020.geojson"), json("sites-2021-pilot.geojson")],
  };
}
function problemsOf(f: ScenarioFiles) {
  try {
    parseScenario(f);
  } catch (e) {
    expect(e).toBeInstanceOf(CellplanError);
    expect((e as CellplanError).code).toBe("INVALID_SCENARIO");
    return (e as CellplanError).problems;
  }
  throw new Error("expected parseScenario to throw");
}

describe("the embedded Almaty scenario", () => {
  const s = loadScenario();

  it("holds the memorandum's programme: 37 2G/3G and 26 4G sites in 2019–2020, a 5G pilot in 2021", () => {
    expect(s.programme.source.date).toBe("2019-11-01");
    const [p1, p2] = s.programme.phases;
    expect(p1!.id).toBe("2019-2020");
    expect(p1!.deployments.map((d) => [d.technologies, d.sites])).toEqual([
      [["2G", "3G"], 37],
      [["4G"], 26],
    ]);
    expect(p2!.id).toBe("2021-pilot");
    expect(p2!.deployments[0]).toMatchObject({ technologies: ["5G"], bands: ["NR3500"], cluster: true });
    expect(p2!.deployments[0]!.why).toMatch(/7-site/);
  });

  it("parses the same from its files' contents (pure parseScenario)", () => {
    const p = parseScenario(files());
    expect(p.districts.features.length).toBe(s.districts.features.length);
    expect(p.terrain!.width).toBe(s.terrain!.width);
    expect(p.sites).toEqual(s.sites);
  });

  it("returns the planned sites of every phase as one collection", () => {
    const sites = s.sites!.features;
    expect(new Set(sites.map((f) => f.properties.phase))).toEqual(new Set(["2019-2020", "2021-pilot"]));
    expect(sites.every((f) => f.properties.status === "planned" && String(f.properties.meta?.["placement"]).includes("not an operator record"))).toBe(true);
    expect(sites.filter((f) => f.properties.sectors.some((q) => q.cells.some((c) => c.band === "LTE1800"))).length).toBe(26);
  });

  it("refuses a scenario whose named site files are missing or invalid", () => {
    const f = files();
    expect(problemsOf({ ...f, sites: [] })).toEqual([expect.objectContaining({ code: "MISSING_FIELD", field: "sites" })]);
    const broken = json("sites-2021-pilot.geojson");
    broken.features[0].properties.sectors[0].azimuthDeg = 400;
    const p = problemsOf({ ...f, sites: [f.sites![0], broken] });
    expect(p.length).toBe(1);
    expect(p[0]!.field).toMatch(/^sites: .*azimuthDeg/);
  });

  it("summarises to real figures", () => {
    const sum = summariseScenario(s);
    expect(sum.population).toBe(2_165_759);
    expect(sum.areaKm2).toBeCloseTo(703.3, 1);
    const medeu = sum.districts.find((d) => d.id === "medeu")!;
    const turksib = sum.districts.find((d) => d.id === "turksib")!;
    // Medeu climbs into the Zailiysky Alatau; Turksib lies on the flat north of the city.
    expect(medeu.maxElevationM).toBeGreaterThan(2000);
    expect(turksib.maxElevationM).toBeLessThan(800);
    for (const d of sum.districts) expect(d.gridPopulation).toBe(d.population);
    const g = sum.deployments[0]!;
    expect(g.km2PerSite).toBeCloseTo(703.3 / 37, 1);
    expect(g.hexSpacingKm).toBeCloseTo(Math.sqrt((2 * 703.3) / 37 / Math.sqrt(3)), 2);
    expect(sum.deployments[2]!.cluster).toBe(true);
    expect(sum.deployments[2]!.km2PerSite).toBeNaN();
  });
});

describe("parseScenario rejects inconsistent scenarios, listing every problem", () => {
  it("names the file and field of each problem", () => {
    const f = files();
    const sc = f.scenario as { programme: { phases: { deployments: { bands: string[] }[] }[] } };
    sc.programme.phases[0]!.deployments[1]!.bands.push("NR3500"); // a 5G band in a 4G deployment
    (f.population as { features: { properties: { district: string } }[] }).features[0]!.properties.district = "atlantis";
    (f.districts as { features: { properties: { population: number } }[] }).features[2]!.properties.population = -1;
    const problems = problemsOf(f);
    expect(problems.map((p) => [p.field, p.featureIndex])).toEqual([
      ["districts: properties.population", 2],
      ["population: properties.district", 0],
      ["scenario: programme.phases[0].deployments[1].bands[2]", undefined],
    ]);
    expect(problems[0]!.featureId).toBe("auezov");
  });

  it("refuses a deployment's technology without one of its bands", () => {
    const f = files();
    const sc = f.scenario as { programme: { phases: { deployments: { technologies: string[] }[] }[] } };
    sc.programme.phases[0]!.deployments[1]!.technologies.push("5G");
    expect(problemsOf(f)).toEqual([expect.objectContaining({ field: "scenario: programme.phases[0].deployments[1].technologies[1]", value: "5G" })]);
  });

  it("requires the terrain bytes when scenario.json names a terrain file, and checks them", () => {
    const f = files();
    delete f.terrain;
    expect(problemsOf(f)[0]).toMatchObject({ code: "MISSING_FIELD", field: "terrain" });
    f.terrain = new Uint8Array(10);
    expect(problemsOf(f)[0]).toMatchObject({ code: "INVALID_DEM" });
  });

  it("rejects an unclosed boundary ring and duplicate district ids", () => {
    const f = files();
    const ring = (f.boundary as { features: { geometry: { coordinates: number[][][][] } }[] }).features[0]!.geometry.coordinates[0]![0]!;
    ring.pop();
    const ds = (f.districts as { features: { properties: { id: string } }[] }).features;
    ds[1]!.properties.id = ds[0]!.properties.id;
    const problems = problemsOf(f);
    expect(problems.some((p) => p.field === "boundary: geometry.coordinates[0][0]" && p.featureIndex === 0)).toBe(true);
    expect(problems.some((p) => p.code === "DUPLICATE_ID" && p.field === "districts: properties.id")).toBe(true);
  });

  it("never throws anything but CellplanError on garbage", () => {
    for (const bad of [null, 1, "x", [], {}, { files: 3 }]) {
      expect(() => parseScenario({ scenario: bad, boundary: bad, districts: bad, population: bad })).toThrow(CellplanError);
    }
  });

  it("loadScenario reports a missing folder as IO_ERROR", () => {
    expect(() => loadScenario("/nonexistent/scenario")).toThrow(expect.objectContaining({ code: "IO_ERROR" }));
  });
});
