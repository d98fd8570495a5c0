import { ANTENNA_DEFAULTS } from "../../src/antenna/defaults.js";
import { DEMAND_DEFAULTS } from "../../src/demand/points.js";
import { CSV_DEFAULTS } from "../../src/io/csv.js";
import { KML_DEFAULTS } from "../../src/io/kml.js";
import { GEOTIFF_DEFAULTS } from "../../src/node/geotiff.js";
import { HIGHS_WORKER_DEFAULTS } from "../../src/node/highs-exact.js";
import { PARALLEL_DEFAULTS } from "../../src/node/parallel.js";
import { PNG_DEFAULTS } from "../../src/node/png.js";
import { CANDIDATE_DEFAULTS } from "../../src/optimise/candidates.js";
import { COVERAGE_SET_DEFAULTS } from "../../src/optimise/coverage-sets.js";
import { OPTIMISE_DEFAULTS } from "../../src/optimise/defaults.js";
import { SYNTHETIC_DEFAULTS } from "../../src/optimise/synthetic.js";
import { GRID_DEFAULTS } from "../../src/raster/grid.js";
import { RENDER_DEFAULTS } from "../../src/render/defaults.js";
import { CLUSTER_DEFAULTS } from "../../src/rollout/cluster.js";
import { PLACEMENT_DEFAULTS } from "../../src/rollout/placement.js";
import { ROLLOUT_DEFAULTS } from "../../src/rollout/plan.js";
import { RADIAL_DEFAULTS } from "../../src/terrain/radial.js";
import { EFFECTIVE_HEIGHT_DEFAULTS } from "../../src/terrain/effective-height.js";
import { STUDY_DEFAULTS } from "../../src/node/commands/study.js";
import { OPTIMISE_COMMAND_DEFAULTS } from "../../src/node/commands/optimise.js";
import { PROGRESS_DEFAULTS } from "../../src/node/progress.js";
import { TERRAIN_LOSS_DEFAULTS } from "../../src/terrain/loss.js";
import { ARBITRARY_DEFAULTS } from "../../src/testing/defaults.js";

/** Every other module's defaults object, flattened to `NAME.key` rows (generated into the README). */
const OBJECTS: Record<string, unknown> = {
  ROLLOUT_DEFAULTS,
  CLUSTER_DEFAULTS,
  PLACEMENT_DEFAULTS,
  DEMAND_DEFAULTS,
  CANDIDATE_DEFAULTS,
  COVERAGE_SET_DEFAULTS,
  OPTIMISE_DEFAULTS,
  SYNTHETIC_DEFAULTS,
  TERRAIN_LOSS_DEFAULTS,
  RADIAL_DEFAULTS,
  EFFECTIVE_HEIGHT_DEFAULTS,
  ANTENNA_DEFAULTS,
  GRID_DEFAULTS,
  RENDER_DEFAULTS,
  CSV_DEFAULTS,
  KML_DEFAULTS,
  ARBITRARY_DEFAULTS,
  "PARALLEL_DEFAULTS (cellplan/node)": PARALLEL_DEFAULTS,
  "GEOTIFF_DEFAULTS (cellplan/node)": GEOTIFF_DEFAULTS,
  "PNG_DEFAULTS (cellplan/node)": PNG_DEFAULTS,
  "HIGHS_WORKER_DEFAULTS (cellplan/node)": HIGHS_WORKER_DEFAULTS,
  "STUDY_DEFAULTS (cellplan plan)": STUDY_DEFAULTS,
  "OPTIMISE_COMMAND_DEFAULTS (cellplan optimise)": OPTIMISE_COMMAND_DEFAULTS,
  "PROGRESS_DEFAULTS (cellplan CLI)": PROGRESS_DEFAULTS,
};

function show(v: unknown): string {
  if (typeof v === "function") return "(computed at run time)";
  if (v === undefined) return "–";
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) >= 10_000 ? v.toLocaleString("en-GB") : String(v);
  const s = JSON.stringify(v);
  return s.length > 80 ? `${Array.isArray(v) ? `${v.length} entries` : "(object)"}` : s.replace(/\|/g, "\\|");
}

function rows(prefix: string, o: unknown, depth: number): string[] {
  if (o === null || typeof o !== "object" || Array.isArray(o) || depth > 2) return [`| \`${prefix}\` | ${show(o)} |`];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => rows(`${prefix}.${k}`, v, depth + 1));
}

export function moreDefaultsTable(): string {
  return ["| default | value |", "|---|---|", ...Object.entries(OBJECTS).flatMap(([name, o]) => rows(name.split(" ")[0]!, o, 0))].join("\n");
}
