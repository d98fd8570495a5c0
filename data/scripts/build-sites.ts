/**
 * Writes the planned sites of the shipped scenario, one file per phase, from `planRollout` with
 * its default options and seed:
 *
 *   npm run data:sites [-- SCENARIO_DIR [OUT_DIR]]
 *
 * Deterministic: the same scenario and code give byte-identical files (test/data/sites.test.ts
 * regenerates them and compares). The sites are cellplan's planned placement of the programme, not
 * operator records (which are not public); each file says so.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../../src/node/scenario.js";
import { planRollout, SHIPPED_SITES_SETTINGS } from "../../src/rollout/plan.js";
import { phaseSitesFileText } from "../../src/rollout/site-files.js";

const here = dirname(fileURLToPath(import.meta.url));
const DIR = resolve(process.argv[2] ?? join(here, "../almaty"));
const OUT = resolve(process.argv[3] ?? DIR);

const scenario = loadScenario(DIR);
const plan = planRollout(scenario);
mkdirSync(OUT, { recursive: true });
for (const phase of plan.phases) {
  const text = phaseSitesFileText(plan, phase, SHIPPED_SITES_SETTINGS);
  writeFileSync(join(OUT, `sites-${phase.phase}.geojson`), text);
  console.log(`sites-${phase.phase}.geojson: ${phase.sites.length} sites, gap ${phase.gapPct.toFixed(2)} %`);
}
