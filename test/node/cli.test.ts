import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/node/program.js";
import { almatyDir } from "../../src/node/files.js";
import { collection, minimalSite } from "../fixtures/minimal-site.js";

function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "cellplan-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("cellplan plan", () => {
  it("summarises the embedded Almaty scenario: districts, population, area, phases and site counts", () => {
    const r = run(["plan"]);
    expect(r.code).toBe(EXIT.ok);
    for (const name of ["Alatau", "Almaly", "Auezov", "Bostandyk", "Zhetysu", "Medeu", "Nauryzbay", "Turksib"]) expect(r.out).toContain(name);
    expect(r.out).toContain("population 2,165,759");
    expect(r.out).toContain("Area 703.3 km²");
    expect(r.out).toMatch(/2019-2020\s+2G\+3G\s+GSM900, GSM1800, UMTS2100\s+37/);
    expect(r.out).toMatch(/2019-2020\s+4G\s+LTE1800, LTE800\s+26/);
    expect(r.out).toMatch(/2021-pilot\s+5G\s+NR3500\s+7/);
    expect(r.out).toContain("© OpenStreetMap contributors");
    expect(r.out).toMatch(/Medeu\s+\d+\.\d% \/ \d+\.\d%/);
    expect(r.out).toContain("not the programme's real sites");
  });

  it("prints JSON with --json and takes a scenario folder", () => {
    const r = run(["plan", almatyDir(), "--json", "--cell-size", "250"]);
    expect(r.code).toBe(EXIT.ok);
    const j = JSON.parse(r.out);
    expect(j.summary).toMatchObject({ id: "almaty-2019", population: 2_165_759 });
    expect(j.sites).toBe(70);
    expect(Object.keys(j.coverage)).toEqual(["2G", "3G", "4G", "5G"]);
    expect(j.coverage["4G"].zones).toHaveLength(8);
  });

  it("exits 1 with the problem on a bad scenario folder", () => {
    const r = run(["plan", tmp]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.err).toContain("scenario.json");
  });
});

describe("cellplan validate", () => {
  const good = join(tmp, "good.geojson");
  const bad = join(tmp, "bad.geojson");
  const broken = join(tmp, "broken.json");
  writeFileSync(good, JSON.stringify(collection(minimalSite())));
  const b = minimalSite();
  b.properties.sectors[0].azimuthDeg = 400;
  b.properties.sectors[0].cells[0].band = "LTE2600";
  writeFileSync(bad, JSON.stringify(collection(b)));
  writeFileSync(broken, "{ not json");

  it("passes good files and the Almaty scenario", () => {
    const r = run(["validate", good, join(almatyDir(), "scenario.json")]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("good.geojson: ok (sites, 1 sites)");
    expect(r.out).toContain("scenario.json: ok (scenario)");
  });

  it("prints every problem of every file and exits 1", () => {
    const r = run(["validate", good, bad, broken]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toContain("bad.geojson: 2 problems");
    expect(r.out).toContain("AZIMUTH_OUT_OF_RANGE");
    expect(r.out).toContain("UNKNOWN_BAND");
    expect(r.out).toMatch(/broken\.json: 1 problem\n.*JSON/);
    const j = run(["validate", bad, "--json"]);
    expect(JSON.parse(j.out)[0].problems).toHaveLength(2);
  });

  it("exits 2 on usage errors", () => {
    expect(run(["validate"]).code).toBe(EXIT.usage);
    expect(run(["frobnicate"]).code).toBe(EXIT.usage);
    expect(run(["--help"]).code).toBe(EXIT.ok);
    const v = run(["--version"]);
    expect([v.code, v.out]).toEqual([EXIT.ok, "0.1.0"]);
  });
});
