import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { z } from "zod";
import { CellplanError, type Problem } from "../errors.js";
import { technologyOf } from "../model/bands.js";
import { forbiddenKeyProblems } from "../model/forbidden.js";
import { problemsFromIssues, valueAt } from "../model/issues.js";
import { checkSites, VALIDATE_DEFAULTS } from "../model/validate.js";
import type { SiteCollection } from "../model/schema.js";
import { decodeDem } from "../terrain/codec.js";
import type { Dem } from "../terrain/dem.js";
import {
  BoundaryFileSchema,
  DistrictsFileSchema,
  PopulationFileSchema,
  ScenarioFileSchema,
  type BoundaryProperties,
  type DistrictProperties,
  type PopulationCellProperties,
  type Programme,
  type ScenarioFile,
} from "./schema.js";

export type AreaGeometry = Polygon | MultiPolygon;

/** A study area and its programme, typed and checked. */
export interface Scenario {
  id: string;
  name: string;
  area: ScenarioFile["area"];
  boundary: Feature<AreaGeometry, BoundaryProperties>;
  districts: FeatureCollection<AreaGeometry, DistrictProperties>;
  population: FeatureCollection<Polygon, PopulationCellProperties>;
  /** Elevation model, when the scenario ships one. */
  terrain: Dem | undefined;
  /** The scenario's sites (its site files read as one collection, validated), when it names any. */
  sites: SiteCollection | undefined;
  /** Source and processing notes stored with the terrain file. */
  terrainMeta: Record<string, unknown>;
  programme: Programme;
  attribution: string[];
}

/** The contents of a scenario's files: parsed JSON for the GeoJSON layers, raw bytes for terrain. */
export interface ScenarioFiles {
  /** `scenario.json` */
  scenario: unknown;
  boundary: unknown;
  districts: unknown;
  population: unknown;
  /** Parsed site files, in the order `scenario.json` names them, if it names any. */
  sites?: unknown[];
  /** The `.cpdem` terrain file's bytes, if `scenario.json` names one. */
  terrain?: Uint8Array | ArrayBuffer;
}

/**
 * Checks and types a scenario from its files' contents. Pure: reading the files is the caller's
 * job (`loadScenario` in `cellplan/node` does it). Throws `CellplanError` (`INVALID_SCENARIO`)
 * listing every problem, each with the file it is in.
 */
