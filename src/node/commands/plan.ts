import { resolve } from "node:path";
import type { ServiceLevel } from "../../rollout/plan-types.js";
import type { StudyReport } from "../report/report-data.js";
import { formatPlanSummary } from "../report/summary.js";
import type { Progress } from "../progress.js";
import { loadScenario } from "../scenario.js";
import { runStudy } from "./study.js";
import { writeStudy } from "./study-files.js";

export interface PlanCommandOptions {
  /** Output folder (default `out/<area name>`, e.g. `out/almaty`, under the working directory). */
  out?: string;
  cellSizeM?: number;
  seed?: number;
  service?: ServiceLevel;
  candidateSpacingM?: number;
  terrain?: boolean;
  /** Write PNG copies of the maps (default true). */
  png?: boolean;
  workers?: number;
  json?: boolean;
}

/**
 * `cellplan plan [scenario]`: plans the scenario's rollout (`planRollout`), predicts coverage for
 * every technology after each phase, writes the study (`writeStudy`) and prints the summary
 * tables (or, with `json`, `report.json`). Returns the report.
 */
export async function planCommand(dir: string | undefined, o: PlanCommandOptions, out: (s: string) => void, progress: Progress): Promise<StudyReport> {
  const scenario = loadScenario(dir);
  const outDir = o.out ?? `out/${slug(scenario.area.name)}`;
  const study = await runStudy(scenario, {
    ...(o.cellSizeM === undefined ? {} : { cellSizeM: o.cellSizeM }),
    ...(o.terrain === undefined ? {} : { terrain: o.terrain }),
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    rollout: {
      ...(o.seed === undefined ? {} : { seed: o.seed }),
      ...(o.service === undefined ? {} : { service: o.service }),
      ...(o.candidateSpacingM === undefined ? {} : { candidateSpacingM: o.candidateSpacingM }),
    },
    progress,
  });
  const report = writeStudy(study, resolve(outDir), {
    ...(o.png === undefined ? {} : { png: o.png }),
    onFile: (name) => progress.note(`writing ${outDir}/${name}`),
  });
  progress.end();
  out(o.json ? JSON.stringify(report, null, 2) : formatPlanSummary(report, outDir));
  return report;
}

/** "Almaty" → "almaty"; letters and digits, other runs → "-". */
export function slug(name: string): string {
  return name.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "scenario";
}
