import { fail } from "../errors.js";
import { frameDistanceM, localFrame } from "../geo/frame.js";
import { technologyOf } from "../model/bands.js";
import { createSite } from "../model/create.js";
import type { Site, SiteCollection } from "../model/schema.js";
import type { LonLat, Technology } from "../units.js";
import type { Scenario } from "./scenario.js";
import { ringCentroid } from "./summary.js";
import { hexCluster } from "./cluster.js";

/**
 * A quick, evenly spread placement of the programme's sites — a baseline for tests and benchmarks
 * that want sites across the whole city (the terrain checks); `planRollout` is the planner. For each
 * spread deployment, population-grid cells in decreasing order of people, keeping a
 * cell's centre when it is at least `spacingFactor` × the even-spread spacing from the sites
 * already chosen for that deployment; for a cluster deployment, a hexagonal cluster (centre plus
 * rings) at the most populous cell with inter-site distance `clusterIsdM`. Deterministic. Sites
 * carry `meta.placement` saying what they are: not the programme's real sites, which are not public.
 */
export const PLACEMENT_DEFAULTS = {
  /** Minimum spacing as a share of √(populated area / sites). */
  spacingFactor: 0.8,
  /** Inter-site distance of a pilot cluster, m (dense urban n78). */
  clusterIsdM: 400,
};

export function provisionalPlacement(scenario: Scenario, options: Partial<typeof PLACEMENT_DEFAULTS> = {}): SiteCollection {
  const o = { ...PLACEMENT_DEFAULTS, ...options };
  if (!(o.spacingFactor > 0 && o.spacingFactor <= 2)) fail("INVALID_VALUE", "spacingFactor", o.spacingFactor, "0 < factor ≤ 2");
  if (!(o.clusterIsdM >= 50 && o.clusterIsdM <= 5000)) fail("INVALID_VALUE", "clusterIsdM", o.clusterIsdM, "50–5000 m");
  const cells = scenario.population.features
    .filter((f) => f.properties.population > 0)
    .map((f) => ({ at: ringCentroid(f.geometry), people: f.properties.population, h3: f.properties.h3 ?? "" }))
    .sort((a, b) => b.people - a.people || a.h3.localeCompare(b.h3));
  if (cells.length === 0) fail("INVALID_VALUE", "population", 0, "a population grid with people in it");
  const frame = localFrame(cells[0]!.at[1]);
  const hexKm2 = 0.737; // mean H3 resolution-8 cell area (H3 documentation)
  const populatedKm2 = cells.length * hexKm2;
  const sites: Site[] = [];
  for (const phase of scenario.programme.phases) {
    phase.deployments.forEach((d, k) => {
      const tag = `${phase.id}/${d.technologies.join("+")}`;
      const positions = d.cluster
        ? hexCluster(cells[0]!.at, d.sites, o.clusterIsdM)
        : spread(frame, cells.map((c) => c.at), d.sites, o.spacingFactor * Math.sqrt(populatedKm2 / d.sites) * 1000);
      if (positions.length < d.sites) {
        fail("INVALID_VALUE", `programme.phases[${phase.id}].sites`, d.sites, `at most ${positions.length} sites: the population grid has no more distinct places for ${tag}`);
      }
      positions.forEach((at, i) => {
        const site = createSite({
          id: `ALA-${phase.id}-${k + 1}-${String(i + 1).padStart(2, "0")}`,
          coordinates: [round6(at[0]), round6(at[1])],
          technologies: d.technologies as Technology[],
          phase: phase.id,
          overrides: Object.fromEntries(d.technologies.map((t) => [t, { bands: d.bands.filter((b) => technologyOf(b) === t) }])),
        });
        site.properties.meta = { placement: `provisional (${tag}): greedy by population with minimum spacing; not the programme's real sites` };
        sites.push(site);
      });
    });
  }
  return { type: "FeatureCollection", features: sites };
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function spread(frame: ReturnType<typeof localFrame>, candidates: LonLat[], n: number, spacingM: number): LonLat[] {
  const chosen: LonLat[] = [];
  for (let spacing = spacingM; chosen.length < n && spacing > 1; spacing *= 0.8) {
    for (const c of candidates) {
      if (chosen.length >= n) break;
      if (chosen.every((s) => frameDistanceM(frame, s, c) >= spacing)) chosen.push(c);
    }
  }
  return chosen;
}
