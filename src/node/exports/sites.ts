import { extname } from "node:path";
import { CellplanError, fail } from "../../errors.js";
import { sitesFromCsv } from "../../io/csv-read.js";
import { sitesToCsv, type CsvWriteOptions } from "../../io/csv.js";
import { sitesToKml, type KmlOptions } from "../../io/kml.js";
import type { Site, SiteCollection, SiteCollectionInput, SiteInput } from "../../model/schema.js";
import { validateSites } from "../../model/validate.js";
import { readBytes, readJson } from "../files.js";
import { writeOutput } from "./write.js";

type Sites = SiteCollection | SiteCollectionInput | readonly Site[] | readonly SiteInput[];

/** Writes `sites.csv`, the planners' spreadsheet (`sitesToCsv`). */
export function writeSitesCsv(path: string, sites: Sites, options?: CsvWriteOptions): void {
  writeOutput(path, sitesToCsv(sites, options));
}

/** Writes a KML 2.2 file of the sites (`sitesToKml`). */
export function writeSitesKml(path: string, sites: Sites, options?: KmlOptions): void {
  writeOutput(path, sitesToKml(sites, options));
}

/** Reads a site CSV (`sitesFromCsv`); problems name the file's row and column. */
export function readSitesCsv(path: string): SiteCollection {
  const bytes = readBytes(path);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new CellplanError("IO_ERROR", [{ code: "WRONG_TYPE", field: path, value: "invalid UTF-8", allowed: "UTF-8 text (save the spreadsheet as CSV UTF-8)" }]);
  }
  return sitesFromCsv(text);
}

/**
 * Reads a site list by extension: `.csv` through `sitesFromCsv`, `.geojson` / `.json` as a
 * GeoJSON site collection (`validateSites`). Any other extension is a `CellplanError`.
 */
export function readSiteList(path: string): SiteCollection {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return readSitesCsv(path);
  if (ext === ".geojson" || ext === ".json") return validateSites(readJson(path));
  return fail("INVALID_VALUE", path, ext || "(none)", "a .csv, .geojson or .json site file");
}
