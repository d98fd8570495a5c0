import { CellplanError, fail } from "../errors.js";
import { technologyOf, type Band } from "../model/bands.js";
import { createSite } from "../model/create.js";
import type { Site } from "../model/schema.js";
import { maxCoverage } from "../optimise/max-coverage.js";
import type { Csr } from "../optimise/csr.js";
import { BAND_TABLE } from "../radio/bands.js";
import type { LonLat, Technology } from "../units.js";
import type { DeploymentPlan } from "./plan-types.js";
import { concatCsr, type PlanContext } from "./plan-context.js";

/** A deployment of the programme: what `planRollout` places. */
export interface DeploymentSpec {
  technologies: Technology[];
  bands: Band[];
  sites: number;
  cluster: boolean;
}

/** The deployment's highest-frequency band: the shortest reach, so its coverage is the one to plan for. */
export function selectionBand(bands: readonly Band[]): Band {
  return [...bands].sort((a, b) => BAND_TABLE[b].downlinkCentreMHz - BAND_TABLE[a].downlinkCentreMHz || a.localeCompare(b))[0]!;
}

/** A new site of the deployment at `at`: its technologies with their default sectors, restricted to its bands. */
export function deploymentSite(d: DeploymentSpec, id: string, at: LonLat, phase: string): Site {
  return createSite({
    id,
    coordinates: at,
    technologies: d.technologies,
    status: "planned",
    phase,
    overrides: Object.fromEntries(d.technologies.map((t) => [t, { bands: d.bands.filter((b) => technologyOf(b) === t) }])),
  });
}

export interface SpreadResult {
  /** Chosen positions in build order, each either new or the index of a same-phase site to share. */
  chosen: ({ at: LonLat } | { shareWith: number })[];
  plan: Omit<DeploymentPlan, "siteIds" | "colocated">;
}

/**
 * Chooses where a spread deployment's `d.sites` new sites go: candidates are the city grid plus the
 * masts of the phase's earlier deployments (co-location, preferred through the solver's costs);
 * sites of earlier phases carrying the selection band are fixed (their people are already served).
 * Coverage sets come from the radio model (`coverageSets`), the choice from `maxCoverage`.
 *
 * `minSiteDistanceM`: grid candidates closer than that to any mast of the plan so far (earlier
 * phases, the phase's earlier deployments; any technology) are forbidden — those masts exist
 * whether or not this deployment shares them — and grid candidates closer than that to each other
 * conflict (`conflicts`: two new masts of the deployment keep it too). Sharing a mast is always
 * allowed. Throws `INVALID_VALUE` (field `minSiteDistanceM`) when the deployment's sites cannot
 * be placed that far apart.
 */
export function chooseSpread(ctx: PlanContext, d: DeploymentSpec, phaseSites: readonly Site[], earlier: readonly Site[]): SpreadResult {
  const band = selectionBand(d.bands);
  const tech = technologyOf(band);
  const thresholdDbm = ctx.threshold(tech);
  const grid = ctx.gridCovers(band, thresholdDbm);
  const shared = phaseSites.map((s) => s.geometry.coordinates as LonLat);
  const fixedSites = earlier.filter((s) => carries(s, band));
  const own = shared.length === 0 ? null : ctx.templateCovers(band, thresholdDbm, shared);
  const fixed = fixedSites.length === 0 ? null : ctx.covers(band, thresholdDbm, fixedSites.map((s) => s.geometry.coordinates as LonLat), (_, i) => fixedSites[i]!);
  const covers = concatCsr([grid, ...(own ? [own] : []), ...(fixed ? [fixed] : [])]);
  const m = grid.offsets.length - 1;
  const mShared = shared.length;
  const costs = new Float64Array(m + mShared + fixedSites.length);
  if (mShared > 0) costs.fill(ctx.options.colocationCostPeople, 0, m);
  const fixedIdx = Array.from({ length: fixedSites.length }, (_, i) => m + mShared + i);
  const apart = ctx.options.minSiteDistanceM > 0 ? spacing(ctx, covers.offsets.length - 1, [...earlier, ...phaseSites]) : {};
  let r: ReturnType<typeof maxCoverage>;
  try {
    r = maxCoverage({
      weights: ctx.demand.weight,
      covers,
      k: d.sites,
      fixed: fixedIdx,
      ...apart,
      ...(mShared > 0 ? { costs } : {}),
      seed: ctx.options.seed,
      ...ctx.options.search,
    });
  } catch (e) {
    if (!(e instanceof CellplanError) || e.problems[0]?.field !== "k" || !("conflicts" in apart)) throw e;
    fail("INVALID_VALUE", "minSiteDistanceM", ctx.options.minSiteDistanceM, `a distance that leaves room for the deployment's ${d.sites} ${d.technologies.join("/")} sites: ${e.problems[0].allowed}`);
  }
  const chosen = r.chosen.map((j) => (j < m ? { at: ctx.candidateAt(j) } : { shareWith: j - m }));
  return {
    chosen,
    plan: {
      technologies: d.technologies,
      bands: d.bands,
      selectionBand: band,
      thresholdDbm,
      covered: r.covered,
      objective: r.objective,
      bound: r.bound,
      gapPct: r.gapPct,
      boundMethod: r.boundMethod,
      candidates: covers.offsets.length - 1,
      demandPoints: ctx.demand.weight.length,
    },
  };
}

/**
 * The solver's `forbidden` and `conflicts` for `minSiteDistanceM` over `total` candidates (the grid
 * first): grid candidates too close to a mast of the plan so far, and pairs of grid candidates too
 * close to each other; the shared and fixed candidates (existing masts) conflict with nothing.
 */
function spacing(ctx: PlanContext, total: number, masts: readonly Site[]): { forbidden: Int32Array; conflicts: Csr } {
  const grid = ctx.gridConflicts();
  const m = grid.offsets.length - 1;
  const offsets = new Int32Array(total + 1);
  offsets.set(grid.offsets);
  offsets.fill(grid.offsets[m]!, m + 1);
  const forbidden = ctx.gridNear(masts.map((s) => s.geometry.coordinates as LonLat), ctx.options.minSiteDistanceM);
  return { forbidden, conflicts: { offsets, indices: grid.indices } };
}

export function carries(site: Site, band: Band): boolean {
  return site.properties.sectors.some((s) => s.cells.some((c) => c.band === band));
}
