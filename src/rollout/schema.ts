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
  .superRefine((r, ctx) => {
    if (r.length < 4) return; // reported by min(4)
    const problem = ringProblem(r);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
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
    sites: z.array(z.string()).max(64).optional().describe("Site files (GeoJSON FeatureCollections), e.g. one per phase; read as one collection"),
  }),
  programme: z.strictObject({
    source: z.looseObject({ date: z.string(), statement: z.string(), verbatim: z.boolean() }),
    phases: z.array(PhaseSchema).min(1),
  }),
  attribution: z.array(z.string()),
});

/**
 * What is wrong with a linear ring, or undefined: it must be closed (RFC 7946 §3.1.6), have three
 * distinct positions, keep every edge under 180° of longitude (an antimeridian crossing must be cut
 * in two, RFC 7946 §3.1.9) and not cross or touch itself (a simple ring, OGC Simple Features §6.1.7).
 */
export function ringProblem(r: readonly (readonly [number, number])[]): string | undefined {
  const first = r[0]!;
  const last = r[r.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return "ring is not closed: its last position must repeat the first (RFC 7946 §3.1.6)";
  const pts = r.filter((p, i) => i === 0 || p[0] !== r[i - 1]![0] || p[1] !== r[i - 1]![1]); // repeated positions are harmless
  if (new Set(pts.map((p) => `${p[0]},${p[1]}`)).size < 3) return "a ring with at least three distinct positions (it encloses no area)";
  for (let i = 1; i < pts.length; i++) {
    if (Math.abs(pts[i]![0] - pts[i - 1]![0]) > 180) {
      return `edges shorter than 180° of longitude: edge ${i - 1} jumps from ${pts[i - 1]![0]} to ${pts[i]![0]}; cut rings that cross the antimeridian in two (RFC 7946 §3.1.9)`;
    }
  }
  const hit = selfIntersection(pts);
  return hit && `a simple ring: edges ${hit[0]} and ${hit[1]} cross or touch near [${pts[hit[1]]!.join(", ")}] (OGC Simple Features §6.1.7)`;
}

/**
 * The first pair of non-adjacent edges of a closed ring that meet, by a sweep over longitude (edges
 * sorted by west end; each compared only with edges still open), or undefined for a simple ring.
 */
function selfIntersection(p: readonly (readonly [number, number])[]): [number, number] | undefined {
  const m = p.length - 1; // edges: p[k] → p[k + 1]
  const minX = (k: number) => Math.min(p[k]![0], p[k + 1]![0]);
  const maxX = (k: number) => Math.max(p[k]![0], p[k + 1]![0]);
  const order = Array.from({ length: m }, (_, k) => k).sort((a, b) => minX(a) - minX(b));
  let open: number[] = [];
  for (const k of order) {
    open = open.filter((j) => maxX(j) >= minX(k));
    for (const j of open) {
      const adjacent = Math.abs(j - k) === 1 || Math.abs(j - k) === m - 1;
      if (!adjacent && edgesMeet(p[j]!, p[j + 1]!, p[k]!, p[k + 1]!)) return j < k ? [j, k] : [k, j];
    }
    open.push(k);
  }
  return undefined;
}

function orient(a: readonly number[], b: readonly number[], c: readonly number[]): number {
  return Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
}

function onSegment(a: readonly number[], b: readonly number[], c: readonly number[]): boolean {
  return Math.min(a[0]!, b[0]!) <= c[0]! && c[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= c[1]! && c[1]! <= Math.max(a[1]!, b[1]!);
}

/** Whether segments ab and cd share a point (crossing, touching or overlapping). */
function edgesMeet(a: readonly number[], b: readonly number[], c: readonly number[], d: readonly number[]): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 * o2 <= 0 && o3 * o4 <= 0) return true;
  return (o1 === 0 && onSegment(a, b, c)) || (o2 === 0 && onSegment(a, b, d)) || (o3 === 0 && onSegment(c, d, a)) || (o4 === 0 && onSegment(c, d, b));
}

export type ScenarioFile = z.output<typeof ScenarioFileSchema>;
export type Programme = ScenarioFile["programme"];
export type Phase = z.output<typeof PhaseSchema>;
export type Deployment = z.output<typeof DeploymentSchema>;
export type BoundaryProperties = z.output<typeof BoundaryPropertiesSchema>;
export type DistrictProperties = z.output<typeof DistrictPropertiesSchema>;
export type PopulationCellProperties = z.output<typeof PopulationCellPropertiesSchema>;
