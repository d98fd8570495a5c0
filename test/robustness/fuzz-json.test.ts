import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { TECHNOLOGIES } from "../../src/model/bands.js";
import { attempt, prototypeKeys, type BoundaryName } from "./boundaries.js";
import { CPDEM_MAGIC, CPRAS_MAGIC, fileBytes } from "./files.js";

/**
 * Random values into every public loader and validator: only a `CellplanError` may come out. Runs
 * per boundary are in RUNS (the closing note of issue 8 quotes them).
 */
export const RUNS: Record<BoundaryName, number> = {
  validateSites: 1500,
  validateSite: 500,
  checkSites: 500,
  createSite: 1500,
  parseScenario: 1500,
  decodeDem: 1500,
  decodeRaster: 1500,
  decodeCoverage: 1000,
  parseHgt: 500,
  hgtTileOf: 500,
  parseMsi: 1000,
  sitesFromCsv: 1000,
};

const before = prototypeKeys();
afterAll(() => expect(prototypeKeys()).toEqual(before));

/** JSON as JSON.parse makes it, and values no JSON holds (NaN, −0, bigint, Date, Map, null-prototype objects, typed arrays). */
const json = fc.jsonValue({ maxDepth: 4 });
const anything = fc.anything({
  maxDepth: 3,
  withNullPrototype: true,
  withObjectString: true,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
});
const value = fc.oneof(json, anything);
const shapedKeys = fc.constantFrom("type", "features", "geometry", "properties", "coordinates", "id", "__proto__", "constructor", "prototype");
const shaped = fc.dictionary(shapedKeys, value, { maxKeys: 4 });
// file headers are JSON text, so only JSON values go in them
const jsonShaped = fc.dictionary(shapedKeys, json, { maxKeys: 4 });
const header = fc.oneof(json, jsonShaped, fc.record({ grid: json, layers: json, meta: json, width: json, height: json, type: json, nodata: json }, { requiredKeys: [] }));
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc.tuple(fc.constantFrom(CPDEM_MAGIC, CPRAS_MAGIC), header, fc.nat({ max: 256 })).map(([magic, h, dataBytes]) => fileBytes({ magic, header: h, dataBytes })),
  fc.tuple(fc.constantFrom(CPDEM_MAGIC, CPRAS_MAGIC), fc.string({ maxLength: 40 }), fc.nat({ max: 64 })).map(([magic, h, dataBytes]) => fileBytes({ magic, header: h, raw: true, dataBytes })),
  value,
);

function run(name: BoundaryName, args: fc.Arbitrary<unknown[]>, seed: number): void {
  fc.assert(
    fc.property(args, (a) => {
      attempt(name, a);
    }),
    { numRuns: RUNS[name], seed },
  );
}

describe("random values into every loader and validator: only CellplanError escapes", () => {
  it("validateSites, validateSite, checkSites (checkSites never throws for any document)", () => {
    const doc = fc.oneof(value, shaped, fc.array(fc.oneof(shaped, value), { maxLength: 4 }), shaped.map((f) => ({ type: "FeatureCollection", features: [f] })));
    run("validateSites", fc.tuple(doc), 1);
    run("validateSite", fc.tuple(doc), 2);
    fc.assert(
      fc.property(doc, (d) => {
        expect(attempt("checkSites", [d])).toBeUndefined();
      }),
      { numRuns: RUNS.checkSites, seed: 3 },
    );
  });

  it("createSite with options of any shape", () => {
    const options = fc.record(
      {
        id: fc.oneof(fc.constant("A"), value),
        coordinates: fc.oneof(fc.constant([76.9, 43.2]), value),
        technologies: fc.oneof(fc.subarray([...TECHNOLOGIES]), fc.array(fc.oneof(fc.constantFrom(...TECHNOLOGIES), value), { maxLength: 3 }), value),
        azimuthsDeg: fc.oneof(fc.constant([0, 120]), value),
        overrides: fc.oneof(fc.dictionary(fc.constantFrom(...TECHNOLOGIES), fc.oneof(shaped, fc.record({ bands: value, antenna: value, heightM: value }, { requiredKeys: [] }))), value),
        name: value,
        status: value,
        phase: value,
        groundElevationM: value,
      },
      { requiredKeys: [] },
    );
    run("createSite", fc.tuple(fc.oneof(options, value)), 4);
  });

  it("parseScenario with files of any shape", () => {
    const layer = fc.oneof(value, shaped, shaped.map((f) => ({ type: "FeatureCollection", features: [f] })));
    const files = fc.record({ scenario: layer, boundary: layer, districts: layer, population: layer, terrain: bytes }, { requiredKeys: [] });
    run("parseScenario", fc.tuple(fc.oneof(files, value)), 5);
  });

  it("decodeDem, decodeRaster, decodeCoverage with any bytes and options", () => {
    const options = fc.option(fc.oneof(fc.record({ maxSamples: value, maxPixels: value }, { requiredKeys: [] }), value), { nil: undefined });
    run("decodeDem", fc.tuple(bytes, options), 6);
    run("decodeRaster", fc.tuple(bytes, options), 7);
    run("decodeCoverage", fc.tuple(bytes, options), 8);
  });

  it("parseHgt and hgtTileOf with any bytes, tile and name", () => {
    const tile = fc.oneof(fc.record({ lat: value, lon: value }, { requiredKeys: [] }), value);
    run("parseHgt", fc.tuple(fc.oneof(bytes, fc.nat({ max: 4000 }).map((n) => new Uint8Array(n))), tile), 9);
    run("hgtTileOf", fc.tuple(fc.oneof(fc.string(), fc.stringMatching(/^[NSns]\d{2}[EWew]\d{3}(\.hgt)?$/), value)), 10);
  });

  it("parseMsi with any text and options", () => {
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: "binary", maxLength: 200 }), fc.array(fc.stringMatching(/^[A-Z_]{1,12}( [-+0-9.eE]{1,8}( [a-zA-Z]{0,4})?)?$/), { maxLength: 12 }).map((l) => l.join("\n")), value);
    const options = fc.option(fc.oneof(fc.record({ defaultGainUnit: value, horizontalAngles: value, maxGapDeg: value, name: value, source: value }, { requiredKeys: [] }), value), { nil: undefined });
    run("parseMsi", fc.tuple(text, options), 11);
  });

  it("sitesFromCsv with any text", () => {
    const row = fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', "NaN", "1e999", "-0", "LTE800", "__proto__", "constructor")), { maxLength: 8 }).map((cells) => cells.join(","));
    const text = fc.oneof(fc.string({ maxLength: 200 }), fc.array(row, { maxLength: 5 }).map((rows) => rows.join("\n")), value);
    run("sitesFromCsv", fc.tuple(text), 12);
  });
});
