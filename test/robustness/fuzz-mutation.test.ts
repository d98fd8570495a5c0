import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { decodeCoverage } from "../../src/coverage/serialise.js";
import { sitesToCsv } from "../../src/io/csv.js";
import { validateSites } from "../../src/model/validate.js";
import { parseScenario } from "../../src/rollout/scenario.js";
import { decodeDem, encodeDem } from "../../src/terrain/codec.js";
import { arbDem, arbScenario, arbSiteCollection } from "../../src/testing/index.js";
import { attempt, prototypeKeys } from "./boundaries.js";
import { headerOf, MSI_TEXT, smallCoverageFile, withHeader } from "./files.js";
import { arbMutation, mutate, pathsOf } from "./mutate.js";

/**
 * Valid inputs with one field replaced, removed, added (`__proto__` among the keys) or wrapped in an
 * array, anywhere in the document; files truncated, with a byte changed or a header field mutated.
 * Only a `CellplanError` may come out, and what is accepted must still be valid.
 */
export const MUTATION_RUNS = { validateSites: 1500, parseScenario: 1500, createSite: 500, decodeDem: 1000, decodeCoverage: 800, parseMsi: 1000, parseHgt: 30, sitesFromCsv: 500 };

const before = prototypeKeys();
afterAll(() => expect(prototypeKeys()).toEqual(before));

const pick = <T>(list: T[], k: number): T => list[k % list.length]!;

