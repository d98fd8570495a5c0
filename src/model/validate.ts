import { CellplanError, type Problem } from "../errors.js";
import { forbiddenKeyProblems } from "./forbidden.js";
import { problem, problemsFromIssues, valueAt } from "./issues.js";
import { SiteCollectionSchema, type Site, type SiteCollection } from "./schema.js";

/** Limits applied before any work is done on a site collection. */
export const VALIDATE_DEFAULTS = {
  /** Most sites accepted in one collection (raise with `{ maxSites }`). */
  maxSites: 1_000_000,
  /** Deepest object nesting accepted (a site file is about 7 levels deep). */
  maxDepth: 32,
  /** Most problems written into an error's message; `error.problems` always holds all of them. */
  maxProblems: 1000,
};

export type ValidateOptions = Partial<typeof VALIDATE_DEFAULTS>;

export type CheckResult = { ok: true; sites: SiteCollection } | { ok: false; problems: Problem[] };

/**
 * Validates a site collection (a GeoJSON FeatureCollection, or an array of site features) and
 * returns it typed, with defaults filled. Throws one `CellplanError` (code `INVALID_SITES`) that
 * lists every problem found; a bad site is never dropped or clamped.
 */
export function validateSites(input: unknown, options?: ValidateOptions): SiteCollection {
  const r = checkSites(input, options);
  if (r.ok) return r.sites;
  const n = r.problems.length;
  const summary = `Invalid site collection: ${n} problem${n === 1 ? "" : "s"}`;
  throw new CellplanError("INVALID_SITES", r.problems, summary, options?.maxProblems ?? VALIDATE_DEFAULTS.maxProblems);
}

/** Validates a single site feature. */
export function validateSite(input: unknown): Site {
  return validateSites({ type: "FeatureCollection", features: [input] }).features[0]!;
}

/** The non-throwing form of `validateSites`: every problem, or the typed collection. */
export function checkSites(input: unknown, options?: ValidateOptions): CheckResult {
  const opts = { ...VALIDATE_DEFAULTS, ...options };
  const root = Array.isArray(input) ? { type: "FeatureCollection", features: input } : input;
  if (root === null || typeof root !== "object" || valueAt(root, ["type"]) !== "FeatureCollection") {
    return fault(root, [], "WRONG_TYPE", input, 'a GeoJSON FeatureCollection of site features, or an array of them');
  }
  const features = valueAt(root, ["features"]);
  if (Array.isArray(features) && features.length > opts.maxSites) {
    return fault(root, ["features"], "LIMIT_EXCEEDED", features.length, `at most ${opts.maxSites} sites (option maxSites)`);
  }

  const problems = forbiddenKeyProblems(root, opts.maxDepth);
  const parsed = SiteCollectionSchema.safeParse(root);
  if (!parsed.success) {
    const flagged = new Set(problems.map((p) => `${p.featureIndex}|${p.field}`));
    for (const p of problemsFromIssues(parsed.error.issues, root)) {
      if (p.code === "UNKNOWN_FIELD" && flagged.has(`${p.featureIndex}|${p.field}`)) continue;
      problems.push(p);
    }
  }
  if (Array.isArray(features)) problems.push(...duplicateIds(root, features));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };

  for (const f of parsed.data.features) {
    const { id, name, ...rest } = f.properties;
    f.properties = { id, name: name ?? id, ...rest };
  }
  return { ok: true, sites: parsed.data as SiteCollection };
}

function fault(root: unknown, path: PropertyKey[], code: Problem["code"], value: unknown, allowed: string): CheckResult {
  return { ok: false, problems: [problem(root, path, code, value, allowed)] };
}

function duplicateIds(root: object, features: unknown[]): Problem[] {
  const first = new Map<string, number>();
  const out: Problem[] = [];
  features.forEach((_, i) => {
    const id = valueAt(features, [i, "properties", "id"]);
    if (typeof id !== "string") return;
    const seen = first.get(id);
    if (seen === undefined) first.set(id, i);
    else {
      out.push(
        problem(root, ["features", i, "properties", "id"], "DUPLICATE_ID", id, `an id not used by another site (also used by feature #${seen})`),
      );
    }
  });
  return out;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.featureIndex}|${p.field}|${p.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
