import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("README first-screen usage", () => {
  it("runs as written (against the sources, at a coarser cell size)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = /```ts\n(import [\s\S]*?)```/.exec(readme)?.[1];
    expect(block, "the first ```ts block").toBeDefined();
    const code = block!
      .replace(/from "cellplan"/g, `from ${JSON.stringify(join(ROOT, "src/index.ts"))}`)
      .replace(/from "cellplan\/node"/g, `from ${JSON.stringify(join(ROOT, "src/node/index.ts"))}`)
      .replace(/cellSizeM: 25\b/g, "cellSizeM: 250");
    const dir = mkdtempSync(join(tmpdir(), "cellplan-readme-"));
    try {
      const file = join(dir, "usage.ts");
      writeFileSync(file, `${code}\nconsole.log(JSON.stringify({ zones: stats.zones.length, cells: lte.cells.length }));\n`);
      const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8" });
      expect(JSON.parse(out.trim().split("\n").at(-1)!)).toEqual({ zones: 8, cells: 26 * 3 * 1 + 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("runs the cellplan/testing example as written", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('from "cellplan/testing"'));
    expect(block, "a ```ts block importing cellplan/testing").toBeDefined();
    const code = block!
      .replace(/from "cellplan"/g, `from ${JSON.stringify(join(ROOT, "src/index.ts"))}`)
      .replace(/from "cellplan\/testing"/g, `from ${JSON.stringify(join(ROOT, "src/testing/index.ts"))}`);
    // inside the checkout, so that fast-check (a peer dependency) resolves from node_modules
    mkdirSync(join(ROOT, "node_modules/.cache"), { recursive: true });
    const dir = mkdtempSync(join(ROOT, "node_modules/.cache/cellplan-readme-"));
    try {
      const file = join(dir, "testing.ts");
      writeFileSync(file, `${code}\nconsole.log("ok");\n`);
      const out = execFileSync(process.execPath, ["--import", "tsx", file], { cwd: ROOT, encoding: "utf8" });
      expect(out.trim().split("\n").at(-1)).toBe("ok");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
