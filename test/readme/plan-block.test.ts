import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/node/program.js";
import { loadScenario } from "../../src/node/scenario.js";
import { pngSize } from "../node/exports/png-size.js";

const README = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("README: the Almaty plan (copied from `npm run plan` by `npm run readme:plan`)", () => {
  const block = /<!-- plan:start -->\n([\s\S]*?)<!-- plan:end -->/.exec(README)?.[1] ?? "";
  const almaty = loadScenario();

  it("holds the summary tables of the embedded scenario: every phase, district and technology", () => {
    expect(block).toMatch(/^\| Phase \| New sites \| 2G people covered \| 3G people covered \| 4G people covered \| 5G people covered \| Gap to bound \|$/m);
    for (const p of almaty.programme.phases) expect(block).toMatch(new RegExp(`^\\| ${p.id} \\| \\d+ \\|`, "m"));
    for (const d of almaty.districts.features) expect(block).toMatch(new RegExp(`^\\| ${d.properties.nameEn} \\| ${d.properties.population.toLocaleString("en-GB")} \\|`, "m"));
    expect(block).toMatch(/^\| City \| 2,165,759 \|/m);
    expect(block).toContain("not the programme's real sites");
  });

  it("shows the two maps, committed under examples/ as 1200 × 900 PNGs", () => {
    for (const name of ["almaty-plan.png", "almaty-4g.png"]) {
      expect(README).toContain(`](examples/${name})`);
      const png = new Uint8Array(readFileSync(new URL(`../../examples/${name}`, import.meta.url)));
      expect(pngSize(png)).toEqual({ width: 1200, height: 900 });
    }
  });
});

describe("README: the CLI section", () => {
  const cli = README.slice(README.indexOf("## CLI"), README.indexOf("## Examples"));
  const { program } = buildProgram({ out: () => undefined, err: () => undefined });

  it("documents every command, every long option and the exit codes", () => {
    for (const cmd of program.commands) {
      expect(cli).toContain(`cellplan ${cmd.name()}`);
      const missing = cmd.options.map((o) => o.long!).filter((flag) => !["--json", "--quiet"].includes(flag) && !cli.includes(`\`${flag}`) && !cli.includes(` ${flag} `) && !cli.includes(` ${flag}\n`));
      expect(missing, cmd.name()).toEqual([]);
    }
    expect(cli).toMatch(/Exit codes: 0 success; 1 invalid input.*2 usage error.*3 internal error/s);
  });
});
