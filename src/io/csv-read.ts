import { CellplanError, type Problem, type ProblemCode } from "../errors.js";
import { isBand, technologyOf } from "../model/bands.js";
import type { SiteCollection } from "../model/schema.js";
import { checkSites, VALIDATE_DEFAULTS } from "../model/validate.js";
import { ALL_ANTENNA_COLUMNS, ANTENNA_COLUMNS, CSV_COLUMNS, CSV_COLUMN_NAMES, type CsvColumn } from "./csv-columns.js";
import { cellRef, parseCsv, type CsvRecord } from "./csv-text.js";
import { CSV_DEFAULTS } from "./csv.js";

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const SITE_COLUMNS: readonly CsvColumn[] = ["lon", "lat", "siteName", "status", "phase", "buildOrder", "groundElevationM", "meta"];
const SECTOR_COLUMNS: readonly CsvColumn[] = ["azimuthDeg", "mechanicalTiltDeg", "electricalTiltDeg", "heightM", "antennaPattern", ...ALL_ANTENNA_COLUMNS];

type Value = string | number | Record<string, unknown> | undefined;

interface CellDraft {
  row: number;
  index: number;
  band: string;
  powerDbm: number | undefined;
}
interface SectorDraft {
  row: number;
  index: number;
  values: Partial<Record<CsvColumn, Value>>;
  cells: CellDraft[];
}
interface SiteDraft {
  id: string;
  row: number;
  values: Partial<Record<CsvColumn, Value>>;
  sectors: Map<number, SectorDraft>;
}

/**
 * Reads the site table `sitesToCsv` writes (RFC 4180; columns in any order, `CSV_COLUMNS` says
 * which may be left out) and rebuilds validated sites: rows grouped by `siteId` (sites in order of
 * first appearance), sectors ordered by `sectorIndex`, cells by `cellIndex` (or row order). Site
 * and sector fields must agree on every row they repeat on. Every problem — malformed CSV, an
 * unknown or missing column, a bad number, a value the site model refuses — is collected and
 * thrown as one `CellplanError` (`INVALID_SITES`), each naming the site, row and column.
 */
export function sitesFromCsv(text: string): SiteCollection {
  const records = parseCsv(text);
  const problems: Problem[] = [];
  const add = (code: ProblemCode, row: number, column: number, name: string | undefined, value: unknown, allowed: string, featureId?: string) =>
    problems.push({ code, field: cellRef(row, column, name), value, allowed, ...(featureId === undefined ? {} : { featureId }) });

  const header = records[0];
  if (header === undefined) throw invalid([{ code: "MISSING_FIELD", field: "row 1", value: "", allowed: `a header row: ${CSV_COLUMN_NAMES.join(",")}` }]);
  const at = new Map<CsvColumn, number>();
  header.fields.forEach((name, k) => {
    if (!(CSV_COLUMN_NAMES as readonly string[]).includes(name)) add("UNKNOWN_FIELD", 1, k, undefined, name, `a column name: ${CSV_COLUMN_NAMES.join(", ")}`);
    else if (at.has(name as CsvColumn)) add("INVALID_VALUE", 1, k, name, name, "each column once");
    else at.set(name as CsvColumn, k);
  });
  for (const c of CSV_COLUMNS) if (c.required && !at.has(c.name)) add("MISSING_FIELD", 1, header.fields.length, c.name, undefined, `a "${c.name}" column (${c.doc})`);
  if (problems.length > 0) throw invalid(problems);

  const sites = new Map<string, SiteDraft>();
  for (const rec of records.slice(1)) {
    if (rec.fields.length !== header.fields.length) {
      add("INVALID_VALUE", rec.row, Math.min(rec.fields.length, header.fields.length), undefined, `${rec.fields.length} fields`, `${header.fields.length} fields, as in the header`);
      continue;
    }
    readRow(rec, at, sites, add);
  }
  if (problems.length > 0) throw invalid(problems);
  return build([...sites.values()], at);
}

type Add = (code: ProblemCode, row: number, column: number, name: string | undefined, value: unknown, allowed: string, featureId?: string) => void;

