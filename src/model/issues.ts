import type { z } from "zod";
import type { Problem, ProblemCode } from "../errors.js";
import { BANDS } from "./bands.js";
import { describeRule, ID_ALLOWED, NUMBER_RULES, type RuledField } from "./rules.js";
import {
  CellSchema,
  OmniAntennaSchema,
  PatternFileAntennaSchema,
  PointSchema,
  SectorAntennaSchema,
  SectorSchema,
  SitePropertiesSchema,
  SiteSchema,
  SiteStatusSchema,
} from "./schema.js";

/**
 * Turns zod issues on a site collection into cellplan `Problem`s: a stable code, the feature,
 * the field path, the value as given and what is allowed.
 */

type Path = readonly PropertyKey[];
type Issue = z.core.$ZodIssue;

export function problemsFromIssues(issues: readonly Issue[], root: unknown): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) collect(issue, [], root, out);
  // A feature whose geometry is not a Point gets one problem for it, not one per coordinate.
  const notPoint = new Set(out.filter((p) => p.code === "WRONG_GEOMETRY" && p.field === "geometry.type").map((p) => p.featureIndex));
  return out.filter((p) => !(notPoint.has(p.featureIndex) && p.field.startsWith("geometry.") && p.field !== "geometry.type"));
}

function collect(issue: Issue, prefix: Path, root: unknown, out: Problem[]): void {
  const path = [...prefix, ...issue.path];
  if (issue.code === "invalid_union") {
    const value = valueAt(root, path);
    if (issue.errors.length === 0 || (issue as { note?: string }).note === "No matching discriminator") {
      out.push(problem(root, path, "UNKNOWN_ANTENNA", valueAt(root, path), antennaAllowed()));
      return;
    }
    // The antenna union: a string id, or a pattern object. Report the branch the input was aiming at.
    const branch = typeof value === "string" ? issue.errors[0] : issue.errors[issue.errors.length - 1];
    for (const sub of branch ?? []) collect(sub, path, root, out);
    return;
  }
  if (issue.code === "unrecognized_keys") {
    for (const key of issue.keys) {
      const at = [...path, key];
      out.push(problem(root, at, "UNKNOWN_FIELD", valueAt(root, at), knownKeys(path, root)));
    }
    return;
  }
  const value = valueAt(root, path);
  const [code, allowed] = classify(issue, path, value);
  out.push(problem(root, path, code, value, allowed));
}

function classify(issue: Issue, path: Path, value: unknown): [ProblemCode, string] {
  const key = fieldKey(path, value);
  const ruled = key in NUMBER_RULES ? (key as RuledField) : undefined;
  if (value === undefined) {
    if (key === "sectors") return ["MISSING_SECTORS", "a non-empty array of sectors"];
    if (key === "cells") return ["MISSING_CELLS", "a non-empty array of cells { band, powerDbm }"];
    if (key === "geometry") return ["WRONG_GEOMETRY", 'a GeoJSON Point { "type": "Point", "coordinates": [lon, lat] }'];
    const expected = issue.code === "invalid_type" ? `a value of type ${issue.expected}` : classify(issue, path, null)[1];
    return ["MISSING_FIELD", ruled ? describeRule(ruled) : expected];
  }
  switch (issue.code) {
    case "invalid_type":
      if (typeof value === "number" && !Number.isFinite(value)) {
        return ["NOT_FINITE", ruled ? describeRule(ruled) : "a finite number"];
      }
      if (key === "geometry") return ["WRONG_GEOMETRY", 'a GeoJSON Point { "type": "Point", "coordinates": [lon, lat] }'];
      if (key === "coordinates") return ["WRONG_GEOMETRY", "a position [lon, lat]"];
      if (key === "id" && path.length > 2) return ["INVALID_ID", ID_ALLOWED];
      return ["WRONG_TYPE", ruled ? describeRule(ruled) : `a value of type ${issue.expected}`];
    case "too_small":
    case "too_big":
      if (ruled) {
        const r = NUMBER_RULES[ruled];
        const low = issue.code === "too_small" && "lowCode" in r ? r.lowCode : undefined;
        return [low ?? r.code, describeRule(ruled)];
      }
      if (key === "sectors") return ["MISSING_SECTORS", "a non-empty array of sectors"];
      if (key === "cells") return ["MISSING_CELLS", "a non-empty array of cells { band, powerDbm }"];
      if (key === "coordinates" && typeof path[path.length - 1] === "number") {
        // inside a Polygon's or MultiPolygon's nesting (a Point's coordinates end the path)
        return ["WRONG_GEOMETRY", `${sizeAllowed(issue)}, nested as the geometry type requires (a ring: at least 4 positions, the last repeating the first)`];
      }
      if (key === "coordinates") {
        return ["WRONG_GEOMETRY", "exactly two numbers [lon, lat]; give the ground height as properties.groundElevationM"];
      }
      if (key === "id") return ["INVALID_ID", ID_ALLOWED];
      return ["INVALID_VALUE", sizeAllowed(issue)];
    case "invalid_format":
      if (key === "id") return ["INVALID_ID", ID_ALLOWED];
      return ["INVALID_VALUE", `a string matching ${String((issue as { pattern?: unknown }).pattern ?? issue.format)}`];
    case "invalid_value":
      if (key === "band") return ["UNKNOWN_BAND", `one of ${BANDS.join(", ")}`];
      if (key === "status") return ["UNKNOWN_STATUS", `one of ${SiteStatusSchema.options.join(", ")}`];
      if (key === "pattern") return ["UNKNOWN_ANTENNA", antennaAllowed()];
      if (path.length >= 2 && path[path.length - 2] === "geometry") return ["WRONG_GEOMETRY", '"Point"'];
      return ["WRONG_TYPE", `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`];
    default:
      return ["INVALID_VALUE", issue.message];
  }
}

