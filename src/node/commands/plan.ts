import { computeCoverage } from "../../coverage/compute.js";
import { coverageStats, type CoverageStats } from "../../coverage/stats.js";
import { TECHNOLOGIES } from "../../model/bands.js";
import { RADIO_DEFAULTS } from "../../radio/defaults.js";
import { provisionalPlacement } from "../../rollout/placement.js";
import type { ScenarioSummary } from "../../rollout/summary.js";
import { summariseScenario } from "../../rollout/summary.js";
import type { Technology } from "../../units.js";
import { loadScenario } from "../scenario.js";
import { fixed, formatTable, int } from "../table.js";

export interface PlanOptions {
  json?: boolean;
  /** Pixel size of the coverage maps, m (default 100). */
  cellSizeM?: number;
}

export interface PlanResult {
  summary: ScenarioSummary;
  /** Coverage of the provisional placement per technology, at its outdoor threshold. */
  coverage: Partial<Record<Technology, CoverageStats>>;
  sites: number;
}

/**
 * `cellplan plan [scenario]`: checks the scenario, places the programme's sites provisionally
 * (greedy by population until the optimiser lands) and predicts each technology's outdoor
 * coverage by district and population.
 */
export function planCommand(dir: string | undefined, options: PlanOptions, out: (s: string) => void): void {
  const scenario = loadScenario(dir);
  const summary = summariseScenario(scenario);
  const sites = provisionalPlacement(scenario);
  const coverage: PlanResult["coverage"] = {};
  const planned = new Set(scenario.programme.phases.flatMap((p) => p.deployments.flatMap((d) => d.technologies)));
  for (const tech of TECHNOLOGIES.filter((t) => planned.has(t))) {
    const raster = computeCoverage(sites, { area: scenario.boundary, technology: tech, cellSizeM: options.cellSizeM ?? 100 });
    coverage[tech] = coverageStats(raster, {
      thresholdDbm: RADIO_DEFAULTS[tech].thresholds.outdoorDbm,
      zones: scenario.districts,
      population: scenario.population,
    });
  }
  const result: PlanResult = { summary, coverage, sites: sites.features.length };
  out(options.json ? JSON.stringify(result, null, 2) : `${formatSummary(summary)}\n\n${formatCoverage(result)}`);
}

export function formatCoverage(r: PlanResult): string {
  const techs = Object.keys(r.coverage) as Technology[];
  const first = r.coverage[techs[0]!]!;
  const pct = (x: number) => `${fixed(x, 1)}%`;
  return [
    `Predicted outdoor coverage of the ${r.sites} provisionally placed sites (area % / population %)`,
    formatTable(
      ["District", ...techs.map((t) => `${t} ≥ ${RADIO_DEFAULTS[t].thresholds.outdoorDbm} dBm`)],
      [
        ...first.zones.map((z, k) => [z.name, ...techs.map((t) => `${pct(r.coverage[t]!.zones[k]!.areaPct)} / ${pct(r.coverage[t]!.zones[k]!.populationPct)}`)]),
        ["City", ...techs.map((t) => `${pct(r.coverage[t]!.areaPct)} / ${pct(r.coverage[t]!.populationPct)}`)],
      ],
    ),
    `People covered: ${techs.map((t) => `${t} ${int(r.coverage[t]!.population)}`).join(", ")}.`,
    "Sites: provisional placement (greedy by population with minimum spacing; the 5G pilot as a 7-site cluster) — not the programme's real sites, which are not public.",
    "Models: Okumura-Hata (large city) ≤ 1 GHz, COST-231 Hata (metropolitan) at 1.8–2.1 GHz, 3GPP UMa NLOS at 3.5 GHz; flat earth here (computeCoverage takes `terrain`: per-pixel profiles are too slow for this summary until the fast sweep lands).",
  ].join("\n");
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
