import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as testing from "../../src/testing/index.js";

/**
 * The `cellplan/testing` entry stays as pure as the root entry: no Node built-in anywhere in its
 * import graph (from the sources here; test/package/downstream.test.ts checks the built dist/testing.js).
 */
const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function bareImports(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, "utf8");
  const statement = /^(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+)(?:\s*,\s*\{[^}]*\})?\s+from\s+["']([^"']+)["']/gm;
  const specs = [...text.matchAll(statement), ...text.matchAll(/^import\s+["']([^"']+)["']/gm), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
  return specs.flatMap((s) => (s.startsWith(".") ? bareImports(join(dirname(file), s.replace(/\.js$/, ".ts")), seen) : [s]));
}

describe("cellplan/testing entry", () => {
  it("imports no Node built-in, only fast-check and the root entry's own dependencies", () => {
    const deps = [...new Set(bareImports(join(SRC, "testing/index.ts")))].sort();
    expect(deps.filter((d) => /^(node:|fs$|path$|url$|os$|worker_threads$|child_process$|crypto$)/.test(d))).toEqual([]);
    expect(deps).toContain("fast-check");
    for (const d of deps) expect(["fast-check", "zod", "cheap-ruler", "geojson"]).toContain(d);
  });

  it("exports the documented names", () => {
    expect(Object.keys(testing).sort()).toEqual(
      [
        "ALMATY_BBOX",
        "ARBITRARY_DEFAULTS",
        "InvariantError",
        "arbAntenna",
        "arbCell",
        "arbDem",
        "arbGrid",
        "arbLonLat",
        "arbScenario",
        "arbSector",
        "arbSite",
        "arbSiteCollection",
        "arbSiteId",
        "assertInDeltaDb",
        "checkCoverageRaster",
        "checkRolloutPlan",
      ].sort(),
    );
  });
});
