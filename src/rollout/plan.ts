import { fail } from "../errors.js";
import { technologyOf } from "../model/bands.js";
import type { Site } from "../model/schema.js";
import type { Technology } from "../units.js";
import { technologyCoverage } from "./accounting.js";
import { chooseCluster } from "./cluster.js";
import { PlanContext, type ResolvedRolloutOptions } from "./plan-context.js";
import type { DeploymentPlan, PhasePlan, RolloutOptions, RolloutPlan, ServiceLevel } from "./plan-types.js";
import { PLACEMENT_DEFAULTS } from "./placement.js";
import type { Scenario } from "./scenario.js";
import { chooseSpread, deploymentSite, type DeploymentSpec } from "./select.js";

export const ROLLOUT_DEFAULTS: ResolvedRolloutOptions = {
  seed: 2019,
  candidateSpacingM: 250,
  /** Demand lattice inside each population hexagon, m: finer than the sites' indoor reach (≈ 0.5 km at 1.8–2.1 GHz). */
  demandSpacingM: 100,
  /** Urban infill is planned for people indoors: the technologies' indoor street-level thresholds. */
  service: "indoor",
  terrain: false,
  maxElevationM: undefined,
  colocationCostPeople: 500,
  /**
   * Least distance between masts, m. Urban macro layouts are planned at inter-site distances of
   * about 500 m (3GPP TR 38.901 Table 7.2-1, UMa); 300 m lets the densest districts get masts
   * closer than that (a diagonal of the 250 m candidate grid, 354 m, is allowed) while stopping
   * two masts on neighbouring grid points (250 m), which would serve the same few blocks.
   */
  minSiteDistanceM: 300,
  clusterIsdM: PLACEMENT_DEFAULTS.clusterIsdM,
  search: {},
};

/** What the shipped site files record about the options they were planned with (the defaults). */
export const SHIPPED_SITES_SETTINGS = {
  candidateSpacingM: ROLLOUT_DEFAULTS.candidateSpacingM,
  demandSpacingM: ROLLOUT_DEFAULTS.demandSpacingM,
  minSiteDistanceM: ROLLOUT_DEFAULTS.minSiteDistanceM,
  regenerate: "npm run data:sites",
};

const SERVICE_LEVELS: readonly ServiceLevel[] = ["outdoor", "inCar", "indoor"];

/**
 * Plans the scenario's programme phase by phase. Each spread deployment (the 37 2G/3G and the 26
 * 4G sites of 2019–2020) is chosen by `maxCoverage` on coverage sets from the radio model (the
 * deployment's highest-frequency band at the technology's threshold for `service`), with the
 * masts of the phase's earlier deployments offered for co-location and earlier phases' sites of
 * the band fixed; a cluster deployment (the 2021 5G pilot) is placed where its sites cover the
 * most people (`chooseCluster`, exact over the candidate grid). Masts keep `minSiteDistanceM`
 * apart: a new mast from every mast of the plan so far and from the other new masts of its
 * deployment (co-location on a mast builds none); a cluster's sites closer than that to a mast
 * share the mast (a separate feature at the mast's position, the pilot's own phase). Every
 * deployment reports its
 * proven bound and gap. Sites come back as GeoJSON with `status: "planned"`, `phase` and
 * `buildOrder` (1 = first: phases in order, within a deployment the solver's greedy order, each
 * site adding the most people given the ones before). Deterministic: same scenario, options and
 * seed give the same plan (no time limit is used unless `search.timeLimitMs` asks for one).
 */
