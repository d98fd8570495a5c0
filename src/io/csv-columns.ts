/**
 * The site table's columns, in the order `sitesToCsv` writes them: the fields planners exchange
 * first (site, position, sector geometry, band and power), then the antenna, then the rest of
 * the site. One row per cell; site and sector fields repeat on each of their rows.
 */
export const CSV_COLUMNS = [
  { name: "siteId", level: "site", required: true, doc: "site id (properties.id)" },
  { name: "lon", level: "site", required: true, doc: "longitude, WGS84 degrees" },
  { name: "lat", level: "site", required: true, doc: "latitude, WGS84 degrees" },
  { name: "sectorIndex", level: "sector", required: true, doc: "sector's position in the site (0, 1, …; rows are ordered by it)" },
  { name: "azimuthDeg", level: "sector", required: true, doc: "° clockwise from north" },
  { name: "mechanicalTiltDeg", level: "sector", required: false, doc: "° down (empty: 0)" },
  { name: "electricalTiltDeg", level: "sector", required: false, doc: "° down (empty: 0)" },
  { name: "heightM", level: "sector", required: true, doc: "antenna height above ground, m" },
  { name: "cellIndex", level: "cell", required: false, doc: "cell's position in the sector (column absent: row order)" },
  { name: "band", level: "cell", required: true, doc: "GSM900, GSM1800, UMTS2100, LTE800, LTE1800 or NR3500" },
  { name: "technology", level: "cell", required: false, doc: "2G–5G; written for reading, checked against the band when read" },
  { name: "powerDbm", level: "cell", required: true, doc: "transmit power at the antenna connector, dBm" },
  { name: "antennaPattern", level: "sector", required: true, doc: "3gpp-sector, omni or file" },
  { name: "antennaId", level: "sector", required: false, doc: "pattern-file id (pattern file only)" },
  { name: "hBeamwidthDeg", level: "sector", required: false, doc: "horizontal −3 dB beamwidth (3gpp-sector)" },
  { name: "vBeamwidthDeg", level: "sector", required: false, doc: "vertical −3 dB beamwidth (3gpp-sector; optional for omni)" },
  { name: "gainDbi", level: "sector", required: false, doc: "antenna gain, dBi (3gpp-sector, omni)" },
  { name: "frontToBackDb", level: "sector", required: false, doc: "3gpp-sector A_m (empty: 30)" },
  { name: "sideLobeDb", level: "sector", required: false, doc: "3gpp-sector SLA_v (empty: 20)" },
  { name: "siteName", level: "site", required: false, doc: "display name (empty: the id)" },
  { name: "status", level: "site", required: false, doc: "existing, planned or candidate (column absent: planned)" },
  { name: "phase", level: "site", required: false, doc: "rollout phase (empty: none)" },
  { name: "buildOrder", level: "site", required: false, doc: "position in the rollout's build sequence, 1 = first (empty: none)" },
  { name: "groundElevationM", level: "site", required: false, doc: "ground above mean sea level, m (empty: none)" },
  { name: "meta", level: "site", required: false, doc: "free-form annotations as a JSON object (empty: none)" },
] as const;

export type CsvColumn = (typeof CSV_COLUMNS)[number]["name"];

export const CSV_COLUMN_NAMES: readonly CsvColumn[] = CSV_COLUMNS.map((c) => c.name);

/** Antenna columns each pattern uses; the others must stay empty on its rows. */
export const ANTENNA_COLUMNS: Readonly<Record<string, readonly CsvColumn[]>> = {
  "3gpp-sector": ["hBeamwidthDeg", "vBeamwidthDeg", "gainDbi", "frontToBackDb", "sideLobeDb"],
  omni: ["gainDbi", "vBeamwidthDeg"],
  file: ["antennaId"],
};
export const ALL_ANTENNA_COLUMNS: readonly CsvColumn[] = ["antennaId", "hBeamwidthDeg", "vBeamwidthDeg", "gainDbi", "frontToBackDb", "sideLobeDb"];
