import { afterAll, describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { validateSites } from "../../src/model/validate.js";
import { encodeDem } from "../../src/terrain/codec.js";
import { minimalSite, type Json } from "../fixtures/minimal-site.js";
import { attempt, prototypeKeys } from "./boundaries.js";
import { CPDEM_MAGIC, CPRAS_MAGIC, fileBytes, MSI_TEXT, smallCoverageFile } from "./files.js";

/** A corpus of hostile inputs, each with the answer it must get. */

const before = prototypeKeys();
afterAll(() => expect(prototypeKeys()).toEqual(before));

const fc = (...features: Json[]) => ({ type: "FeatureCollection", features });
const site = (edit: (s: Json) => void) => {
  const s = minimalSite();
  edit(s);
  return s;
};
const codes = (e: CellplanError | undefined) => e?.problems.map((p) => p.code) ?? "accepted";

describe("sites: non-finite numbers, wrong nesting, extreme positions, empty and huge collections", () => {
  const cases: [string, (s: Json) => void, string][] = [
    ["NaN longitude", (s) => (s.geometry.coordinates[0] = NaN), "NOT_FINITE"],
    ["Infinity latitude", (s) => (s.geometry.coordinates[1] = Infinity), "NOT_FINITE"],
    ["-Infinity power", (s) => (s.properties.sectors[0].cells[0].powerDbm = -Infinity), "NOT_FINITE"],
    ["NaN height", (s) => (s.properties.sectors[0].heightM = NaN), "NOT_FINITE"],
    ["coordinates nested one level too deep", (s) => (s.geometry.coordinates = [s.geometry.coordinates]), "WRONG_GEOMETRY"],
    ["a Polygon where a Point belongs", (s) => (s.geometry = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] }), "WRONG_GEOMETRY"],
    ["sectors as an object", (s) => (s.properties.sectors = s.properties.sectors[0]), "WRONG_TYPE"],
    ["cells as a list of lists", (s) => (s.properties.sectors[0].cells = [s.properties.sectors[0].cells]), "WRONG_TYPE"],
    ["the properties at the feature's top level", (s) => Object.assign(s, s.properties), "UNKNOWN_FIELD"],
    ["longitude just past the antimeridian", (s) => (s.geometry.coordinates = [180.000001, 0]), "COORDINATE_OUT_OF_RANGE"],
    ["latitude just past the pole", (s) => (s.geometry.coordinates = [0, -90.000001]), "COORDINATE_OUT_OF_RANGE"],
  ];
  it.each(cases.map(([what, edit, code]) => ({ what, edit, code })))("$what → $code", ({ edit, code }) => {
    expect(codes(attempt("validateSites", [fc(site(edit))]))).toContain(code);
  });

  it("accepts sites on the antimeridian and at both poles (valid positions)", () => {
    const at = (c: number[], id: string) => site((s) => ((s.geometry.coordinates = c), (s.properties.id = id)));
    const sites = validateSites(fc(at([180, 0], "E"), at([-180, 0], "W"), at([0, 90], "N"), at([123, -90], "S")));
    expect(sites.features.map((f) => f.geometry.coordinates)).toEqual([[180, 0], [-180, 0], [0, 90], [123, -90]]);
  });

  it("accepts empty collections (as a FeatureCollection and as a bare array)", () => {
    expect(validateSites(fc()).features).toEqual([]);
    expect(validateSites([]).features).toEqual([]);
  });

  it("validates a 100,000-site collection, and refuses it under a lower maxSites before reading any site", { timeout: 30_000 }, () => {
    const s = minimalSite();
    const features = Array.from({ length: 100_000 }, (_, i) => ({ ...s, properties: { ...s.properties, id: `S${i}` } }));
    expect(validateSites(fc(...features)).features).toHaveLength(100_000);
    const bad = features.map((f, i) => (i === 99_999 ? { ...f, geometry: { type: "Point", coordinates: [NaN, 0] } } : f));
    const e = attempt("validateSites", [fc(...bad), { maxSites: 99_999 }]);
    expect(e?.problems).toEqual([expect.objectContaining({ code: "LIMIT_EXCEEDED", field: "features", value: 100_000 })]);
    expect(e?.message).toContain("maxSites");
  });

  it("lists every problem of a 20,000-site collection but writes at most maxProblems of them into the message", () => {
    const s = minimalSite();
    const features = Array.from({ length: 20_000 }, (_, i) => ({ ...s, properties: { ...s.properties, id: `S${i % 10_000}` } }));
    const e = attempt("validateSites", [fc(...features)]);
    expect(e?.problems).toHaveLength(10_000);
    expect(e?.problems.every((p) => p.code === "DUPLICATE_ID")).toBe(true);
    expect(e!.message.split("\n").length).toBeLessThanOrEqual(1002);
  });
});

