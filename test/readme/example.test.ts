import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EXIT, main } from "../../src/node/program.js";
import { pngSize } from "../node/exports/png-size.js";
import { writeSmallScenario } from "../node/cli-scenario.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = join(dirname(createRequire(import.meta.url).resolve("tsx/package.json")), "dist", "cli.mjs");
const tmp = mkdtempSync(join(tmpdir(), "cellplan-example-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("examples/almaty-4g-map.ts", () => {
  it("imports cellplan by name and draws the same 4G map as `cellplan plan` (byte for byte)", async () => {
    const scenario = join(tmp, "scenario");
    writeSmallScenario(scenario);
    const planned = join(tmp, "plan");
    const code = await main(["plan", scenario, "--out", planned, "--candidate-spacing", "500", "--no-png", "--quiet"], { out: () => undefined, err: (s) => console.error(s) });
    expect(code).toBe(EXIT.ok);
    const out = join(tmp, "example");
    const log = execFileSync(process.execPath, [TSX, "--tsconfig", join(ROOT, "examples/tsconfig.json"), join(ROOT, "examples/almaty-4g-map.ts"), scenario, out, "500"], { cwd: ROOT, encoding: "utf8" });
    expect(log).toMatch(/^p1: \d new sites, within [\d.]+ % of the best possible$/m);
    expect(readFileSync(join(out, "almaty-4g.svg"), "utf8")).toBe(readFileSync(join(planned, "map-4g.svg"), "utf8"));
    expect(pngSize(new Uint8Array(readFileSync(join(out, "almaty-4g.png"))))).toEqual({ width: 1200, height: 900 });
  }, 120_000);
});
