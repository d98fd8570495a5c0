import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A downstream project's property suite: cellplan is built (tsup, as published) into
 * `node_modules/cellplan` of a scratch consumer project, and plain Node scripts there import only
 * `cellplan`, `cellplan/testing` and fast-check by name, in ESM and CJS.
 *
 * The build goes to its own directory (node_modules/.cache/cellplan-downstream-<pid>), never to
 * dist/: test/package/entries.test.ts cleans and rebuilds dist/, and the two may run at once.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CONSUMER = join(ROOT, "node_modules", ".cache", `cellplan-downstream-${process.pid}`);
const PKG = join(CONSUMER, "node_modules", "cellplan");

beforeAll(() => {
  rmSync(CONSUMER, { recursive: true, force: true });
  mkdirSync(PKG, { recursive: true });
  // tsup.config.ts as is (entries, formats, bundling), without declarations and source maps, into PKG/dist
  const build = `import { build } from "tsup"; await build({ outDir: process.env.OUT_DIR, dts: false, sourcemap: false, silent: true });`;
  execFileSync(process.execPath, ["--input-type=module", "-e", build], { cwd: ROOT, env: { ...process.env, OUT_DIR: join(PKG, "dist") }, stdio: "pipe" });
  writeFileSync(join(PKG, "package.json"), readFileSync(join(ROOT, "package.json")));
  writeFileSync(join(CONSUMER, "package.json"), JSON.stringify({ name: "downstream", private: true, type: "module", dependencies: { cellplan: "*" } }));
}, 180_000);

afterAll(() => rmSync(CONSUMER, { recursive: true, force: true }));

/** Runs a consumer script (written to the consumer project) with plain Node. */
function run(file: string, source: string): { stdout: string; stderr: string; status: number | null } {
  writeFileSync(join(CONSUMER, file), source);
  return spawnSync(process.execPath, [file], { cwd: CONSUMER, encoding: "utf8" });
}

/** Every module a built file loads, following relative imports (static, dynamic and require). */
function imports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const src = readFileSync(file, "utf8");
  const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
  return specs.flatMap((s) => (s.startsWith(".") ? imports(join(dirname(file), s), seen) : [s]));
}

const BOX = "[76.9, 43.2, 76.96, 43.25]";

/** The downstream suite: properties a planning tool would state over generated networks. */
const PROPERTIES_ESM = `
import fc from "fast-check";
import { CellplanError, computeCoverage, decodeCoverage, encodeCoverage, parseScenario, validateSites } from "cellplan";
import { arbScenario, arbSite, arbSiteCollection, assertInDeltaDb, checkCoverageRaster } from "cellplan/testing";

const BOX = ${BOX};
const runs = {};
function property(name, arb, predicate, numRuns) {
  fc.assert(fc.property(arb, predicate), { numRuns, seed: 20191101 });
  runs[name] = numRuns;
}
const network = arbSiteCollection({ bbox: BOX, maxSites: 4, technologies: ["4G"] });
const coverage = (sites) => computeCoverage(sites, { area: BOX, technology: "4G", cellSizeM: 400 });

property("generated networks validate, keeping every site", arbSiteCollection({ maxSites: 8 }), (s) => {
  if (validateSites(s).features.length !== s.features.length) throw new Error("a site was lost");
}, 200);

property("coverage rasters hold their invariants", network, (s) => checkCoverageRaster(coverage(s)), 30);

property("adding a site never lowers best-server power", fc.tuple(network, arbSite({ bbox: BOX, technologies: ["4G"], id: fc.constant("EXTRA") })), ([s, extra]) => {
  const before = coverage(s);
  const after = coverage({ ...s, features: [...s.features, extra] });
  for (let i = 0; i < before.powerDbm.length; i++) {
    if (before.mask[i] === 1 && !(after.powerDbm[i] >= before.powerDbm[i])) throw new Error("pixel " + i + ": " + before.powerDbm[i] + " → " + after.powerDbm[i]);
  }
}, 20);

property("coverage files round-trip bit for bit", network, (s) => {
  const r = coverage(s);
  const back = decodeCoverage(encodeCoverage(r));
  for (const layer of ["powerDbm", "secondDbm", "sinrDb"]) assertInDeltaDb(back[layer], r[layer], 0, layer);
  checkCoverageRaster(back);
}, 15);

property("generated scenarios load; districts hold their population cells' people", arbScenario({ populationSide: { max: 3 } }), (g) => {
  const s = parseScenario(g.files);
  const cells = s.population.features.reduce((a, f) => a + f.properties.population, 0);
  const districts = s.districts.features.reduce((a, f) => a + f.properties.population, 0);
  if (cells !== districts) throw new Error(cells + " ≠ " + districts);
}, 100);

try {
  arbSite({ sectors: { min: 3, max: 1 } });
} catch (e) {
  if (!(e instanceof CellplanError)) throw new Error("cellplan/testing threw an error the root entry does not recognise: " + e);
}
console.log(JSON.stringify(runs));
`;

