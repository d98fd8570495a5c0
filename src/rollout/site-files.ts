import type { PhasePlan, RolloutPlan } from "./plan-types.js";

/**
 * The text of a phase's planned-sites file (`data/almaty/sites-<phase>.geojson`): a GeoJSON
 * FeatureCollection with a `cellplan` foreign member saying what the sites are and how they were
 * made (RFC 7946 §6.1 allows foreign members), one feature per line for readable diffs.
 */
export function phaseSitesFileText(plan: RolloutPlan, phase: PhasePlan, settings: Record<string, number | string | boolean>): string {
  const header = {
    type: "FeatureCollection",
    cellplan: {
      what: `Planned sites of phase ${phase.phase} (${phase.label}), chosen by cellplan's planRollout — a planning result, not operator records`,
      scenario: plan.scenario,
      seed: plan.seed,
      service: plan.service,
      terrain: plan.terrain,
      ...settings,
    },
  };
  const features = phase.sites.map((s) => JSON.stringify(s)).join(",\n");
  return `${JSON.stringify(header).slice(0, -1)},"features":[\n${features}\n]}\n`;
}
