import type { Feature, FeatureCollection, Point } from "geojson";
import { z } from "zod";
import { BANDS } from "./bands.js";
import { ID_PATTERN, NUMBER_RULES, type NumberRule, type RuledField } from "./rules.js";

/**
 * zod schemas of the site model: the single source of truth for its TypeScript types and for
 * `data/schema/sites.schema.json`. Cross-feature rules (unique ids) and prototype-pollution keys
 * are checked in `validate.ts`, which also turns zod issues into `CellplanError` problems.
 */

function ruled(field: RuledField) {
  const r: NumberRule = NUMBER_RULES[field];
  let n = z.number();
  n = r.minExclusive ? n.gt(r.min) : n.gte(r.min);
  n = r.maxExclusive ? n.lt(r.max) : n.lte(r.max);
  return n.describe(`${field}: ${r.unit}`);
}

export const BandSchema = z.enum(BANDS).describe("Radio band; the technology follows from it");

export const SiteStatusSchema = z
  .enum(["existing", "planned", "candidate"])
  .describe("existing: on air; planned: chosen for a phase; candidate: a location the optimiser may pick");

export const CellSchema = z.strictObject({
  band: BandSchema,
  powerDbm: ruled("powerDbm"),
});

/** 3GPP TR 36.814 / TR 38.901 style parametric sector pattern. */
export const SectorAntennaSchema = z.strictObject({
  pattern: z.literal("3gpp-sector"),
  hBeamwidthDeg: ruled("hBeamwidthDeg"),
  vBeamwidthDeg: ruled("vBeamwidthDeg"),
  gainDbi: ruled("gainDbi"),
  frontToBackDb: ruled("frontToBackDb").default(30).describe("A_m, maximum attenuation (TR 36.814 Table A.2.1.1-2: 25–30 dB)"),
  sideLobeDb: ruled("sideLobeDb").default(20).describe("SLA_v, vertical side-lobe limit (TR 36.814: 20 dB)"),
});

export const OmniAntennaSchema = z.strictObject({
  pattern: z.literal("omni"),
  gainDbi: ruled("gainDbi"),
  vBeamwidthDeg: ruled("vBeamwidthDeg").optional().describe("Vertical −3 dB beamwidth; omitted = isotropic in elevation"),
});

export const PatternFileAntennaSchema = z.strictObject({
  pattern: z.literal("file"),
  id: z.string().regex(ID_PATTERN).describe("Id of a pattern file (MSI/Planet) registered with the antenna library"),
});

const AntennaObjectSchema = z.discriminatedUnion("pattern", [
  SectorAntennaSchema,
  OmniAntennaSchema,
  PatternFileAntennaSchema,
]);

/** An antenna: a parametric pattern, or a pattern-file id given as a bare string. */
export const AntennaSchema = z.union([
  z
    .string()
    .regex(ID_PATTERN)
    .transform((id) => ({ pattern: "file" as const, id }))
    .describe("Pattern-file id (shorthand for { pattern: 'file', id })"),
  AntennaObjectSchema,
]);

export const SectorSchema = z.strictObject({
  azimuthDeg: ruled("azimuthDeg"),
  heightM: ruled("heightM"),
  mechanicalTiltDeg: ruled("mechanicalTiltDeg").default(0),
  electricalTiltDeg: ruled("electricalTiltDeg").default(0),
  antenna: AntennaSchema,
  cells: z.array(CellSchema).min(1),
});

const MetaValue = z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]);

export const SitePropertiesSchema = z.strictObject({
  id: z.string().regex(ID_PATTERN),
  name: z.string().max(200).optional().describe("Display name; defaults to the id"),
  status: SiteStatusSchema,
  phase: z.string().min(1).max(64).optional().describe('Rollout phase, e.g. "2019-2020" or "2021-pilot"'),
  buildOrder: z.number().int().min(1).max(1_000_000).optional().describe("Position in the rollout's build sequence (1 = first to build)"),
  groundElevationM: ruled("groundElevationM").optional(),
  sectors: z.array(SectorSchema).min(1),
  meta: z.record(z.string().max(64), MetaValue).optional().describe("Free-form annotations (address, owner, notes)"),
});

export const PointSchema = z.strictObject({
  type: z.literal("Point"),
  coordinates: z.tuple([ruled("lon"), ruled("lat")]),
  bbox: z.array(z.number()).optional(),
});

export const SiteSchema = z.strictObject({
  type: z.literal("Feature"),
  id: z.union([z.string(), z.number()]).optional(),
  bbox: z.array(z.number()).optional(),
  geometry: PointSchema,
  properties: SitePropertiesSchema,
});

export const SiteCollectionSchema = z
  .strictObject({
    type: z.literal("FeatureCollection"),
    bbox: z.array(z.number()).optional(),
    features: z.array(SiteSchema),
  })
  .describe("A cellplan site collection: GeoJSON (RFC 7946) Point features with site properties");

type Parsed<T extends z.ZodType> = z.output<T>;
export type Cell = Parsed<typeof CellSchema>;
export type SectorAntenna = Parsed<typeof SectorAntennaSchema>;
export type OmniAntenna = Parsed<typeof OmniAntennaSchema>;
export type PatternFileAntenna = Parsed<typeof PatternFileAntennaSchema>;
export type Antenna = Parsed<typeof AntennaSchema>;
export type Sector = Parsed<typeof SectorSchema>;
export type SiteStatus = Parsed<typeof SiteStatusSchema>;
/** Site properties after validation: defaults filled, `name` always present. */
export type SiteProperties = Omit<Parsed<typeof SitePropertiesSchema>, "name"> & { name: string };
export type Site = Feature<Point, SiteProperties> & { geometry: { coordinates: [number, number] } };
export type SiteCollection = Omit<FeatureCollection<Point, SiteProperties>, "features"> & { features: Site[] };
/** What a site file may contain before validation (defaults not yet filled). */
export type SiteInput = z.input<typeof SiteSchema>;
export type SiteCollectionInput = z.input<typeof SiteCollectionSchema>;