export function parseScenario(files: ScenarioFiles): Scenario {
  if (files === null || typeof files !== "object") {
    const allowed = "{ scenario, boundary, districts, population, terrain? }: the contents of the scenario's files";
    throw new CellplanError("INVALID_SCENARIO", [{ code: "WRONG_TYPE", field: "(files)", value: files, allowed }], "Invalid scenario: 1 problem");
  }
  const problems: Problem[] = [];
  const scenario = check("scenario", ScenarioFileSchema, files.scenario, problems);
  const boundary = check("boundary", BoundaryFileSchema, files.boundary, problems);
  const districts = check("districts", DistrictsFileSchema, files.districts, problems);
  const population = check("population", PopulationFileSchema, files.population, problems);

  // Cross-file checks run on the raw layers, so they report even when a layer has other problems.
  const districtIds = rawIds(files.districts, "id");
  problems.push(...duplicateDistricts(districtIds));
  if (districtIds.length > 0) {
    const ids = new Set(districtIds);
    rawIds(files.population, "district").forEach((d, i) => {
      if (d !== null && !ids.has(d)) {
        problems.push({ code: "INVALID_VALUE", featureIndex: i, field: "population: properties.district", value: d, allowed: `a district id (${[...ids].join(", ")}) or null` });
      }
    });
  }
  if (scenario) problems.push(...programmeProblems(scenario.programme));

  let terrain: Dem | undefined;
  let terrainMeta: Record<string, unknown> = {};
  if (scenario?.files.terrain !== undefined) {
    if (files.terrain === undefined) {
      problems.push({ code: "MISSING_FIELD", field: "terrain", value: undefined, allowed: `the bytes of ${scenario.files.terrain}` });
    } else {
      try {
        ({ dem: terrain, meta: terrainMeta } = decodeDem(files.terrain));
      } catch (e) {
        if (!(e instanceof CellplanError)) throw e;
        problems.push(...e.problems.map((p) => ({ ...p, field: `terrain: ${p.field}` })));
      }
    }
  }

  let sites: SiteCollection | undefined;
  const names = scenario?.files.sites;
  if (names !== undefined) {
    const given = files.sites ?? [];
    if (given.length !== names.length) {
      problems.push({ code: "MISSING_FIELD", field: "sites", value: given.length, allowed: `the contents of ${names.length} site files (${names.join(", ")})` });
    } else {
      const features = given.flatMap((fc) => (Array.isArray((fc as { features?: unknown } | null)?.features) ? (fc as { features: unknown[] }).features : [fc]));
      const r = checkSites({ type: "FeatureCollection", features });
      if (r.ok) sites = r.sites;
      else problems.push(...r.problems.map((p) => ({ ...p, field: `sites: ${p.field}` })));
    }
  }

  if (problems.length > 0 || !scenario || !boundary || !districts || !population) {
    throw new CellplanError("INVALID_SCENARIO", problems, `Invalid scenario: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  }
  return {
    id: scenario.id,
    name: scenario.name,
    area: scenario.area,
    boundary: boundary.features[0] as Feature<AreaGeometry, BoundaryProperties>,
    districts: districts as FeatureCollection<AreaGeometry, DistrictProperties>,
    population: population as FeatureCollection<Polygon, PopulationCellProperties>,
    terrain,
    terrainMeta,
    sites,
    programme: scenario.programme,
    attribution: scenario.attribution,
  };
}

/**
 * One file against its schema. Keys such as `__proto__` are refused first (zod would drop them without
 * a word), with nesting limited as for site files.
 */
function check<T extends z.ZodType>(file: string, schema: T, input: unknown, problems: Problem[]): z.output<T> | undefined {
  const found = input !== null && typeof input === "object" ? forbiddenKeyProblems(input, VALIDATE_DEFAULTS.maxDepth) : [];
  const flagged = new Set(found.map((p) => `${p.featureIndex}|${p.field}`));
  const r = schema.safeParse(input);
  const issues = r.success ? [] : problemsFromIssues(r.error.issues, input).filter((p) => !(p.code === "UNKNOWN_FIELD" && flagged.has(`${p.featureIndex}|${p.field}`)));
  for (const p of [...found, ...issues]) problems.push({ ...p, field: `${file}: ${p.field || "(root)"}` });
  return r.success && found.length === 0 ? r.data : undefined;
}

/** `properties[key]` of each feature of a raw FeatureCollection (null where it is not a string). */
function rawIds(fc: unknown, key: string): (string | null)[] {
  const features = valueAt(fc, ["features"]);
  if (!Array.isArray(features)) return [];
  return features.map((_, i) => {
    const v = valueAt(features, [i, "properties", key]);
    return typeof v === "string" ? v : null;
  });
}

function duplicateDistricts(ids: (string | null)[]): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  ids.forEach((id, i) => {
    if (id === null) return;
    if (seen.has(id)) out.push({ code: "DUPLICATE_ID", featureIndex: i, field: "districts: properties.id", value: id, allowed: "ids unique among districts" });
    seen.add(id);
  });
  return out;
}

function programmeProblems(programme: Programme): Problem[] {
  const out: Problem[] = [];
  const ids = new Set<string>();
  programme.phases.forEach((phase, i) => {
    const at = `scenario: programme.phases[${i}]`;
    if (ids.has(phase.id)) out.push({ code: "DUPLICATE_ID", field: `${at}.id`, value: phase.id, allowed: "phase ids unique" });
    ids.add(phase.id);
    if (phase.to < phase.from) out.push({ code: "INVALID_VALUE", field: `${at}.to`, value: phase.to, allowed: `a month not before ${phase.from}` });
    const prev = programme.phases[i - 1];
    if (prev && phase.from < prev.from) out.push({ code: "INVALID_VALUE", field: `${at}.from`, value: phase.from, allowed: `phases in time order (not before ${prev.from})` });
    phase.deployments.forEach((d, j) => {
      d.technologies.forEach((t, k) => {
        if (!d.bands.some((b) => technologyOf(b) === t)) {
          out.push({ code: "INVALID_VALUE", field: `${at}.deployments[${j}].technologies[${k}]`, value: t, allowed: `a technology with at least one of the deployment's bands (${d.bands.join(", ")})` });
        }
      });
      d.bands.forEach((b, k) => {
        if (!d.technologies.includes(technologyOf(b))) {
          out.push({ code: "INVALID_VALUE", field: `${at}.deployments[${j}].bands[${k}]`, value: b, allowed: `a band of ${d.technologies.join("/")} (${b} is ${technologyOf(b)})` });
        }
      });
    });
  });
  return out;
}
