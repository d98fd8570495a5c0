import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sitesJsonSchema } from "../../src/model/json-schema.js";
import { checkSites } from "../../src/model/validate.js";
import { arbSiteCollection } from "../../src/testing/arbitraries.js";
import { collection, minimalSite } from "../fixtures/minimal-site.js";
import { BAD_CASES } from "./bad-sites.cases.js";

const FILE = new URL("../../data/schema/sites.schema.json", import.meta.url);

describe("data/schema/sites.schema.json", () => {
  it("is fresh: equal to what the zod schema generates (run `npm run data:schema` after changing the model)", () => {
    expect(JSON.parse(readFileSync(FILE, "utf8"))).toEqual(sitesJsonSchema());
  });

  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(sitesJsonSchema());

  it("accepts the minimal site and generated networks", () => {
    expect(validate(collection(minimalSite())), JSON.stringify(validate.errors)).toBe(true);
    fc.assert(
      fc.property(arbSiteCollection({ maxSites: 5 }), (sites) => {
        expect(validate(sites), JSON.stringify(validate.errors)).toBe(true);
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("rejects what validateSites rejects, except the cross-feature and non-JSON cases it cannot express", () => {
    const notExpressible = new Set(["DUPLICATE_ID", "FORBIDDEN_KEY", "NOT_FINITE"]);
    for (const c of BAD_CASES) {
      const input = c.input();
      expect(checkSites(input).ok).toBe(false);
      if (notExpressible.has(c.code)) continue;
      expect(validate(input), c.name).toBe(false);
    }
  });
});
