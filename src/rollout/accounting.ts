import { bandsOf } from "../model/bands.js";
import type { Site } from "../model/schema.js";
import type { Technology } from "../units.js";
import type { ZoneCoverage, TechnologyCoverage } from "./plan-types.js";
import { unionWeight, type PlanContext } from "./plan-context.js";
import { carries } from "./select.js";

/**
 * People covered per technology, city-wide and per district, by a phase's own sites and by all
 * sites up to it. A demand point counts for a technology when any cell of any of its bands clears
 * the technology's threshold there (the best server across the bands, as `computeCoverage` with
 * `technology` does).
 */
export function technologyCoverage(ctx: PlanContext, technologies: readonly Technology[], phaseSites: readonly Site[], cumulativeSites: readonly Site[]): TechnologyCoverage[] {
  const { demand } = ctx;
  const zones = demand.zones;
  const population = new Float64Array(zones.length);
  let total = 0;
  for (let i = 0; i < demand.weight.length; i++) {
    total += demand.people[i]!;
    if (demand.zone[i]! >= 0) population[demand.zone[i]!]! += demand.people[i]!;
  }
  return technologies.map((technology) => {
    const thresholdDbm = ctx.threshold(technology);
    const own = coveredMask(ctx, technology, thresholdDbm, phaseSites);
    const all = coveredMask(ctx, technology, thresholdDbm, cumulativeSites);
    const byZone = (mask: Uint8Array) => {
      const z = new Float64Array(zones.length);
      let city = 0;
      for (let i = 0; i < mask.length; i++) {
        if (mask[i] === 0) continue;
        city += demand.people[i]!;
        if (demand.zone[i]! >= 0) z[demand.zone[i]!]! += demand.people[i]!;
      }
      return { z, city };
    };
    const a = byZone(own);
    const b = byZone(all);
    const cell = (zoneId: string, zoneName: string, pop: number, phase: number, cumulative: number): ZoneCoverage => ({
      zoneId,
      zoneName,
      population: pop,
      phase,
      cumulative,
      cumulativePct: pop > 0 ? (cumulative / pop) * 100 : 0,
    });
    return {
      technology,
      thresholdDbm,
      city: cell("city", "City", total, a.city, b.city),
      districts: zones.map((z, k) => cell(z.id, z.name, population[k]!, a.z[k]!, b.z[k]!)),
    };
  });
}

function coveredMask(ctx: PlanContext, technology: Technology, thresholdDbm: number, sites: readonly Site[]): Uint8Array {
  const mask = new Uint8Array(ctx.demand.weight.length);
  for (const band of bandsOf(technology)) {
    const on = sites.filter((s) => carries(s, band));
    if (on.length === 0) continue;
    unionWeight(ctx.covers(band, thresholdDbm, on.map((s) => s.geometry.coordinates as [number, number]), (_, i) => on[i]!), ctx.demand.weight, mask);
  }
  return mask;
}
