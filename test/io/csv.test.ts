import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CSV_COLUMN_NAMES } from "../../src/io/csv-columns.js";
import { sitesFromCsv } from "../../src/io/csv-read.js";
import { formatCsv, parseCsv } from "../../src/io/csv-text.js";
import { sitesToCsv } from "../../src/io/csv.js";
import { listCells } from "../../src/model/cells.js";
import { createSite } from "../../src/model/create.js";
import { validateSites } from "../../src/model/validate.js";
import { arbSiteCollection, arbSiteId } from "../../src/testing/arbitraries.js";
import { cellplanErrorOf as errorOf } from "../fixtures/errors.js";

const A = createSite({ id: "ALA-001", name: "Abay, 12", coordinates: [76.9457, 43.2383], technologies: ["2G", "4G"], phase: "2019-2020", groundElevationM: 812.5 });
A.properties.meta = { owner: 'Kazakhtelecom "KT"', height: 31.5, leased: true, note: null };
const B = validateSites([
  {
    type: "Feature",
    geometry: { type: "Point", coordinates: [77.01, 43.3] },
    properties: {
      id: "B-omni",
      status: "existing",
      sectors: [
        { azimuthDeg: 0, heightM: 12, antenna: { pattern: "omni", gainDbi: 2 }, cells: [{ band: "GSM900", powerDbm: 40 }] },
        { azimuthDeg: 90, heightM: 20, mechanicalTiltDeg: -0, antenna: "KATHREIN-80010" , cells: [{ band: "NR3500", powerDbm: 50 }] },
        { azimuthDeg: 180, heightM: 20, antenna: { pattern: "omni", gainDbi: 5, vBeamwidthDeg: 12.5 }, cells: [{ band: "LTE800", powerDbm: 43 }, { band: "LTE1800", powerDbm: 44 }] },
      ],
    },
  },
]).features[0]!;
const SITES = { type: "FeatureCollection" as const, features: [A, B] };


/** A CSV of SITES with one field changed: `column` on data row `k` (0-based, after the header). */
function edited(k: number, column: string, value: string): string {
  const recs = parseCsv(sitesToCsv(SITES)).map((r) => r.fields);
  recs[k + 1]![CSV_COLUMN_NAMES.indexOf(column as never)] = value;
  return formatCsv(recs);
}

describe("sitesToCsv", () => {
  const csv = sitesToCsv(SITES);
  const recs = parseCsv(csv);

  it("writes a header and one row per cell, in listCells order", () => {
    expect(recs[0]!.fields).toEqual([...CSV_COLUMN_NAMES]);
    const cells = listCells(SITES);
    expect(recs).toHaveLength(cells.length + 1);
    const col = (name: string) => CSV_COLUMN_NAMES.indexOf(name as never);
    cells.forEach((c, k) => {
      const f = recs[k + 1]!.fields;
      expect([f[col("siteId")], f[col("sectorIndex")], f[col("cellIndex")], f[col("band")], f[col("technology")]]).toEqual([c.siteId, String(c.sectorIndex), String(c.cellIndex), c.band, c.technology]);
      expect(Number(f[col("azimuthDeg")])).toBe(c.azimuthDeg);
      expect(Number(f[col("powerDbm")])).toBe(c.powerDbm);
    });
  });

  it("uses CRLF and quotes fields with commas and quotes (RFC 4180)", () => {
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"Abay, 12"');
    expect(csv).toContain('"{""owner"":""Kazakhtelecom \\""KT\\"""",');
  });

  it("refuses what it cannot hold, by default", () => {
    const withId = { ...SITES, features: [{ ...A, id: 7 }] };
    expect(errorOf(() => sitesToCsv(withId)).problems[0]).toMatchObject({ field: "id", featureId: "ALA-001" });
    expect(sitesFromCsv(sitesToCsv(withId, { dropFeatureMembers: true }))).toEqual({ type: "FeatureCollection", features: [A] });
    expect(errorOf(() => sitesToCsv([{ ...A, properties: { ...A.properties, sectors: [] } }])).code).toBe("INVALID_SITES");
  });
});