function sizeAllowed(issue: Issue): string {
  if (issue.code === "too_small") return `at least ${String(issue.minimum)} (${issue.origin})`;
  if (issue.code === "too_big") return `at most ${String(issue.maximum)} (${issue.origin})`;
  return issue.message;
}

function antennaAllowed(): string {
  return '{ pattern: "3gpp-sector", hBeamwidthDeg, vBeamwidthDeg, gainDbi }, { pattern: "omni", gainDbi }, or a pattern-file id string';
}

/** The last named field on the path; a coordinate index maps to `lon` / `lat` (unless it holds a ring or position). */
function fieldKey(path: Path, value?: unknown): string {
  const last = path[path.length - 1];
  if (typeof last === "number" && path[path.length - 2] === "coordinates" && !Array.isArray(value)) return last === 0 ? "lon" : "lat";
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === "string") return path[i] as string;
  return "";
}

function knownKeys(path: Path, root: unknown): string {
  const key = fieldKey(path);
  const parent = path[path.length - 2];
  const obj = valueAt(root, path);
  const shapes: Record<string, readonly string[]> = {
    properties: Object.keys(SitePropertiesSchema.shape),
    geometry: Object.keys(PointSchema.shape),
    antenna: antennaKeys(obj),
  };
  let keys: readonly string[] | undefined = shapes[key];
  if (typeof path[path.length - 1] === "number") {
    if (parent === "sectors") keys = Object.keys(SectorSchema.shape);
    else if (parent === "cells") keys = Object.keys(CellSchema.shape);
    else if (parent === "features") keys = Object.keys(SiteSchema.shape);
  }
  if (path.length === 0) keys = ["type", "features", "bbox"];
  return keys ? `only the fields ${keys.join(", ")}` : "no other fields";
}

function antennaKeys(obj: unknown): readonly string[] {
  const pattern = obj && typeof obj === "object" ? (obj as { pattern?: unknown }).pattern : undefined;
  if (pattern === "omni") return Object.keys(OmniAntennaSchema.shape);
  if (pattern === "file") return Object.keys(PatternFileAntennaSchema.shape);
  return Object.keys(SectorAntennaSchema.shape);
}

/** Builds a problem for a path inside a collection: `features[i]` becomes the feature. */
export function problem(root: unknown, path: Path, code: ProblemCode, value: unknown, allowed: string): Problem {
  const p: Problem = { code, field: formatPath(path), value, allowed };
  if (path[0] === "features" && typeof path[1] === "number") {
    p.featureIndex = path[1];
    p.field = formatPath(path.slice(2));
    const id = valueAt(root, ["features", path[1], "properties", "id"]);
    if (typeof id === "string" && id.length > 0) p.featureId = id;
  }
  return p;
}

/** Longest key written into a field path; longer ones (a megabyte key, say) are cut with "…". */
const MAX_KEY_IN_PATH = 64;

export function formatPath(path: Path): string {
  let s = "";
  for (const k of path) {
    const key = typeof k === "string" && k.length > MAX_KEY_IN_PATH ? `${k.slice(0, MAX_KEY_IN_PATH - 1)}…` : String(k);
    s += typeof k === "number" ? `[${k}]` : s ? `.${key}` : key;
  }
  return s;
}

/** Reads a value by path using own properties only (never walks a prototype). */
export function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== "object" || !Object.prototype.hasOwnProperty.call(v, k)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
