/** Writes data/schema/sites.schema.json from the zod schema (checked fresh by test/model/json-schema.test.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sitesJsonSchema } from "../../src/model/json-schema.js";

const out = join(dirname(fileURLToPath(import.meta.url)), "../schema/sites.schema.json");
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(sitesJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
