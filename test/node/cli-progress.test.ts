import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createSite } from "../../src/model/create.js";
import { EXIT, main } from "../../src/node/program.js";
import { createProgress, progressLine, type ProgressStream } from "../../src/node/progress.js";

/** A fake stderr that records what is written. */
function stream(isTTY: boolean): ProgressStream & { text: string } {
  const s = { isTTY, columns: 120, text: "", write: (t: string) => ((s.text += t), true) };
  return s;
}

describe("progressLine", () => {
  it("shows the bar, units done / total and the time left, linear in the units done", () => {
    expect(progressLine("coverage 4G", 10, 40, 5000, 20, "tiles")).toBe("coverage 4G [#####---------------] 10/40 tiles  ETA 15 s");
    expect(progressLine("x", 0, 8, 100, 4, "tiles")).toBe("x [----] 0/8 tiles  ETA –");
    expect(progressLine("x", 3, 4, 300, 4, "tiles")).toBe("x [###-] 3/4 tiles  ETA 0.1 s");
    expect(progressLine("x", 8, 8, 185_000, 4, "tiles")).toBe("x [####] 8/8 tiles  done in 3 min 05 s");
  });
});

describe("createProgress", () => {
  it("draws in place on a terminal, throttled, always drawing the last update", () => {
    const s = stream(true);
    let now = 0;
    const p = createProgress({ stream: s, now: () => now, minIntervalMs: 100, barWidth: 4 });
    expect(p.enabled).toBe(true);
    p.start("coverage");
    now = 100;
    p.update(1, 4);
    now = 110;
    p.update(2, 4); // throttled
    now = 400;
    p.update(4, 4);
    p.end();
    const frames = s.text.split("\r").filter((f) => f !== "");
    expect(frames.map((f) => f.trimEnd())).toEqual(["coverage …", "coverage [#---] 1/4 tiles  ETA 0.3 s", "coverage [####] 4/4 tiles  done in 0.4 s"]);
    expect(s.text.endsWith("\n")).toBe(true);
  });

  it("is silent when stderr is not a terminal, or with quiet", () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const s = stream(tty);
      const p = createProgress({ stream: s, quiet });
      expect(p.enabled).toBe(false);
      p.start("x");
      p.update(1, 2);
      p.note("y");
      p.end();
      expect(s.text).toBe("");
    }
  });
});

describe("the CLI's progress bar", () => {
  const tmp = mkdtempSync(join(tmpdir(), "cellplan-progress-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const sites = join(tmp, "sites.geojson");
  writeFileSync(sites, JSON.stringify({ type: "FeatureCollection", features: [createSite({ id: "A", coordinates: [76.92, 43.24], technologies: ["4G"] })] }));
  const args = ["coverage", sites, "--area", "76.88,43.2,77.0,43.28", "--band", "LTE800", "--cell-size", "50", "--out", tmp, "--workers", "1"];

  async function run(extra: string[], tty: boolean) {
    const s = stream(tty);
    const out: string[] = [];
    const code = await main([...args, ...extra], { out: (x) => out.push(x), err: () => undefined, progress: s });
    return { code, bar: s.text, out: out.join("\n") };
  }

  it("shows tiles done / total on a terminal, on stderr only", async () => {
    const r = await run([], true);
    expect(r.code).toBe(EXIT.ok);
    expect(r.bar).toMatch(/coverage LTE800 \[#+\] (\d+)\/\1 tiles {2}done in/);
    expect(r.out).not.toContain("tiles");
  });

  it("stays silent with --quiet, with --json and when stderr is not a terminal", async () => {
    expect((await run(["--quiet"], true)).bar).toBe("");
    const j = await run(["--json"], true);
    expect(j.bar).toBe("");
    expect(() => JSON.parse(j.out)).not.toThrow();
    expect((await run([], false)).bar).toBe("");
  });
});