describe("mutated valid inputs: only CellplanError escapes", () => {
  it("site collections with any one field mutated; accepted ones validate again to the same sites", () => {
    fc.assert(
      fc.property(arbSiteCollection({ minSites: 1, maxSites: 4 }), fc.nat(), arbMutation, (doc, k, m) => {
        const bad = mutate(doc, pick(pathsOf(doc), k), m);
        if (attempt("validateSites", [bad]) === undefined) {
          const once = validateSites(bad);
          expect(JSON.stringify(validateSites(JSON.parse(JSON.stringify(once))))).toBe(JSON.stringify(once));
        }
      }),
      { numRuns: MUTATION_RUNS.validateSites, seed: 21 },
    );
  });

  it("scenarios with any one field of any file mutated", () => {
    const files = ["scenario", "boundary", "districts", "population"] as const;
    fc.assert(
      fc.property(arbScenario({ populationSide: { max: 2 }, sites: { maxSites: 0 } }), fc.constantFrom(...files), fc.nat(), arbMutation, (g, file, k, m) => {
        const doc = g.files[file];
        const bad = { ...g.files, [file]: mutate(doc, pick(pathsOf(doc), k), m) };
        if (attempt("parseScenario", [bad]) === undefined) {
          const s = parseScenario(bad);
          expect(s.boundary.geometry.type).toMatch(/^(Multi)?Polygon$/);
          for (const f of s.population.features) expect(f.properties.district === null || s.districts.features.some((d) => d.properties.id === f.properties.district)).toBe(true);
        }
      }),
      { numRuns: MUTATION_RUNS.parseScenario, seed: 22 },
    );
  });

  it("createSite options with any one field mutated", () => {
    const valid = { id: "A", name: "A", coordinates: [76.9, 43.2], technologies: ["2G", "4G"], azimuthsDeg: [0, 120, 240], status: "planned", overrides: { "4G": { heightM: 35, bands: ["LTE800"] } } };
    fc.assert(
      fc.property(fc.nat(), arbMutation, (k, m) => {
        attempt("createSite", [mutate(valid, pick(pathsOf(valid), k), m)]);
      }),
      { numRuns: MUTATION_RUNS.createSite, seed: 23 },
    );
  });

  const fileMutation = fc.oneof(
    fc.record({ kind: fc.constant("truncate" as const), at: fc.nat() }),
    fc.record({ kind: fc.constant("byte" as const), at: fc.nat(), value: fc.nat({ max: 255 }) }),
    fc.record({ kind: fc.constant("append" as const), count: fc.integer({ min: 1, max: 9 }) }),
    fc.record({ kind: fc.constant("header" as const), at: fc.nat(), m: arbMutation.filter((m) => m.op !== "set" || m.value !== undefined) }),
  );
  type FileMutation = typeof fileMutation extends fc.Arbitrary<infer T> ? T : never;
  function apply(bytes: Uint8Array, f: FileMutation, align: number): Uint8Array {
    switch (f.kind) {
      case "truncate":
        return bytes.slice(0, f.at % bytes.length);
      case "byte": {
        const out = bytes.slice();
        out[f.at % out.length] = f.value;
        return out;
      }
      case "append":
        return Uint8Array.from([...bytes, ...new Array<number>(f.count).fill(7)]);
      case "header": {
        const h = headerOf(bytes);
        return withHeader(bytes, mutate(h, pick(pathsOf(h), f.at), f.m), align);
      }
    }
  }

  it(".cpdem files truncated, with a byte changed, bytes appended or a header field mutated", () => {
    fc.assert(
      fc.property(arbDem({ side: { max: 5 }, voids: true }), fileMutation, (dem, f) => {
        const bad = apply(encodeDem(dem, { note: "x" }), f, 4);
        if (attempt("decodeDem", [bad]) === undefined) {
          const { dem: d, meta } = decodeDem(bad);
          expect(d.heights.length).toBe(d.width * d.height);
          expect(d.stepLonDeg > 0 && d.stepLatDeg > 0 && Number.isFinite(d.originLon + d.originLat)).toBe(true);
          expect(typeof d.nodata).toBe("number");
          expect(meta !== null && typeof meta === "object" && !Array.isArray(meta)).toBe(true);
        }
      }),
      { numRuns: MUTATION_RUNS.decodeDem, seed: 24 },
    );
  });

  it("coverage files (.cpras) truncated, with a byte changed, bytes appended or a header field mutated", () => {
    const file = smallCoverageFile();
    fc.assert(
      fc.property(fileMutation, (f) => {
        const bad = apply(file, f, 8);
        attempt("decodeRaster", [bad]);
        if (attempt("decodeCoverage", [bad]) === undefined) {
          // what a consumer indexes must be there: a band and noise per band, a cell for every server
          const r = decodeCoverage(bad);
          expect(r.bands.length).toBeGreaterThan(0);
          expect(r.noiseDbm).toHaveLength(r.bands.length);
          for (let i = 0; i < r.server.length; i++) if (r.server[i]! >= 0) expect(r.cells[r.server[i]!]).toBeDefined();
          expect(r.mask.every((m) => m <= 1)).toBe(true);
        }
      }),
      { numRuns: MUTATION_RUNS.decodeCoverage, seed: 25 },
    );
  });

  it("MSI files with lines replaced, removed, duplicated or the text cut anywhere", () => {
    const lines = MSI_TEXT.split("\n");
    const line = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[A-Z_]{1,12}( -?[0-9.eE+]{1,8}){0,2}( dB[id])?$/), fc.constantFrom("HORIZONTAL 360", "VERTICAL 360", "HORIZONTAL 0", "VERTICAL 99999", "GAIN NaN", "GAIN Infinity dBi", "0 1e999", "__proto__ 1", "constructor x", "NAME"));
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), line }),
      fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = lines;
        for (const e of edits) {
          const at = e.at % text.length;
          if (e.kind === "replace") text = text.map((l, i) => (i === at ? e.line : l));
          else if (e.kind === "remove") text = text.filter((_, i) => i !== at);
          else if (e.kind === "duplicate") text = [...text.slice(0, at + 1), ...text.slice(at)];
          else text = text.join("\n").slice(0, e.at % MSI_TEXT.length).split("\n");
        }
        attempt("parseMsi", [text.join("\n")]);
      }),
      { numRuns: MUTATION_RUNS.parseMsi, seed: 26 },
    );
  });

  it("HGT tiles of the right size with any tile corner, and wrong sizes", () => {
    const tile = new Uint8Array(1201 * 1201 * 2);
    fc.assert(
      fc.property(fc.record({ lat: fc.oneof(fc.integer({ min: -95, max: 95 }), fc.double()), lon: fc.oneof(fc.integer({ min: -185, max: 185 }), fc.double()) }), (corner) => {
        attempt("parseHgt", [tile, corner]);
      }),
      { numRuns: MUTATION_RUNS.parseHgt, seed: 27 },
    );
    for (const bytes of [tile.subarray(0, 0), tile.subarray(0, 1), tile.subarray(1), Uint8Array.from([...tile.subarray(0, 99)])]) {
      expect(attempt("parseHgt", [bytes, { lat: 43, lon: 76 }])?.problems[0]?.field).toBe("byteLength");
    }
  });

  it("site CSV written from generated networks, with a cell, a line or the text end changed", () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant("cell" as const), at: fc.nat(), value: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', "NaN", "1e999", "", "__proto__")) }),
      fc.record({ kind: fc.constant("line" as const), at: fc.nat() }),
      fc.record({ kind: fc.constant("cut" as const), at: fc.nat() }),
    );
    fc.assert(
      fc.property(arbSiteCollection({ minSites: 1, maxSites: 3 }), edit, (sites, e) => {
        const text = sitesToCsv(sites);
        const lines = text.split("\n");
        let bad: string;
        if (e.kind === "cut") bad = text.slice(0, e.at % text.length);
        else if (e.kind === "line") bad = lines.filter((_, i) => i !== e.at % lines.length).join("\n");
        else {
          const cells = text.split(",");
          cells[e.at % cells.length] = e.value;
          bad = cells.join(",");
        }
        attempt("sitesFromCsv", [bad]);
      }),
      { numRuns: MUTATION_RUNS.sitesFromCsv, seed: 28 },
    );
  });
});
