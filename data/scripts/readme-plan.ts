/**
 * Copies the Almaty study that `npm run plan` wrote into the README: the summary tables
 * (out/almaty/summary.md, between <!-- plan:start --> and <!-- plan:end -->) and two maps
 * (map-phases.png → examples/almaty-plan.png, map-4g.png → examples/almaty-4g.png).
 * Run `npm run plan && npm run readme:plan`; nothing here is edited by hand.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const study = join(root, "out/almaty");
const need = ["report.json", "summary.md", "map-phases.png", "map-4g.png"];
const missing = need.filter((f) => !existsSync(join(study, f)));
if (missing.length > 0) {
  console.error(`readme:plan: ${missing.join(", ")} missing in out/almaty — run \`npm run plan\` first (with PNGs, default options).`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(join(study, "report.json"), "utf8")) as { scenario: { id: string }; settings: Record<string, unknown> };
if (report.scenario.id !== "almaty-2019") {
  console.error(`readme:plan: out/almaty holds scenario ${report.scenario.id}, not the embedded Almaty scenario — run \`npm run plan\` without a scenario folder.`);
  process.exit(1);
}

copyFileSync(join(study, "map-phases.png"), join(root, "examples/almaty-plan.png"));
copyFileSync(join(study, "map-4g.png"), join(root, "examples/almaty-4g.png"));

const readmePath = join(root, "README.md");
const readme = readFileSync(readmePath, "utf8");
const block = /(<!-- plan:start -->\n)[\s\S]*?(<!-- plan:end -->)/;
if (!block.test(readme)) {
  console.error("readme:plan: README.md has no <!-- plan:start --> … <!-- plan:end --> block");
  process.exit(1);
}
const summary = readFileSync(join(study, "summary.md"), "utf8").trimEnd();
writeFileSync(readmePath, readme.replace(block, (_, start: string, end: string) => `${start}${summary}\n${end}`));
console.log("readme:plan: README summary tables and examples/almaty-plan.png, examples/almaty-4g.png updated from out/almaty");
