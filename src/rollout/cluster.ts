import { fail } from "../errors.js";
import { frameDestination, localFrame } from "../geo/frame.js";
import { technologyOf } from "../model/bands.js";
import type { Site } from "../model/schema.js";
import type { LonLat } from "../units.js";
import type { DeploymentPlan } from "./plan-types.js";
import { round6, unionWeight, type PlanContext } from "./plan-context.js";
import { carries, selectionBand, type DeploymentSpec } from "./select.js";

/** Centre, then rings of a hexagonal lattice with spacing `isdM`, nearest first: the first n points. */
export function hexCluster(centre: LonLat, n: number, isdM: number): LonLat[] {
  const frame = localFrame(centre[1]);
  const out: LonLat[] = [centre];
  for (let ring = 1; out.length < n; ring++) {
    for (let side = 0; side < 6 && out.length < n; side++) {
      for (let step = 0; step < ring && out.length < n; step++) {
        const corner = frameDestination(frame, centre, ring * isdM, 30 + 60 * side);
        out.push(frameDestination(frame, corner, step * isdM, 30 + 60 * side + 120));
      }
    }
  }
  return out.map(([x, y]) => [round6(x), round6(y)] as LonLat);
}

/**
 * A pilot's lattice sites with each one closer than `D` to a mast of the plan moved onto that mast
 * (the nearest: the pilot shares its rooftop, as 5G pilots of the period shared LTE anchor sites),
 * so that new masts keep the minimum distance; null when two would share one mast.
 */
export function snapToMasts(at: readonly LonLat[], masts: readonly LonLat[], D: number): { at: LonLat[]; colocated: number } | null {
  const used = new Set<number>();
  const out: LonLat[] = [];
  for (const p of at) {
    let nearest = -1;
    let nearestM = D;
    for (let m = 0; m < masts.length; m++) {
      const dist = distanceM(p, masts[m]!);
      if (dist < nearestM) {
        nearestM = dist;
        nearest = m;
      }
    }
    if (nearest < 0) out.push(p);
    else if (used.has(nearest)) return null;
    else {
      used.add(nearest);
      out.push(masts[nearest]!);
    }
  }
  return { at: out, colocated: used.size };
}

/** Most cluster centres evaluated exactly before the search stops with the bound it has. */
export const CLUSTER_DEFAULTS = { maxEvaluations: 400 };

/**
 * Places a pilot cluster (`d.sites` sites on a hexagonal lattice) at the grid candidate where it
 * covers the most people not already served by earlier sites of its band — by branch and bound
 * over the centres. A cluster centred at c covers only people within R + ρ of c (R: the longest
 * reach of one site, from the coverage sets; ρ: the cluster's radius), so that weight bounds every
 * centre. Centres are evaluated exactly (coverage sets of the cluster's sites) in decreasing order
 * of their bound until the best found is at least the next bound: then it is the optimum over the
 * grid's centres (`boundMethod: "enumeration"`, gap 0). Past `CLUSTER_DEFAULTS.maxEvaluations` the
 * search stops and the next bound is the reported bound. Lattice sites closer than
 * `minSiteDistanceM` to one of `masts` move onto it (`snapToMasts`; the bound's radius grows by
 * that distance).
 */
