import fc from "fast-check";
import { fail } from "../errors.js";
import { BANDS, bandsOf, TECHNOLOGIES } from "../model/bands.js";
import { FORBIDDEN_KEYS, ID_PATTERN } from "../model/rules.js";
import type { SiteCollectionInput, SiteInput, SiteStatus } from "../model/schema.js";
import type { Technology } from "../units.js";
import { ARBITRARY_DEFAULTS, type Bounds } from "./defaults.js";
import { bounds, checkSubset } from "./options.js";
import { arbLonLat, finiteIn, type LonLatOptions } from "./position.js";
import { arbSector, type SectorOptions } from "./sector.js";

/** Any valid site id: 1–128 printable characters of any script (not just the readable default). */
export function arbSiteId(): fc.Arbitrary<string> {
  return fc.string({ unit: "binary", minLength: 1, maxLength: 128 }).filter((s) => ID_PATTERN.test(s));
}

/** Readable ids `S1`, `S2`, … (shrinking toward `S1`). */
function readableId(): fc.Arbitrary<string> {
  return fc.nat().map((n) => `S${n + 1}`);
}

export interface SiteOptions extends LonLatOptions, Omit<SectorOptions, "bands"> {
  /** Technologies whose bands the cells use (default: all four). */
  technologies?: readonly Technology[];
  /** Sectors per site (default 1–3). */
  sectors?: Bounds;
  /** Statuses to draw from (default: existing, planned, candidate). */
  statuses?: readonly SiteStatus[];
  /** Site ids (default readable `S1`, `S2`, …; `arbSiteId()` for any valid id). */
  id?: fc.Arbitrary<string>;
  /** Generate the optional fields (name, phase, groundElevationM, meta) some of the time (default true). */
  optionalFields?: boolean;
}

const META_KEYS = ["owner", "address", "note", "mast", "rooftop"].filter((k) => !FORBIDDEN_KEYS.includes(k));

/**
 * A site feature as written in a file (optional fields may be absent; `validateSites` fills the
 * defaults). Shrinks toward one sector with one cell at the box's south-west corner.
 */
export function arbSite(options: SiteOptions = {}): fc.Arbitrary<SiteInput> {
  const technologies = checkSubset("technologies", options.technologies ?? TECHNOLOGIES, TECHNOLOGIES);
  const bands = BANDS.filter((b) => technologies.some((t) => bandsOf(t).includes(b)));
  const sectors = bounds("sectors", options.sectors, ARBITRARY_DEFAULTS.sectors, 1, 1000, true);
  const statuses = checkSubset("statuses", options.statuses ?? ["existing", "planned", "candidate"], ["existing", "planned", "candidate"] as const);
  if (options.id !== undefined && !(options.id instanceof fc.Arbitrary)) fail("INVALID_VALUE", "id", options.id, "a fast-check arbitrary of id strings");
  const optional = {
    name: fc.string({ maxLength: 40 }),
    phase: fc.constantFrom("2019-2020", "2021-pilot", "phase-1"),
    buildOrder: fc.integer({ min: 1, max: 1000 }),
    groundElevationM: finiteIn(-100, 3000),
    meta: fc.dictionary(fc.constantFrom(...META_KEYS), fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null)), {
      maxKeys: 3,
      noNullPrototype: true,
    }),
  };
  const properties = fc.record(
    {
      id: options.id ?? readableId(),
      status: fc.constantFrom(...statuses),
      sectors: fc.array(arbSector({ ...options, bands }), { minLength: sectors.min, maxLength: sectors.max }),
      ...(options.optionalFields === false ? {} : optional),
    },
    { requiredKeys: ["id", "status", "sectors"], noNullPrototype: true },
  );
  return fc.tuple(arbLonLat(options), properties).map(([coordinates, props]) => ({
    type: "Feature" as const,
    geometry: { type: "Point" as const, coordinates },
    properties: props as SiteInput["properties"],
  }));
}

export interface SiteCollectionOptions extends SiteOptions {
  /** Fewest sites (default 0). */
  minSites?: number;
  /** Most sites (default 10). */
  maxSites?: number;
  /** Give every site a distinct id (default true; false lets a suite test duplicate handling). */
  uniqueIds?: boolean;
}

/** A GeoJSON FeatureCollection of sites; shrinks toward fewer, simpler sites. */
export function arbSiteCollection(options: SiteCollectionOptions = {}): fc.Arbitrary<SiteCollectionInput> {
  const d = ARBITRARY_DEFAULTS.sites;
  const given = { min: options.minSites ?? d.min, max: options.maxSites ?? Math.max(d.max, options.minSites ?? 0) };
  const { min, max } = bounds("minSites/maxSites", given, d, 0, 100_000, true);
  const site = arbSite(options);
  const features =
    options.uniqueIds === false
      ? fc.array(site, { minLength: min, maxLength: max })
      : fc.uniqueArray(site, { minLength: min, maxLength: max, selector: (s) => s.properties.id });
  return features.map((f) => ({ type: "FeatureCollection" as const, features: f }));
}