describe("prototype-polluting keys are refused everywhere and pollute nothing", () => {
  const keys = ["__proto__", "constructor", "prototype"];
  it.each(keys)("a %s key at any depth of a site file (as JSON.parse makes it)", (key) => {
    const at = [
      `{"type":"FeatureCollection","${key}":{"polluted":1},"features":[]}`,
      `{"type":"FeatureCollection","features":[{"type":"Feature","${key}":{"polluted":1},"geometry":{"type":"Point","coordinates":[0,0]},"properties":{"id":"A","status":"planned","sectors":[]}}]}`,
      JSON.stringify(fc(minimalSite())).replace('"band":"GSM900"', `"band":"GSM900","${key}":{"polluted":1}`),
      JSON.stringify(fc(minimalSite())).replace('"status":"planned"', `"status":"planned","meta":{"${key}":{"polluted":1}}`),
    ];
    for (const text of at) {
      const e = attempt("validateSites", [JSON.parse(text)]);
      expect(codes(e)).toContain("FORBIDDEN_KEY");
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    }
  });

  it("a __proto__ key in a scenario layer, a .cpdem header, a .cpras header and an MSI keyword", () => {
    const withProto = JSON.parse('{"type":"FeatureCollection","features":[],"__proto__":{"polluted":1}}');
    const s = attempt("parseScenario", [{ scenario: {}, boundary: withProto, districts: withProto, population: withProto }]);
    expect(s?.problems.filter((p) => p.code === "FORBIDDEN_KEY").map((p) => p.field)).toEqual(["boundary: __proto__", "districts: __proto__", "population: __proto__"]);
    const dem = fileBytes({ magic: CPDEM_MAGIC, header: JSON.parse('{"originLon":0,"originLat":1,"stepLonDeg":1,"stepLatDeg":1,"width":2,"height":2,"type":"int16","nodata":null,"meta":{"__proto__":{"polluted":1}}}'), dataBytes: 8 });
    expect(codes(attempt("decodeDem", [dem]))).toEqual(["FORBIDDEN_KEY"]);
    const ras = fileBytes({ magic: CPRAS_MAGIC, header: JSON.parse('{"grid":{"west":0,"south":0,"cellLonDeg":1,"cellLatDeg":1,"cellSizeM":1,"width":1,"height":1},"layers":[],"meta":{"constructor":{"prototype":{"polluted":1}}}}'), align: 8 });
    expect(codes(attempt("decodeRaster", [ras]))).toEqual(["FORBIDDEN_KEY"]);
    expect(attempt("parseMsi", [MSI_TEXT.replace("GAIN", "__proto__ 1\nGAIN")])?.message).toContain("a keyword other than __proto__");
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("scenario geometry: rings unclosed, crossing, antimeridian, polar; wrong nesting; empty layers", () => {
  const layer = (coordinates: unknown, type = "Polygon") => ({ type: "FeatureCollection", features: [{ type: "Feature", properties: { id: "b", nameEn: "B" }, geometry: { type, coordinates } }] });
  const scenarioWith = (boundary: unknown, districts: unknown = { type: "FeatureCollection", features: [] }) => [
    {
      scenario: {
        id: "t",
        name: "T",
        area: { name: "T" },
        files: { boundary: "b", districts: "d", population: "p" },
        programme: { source: { date: "2019", statement: "s", verbatim: false }, phases: [{ id: "p1", label: "P", from: "2019-01", to: "2019-02", deployments: [{ technologies: ["4G"], sites: 1, bands: ["LTE800"] }] }] },
        attribution: [],
      },
      boundary,
      districts,
      population: { type: "FeatureCollection", features: [] },
    },
  ];
  const boundaryProblems = (b: unknown) => attempt("parseScenario", scenarioWith(b))?.problems.filter((p) => p.field.startsWith("boundary")).map((p) => `${p.code} ${p.allowed}`) ?? [];

  it("accepts a simple square, and a polar cap touching the pole", () => {
    expect(attempt("parseScenario", scenarioWith(layer([[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]])))).toBeUndefined();
    expect(attempt("parseScenario", scenarioWith(layer([[[-10, 80], [10, 80], [10, 90], [-10, 90], [-10, 80]]])))).toBeUndefined();
  });

  it.each([
    ["an unclosed ring", [[[0, 0], [1, 0], [1, 1], [0, 1]]], /not closed/],
    ["a bow tie", [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]], /simple ring: edges 0 and 2/],
    ["an uncut antimeridian crossing", [[[170, 0], [-170, 0], [-170, 1], [170, 1], [170, 0]]], /antimeridian/],
    ["a spike back along an edge", [[[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]], /simple ring/],
    ["a ring of one position", [[[5, 5], [5, 5], [5, 5], [5, 5]]], /three distinct positions/],
    ["a ring of three positions", [[[0, 0], [1, 0], [0, 0]]], /at least 4/],
    ["positions nested one level too deep", [[[[0, 0]], [[1, 0]], [[1, 1]], [[0, 0]]]], /./],
    ["a ring given without the polygon's list of rings", [[0, 0], [1, 0], [1, 1], [0, 0]], /./],
    ["NaN in a position", [[[0, 0], [NaN, 0], [1, 1], [0, 0]]], /./],
  ])("refuses %s", (_, coordinates, message) => {
    const found = boundaryProblems(layer(coordinates));
    expect(found.length).toBeGreaterThan(0);
    expect(found.join("\n")).toMatch(message);
  });

  it("refuses a MultiPolygon's crossing ring and an empty boundary collection; accepts empty districts", () => {
    expect(boundaryProblems(layer([[[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]], "MultiPolygon")).join()).toMatch(/simple ring/);
    expect(boundaryProblems({ type: "FeatureCollection", features: [] }).join()).toMatch(/exactly one boundary feature/);
    expect(attempt("parseScenario", scenarioWith(layer([[[0, 0], [1, 0], [1, 1], [0, 0]]])))).toBeUndefined();
  });

  it("refuses very long ids quickly, and keeps the message short", () => {
    const long = "a".repeat(1_000_000);
    const districts = { type: "FeatureCollection", features: [{ type: "Feature", properties: { id: long, nameEn: long, areaKm2: 1, population: 1 }, geometry: { type: "Polygon", coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } }] };
    const e = attempt("parseScenario", scenarioWith(layer([[[0, 0], [1, 0], [1, 1], [0, 0]]]), districts));
    expect(e?.problems.map((p) => p.field)).toEqual(["districts: properties.id"]);
    expect(e!.message.length).toBeLessThan(1000);
  });
});

describe("long strings and deep nesting in site files", () => {
  it("a megabyte id, name, band and meta key each get their problem and a short message", () => {
    const long = "x".repeat(1_000_000);
    const e = attempt("validateSites", [
      fc(
        site((s) => (s.properties.id = long)),
        site((s) => ((s.properties.id = "B"), (s.properties.name = long))),
        site((s) => ((s.properties.id = "C"), (s.properties.sectors[0].cells[0].band = long))),
        site((s) => ((s.properties.id = "D"), (s.properties.meta = { [long]: 1 }))),
      ),
    ]);
    expect(e?.problems.map((p) => [p.featureIndex, p.code])).toEqual([
      [0, "INVALID_ID"],
      [1, "INVALID_VALUE"],
      [2, "UNKNOWN_BAND"],
      [3, "INVALID_VALUE"],
    ]);
    expect(e!.message.length).toBeLessThan(2000);
    expect(e?.problems[3]?.field).toBe(`properties.meta.${"x".repeat(63)}…`);
  });

  it("nesting 100,000 levels deep is refused without exhausting the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = { x: deep };
    expect(codes(attempt("validateSites", [fc(site((s) => (s.properties.meta = deep)))]))).toContain("LIMIT_EXCEEDED");
    let list: unknown = [];
    for (let i = 0; i < 100_000; i++) list = [list];
    expect(codes(attempt("validateSites", [list]))).not.toBe("accepted");
    expect(codes(attempt("parseScenario", [{ scenario: deep, boundary: list, districts: deep, population: list }]))).toContain("LIMIT_EXCEEDED");
  });
});

describe("truncated and malformed files", () => {
  const dem = encodeDem({ originLon: 76, originLat: 44, stepLonDeg: 0.5, stepLatDeg: 0.5, width: 3, height: 2, heights: Int16Array.from([1, 2, 3, 4, 5, 6]), nodata: -32768 });
  it("a .cpdem file cut at every length is refused, naming the magic, the header or the byte length", () => {
    for (let n = 0; n < dem.length; n++) {
      const e = attempt("decodeDem", [dem.subarray(0, n)]);
      expect(["magic", "headerLength", "header", "byteLength"]).toContain(e?.problems[0]?.field);
    }
    expect(attempt("decodeDem", [dem])).toBeUndefined();
  });

  it("a coverage file cut at every 8th byte is refused, naming the part", () => {
    const file = smallCoverageFile();
    for (let n = 0; n < file.length; n += 8) {
      const e = attempt("decodeCoverage", [file.subarray(0, n)]);
      expect(e?.problems[0]?.field).toMatch(/^(magic|headerLength|header|layers\.\w+(\.byteOffset)?)$/);
    }
    expect(attempt("decodeCoverage", [file])).toBeUndefined();
  });

  it("MSI text cut at any line is refused, naming a line", () => {
    const lines = MSI_TEXT.split("\n");
    for (let k = 0; k < lines.length - 2; k += 7) {
      const e = attempt("parseMsi", [lines.slice(0, k).join("\n")]);
      expect(e?.problems[0]?.field).toMatch(/^line \d+$/);
    }
  });

  it.each([
    ["a comma as the decimal separator", (t: string) => t.replace("GAIN 17 dBi", "GAIN 17,5 dBi")],
    ["a non-finite loss", (t: string) => t.replace("\n1 ", "\n1 1e999\n").replace(/\n1 1e999\n[^\n]*/, "\n1 1e999")],
    ["an absurd section length", (t: string) => t.replace("HORIZONTAL 360", "HORIZONTAL 99999999")],
    ["NaN as a gain", (t: string) => t.replace("GAIN 17 dBi", "GAIN NaN")],
    ["binary noise", () => "\u0000\u0001\uFFFD".repeat(100)],
  ])("MSI with %s is refused", (_, edit) => {
    expect(attempt("parseMsi", [edit(MSI_TEXT)])).toBeInstanceOf(CellplanError);
  });

  it("HGT bytes of every size but the two SRTM sizes are refused", () => {
    for (const n of [0, 2, 1201, 1201 * 1201, 1201 * 1201 * 2 - 2, 1201 * 1201 * 2 + 2]) {
      expect(attempt("parseHgt", [new Uint8Array(n), { lat: 43, lon: 76 }])?.problems[0]?.field).toBe("byteLength");
    }
  });
});
