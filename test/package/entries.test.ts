import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Builds the package as published (tsup → dist/) and checks it from the outside: the exports map,
 * the three entries in ESM and CJS with types, a browser-safe root entry, and the bin.
 */
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DIST = join(ROOT, "dist");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, "node_modules/tsup/dist/cli-default.js")], { cwd: ROOT, stdio: "pipe" });
}, 180_000);

function node(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
}

/** Every module a built file loads, following relative imports (static and dynamic). */
function imports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const src = readFileSync(file, "utf8");
  const specs = [...src.matchAll(/(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3]!,
  );
  return specs.flatMap((s) => (s.startsWith(".") ? imports(join(dirname(file), s), seen) : [s]));
}

describe("package build", () => {
  it("emits ESM, CJS and types for cellplan, cellplan/node and cellplan/testing via the exports map", () => {
    expect(pkg).toMatchObject({ name: "cellplan", type: "module", sideEffects: false });
    for (const sub of [".", "./node", "./testing"]) {
      const e = pkg.exports[sub];
      for (const f of [e.import.default, e.import.types, e.require.default, e.require.types]) {
        expect(existsSync(join(ROOT, f)), `${sub} → ${f}`).toBe(true);
      }
    }
  });

  it("keeps the root entry free of Node built-ins (ESM and CJS)", () => {
    const builtins = /^(node:|fs$|path$|url$|os$|worker_threads$|child_process$|crypto$)/;
    for (const f of ["index.js", "index.cjs", "testing.js"]) {
      const deps = imports(join(DIST, f));
      expect(deps.filter((d) => builtins.test(d)), f).toEqual([]);
    }
    // while the node entry does use them
    expect(imports(join(DIST, "node.js")).some((d) => builtins.test(d))).toBe(true);
  });

  it("imports by package name in ESM and CJS with the same results", () => {
    const site = `{"type":"Feature","geometry":{"type":"Point","coordinates":[76.9457,43.2383]},"properties":{"id":"A","status":"planned","sectors":[{"azimuthDeg":0,"heightM":30,"antenna":{"pattern":"omni","gainDbi":2},"cells":[{"band":"LTE800","powerDbm":46}]}]}}`;
    const esm = node(["--input-type=module", "-e", `import { validateSites } from "cellplan"; console.log(JSON.stringify(validateSites([${site}])));`]);
    const cjs = node(["-e", `const { validateSites } = require("cellplan"); console.log(JSON.stringify(validateSites([${site}])));`]);
    expect(esm.stderr).toBe("");
    expect(cjs.stderr).toBe("");
    expect(esm.stdout).toBe(cjs.stdout);
    expect(JSON.parse(esm.stdout).features[0].properties.name).toBe("A");
  });

  it("cellplan/node finds the embedded scenario from dist, in ESM and CJS", () => {
    const esm = node(["--input-type=module", "-e", `import { loadScenario } from "cellplan/node"; console.log(loadScenario().districts.features.length);`]);
    const cjs = node(["-e", `console.log(require("cellplan/node").loadScenario().districts.features.length);`]);
    expect([esm.stdout.trim(), cjs.stdout.trim()]).toEqual(["8", "8"]);
  });

  it("cellplan/testing generates sites that the built validator accepts", () => {
    const r = node([
      "--input-type=module",
      "-e",
      `import fc from "fast-check"; import { arbSiteCollection } from "cellplan/testing"; import { validateSites } from "cellplan";
       fc.assert(fc.property(arbSiteCollection({ maxSites: 4 }), (s) => { validateSites(s); }), { numRuns: 50, seed: 1 }); console.log("ok");`,
    ]);
    expect(r.stderr).toBe("");
    expect(r.stdout.trim()).toBe("ok");
  });

  it("ships a runnable bin", () => {
    expect(pkg.bin.cellplan).toBe("./dist/cli.js");
    expect(readFileSync(join(ROOT, pkg.bin.cellplan), "utf8").startsWith("#!/usr/bin/env node")).toBe(true);
    const r = node([join(ROOT, pkg.bin.cellplan), "plan"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Almaty");
  });
});