export function planRollout(scenario: Scenario, options: RolloutOptions = {}): RolloutPlan {
  const o = resolveOptions(options);
  const ctx = new PlanContext(scenario, o);
  const prefix = sitePrefix(scenario);
  const all: Site[] = [];
  const phases: PhasePlan[] = [];
  for (const phase of scenario.programme.phases) {
    const phaseSites: Site[] = [];
    const deployments: DeploymentPlan[] = [];
    phase.deployments.forEach((dep) => {
      const d: DeploymentSpec = { technologies: dep.technologies, bands: dep.bands, sites: dep.sites, cluster: dep.cluster };
      const tag = `${dep.technologies.join("")}`;
      const id = (i: number) => `${prefix}-${phase.id}-${tag}-${String(i + 1).padStart(2, "0")}`;
      const note = `planned by cellplan planRollout (seed ${o.seed}); not an operator record`;
      if (d.cluster) {
        const masts = [...all, ...phaseSites].map((s) => s.geometry.coordinates as [number, number]);
        const r = chooseCluster(ctx, d, all, masts);
        const sites = r.at.map((at, i) => withMeta(deploymentSite(d, id(i), at, phase.id), note));
        phaseSites.push(...sites);
        deployments.push({ ...r.plan, siteIds: sites.map((s) => s.properties.id), colocated: r.colocated });
        return;
      }
      const r = chooseSpread(ctx, d, phaseSites, all);
      const ids: string[] = [];
      let colocated = 0;
      let fresh = 0;
      for (const c of r.chosen) {
        if ("shareWith" in c) {
          const host = phaseSites[c.shareWith]!;
          host.properties.sectors.push(...deploymentSite(d, host.properties.id, host.geometry.coordinates as [number, number], phase.id).properties.sectors);
          ids.push(host.properties.id);
          colocated++;
        } else {
          const site = withMeta(deploymentSite(d, id(fresh++), c.at, phase.id), note);
          phaseSites.push(site);
          ids.push(site.properties.id);
        }
      }
      deployments.push({ ...r.plan, siteIds: ids, colocated });
    });
    for (const s of phaseSites) s.properties.buildOrder = all.length + phaseSites.indexOf(s) + 1;
    all.push(...phaseSites);
    const objective = deployments.reduce((s, d) => s + d.objective, 0);
    const bound = deployments.reduce((s, d) => s + d.bound, 0);
    const technologies = programmeTechnologies(scenario);
    phases.push({
      phase: phase.id,
      label: phase.label,
      from: phase.from,
      to: phase.to,
      year: Number(phase.to.slice(0, 4)),
      sites: phaseSites,
      deployments,
      objective,
      bound,
      gapPct: bound === 0 ? 0 : ((bound - objective) / bound) * 100,
      coverage: technologyCoverage(ctx, technologies, phaseSites, all),
    });
  }
  return { scenario: scenario.id, seed: o.seed, service: o.service, terrain: o.terrain, sites: { type: "FeatureCollection", features: all }, phases };
}

function programmeTechnologies(s: Scenario): Technology[] {
  const set = new Set<Technology>(s.programme.phases.flatMap((p) => p.deployments.flatMap((d) => d.bands.map(technologyOf))));
  return (["2G", "3G", "4G", "5G"] as const).filter((t) => set.has(t));
}

function withMeta(site: Site, placement: string): Site {
  site.properties.meta = { placement };
  return site;
}

/** Site ids start with the first three letters of the area's name, upper case ("ALA" for Almaty). */
function sitePrefix(s: Scenario): string {
  const letters = s.area.name.normalize("NFD").replace(/[^A-Za-z]/g, "");
  return (letters.slice(0, 3) || "SITE").toUpperCase();
}

function resolveOptions(options: RolloutOptions): ResolvedRolloutOptions {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ seed?, candidateSpacingM?, service?, … }");
  const o = { ...ROLLOUT_DEFAULTS, ...options, search: { ...options.search } };
  if (!Number.isInteger(o.seed)) fail("INVALID_VALUE", "seed", o.seed, "an integer");
  if (!(typeof o.candidateSpacingM === "number" && o.candidateSpacingM >= 25 && o.candidateSpacingM <= 5000)) fail("INVALID_VALUE", "candidateSpacingM", o.candidateSpacingM, "25–5000 m");
  if (!(typeof o.demandSpacingM === "number" && o.demandSpacingM >= 10 && o.demandSpacingM <= 5000)) fail("INVALID_VALUE", "demandSpacingM", o.demandSpacingM, "10–5000 m");
  if (!SERVICE_LEVELS.includes(o.service)) fail("INVALID_VALUE", "service", o.service, SERVICE_LEVELS.join(", "));
  if (typeof o.terrain !== "boolean") fail("WRONG_TYPE", "terrain", o.terrain, "true or false");
  if (!(typeof o.colocationCostPeople === "number" && o.colocationCostPeople >= 0 && o.colocationCostPeople < Infinity)) fail("INVALID_VALUE", "colocationCostPeople", o.colocationCostPeople, "a number of people ≥ 0");
  if (!(typeof o.minSiteDistanceM === "number" && o.minSiteDistanceM >= 0 && o.minSiteDistanceM <= 5000)) fail("INVALID_VALUE", "minSiteDistanceM", o.minSiteDistanceM, "0–5000 m (0: no minimum)");
  if (!(typeof o.clusterIsdM === "number" && o.clusterIsdM >= 50 && o.clusterIsdM <= 5000)) fail("INVALID_VALUE", "clusterIsdM", o.clusterIsdM, "50–5000 m");
  if (o.clusterIsdM < o.minSiteDistanceM) {
    fail("INVALID_VALUE", "clusterIsdM", o.clusterIsdM, `at least minSiteDistanceM = ${o.minSiteDistanceM} m: a pilot cluster's sites are masts too (or lower minSiteDistanceM)`);
  }
  return o;
}
