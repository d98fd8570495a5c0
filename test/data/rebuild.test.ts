import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { haveSources, SOURCES } from "./shared.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHIPPED = join(ROOT, "data/almaty");
const HAND_WRITTEN = new Set(["scenario.json"]);
/** Files another script writes: the planned sites (`npm run data:sites`, checked by test/rollout/plan.test.ts). */
const OTHER_SCRIPT = /^sites-.*\.geojson$/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe.runIf(haveSources)("data/scripts/build-almaty.ts", () => {
  const out = mkdtempSync(join(tmpdir(), "cellplan-almaty-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("regenerates every derived file byte for byte from the sources", () => {
    execFileSync(process.execPath, ["--import", "tsx", join(ROOT, "data/scripts/build-almaty.ts"), SOURCES, out], { cwd: ROOT, stdio: "pipe" });
    const shipped = files(SHIPPED).map((p) => relative(SHIPPED, p)).filter((p) => !HAND_WRITTEN.has(p) && !OTHER_SCRIPT.test(p)).sort();
    const rebuilt = files(out).map((p) => relative(out, p)).sort();
    expect(rebuilt).toEqual(shipped);
    for (const f of shipped) expect(readFileSync(join(out, f)).equals(readFileSync(join(SHIPPED, f))), f).toBe(true);
  }, 120_000);

  it("records the sha256 of every source it read", () => {
    const derivation = JSON.parse(readFileSync(join(SHIPPED, "derivation.json"), "utf8")) as { sources: Record<string, string> };
    expect(Object.keys(derivation.sources).length).toBe(6);
    for (const [rel, hash] of Object.entries(derivation.sources)) {
      expect(createHash("sha256").update(readFileSync(join(SOURCES, rel))).digest("hex"), rel).toBe(hash);
    }
  });
});