export function chooseCluster(
  ctx: PlanContext,
  d: DeploymentSpec,
  earlier: readonly Site[],
  masts: readonly LonLat[] = [],
): { at: LonLat[]; colocated: number; plan: Omit<DeploymentPlan, "siteIds" | "colocated"> } {
  const D = ctx.options.minSiteDistanceM;
  const layout = (j: number) => snapToMasts(hexCluster(ctx.candidateAt(j), d.sites, ctx.options.clusterIsdM), masts, D);
  const band = selectionBand(d.bands);
  const tech = technologyOf(band);
  const thresholdDbm = ctx.threshold(tech);
  const { demand } = ctx;
  const n = demand.weight.length;
  const served = new Uint8Array(n);
  const fixedSites = earlier.filter((s) => carries(s, band));
  const fixedWeight = fixedSites.length === 0 ? 0 : unionWeight(ctx.covers(band, thresholdDbm, fixedSites.map((s) => s.geometry.coordinates as LonLat), (_, i) => fixedSites[i]!), demand.weight, served);

  const single = ctx.gridCovers(band, thresholdDbm);
  const m = single.offsets.length - 1;
  // R: no site of the template reaches the threshold beyond its useful range (`coverageSets`' rangeM).
  const reach = single.rangeM.reduce((a, b) => Math.max(a, b), 0);
  const radius = d.sites <= 1 ? 0 : Math.max(...hexCluster([0, 0], d.sites, ctx.options.clusterIsdM).map((p) => distanceM([0, 0], p)));
  // a lattice site snapped onto a mast moves less than D
  const bound = diskWeights(ctx, served, reach + radius + D);
  const order = Array.from({ length: m }, (_, j) => j).sort((a, b) => bound[b]! - bound[a]! || a - b);
  let best: { at: LonLat[]; colocated: number } | null = null;
  let bestWeight = -Infinity;
  let k = 0;
  for (; k < order.length && k < CLUSTER_DEFAULTS.maxEvaluations; k++) {
    const j = order[k]!;
    if (bestWeight >= bound[j]!) break;
    const snapped = layout(j);
    if (snapped === null) continue;
    const at = snapped.at;
    const sets = ctx.templateCovers(band, thresholdDbm, at); // the sites `deploymentSite` builds, on this band
    const w = unionWeight(sets, demand.weight, served.slice());
    if (w > bestWeight) {
      bestWeight = w;
      best = snapped;
    }
  }
  if (best === null) {
    fail("INVALID_VALUE", "minSiteDistanceM", D, `a distance that leaves room for the ${d.sites}-site pilot cluster: at every centre tried, two of its sites would share one mast`);
  }
  const next = k < order.length ? bound[order[k]!]! : -Infinity;
  const upper = fixedWeight + Math.max(bestWeight, next);
  const objective = fixedWeight + bestWeight;
  return {
    at: best.at,
    colocated: best.colocated,
    plan: {
      technologies: d.technologies,
      bands: d.bands,
      selectionBand: band,
      thresholdDbm,
      covered: objective,
      objective,
      bound: upper,
      gapPct: upper === 0 ? 0 : ((upper - objective) / upper) * 100,
      boundMethod: "enumeration",
      candidates: m,
      demandPoints: n,
    },
  };
}

/**
 * For every grid candidate, an upper bound on the unserved weight within `r` metres of it: the
 * demand is summed into 100 m bins, and a bin counts when any part of it lies within r (1 % wider
 * for the frame's scale change across the area). Cheap where the exact disk sums are not.
 */
function diskWeights(ctx: PlanContext, served: Uint8Array, r: number): Float64Array {
  const { demand } = ctx;
  const n = demand.weight.length;
  const m = ctx.grid.lon.length;
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let nn = -Infinity;
  for (let i = 0; i < n; i++) {
    w = Math.min(w, demand.lon[i]!);
    e = Math.max(e, demand.lon[i]!);
    s = Math.min(s, demand.lat[i]!);
    nn = Math.max(nn, demand.lat[i]!);
  }
  const out = new Float64Array(m);
  if (n === 0) return out;
  const f = localFrame((s + nn) / 2);
  const bin = 100;
  const cols = Math.floor(((e - w) * f.kx) / bin) + 1;
  const rows = Math.floor(((nn - s) * f.ky) / bin) + 1;
  const sums = new Float64Array(cols * rows);
  for (let i = 0; i < n; i++) {
    if (served[i] === 1) continue;
    const c = Math.floor(((demand.lon[i]! - w) * f.kx) / bin);
    const r0 = Math.floor(((demand.lat[i]! - s) * f.ky) / bin);
    sums[r0 * cols + c]! += demand.weight[i]!;
  }
  const reach = r * 1.01 + 1;
  for (let j = 0; j < m; j++) {
    const x = (ctx.grid.lon[j]! - w) * f.kx;
    const y = (ctx.grid.lat[j]! - s) * f.ky;
    const c0 = Math.max(0, Math.floor((x - reach) / bin));
    const c1 = Math.min(cols - 1, Math.floor((x + reach) / bin));
    const q0 = Math.max(0, Math.floor((y - reach) / bin));
    const q1 = Math.min(rows - 1, Math.floor((y + reach) / bin));
    let total = 0;
    for (let q = q0; q <= q1; q++) {
      const dy = Math.max(0, q * bin - y, y - (q + 1) * bin);
      for (let c = c0; c <= c1; c++) {
        const dx = Math.max(0, c * bin - x, x - (c + 1) * bin);
        if (dx * dx + dy * dy <= reach * reach) total += sums[q * cols + c]!;
      }
    }
    out[j] = total;
  }
  return out;
}

function distanceM(a: LonLat, b: LonLat): number {
  const f = localFrame((a[1] + b[1]) / 2);
  return Math.hypot((a[0] - b[0]) * f.kx, (a[1] - b[1]) * f.ky);
}