function readRow(rec: CsvRecord, at: ReadonlyMap<CsvColumn, number>, sites: Map<string, SiteDraft>, add: Add): void {
  const raw = (c: CsvColumn): string | undefined => (at.has(c) ? rec.fields[at.get(c)!]! : undefined);
  const col = (c: CsvColumn) => at.get(c) ?? 0;
  const id = raw("siteId")!;
  if (id === "") {
    add("MISSING_FIELD", rec.row, col("siteId"), "siteId", "", "a site id");
    return;
  }
  let ok = true;
  const num = (c: CsvColumn, integer = false): number | undefined => {
    const s = raw(c)?.trim();
    if (s === undefined || s === "") return undefined;
    const v = Number(s);
    if (!NUMBER.test(s) || (integer && !(Number.isInteger(v) && v >= 0))) {
      add("WRONG_TYPE", rec.row, col(c), c, s, integer ? "a whole number ≥ 0" : "a decimal number such as 43.25 or -1.5e3", id);
      ok = false;
      return undefined;
    }
    return v;
  };
  const values: Partial<Record<CsvColumn, Value>> = {};
  for (const c of ["lon", "lat", "groundElevationM", "azimuthDeg", "mechanicalTiltDeg", "electricalTiltDeg", "heightM", ...ALL_ANTENNA_COLUMNS.filter((a) => a !== "antennaId")] as CsvColumn[]) {
    values[c] = num(c);
  }
  values.buildOrder = num("buildOrder", true);
  for (const c of ["siteName", "phase", "antennaPattern", "antennaId"] as CsvColumn[]) {
    const s = raw(c);
    // An empty quoted name `""` is the empty string; any other empty cell is "no value".
    values[c] = s === "" && !(c === "siteName" && rec.quoted[col(c)]) ? undefined : s;
  }
  values.status = at.has("status") ? raw("status") : CSV_DEFAULTS.status;
  const meta = raw("meta");
  if (meta !== undefined && meta !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(meta);
    } catch {
      parsed = undefined;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      add("WRONG_TYPE", rec.row, col("meta"), "meta", meta, "a JSON object, e.g. {\"owner\":\"KT\"}", id);
      ok = false;
    } else values.meta = parsed as Record<string, unknown>;
  }
  const pattern = values.antennaPattern;
  const used = typeof pattern === "string" && Object.hasOwn(ANTENNA_COLUMNS, pattern) ? ANTENNA_COLUMNS[pattern] : undefined;
  if (used) {
    for (const c of ALL_ANTENNA_COLUMNS) {
      if (!used.includes(c) && raw(c) !== undefined && raw(c) !== "") {
        add("UNKNOWN_FIELD", rec.row, col(c), c, raw(c), `empty: antenna pattern ${pattern} has no ${c}`, id);
        ok = false;
      }
    }
  }
  const band = raw("band")!;
  const tech = raw("technology");
  if (tech !== undefined && tech !== "" && isBand(band) && tech !== technologyOf(band)) {
    add("INVALID_VALUE", rec.row, col("technology"), "technology", tech, `${technologyOf(band)} (the technology of ${band}) or empty`, id);
    ok = false;
  }
  const sectorIndex = num("sectorIndex", true);
  const cellIndex = num("cellIndex", true);
  const powerDbm = num("powerDbm");
  if (raw("sectorIndex")?.trim() === "") add("MISSING_FIELD", rec.row, col("sectorIndex"), "sectorIndex", "", "a whole number ≥ 0", id);
  if (!ok || sectorIndex === undefined) return;

  let site = sites.get(id);
  if (!site) {
    site = { id, row: rec.row, values: {}, sectors: new Map() };
    for (const c of SITE_COLUMNS) site.values[c] = values[c];
    sites.set(id, site);
  } else {
    for (const c of SITE_COLUMNS) {
      if (!same(site.values[c], values[c])) add("INVALID_VALUE", rec.row, col(c), c, raw(c), `${show(site.values[c])}, as on row ${site.row} of site ${id}`, id);
    }
  }
  let sector = site.sectors.get(sectorIndex);
  if (!sector) {
    sector = { row: rec.row, index: sectorIndex, values: {}, cells: [] };
    for (const c of SECTOR_COLUMNS) sector.values[c] = values[c];
    site.sectors.set(sectorIndex, sector);
  } else {
    for (const c of SECTOR_COLUMNS) {
      if (!same(sector.values[c], values[c])) add("INVALID_VALUE", rec.row, col(c), c, raw(c), `${show(sector.values[c])}, as on row ${sector.row} (site ${id}, sector ${sectorIndex})`, id);
    }
  }
  const index = cellIndex ?? sector.cells.length;
  if (sector.cells.some((c) => c.index === index)) {
    add("DUPLICATE_ID", rec.row, col(at.has("cellIndex") ? "cellIndex" : "sectorIndex"), "cellIndex", index, `one row per cell: cell ${index} of sector ${sectorIndex} is already on another row`, id);
    return;
  }
  sector.cells.push({ row: rec.row, index, band, powerDbm });
}

function same(a: Value, b: Value): boolean {
  if (typeof a === "object" && typeof b === "object") return JSON.stringify(a) === JSON.stringify(b);
  return Object.is(a, b);
}

