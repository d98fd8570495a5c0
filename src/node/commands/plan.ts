import type { ScenarioSummary } from "../../rollout/summary.js";
import { summariseScenario } from "../../rollout/summary.js";
import { loadScenario } from "../scenario.js";
import { fixed, formatTable, int } from "../table.js";

export interface PlanOptions {
  json?: boolean;
}

/**
 * `cellplan plan [scenario]`: until the rollout planner lands (issues 6 and 7) this loads and
 * checks the scenario and prints what the programme means per district and per site.
 */
export function planCommand(dir: string | undefined, options: PlanOptions, out: (s: string) => void): void {
  const summary = summariseScenario(loadScenario(dir));
  out(options.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
}

export function formatSummary(s: ScenarioSummary): string {
  const lowerBounds = s.districts.filter((d) => d.populationIsLowerBound).map((d) => d.name);
  const terrain = s.terrain
    ? `terrain ${s.terrain.width}×${s.terrain.height} samples, ${int(s.terrain.minM)}–${int(s.terrain.maxM)} m`
    : "no terrain";
  return [
    `${s.name} (${s.id})`,
    `Area ${fixed(s.areaKm2, 1)} km² · ${s.districts.length} districts · population ${int(s.population)}` +
      (lowerBounds.length ? ` (lower bounds for ${lowerBounds.join(", ")})` : "") +
      ` · ${terrain}`,
    "",
    formatTable(
      ["District", "Area km²", "Population", "People/km²", "Grid people", "Mean elev m", "Elev range m"],
      s.districts.map((d) => [
        d.name + (d.populationIsLowerBound ? " (≥)" : ""),
        fixed(d.areaKm2, 2),
        int(d.population),
        int(d.densityPerKm2),
        int(d.gridPopulation),
        int(d.meanElevationM),
        `${int(d.minElevationM)}–${int(d.maxElevationM)}`,
      ]),
    ),
    "",
    "Programme",
    formatTable(
      ["Phase", "Technology", "Bands", "New sites", "km²/site", "People/site", "Hex spacing km"],
      s.deployments.map((d) => [
        d.phase,
        d.technologies.join("+"),
        d.bands.join(", "),
        d.sites,
        d.cluster ? "cluster" : fixed(d.km2PerSite, 1),
        d.cluster ? "cluster" : int(d.peoplePerSite),
        d.cluster ? "cluster" : fixed(d.hexSpacingKm, 2),
      ]),
    ),
    "",
    "Per-site figures spread a deployment evenly over the whole city (a pilot cluster is not spread); the planner (issue 6) will place sites by population and coverage.",
    "Elevations are population-weighted over the population grid cells (SRTM 3″, bilinear).",
    `Data: ${s.attribution.join("; ")}.`,
  ].join("\n");
}
