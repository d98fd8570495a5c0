import type { CoverageRaster } from "../../coverage/compute.js";
import { coverageStats, type CoverageStats } from "../../coverage/stats.js";
import { fail } from "../../errors.js";
import { bandsOf, type Band } from "../../model/bands.js";
import type { Site } from "../../model/schema.js";
import { RADIO_DEFAULTS } from "../../radio/defaults.js";
import { planRollout } from "../../rollout/plan.js";
import type { RolloutOptions, RolloutPlan } from "../../rollout/plan-types.js";
import type { Scenario } from "../../rollout/scenario.js";
import type { Technology } from "../../units.js";
import { computeCoverageParallel } from "../parallel.js";
import { createProgress, type Progress } from "../progress.js";

/** Defaults of `runStudy` (and of `cellplan plan`). */
export const STUDY_DEFAULTS = {
  /** Pixel size of the coverage rasters, m: 100 m keeps the Almaty study well under a minute. */
  cellSizeM: 100,
  /** With `terrain`, the coverage engine's terrain method (the planner uses its own, see `RolloutOptions.terrain`). */
  terrainMethod: "radial" as const,
};

export interface StudyOptions {
  /** Pixel size of the coverage rasters, m (default `STUDY_DEFAULTS.cellSizeM`). */
  cellSizeM?: number;
  /** Options of `planRollout` (seed, service level, candidate spacing, …). */
  rollout?: RolloutOptions;
  /** Plan and predict over the scenario's terrain (slower); default false, flat earth, as `planRollout`. */
  terrain?: boolean;
  /** Coverage threads (default `PARALLEL_DEFAULTS.workers()`). */
  workers?: number;
  /** Progress on stderr (default: a silent reporter). */
  progress?: Progress;
}

/** One technology of the programme: its coverage after every phase, and the final raster. */
export interface TechnologyStudy {
  technology: Technology;
  /** Bands of the technology the programme's sites carry. */
  bands: Band[];
  /** Threshold of the plan's service level, dBm: what "covered" means in the report. */
  thresholdDbm: number;
  /** The technology's outdoor, in-car and indoor thresholds (the isobands), ascending. */
  isobandThresholdsDbm: number[];
  /** Best-server raster of every site carrying the technology after the last phase (null: no such site). */
  raster: CoverageRaster | null;
  /** Per phase (same order as `plan.phases`): statistics of the sites built up to it at `thresholdDbm` (null: none yet). */
  phases: (CoverageStats | null)[];
}

export interface Study {
  scenario: Scenario;
  plan: RolloutPlan;
  cellSizeM: number;
  terrain: boolean;
  technologies: TechnologyStudy[];
}

/**
 * The whole study of a scenario: `planRollout`, then for every technology of the programme the
 * best-server coverage of the sites built up to each phase (`computeCoverageParallel`, on worker
 * threads, with a progress bar) and its statistics by district and population at the plan's
 * service threshold. A technology whose sites do not change in a phase reuses the earlier raster.
 */
export async function runStudy(scenario: Scenario, options: StudyOptions = {}): Promise<Study> {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ cellSizeM?, rollout?, terrain?, workers?, progress? }");
  const cellSizeM = options.cellSizeM ?? STUDY_DEFAULTS.cellSizeM;
  if (typeof cellSizeM !== "number" || !(cellSizeM >= 1 && cellSizeM <= 10_000)) fail("INVALID_VALUE", "cellSizeM", cellSizeM, "a pixel size from 1 to 10000 m");
  const terrain = options.terrain ?? false;
  if (typeof terrain !== "boolean") fail("WRONG_TYPE", "terrain", terrain, "true or false");
  if (terrain && !scenario.terrain) fail("MISSING_FIELD", "scenario.files.terrain", undefined, "a scenario with a terrain file to plan over terrain");
  const progress = options.progress ?? createProgress({ quiet: true });

  const total = scenario.programme.phases.reduce((s, p) => s + p.deployments.reduce((t, d) => t + d.sites, 0), 0);
  progress.note(`planning the rollout: ${total} sites in ${scenario.programme.phases.length} phase${scenario.programme.phases.length === 1 ? "" : "s"} …`);
  const plan = planRollout(scenario, { ...options.rollout, ...(terrain ? { terrain: true } : {}) });
  progress.end();

  const technologies: TechnologyStudy[] = [];
  for (const technology of programmeTechnologies(plan)) {
    const thresholds = RADIO_DEFAULTS[technology].thresholds;
    const thresholdDbm = thresholds[`${plan.service}Dbm`];
    const own = new Set<Band>(bandsOf(technology));
    const bands = [...new Set(plan.sites.features.flatMap((s) => s.properties.sectors.flatMap((x) => x.cells.map((c) => c.band))))].filter((b) => own.has(b));
    const phases: (CoverageStats | null)[] = [];
    let raster: CoverageRaster | null = null;
    let previous = "";
    const built: Site[] = [];
    for (const phase of plan.phases) {
      built.push(...phase.sites.filter((s) => carries(s, technology)));
      const key = built.map((s) => s.properties.id).join("|");
      if (built.length === 0) {
        phases.push(null);
        continue;
      }
      if (key !== previous) {
        progress.start(`coverage ${technology} ${phase.phase}`);
        raster = await computeCoverageParallel({ type: "FeatureCollection", features: built }, {
          area: scenario.boundary,
          technology,
          cellSizeM,
          ...(terrain ? { terrain: scenario.terrain!, terrainMethod: STUDY_DEFAULTS.terrainMethod, terrainVoids: "fill" as const } : {}),
          ...(options.workers === undefined ? {} : { workers: options.workers }),
          onProgress: (done, all) => progress.update(done, all),
        });
        progress.end();
        previous = key;
      }
      phases.push(coverageStats(raster!, { thresholdDbm, zones: scenario.districts, population: scenario.population }));
    }
    technologies.push({
      technology,
      bands,
      thresholdDbm,
      isobandThresholdsDbm: [thresholds.outdoorDbm, thresholds.inCarDbm, thresholds.indoorDbm].sort((a, b) => a - b),
      raster,
      phases,
    });
  }
  return { scenario, plan, cellSizeM, terrain, technologies };
}

/** Technologies of the plan's coverage accounting, in the plan's order. */
function programmeTechnologies(plan: RolloutPlan): Technology[] {
  return plan.phases[0]?.coverage.map((c) => c.technology) ?? [];
}

function carries(site: Site, technology: Technology): boolean {
  const bands = new Set<string>(bandsOf(technology));
  return site.properties.sectors.some((s) => s.cells.some((c) => bands.has(c.band)));
}