function show(v: Value): string {
  return v === undefined ? "empty" : typeof v === "object" ? JSON.stringify(v) : typeof v === "number" ? String(v) : JSON.stringify(v);
}

/** Site features from the drafts, validated; model problems are mapped back to row and column. */
function build(drafts: readonly SiteDraft[], at: ReadonlyMap<CsvColumn, number>): SiteCollection {
  const ordered = drafts.map((d) => ({ ...d, sectorList: [...d.sectors.values()].sort((a, b) => a.index - b.index).map((s) => ({ ...s, cells: [...s.cells].sort((a, b) => a.index - b.index) })) }));
  const features = ordered.map((d) => {
    const v = d.values;
    return {
      type: "Feature",
      geometry: { type: "Point", coordinates: [v.lon, v.lat] },
      properties: {
        id: d.id,
        ...(v.siteName === undefined ? {} : { name: v.siteName }),
        status: v.status,
        ...(v.phase === undefined ? {} : { phase: v.phase }),
        ...(v.buildOrder === undefined ? {} : { buildOrder: v.buildOrder }),
        ...(v.groundElevationM === undefined ? {} : { groundElevationM: v.groundElevationM }),
        sectors: d.sectorList.map((s) => {
          const sv = s.values;
          return {
            azimuthDeg: sv.azimuthDeg,
            heightM: sv.heightM,
            ...(sv.mechanicalTiltDeg === undefined ? {} : { mechanicalTiltDeg: sv.mechanicalTiltDeg }),
            ...(sv.electricalTiltDeg === undefined ? {} : { electricalTiltDeg: sv.electricalTiltDeg }),
            antenna: antenna(sv),
            cells: s.cells.map((c) => ({ band: c.band, powerDbm: c.powerDbm })),
          };
        }),
        ...(v.meta === undefined ? {} : { meta: v.meta }),
      },
    };
  });
  const r = checkSites({ type: "FeatureCollection", features });
  if (r.ok) return r.sites;
  const colOf = (c: CsvColumn) => at.get(c) ?? 0;
  const mapped = r.problems.map((p): Problem => {
    const d = p.featureIndex === undefined ? undefined : ordered[p.featureIndex];
    if (!d) return p;
    const m = /^properties\.sectors\[(\d+)\](?:\.cells\[(\d+)\])?(?:\.(.*))?$/.exec(p.field);
    let row = d.row;
    let column: CsvColumn = "siteId";
    if (m) {
      const sector = d.sectorList[Number(m[1])];
      const cell = m[2] === undefined ? undefined : sector?.cells[Number(m[2])];
      row = cell?.row ?? sector?.row ?? d.row;
      column = columnOfPath(m[3] ?? (m[2] === undefined ? "azimuthDeg" : "band"));
    } else {
      column = columnOfPath(p.field);
    }
    return { ...p, featureId: d.id, field: `${cellRef(row, colOf(column), column)}: ${p.field}` };
  });
  throw invalid(mapped);
}

const PATH_COLUMNS: Readonly<Record<string, CsvColumn>> = {
  "geometry.coordinates[0]": "lon",
  "geometry.coordinates[1]": "lat",
  "properties.id": "siteId",
  "properties.name": "siteName",
  "properties.status": "status",
  "properties.phase": "phase",
  "properties.buildOrder": "buildOrder",
  "properties.groundElevationM": "groundElevationM",
  antenna: "antennaPattern",
  "antenna.pattern": "antennaPattern",
  "antenna.id": "antennaId",
};

function columnOfPath(path: string): CsvColumn {
  if (Object.hasOwn(PATH_COLUMNS, path)) return PATH_COLUMNS[path]!;
  if (path.startsWith("properties.meta")) return "meta";
  const leaf = path.replace(/^antenna\./, "");
  return (CSV_COLUMN_NAMES as readonly string[]).includes(leaf) ? (leaf as CsvColumn) : "siteId";
}

function antenna(v: Partial<Record<CsvColumn, Value>>): Record<string, unknown> {
  const pattern = v.antennaPattern;
  const pick = (cols: readonly CsvColumn[]) => Object.fromEntries(cols.filter((c) => v[c] !== undefined).map((c) => [c === "antennaId" ? "id" : c, v[c]]));
  return { pattern, ...(typeof pattern === "string" && Object.hasOwn(ANTENNA_COLUMNS, pattern) ? pick(ANTENNA_COLUMNS[pattern]!) : {}) };
}

function invalid(problems: Problem[]): CellplanError {
  const n = problems.length;
  return new CellplanError("INVALID_SITES", problems, `Invalid site CSV: ${n} problem${n === 1 ? "" : "s"}`, VALIDATE_DEFAULTS.maxProblems);
}
