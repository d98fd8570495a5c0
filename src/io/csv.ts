import { fail } from "../errors.js";
import { technologyOf } from "../model/bands.js";
import { SITE_DEFAULTS } from "../model/defaults.js";
import type { Antenna, SiteCollection, SiteCollectionInput, Site, SiteInput } from "../model/schema.js";
import { validateSites } from "../model/validate.js";
import { CSV_COLUMN_NAMES, type CsvColumn } from "./csv-columns.js";
import { formatCsv, type CsvCell } from "./csv-text.js";

/** Defaults of the site CSV (`sitesToCsv`, `sitesFromCsv`). */
export const CSV_DEFAULTS = {
  /** Status of sites read from a file without a `status` column. */
  status: SITE_DEFAULTS.status,
  /**
   * The CSV has no place for a feature's GeoJSON `id` or `bbox` members (the site id is
   * `properties.id`): false refuses sites that carry them, true leaves them out.
   */
  dropFeatureMembers: false,
};

export interface CsvWriteOptions {
  dropFeatureMembers?: boolean;
}

/** A number as shortest round-trip text; −0 keeps its sign. */
export function formatCsvNumber(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/**
 * The sites as the planners' spreadsheet: RFC 4180 CSV, a header row (`CSV_COLUMNS`), then one
 * row per cell in site / sector / cell order. Every field of the site model is written — antenna
 * per pattern, `meta` as a JSON object — so `sitesFromCsv` rebuilds the same validated sites
 * (numbers as shortest round-trip decimals). It cannot hold a feature's GeoJSON `id`/`bbox` (see
 * `CSV_DEFAULTS.dropFeatureMembers`) or the sign of a zero inside `meta` (JSON writes −0 as 0).
 * An empty name is written as a quoted empty field `""`; an unquoted empty `siteName` reads as
 * "no name" (the id), the convention PostgreSQL's CSV format uses for empty string vs. null. Sites are validated first; a bad site is a `CellplanError`.
 */
export function sitesToCsv(sites: SiteCollection | SiteCollectionInput | readonly Site[] | readonly SiteInput[], options: CsvWriteOptions = {}): string {
  const dropFeatureMembers = options.dropFeatureMembers ?? CSV_DEFAULTS.dropFeatureMembers;
  const valid = validateSites(sites).features;
  const rows: CsvCell[][] = [[...CSV_COLUMN_NAMES]];
  valid.forEach((site) => {
    if (!dropFeatureMembers && (site.id !== undefined || site.bbox !== undefined)) {
      fail("INVALID_VALUE", site.id !== undefined ? "id" : "bbox", site.id ?? site.bbox, "no GeoJSON feature id or bbox (the CSV cannot hold them; pass { dropFeatureMembers: true } to leave them out)", site.properties.id);
    }
    const p = site.properties;
    const [lon, lat] = site.geometry.coordinates;
    p.sectors.forEach((sector, sectorIndex) => {
      sector.cells.forEach((cell, cellIndex) => {
        const v: Record<CsvColumn, CsvCell> = {
          siteId: p.id,
          lon: formatCsvNumber(lon),
          lat: formatCsvNumber(lat),
          sectorIndex: String(sectorIndex),
          azimuthDeg: formatCsvNumber(sector.azimuthDeg),
          mechanicalTiltDeg: formatCsvNumber(sector.mechanicalTiltDeg),
          electricalTiltDeg: formatCsvNumber(sector.electricalTiltDeg),
          heightM: formatCsvNumber(sector.heightM),
          cellIndex: String(cellIndex),
          band: cell.band,
          technology: technologyOf(cell.band),
          powerDbm: formatCsvNumber(cell.powerDbm),
          ...antennaColumns(sector.antenna),
          siteName: p.name === "" ? { text: "", quoted: true } : p.name,
          status: p.status,
          phase: p.phase ?? "",
          buildOrder: p.buildOrder === undefined ? "" : String(p.buildOrder),
          groundElevationM: p.groundElevationM === undefined ? "" : formatCsvNumber(p.groundElevationM),
          meta: p.meta === undefined ? "" : JSON.stringify(p.meta),
        };
        rows.push(CSV_COLUMN_NAMES.map((c) => v[c]));
      });
    });
  });
  return formatCsv(rows);
}

type AntennaColumn = "antennaPattern" | "antennaId" | "hBeamwidthDeg" | "vBeamwidthDeg" | "gainDbi" | "frontToBackDb" | "sideLobeDb";

function antennaColumns(a: Antenna): Record<AntennaColumn, string> {
  const out: Record<AntennaColumn, string> = { antennaPattern: a.pattern, antennaId: "", hBeamwidthDeg: "", vBeamwidthDeg: "", gainDbi: "", frontToBackDb: "", sideLobeDb: "" };
  if (a.pattern === "file") out.antennaId = a.id;
  if (a.pattern === "omni") {
    out.gainDbi = formatCsvNumber(a.gainDbi);
    if (a.vBeamwidthDeg !== undefined) out.vBeamwidthDeg = formatCsvNumber(a.vBeamwidthDeg);
  }
  if (a.pattern === "3gpp-sector") {
    out.hBeamwidthDeg = formatCsvNumber(a.hBeamwidthDeg);
    out.vBeamwidthDeg = formatCsvNumber(a.vBeamwidthDeg);
    out.gainDbi = formatCsvNumber(a.gainDbi);
    out.frontToBackDb = formatCsvNumber(a.frontToBackDb);
    out.sideLobeDb = formatCsvNumber(a.sideLobeDb);
  }
  return out;
}
