import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CellplanError } from "../../../src/errors.js";
import { writeMap } from "../../../src/node/exports/map.js";
import { readSiteList, readSitesCsv, writeSitesCsv, writeSitesKml } from "../../../src/node/exports/sites.js";
import { writeOutput } from "../../../src/node/exports/write.js";
import { renderPhaseMapSvg } from "../../../src/render/map.js";
import { BOUNDARY, SITES } from "../../render/scene.js";
import { parseXml } from "../../render/xml.js";
import { pngSize } from "./png-size.js";

const tmp = mkdtempSync(join(tmpdir(), "cellplan-exports-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const COLLECTION = { type: "FeatureCollection" as const, features: SITES };

describe("site files", () => {
  it("writes sites.csv and reads it back (round trip through the file system, nested folder created)", () => {
    const path = join(tmp, "a", "b", "sites.csv");
    writeSitesCsv(path, COLLECTION);
    expect(readSitesCsv(path)).toEqual(COLLECTION);
    expect(readSiteList(path)).toEqual(COLLECTION);
  });

  it("writes well-formed sites.kml", () => {
    const path = join(tmp, "sites.kml");
    writeSitesKml(path, SITES, { wedges: true });
    expect(parseXml(readFileSync(path, "utf8")).name).toBe("kml");
  });

  it("reads GeoJSON site lists by extension and refuses others", () => {
    const path = join(tmp, "sites.geojson");
    writeFileSync(path, JSON.stringify(COLLECTION));
    expect(readSiteList(path)).toEqual(COLLECTION);
    expect(() => readSiteList(join(tmp, "sites.xlsx"))).toThrow(CellplanError);
  });

  it("names the file for a missing file, invalid UTF-8 and an unwritable path", () => {
    expect(() => readSitesCsv(join(tmp, "missing.csv"))).toThrow(/missing\.csv/);
    const latin1 = join(tmp, "latin1.csv");
    writeFileSync(latin1, Uint8Array.from([0x73, 0x69, 0x74, 0x65, 0xe9, 0x0a]));
    const e = (() => {
      try {
        readSitesCsv(latin1);
      } catch (err) {
        return err as CellplanError;
      }
      return undefined;
    })();
    expect(e?.code).toBe("IO_ERROR");
    expect(e?.problems[0]!.value).toBe("invalid UTF-8");
    writeFileSync(join(tmp, "file"), "x");
    expect(() => writeOutput(join(tmp, "file", "below.csv"), "x")).toThrow(CellplanError);
  });
});

describe("writeMap", () => {
  const svg = renderPhaseMapSvg({ boundary: BOUNDARY, sites: SITES }, { width: 700, height: 520 });

  it("writes SVG as is and PNG through resvg, by extension", () => {
    writeMap(join(tmp, "map.svg"), svg);
    expect(readFileSync(join(tmp, "map.svg"), "utf8")).toBe(svg);
    writeMap(join(tmp, "map.png"), svg, { width: 350 });
    expect(pngSize(readFileSync(join(tmp, "map.png")))).toEqual({ width: 350, height: 260 });
  });

  it("refuses other extensions", () => {
    expect(() => writeMap(join(tmp, "map.jpg"), svg)).toThrow(/\.svg or \.png/);
  });
});
