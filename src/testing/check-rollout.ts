import type { Feature } from "geojson";
import { fmt, ProblemList } from "./invariant.js";

/**
 * The structure `checkRolloutPlan` reads: a minimal shape any phased plan has (extra fields are
 * ignored), so the checker holds for whichever planner produced the plan.
 */
export interface RolloutPhaseShape {
  /** Phase id, e.g. "2019-2020"; unique in the plan. */
  phase: string;
  /** Calendar year the phase ends in, when the plan states it; non-decreasing along the plan. */
  year?: number;
  /** Value of the phase's plan (e.g. people covered); finite, ≥ 0. */
  objective: number;
  /** Proven upper bound on the best possible objective of the phase; finite, ≥ objective. */
  bound: number;
  /** Optimality gap in percent: 100 · (bound − objective) / bound (0 when bound is 0). */
  gapPct: number;
  /** Sites the phase places (GeoJSON features with `properties.id`, and `properties.phase` if given equal to `phase`). */
  sites: readonly Feature[];
}

export interface RolloutPlanShape {
  phases: readonly RolloutPhaseShape[];
}

export interface RolloutCheckOptions {
  /** Allowed difference between `gapPct` and its value from objective and bound, percentage points (default 0.01: a gap rounded to 2 decimals passes). */
  gapTolerancePct?: number;
  /** Relative slack for bound ≥ objective (floating-point bounds), (default 1e-9). */
  boundTolerance?: number;
}

/**
 * Checks the invariants of a phased rollout plan (see `RolloutPlanShape`) and throws one
 * `InvariantError` listing every violation: phase ids unique and non-empty, years non-decreasing,
 * objective and bound finite with 0 ≤ objective ≤ bound, `gapPct` ≥ 0 and consistent with them, site
 * ids unique across the whole plan, and each site's `phase` (when present) naming its phase.
 */
export function checkRolloutPlan(plan: RolloutPlanShape, options: RolloutCheckOptions = {}): void {
  const gapTol = options.gapTolerancePct ?? 0.01;
  const boundTol = options.boundTolerance ?? 1e-9;
  const out = new ProblemList();
  const phases: unknown = plan?.phases;
  if (!Array.isArray(phases)) {
    out.add(`plan.phases must be a list, got ${fmt(phases)}`);
    return out.throwIfAny("rollout plan", "site");
  }
  const phaseIds = new Map<string, number>();
  const siteIds = new Map<string, string>();
  let lastYear = -Infinity;
  (phases as RolloutPhaseShape[]).forEach((p, i) => {
    const at = `phases[${i}]`;
    if (p === null || typeof p !== "object") return out.add(`${at} must be an object, got ${fmt(p)}`);
    if (typeof p.phase !== "string" || p.phase === "") out.add(`${at}.phase must be a non-empty string, got ${fmt(p.phase)}`);
    else if (phaseIds.has(p.phase)) out.add(`${at}.phase "${p.phase}" repeats phases[${phaseIds.get(p.phase)}]`);
    else phaseIds.set(p.phase, i);
    if (p.year !== undefined) {
      if (!Number.isInteger(p.year)) out.add(`${at}.year must be an integer, got ${fmt(p.year)}`);
      else if (p.year < lastYear) out.add(`${at}.year ${p.year} comes before the previous phase's ${lastYear}: phases out of order`);
      else lastYear = p.year;
    }
    const { objective: o, bound: b, gapPct: g } = p;
    const finite = [o, b, g].every((x) => typeof x === "number" && Number.isFinite(x));
    if (!finite) out.add(`${at}: objective, bound and gapPct must be finite numbers, got ${fmt(o)}, ${fmt(b)}, ${fmt(g)}`);
    else {
      if (o < 0) out.add(`${at}.objective ${o} is negative`);
      if (b < o - boundTol * Math.max(1, Math.abs(b))) out.add(`${at}.bound ${b} is below the objective ${o}: not an upper bound`);
      const expected = b > 0 ? (100 * (b - o)) / b : 0;
      if (g < 0) out.add(`${at}.gapPct ${g} is negative`);
      if (Math.abs(g - expected) > gapTol) out.add(`${at}.gapPct ${g} disagrees with 100 · (bound − objective) / bound = ${expected}`);
    }
    if (!Array.isArray(p.sites)) return out.add(`${at}.sites must be a list, got ${fmt(p.sites)}`);
    p.sites.forEach((f, j) => {
      const props = f?.properties as { id?: unknown; phase?: unknown } | null | undefined;
      const where = `${at}.sites[${j}]`;
      const id = props?.id;
      if (typeof id !== "string" || id === "") return out.at("a site without a string id", where, `id ${fmt(id)}`);
      if (siteIds.has(id)) out.at("a site id used twice in the plan", where, `"${id}" also at ${siteIds.get(id)}`);
      else siteIds.set(id, where);
      if (props?.phase !== undefined && props.phase !== p.phase) out.at("a site whose phase is not its phase's", where, `"${id}" says ${fmt(props.phase)}, listed under "${p.phase}"`);
    });
  });
  out.throwIfAny("rollout plan", "site");
}
