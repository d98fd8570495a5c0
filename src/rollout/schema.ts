import { z } from "zod";
import { BANDS, TECHNOLOGIES } from "../model/bands.js";

/**
 * zod schemas of a scenario: `scenario.json` (the programme and where its files are) and the
 * GeoJSON layers it points to. Types of the parsed scenario are inferred from these.
 */

const lon = z.number().gte(-180).lte(180);
const lat = z.number().gte(-90).lte(90);
const Position = z.tuple([lon, lat]);
const Ring = z
  .array(Position)
  .min(4)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], "ring is not closed (RFC 7946 §3.1.6)");
export const PolygonSchema = z.object({ type: z.literal("Polygon"), coordinates: z.array(Ring).min(1) });
export const MultiPolygonSchema = z.object({ type: z.literal("MultiPolygon"), coordinates: z.array(z.array(Ring).min(1)).min(1) });
const AreaGeometry = z.discriminatedUnion("type", [PolygonSchema, MultiPolygonSchema]);

const slugId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "lower-case letters, digits and dashes");

export const BoundaryPropertiesSchema = z.looseObject({
  id: slugId,
  nameEn: z.string(),
  areaKm2: z.number().positive().optional(),
  attribution: z.string().optional(),
});

export const DistrictPropertiesSchema = z.looseObject({
  id: slugId,
  nameEn: z.string().min(1),
  nameRu: z.string().optional(),
  nameKk: z.string().optional(),
  osmRelationId: z.number().int().positive().optional(),
  areaKm2: z.number().positive(),
  population: z.number().int().nonnegative(),
  populationIsLowerBound: z.boolean().default(false),
  populationDate: z.string().default("unspecified"),
  populationSource: z.string().optional(),
  konturPopulation: z.number().nonnegative().optional(),
  populationScale: z.number().positive().optional(),
});

export const PopulationCellPropertiesSchema = z.looseObject({
  h3: z.string().optional(),
  district: slugId.nullable(),
  population: z.number().nonnegative(),
  konturPopulation: z.number().nonnegative().optional(),
});

const collection = <P extends z.ZodType, G extends z.ZodType>(props: P, geometry: G) =>
  z.object({
    type: z.literal("FeatureCollection"),
    features: z.array(z.object({ type: z.literal("Feature"), properties: props, geometry })),
  });

export const BoundaryFileSchema = collection(BoundaryPropertiesSchema, AreaGeometry).refine(
  (fc) => fc.features.length === 1,
  "exactly one boundary feature",
);
export const DistrictsFileSchema = collection(DistrictPropertiesSchema, AreaGeometry);
export const PopulationFileSchema = collection(PopulationCellPropertiesSchema, PolygonSchema);

export const DeploymentSchema = z.strictObject({
  technologies: z.array(z.enum(TECHNOLOGIES)).min(1),
  sites: z.number().int().positive().max(100_000),
  bands: z.array(z.enum(BANDS)).min(1),
  cluster: z.boolean().default(false).describe("Sites are placed as one contiguous cluster (a pilot)"),
  why: z.string().optional(),
});

export const PhaseSchema = z.strictObject({
  id: z.string().min(1).max(64),
  label: z.string(),
  from: z.string().regex(/^\d{4}-\d{2}$/, "YYYY-MM"),
  to: z.string().regex(/^\d{4}-\d{2}$/, "YYYY-MM"),
  deployments: z.array(DeploymentSchema).min(1),
});

export const ScenarioFileSchema = z.strictObject({
  id: slugId,
  name: z.string(),
  area: z.looseObject({ name: z.string(), country: z.string().optional() }),
  files: z.strictObject({
    boundary: z.string(),
    districts: z.string(),
    population: z.string(),
    terrain: z.string().optional(),
  }),
  programme: z.strictObject({
    source: z.looseObject({ date: z.string(), statement: z.string(), verbatim: z.boolean() }),
    phases: z.array(PhaseSchema).min(1),
  }),
  attribution: z.array(z.string()),
});

export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Programme = ScenarioFile["programme"];
export type Phase = z.output<typeof PhaseSchema>;
export type Deployment = z.output<typeof DeploymentSchema>;
export type BoundaryProperties = z.output<typeof BoundaryPropertiesSchema>;
export type DistrictProperties = z.output<typeof DistrictPropertiesSchema>;
export type PopulationCellProperties = z.output<typeof PopulationCellPropertiesSchema>;