const PROPERTIES_CJS = `
const fc = require("fast-check");
const { computeCoverage, validateSites, isCellplanError } = require("cellplan");
const { arbSiteCollection, checkCoverageRaster } = require("cellplan/testing");
const BOX = ${BOX};
fc.assert(fc.property(arbSiteCollection({ maxSites: 6 }), (s) => { validateSites(s); }), { numRuns: 100, seed: 1 });
fc.assert(fc.property(arbSiteCollection({ bbox: BOX, maxSites: 3 }), (s) => {
  checkCoverageRaster(computeCoverage(s, { area: BOX, technology: "2G", cellSizeM: 500 }));
}), { numRuns: 15, seed: 2 });
const { arbSite } = require("cellplan/testing");
// an option error thrown by cellplan/testing is the root entry's CellplanError
try { arbSite({ sectors: { min: 3, max: 1 } }); } catch (e) { console.log(isCellplanError(e) ? "ok" : "not the root entry's CellplanError: " + e); }
`;

/** One seeded network and its coverage file, hashed: the same in ESM and CJS, run after run. */
const DETERMINISM = (load: string) => `
${load}
const sites = fc.sample(arbSiteCollection({ bbox: ${BOX}, minSites: 3, maxSites: 3, technologies: ["4G"] }), { seed: 42, numRuns: 1 })[0];
const bytes = encodeCoverage(computeCoverage(sites, { area: ${BOX}, technology: "4G", cellSizeM: 150 }));
console.log(JSON.stringify({ sites: createHash("sha256").update(JSON.stringify(sites)).digest("hex"), coverage: createHash("sha256").update(bytes).digest("hex"), bytes: bytes.length }));
`;
const ESM_LOAD = `import fc from "fast-check"; import { createHash } from "node:crypto"; import { computeCoverage, encodeCoverage } from "cellplan"; import { arbSiteCollection } from "cellplan/testing";`;
const CJS_LOAD = `const fc = require("fast-check"); const { createHash } = require("node:crypto"); const { computeCoverage, encodeCoverage } = require("cellplan"); const { arbSiteCollection } = require("cellplan/testing");`;

describe("a downstream suite on the built package (cellplan and cellplan/testing by name)", () => {
  it("runs its properties over generated networks and scenarios (ESM)", () => {
    const r = run("properties.mjs", PROPERTIES_ESM);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({
      "generated networks validate, keeping every site": 200,
      "coverage rasters hold their invariants": 30,
      "adding a site never lowers best-server power": 20,
      "coverage files round-trip bit for bit": 15,
      "generated scenarios load; districts hold their population cells' people": 100,
    });
  }, 120_000);

  it("runs the same way from CommonJS, sharing one CellplanError class between the entries", () => {
    const r = run("properties.cjs", PROPERTIES_CJS);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("ok");
  }, 120_000);

  it("gives byte-identical coverage from ESM and CJS, and from one run to the next", () => {
    const esm = run("determinism.mjs", DETERMINISM(ESM_LOAD));
    const cjs = run("determinism.cjs", DETERMINISM(CJS_LOAD));
    const again = run("determinism-again.mjs", DETERMINISM(ESM_LOAD));
    expect([esm.stderr, cjs.stderr, again.stderr]).toEqual(["", "", ""]);
    const result = JSON.parse(esm.stdout);
    expect(result.bytes).toBeGreaterThan(1000);
    expect(JSON.parse(cjs.stdout)).toEqual(result);
    expect(JSON.parse(again.stdout)).toEqual(result);
  }, 120_000);

  it("loads cellplan/testing without any Node built-in (ESM and CJS builds)", () => {
    const builtins = /^(node:|fs$|path$|url$|os$|worker_threads$|child_process$|crypto$|module$)/;
    for (const f of ["testing.js", "testing.cjs"]) {
      const deps = imports(join(PKG, "dist", f));
      expect(deps.filter((d) => builtins.test(d)), f).toEqual([]);
      expect(deps, f).toContain("fast-check");
    }
  });
});
