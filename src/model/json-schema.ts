import { z } from "zod";
import { SiteCollectionSchema } from "./schema.js";

/** `$id` of the published schema (`data/schema/sites.schema.json`). */
export const SITES_SCHEMA_ID = "urn:cellplan:schema:sites:1";

/**
 * JSON Schema (draft 2020-12) of a site collection as it may be written in a file (defaults not
 * yet filled), generated from the zod schema. Cross-feature rules (unique ids, no `__proto__`
 * keys) are enforced by `validateSites` and stated in the description.
 */
export function sitesJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(SiteCollectionSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  return {
    $schema: generated["$schema"],
    $id: SITES_SCHEMA_ID,
    title: "cellplan site collection",
    ...generated,
    description: `${String(generated["description"] ?? "")}. Site ids must be unique; keys named __proto__, constructor or prototype are rejected.`,
  };
}
