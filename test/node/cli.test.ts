import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/node/program.js";
import { almatyDir } from "../../src/node/files.js";
import { collection, minimalSite } from "../fixtures/minimal-site.js";

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const tmp = mkdtempSync(join(tmpdir(), "cellplan-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A usage or input error: a short message and a usage hint on stderr, never a stack trace. */
function expectShortError(r: { err: string; out: string }, hint: string) {
  expect(r.err).not.toMatch(/^\s+at /m);
  expect(r.err).not.toContain("internal error");
  const lines = r.err.split("\n");
  expect(lines.length).toBeLessThanOrEqual(2);
  expect(lines.at(-1)).toBe(hint);
}

describe("cellplan: usage and exit codes", () => {
  it("lists the commands and the exit codes in --help", async () => {
    const r = await run(["--help"]);
    expect(r.code).toBe(EXIT.ok);
    for (const c of ["plan", "coverage", "optimise", "validate", "render"]) expect(r.out).toMatch(new RegExp(`^  ${c}\\b`, "m"));
    expect(r.out).toContain("Exit codes:");
    expect(r.out).toMatch(/2 {2}usage error/);
    for (const c of ["plan", "coverage", "optimise", "validate", "render"]) {
      const h = await run([c, "--help"]);
      expect(h.code).toBe(EXIT.ok);
      expect(h.out).toContain("Exit codes:");
    }
  });

  it("prints its version", async () => {
    const v = await run(["--version"]);
    expect([v.code, v.out]).toEqual([EXIT.ok, JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version]);
  });

  it("refuses an unknown option with one line and a usage hint (exit 2)", async () => {
    const r = await run(["plan", "--frobnicate"]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err.split("\n")[0]).toBe("error: unknown option '--frobnicate'");
    expectShortError(r, "(run 'cellplan plan --help' for usage)");
  });

  it("refuses an unknown command, a missing argument, a missing required option and a malformed number (exit 2)", async () => {
    const cases: [string[], RegExp, string][] = [
      [["frobnicate"], /unknown command 'frobnicate'/, "(run 'cellplan --help' for usage)"],
      [["validate"], /missing required argument 'files'/, "(run 'cellplan validate --help' for usage)"],
      [["coverage", "sites.geojson", "--band", "LTE1800"], /required option '--area <area>' not specified/, "(run 'cellplan coverage --help' for usage)"],
      [["plan", "--cell-size", "ten"], /option '--cell-size <metres>' argument 'ten' is invalid/, "(run 'cellplan plan --help' for usage)"],
      [["optimise", "--demand", "d", "--candidates", "c", "-k", "0", "--band", "LTE800"], /argument '0' is invalid\. expected an integer ≥ 1/, "(run 'cellplan optimise --help' for usage)"],
      [["plan", "--service", "rooftop"], /argument 'rooftop' is invalid\. Allowed choices are outdoor, inCar, indoor/, "(run 'cellplan plan --help' for usage)"],
    ];
    for (const [args, message, hint] of cases) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(EXIT.usage);
      expect(r.err).toMatch(message);
      expectShortError(r, hint);
    }
  });

  it("names a missing file in one line with a usage hint (exit 1), for every command", async () => {
    const missing = join(tmp, "missing.geojson");
    const cases: [string[], string][] = [
      [["coverage", missing, "--area", "76.9,43.2,77,43.3", "--band", "LTE1800", "--out", tmp], "coverage"],
      [["optimise", "--demand", missing, "--candidates", missing, "-k", "2", "--band", "LTE800", "--out", tmp], "optimise"],
      [["render", missing, "--out", join(tmp, "m.svg")], "render"],
      [["plan", join(tmp, "nowhere")], "plan"],
    ];
    for (const [args, cmd] of cases) {
      const r = await run(args);
      expect(r.code, args.join(" ")).toBe(EXIT.invalid);
      expect(r.err.split("\n")[0]).toMatch(new RegExp(`^cellplan ${cmd}: .*(missing\\.geojson|scenario\\.json).*ENOENT`));
      expectShortError(r, `(run 'cellplan ${cmd} --help' for usage)`);
    }
  });

  it("lists every problem of an invalid scenario folder (exit 1)", async () => {
    const dir = join(tmp, "bad-scenario");
    rmSync(dir, { recursive: true, force: true });
    const { writeSmallScenario } = await import("./cli-scenario.js");
    writeSmallScenario(dir);
    const s = JSON.parse(readFileSync(join(dir, "scenario.json"), "utf8"));
    s.programme.phases[0].deployments[0].sites = -3;
    s.programme.phases[1].label = 42;
    writeFileSync(join(dir, "scenario.json"), JSON.stringify(s));
    const r = await run(["plan", dir, "--out", join(tmp, "never")]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.err).toContain("Invalid scenario: 2 problems");
    expect(r.err).toContain("programme.phases[0].deployments[0].sites");
    expect(r.err).toContain("programme.phases[1].label");
    expect(existsSync(join(tmp, "never"))).toBe(false);
  });
});

describe("cellplan validate", () => {
  const good = join(tmp, "good.geojson");
  const bad = join(tmp, "bad.geojson");
  const broken = join(tmp, "broken.json");
  const badCsv = join(tmp, "bad.csv");
  writeFileSync(good, JSON.stringify(collection(minimalSite())));
  const b = minimalSite();
  b.properties.sectors[0].azimuthDeg = 400;
  b.properties.sectors[0].cells[0].band = "LTE2600";
  writeFileSync(bad, JSON.stringify(collection(b)));
  writeFileSync(broken, "{ not json");

  it("passes good files and the Almaty scenario", async () => {
    const r = await run(["validate", good, join(almatyDir(), "scenario.json")]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain("good.geojson: ok (sites, 1 sites)");
    expect(r.out).toContain("scenario.json: ok (scenario)");
  });

  it("prints every problem with its feature id and field, and exits 1", async () => {
    const r = await run(["validate", good, bad, broken]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toContain("bad.geojson: 2 problems");
    expect(r.out).toContain('feature "ALA-001" (#0) properties.sectors[0].azimuthDeg: 400');
    expect(r.out).toContain("[AZIMUTH_OUT_OF_RANGE]");
    expect(r.out).toContain('feature "ALA-001" (#0) properties.sectors[0].cells[0].band: "LTE2600"');
    expect(r.out).toContain("[UNKNOWN_BAND]");
    expect(r.out).toMatch(/broken\.json: 1 problem\n.*JSON/);
    const j = await run(["validate", bad, "--json"]);
    expect(JSON.parse(j.out)[0].problems).toHaveLength(2);
  });

  it("checks the site CSV too: problems name the site, row and column", async () => {
    const ok = join(tmp, "ok.csv");
    expect((await run(["validate", good])).code).toBe(EXIT.ok);
    const { sitesToCsv } = await import("../../src/io/csv.js");
    const csv = sitesToCsv(collection(minimalSite()));
    writeFileSync(ok, csv);
    const lines = csv.trimEnd().split("\n");
    const header = lines[0]!.split(",");
    const col = header.indexOf("azimuthDeg");
    const rows = lines.slice(1).map((l) => {
      const cells = l.split(",");
      cells[col] = "400";
      return cells.join(",");
    });
    writeFileSync(badCsv, [lines[0], ...rows].join("\n") + "\n");
    expect((await run(["validate", ok])).out).toContain("ok.csv: ok (sites, 1 sites)");
    const r = await run(["validate", badCsv]);
    expect(r.code).toBe(EXIT.invalid);
    expect(r.out).toMatch(/bad\.csv: \d+ problems?/);
    expect(r.out).toContain('feature "ALA-001"');
    expect(r.out).toMatch(/row 2, column [A-Z]+ \(azimuthDeg\).*azimuthDeg: 400/);
  });
});