describe("sitesFromCsv", () => {
  it("round-trips every field of the model: antennas of each pattern, tilts, −0, meta, names", () => {
    const back = sitesFromCsv(sitesToCsv(SITES));
    expect(back).toEqual(SITES);
    expect(Object.is(back.features[1]!.properties.sectors[1]!.mechanicalTiltDeg, -0)).toBe(true);
  });

  it("tells an empty name (quoted \"\") from no name (an empty cell: the id)", () => {
    const unnamed = { ...A, properties: { ...A.properties, name: "" } };
    const csv = sitesToCsv([unnamed]);
    expect(sitesFromCsv(csv).features[0]!.properties.name).toBe("");
    expect(sitesFromCsv(csv.replace(/,"",planned,/g, ",,planned,")).features[0]!.properties.name).toBe("ALA-001");
  });

  it("round-trips any valid site collection (fast-check arbitraries)", () => {
    fc.assert(
      fc.property(arbSiteCollection({ maxSites: 6 }), (input) => {
        const sites = validateSites(input);
        expect(sitesFromCsv(sitesToCsv(sites))).toEqual(sites);
      }),
      { numRuns: 200 },
    );
  });

  it("round-trips any valid id and pattern-file antennas (ids with commas, quotes, any script)", () => {
    const options = { maxSites: 4, id: arbSiteId(), kinds: ["3gpp-sector", "omni", "file"] as const, patternIds: ["KATHREIN-80010", 'a,b "q"', " lead"] };
    fc.assert(
      fc.property(arbSiteCollection(options), (input) => {
        const sites = validateSites(input);
        expect(sitesFromCsv(sitesToCsv(sites))).toEqual(sites);
      }),
      { numRuns: 100 },
    );
  });

  it("reads a hand-made sheet: columns in any order, optional ones left out, LF line ends", () => {
    const text = [
      "band,powerDbm,siteId,lat,lon,sectorIndex,azimuthDeg,heightM,antennaPattern,hBeamwidthDeg,vBeamwidthDeg,gainDbi",
      "LTE1800,46,X-1,43.25,76.95,0,0,30,3gpp-sector,65,8,17.5",
      "LTE800,46,X-1,43.25,76.95,0,0,30,3gpp-sector,65,8,17.5",
      "LTE1800,46,X-1,43.25,76.95,1,120,30,3gpp-sector,65,8,17.5",
      "",
    ].join("\n");
    const site = sitesFromCsv(text).features[0]!;
    expect(site.properties).toMatchObject({ id: "X-1", name: "X-1", status: "planned" });
    expect(site.properties.sectors.map((s) => s.cells.map((c) => c.band))).toEqual([["LTE1800", "LTE800"], ["LTE1800"]]);
    expect(site.properties.sectors[0]!.antenna).toEqual({ pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 8, gainDbi: 17.5, frontToBackDb: 30, sideLobeDb: 20 });
  });

  it("orders sectors by sectorIndex and cells by cellIndex, whatever the row order", () => {
    const recs = parseCsv(sitesToCsv(SITES)).map((r) => r.fields);
    const shuffled = formatCsv([recs[0]!, ...recs.slice(1).reverse()]);
    // Reversing rows changes which site comes first, nothing else.
    expect(sitesFromCsv(shuffled).features).toEqual([B, A]);
  });

  it("names the row and column of each problem, and finds them all", () => {
    const e = errorOf(() => sitesFromCsv(edited(0, "azimuthDeg", "north")));
    expect(e.code).toBe("INVALID_SITES");
    expect(e.problems[0]).toMatchObject({ code: "WRONG_TYPE", field: "row 2, column E (azimuthDeg)", value: "north", featureId: "ALA-001" });
    const model = errorOf(() => sitesFromCsv(edited(1, "powerDbm", "99")));
    expect(model.problems[0]).toMatchObject({ code: "POWER_OUT_OF_RANGE", featureId: "ALA-001" });
    expect(model.problems[0]!.field).toMatch(/^row 3, column L \(powerDbm\): properties\.sectors\[0\]\.cells\[1\]\.powerDbm$/);
    const geo = errorOf(() => sitesFromCsv(edited(0, "lat", "95").replace(/,43\.2383,/g, ",95,")));
    expect(geo.problems[0]!.field).toMatch(/^row 2, column C \(lat\)/);
  });

  it("refuses inconsistent repeats, stray antenna fields and a wrong technology", () => {
    expect(errorOf(() => sitesFromCsv(edited(1, "lon", "76.9"))).problems[0]).toMatchObject({ code: "INVALID_VALUE", field: "row 3, column B (lon)" });
    expect(errorOf(() => sitesFromCsv(edited(1, "heightM", "31"))).problems[0]!.field).toBe("row 3, column H (heightM)");
    expect(errorOf(() => sitesFromCsv(edited(0, "antennaId", "X"))).problems[0]).toMatchObject({ code: "UNKNOWN_FIELD", field: "row 2, column N (antennaId)" });
    expect(errorOf(() => sitesFromCsv(edited(0, "technology", "3G"))).problems[0]).toMatchObject({ code: "INVALID_VALUE", field: "row 2, column K (technology)" });
    // Data row 12 is B's first sector: one omni cell, so the edit breaks no repeat.
    expect(errorOf(() => sitesFromCsv(edited(12, "antennaPattern", "yagi"))).problems[0]).toMatchObject({ code: "UNKNOWN_ANTENNA", field: "row 14, column M (antennaPattern): properties.sectors[0].antenna.pattern", featureId: "B-omni" });
    expect(errorOf(() => sitesFromCsv(edited(12, "gainDbi", ""))).problems[0]).toMatchObject({ code: "MISSING_FIELD", field: "row 14, column Q (gainDbi): properties.sectors[0].antenna.gainDbi" });
    expect(errorOf(() => sitesFromCsv(edited(0, "band", "LTE2600"))).problems[0]).toMatchObject({ code: "UNKNOWN_BAND" });
    expect(errorOf(() => sitesFromCsv(edited(0, "meta", "[1]"))).problems[0]).toMatchObject({ code: "WRONG_TYPE", field: "row 2, column Y (meta)" });
    expect(errorOf(() => sitesFromCsv(edited(0, "cellIndex", "1"))).problems[0]!.code).toBe("DUPLICATE_ID");
    expect(errorOf(() => sitesFromCsv(edited(0, "sectorIndex", "-1"))).problems[0]!.field).toBe("row 2, column D (sectorIndex)");
    expect(errorOf(() => sitesFromCsv(edited(0, "sectorIndex", ""))).problems[0]).toMatchObject({ code: "MISSING_FIELD", field: "row 2, column D (sectorIndex)" });
    expect(errorOf(() => sitesFromCsv(edited(0, "siteId", ""))).problems[0]).toMatchObject({ code: "MISSING_FIELD", field: "row 2, column A (siteId)" });
  });

  it("refuses unknown, duplicate or missing columns and ragged rows", () => {
    const text = sitesToCsv(SITES);
    expect(errorOf(() => sitesFromCsv(text.replace("heightM", "height"))).problems.map((p) => p.code)).toEqual(["UNKNOWN_FIELD", "MISSING_FIELD"]);
    expect(errorOf(() => sitesFromCsv(text.replace("siteName", "siteId"))).problems[0]!.code).toBe("INVALID_VALUE");
    expect(errorOf(() => sitesFromCsv(text.replace(/\r\n[^\r]*\r\n$/, "\r\nX,1,2\r\n"))).problems[0]!.allowed).toBe("25 fields, as in the header");
    expect(errorOf(() => sitesFromCsv("")).problems[0]!.code).toBe("MISSING_FIELD");
    expect(errorOf(() => sitesFromCsv(42 as never)).code).toBe("WRONG_TYPE");
  });

  it("an empty sheet (header only) is an empty collection", () => {
    expect(sitesFromCsv(sitesToCsv([]))).toEqual({ type: "FeatureCollection", features: [] });
  });
});
