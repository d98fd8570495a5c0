import { join, resolve } from "node:path";
import { bestServerAreas } from "../../coverage/best-server-areas.js";
import { coverageContours } from "../../coverage/contours.js";
import { encodeCoverage } from "../../coverage/serialise.js";
import { coverageStats, type StatsOptions } from "../../coverage/stats.js";
import { fail } from "../../errors.js";
import { technologyOf } from "../../model/bands.js";
import { RADIO_DEFAULTS } from "../../radio/defaults.js";
import { writeOutput } from "../exports/write.js";
import { readSiteList } from "../exports/sites.js";
import { readJson } from "../files.js";
import { writeGeoTiff } from "../geotiff.js";
import { computeCoverageParallel } from "../parallel.js";
import type { Progress } from "../progress.js";
import { fixed, int, pct, tableText } from "../report/table-model.js";
import { choiceStem, parseBandChoice, readArea, readDem } from "./inputs.js";

export interface CoverageCommandOptions {
  area: string;
  band: string;
  out: string;
  terrain?: string;
  terrainMethod?: "radial" | "exact";
  cellSizeM?: number;
  /** Isoband thresholds, dBm (default: the technology's outdoor, in-car and indoor thresholds). */
  thresholds?: number[];
  /** Population polygons (`properties.population`) for people covered. */
  population?: string;
  /** Zones (districts) for figures per zone. */
  zones?: string;
  workers?: number;
  json?: boolean;
}

/** One threshold's figures in `coverage-<b>.json`. */
export interface ThresholdFigures {
  thresholdDbm: number;
  areaKm2: number;
  areaPct: number;
  population?: number;
  populationPct?: number;
  zones?: { id: string; name: string; areaKm2: number; areaPct: number; population?: number; populationPct?: number }[];
}

export interface CoverageCommandResult {
  band: string;
  quantity: string;
  cellSizeM: number;
  sites: number;
  cells: number;
  skippedSites: string[];
  grid: { width: number; height: number };
  thresholds: ThresholdFigures[];
  files: string[];
}

/**
 * `cellplan coverage SITES --area AREA --band B`: best-server coverage of a site list (GeoJSON or
 * the site CSV) over an area, on worker threads. Writes into `--out`: `coverage-<b>.geojson`
 * (isobands), `best-server-<b>.geojson`, `coverage-<b>.tif` (GeoTIFF of best-server power),
 * `coverage-<b>.cpras` (every layer, for `cellplan render` and `decodeCoverage`) and
 * `coverage-<b>.json` (area and people covered at each threshold).
 */
export async function coverageCommand(sitesPath: string, o: CoverageCommandOptions, out: (s: string) => void, progress: Progress): Promise<CoverageCommandResult> {
  const choice = parseBandChoice(o.band);
  const sites = readSiteList(sitesPath);
  const area = readArea(o.area);
  const population = o.population === undefined ? undefined : readJson(o.population);
  const zones = o.zones === undefined ? undefined : readJson(o.zones);
  const terrain = o.terrain === undefined ? undefined : await readDem(o.terrain);
  const technology = choice.technology ?? technologyOf(choice.band!);
  const t = RADIO_DEFAULTS[technology].thresholds;
  const thresholds = o.thresholds ?? [t.outdoorDbm, t.inCarDbm, t.indoorDbm];
  if (thresholds.length === 0) fail("INVALID_VALUE", "--thresholds", thresholds, "at least one threshold in dBm");
  progress.start(`coverage ${choice.band ?? choice.technology}`);
  const raster = await computeCoverageParallel(sites, {
    area,
    ...(choice.band ? { band: choice.band } : { technology }),
    ...(o.cellSizeM === undefined ? {} : { cellSizeM: o.cellSizeM }),
    ...(terrain ? { terrain, terrainMethod: o.terrainMethod ?? "radial", terrainVoids: "fill" as const } : {}),
    ...(o.workers === undefined ? {} : { workers: o.workers }),
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.end();

  const stem = choiceStem(choice);
  const dir = resolve(o.out);
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    writeOutput(join(dir, name), data);
    files.push(name);
  };
  const sorted = [...new Set(thresholds)].sort((a, b) => a - b);
  write(`coverage-${stem}.geojson`, `${JSON.stringify(coverageContours(raster, sorted))}\n`);
  write(`best-server-${stem}.geojson`, `${JSON.stringify(bestServerAreas(raster, { thresholdDbm: sorted[0]! }))}\n`);
  writeGeoTiff(join(dir, `coverage-${stem}.tif`), raster);
  files.push(`coverage-${stem}.tif`);
  write(`coverage-${stem}.cpras`, encodeCoverage(raster));

  const figures = sorted.map((thresholdDbm): ThresholdFigures => {
    const s = coverageStats(raster, {
      thresholdDbm,
      ...(zones === undefined ? {} : { zones: zones as StatsOptions["zones"] }),
      ...(population === undefined ? {} : { population: population as StatsOptions["population"] }),
    });
    const people = population === undefined ? {} : { population: s.population, populationPct: s.populationPct };
    return {
      thresholdDbm,
      areaKm2: s.areaKm2,
      areaPct: s.areaPct,
      ...people,
      ...(zones === undefined
        ? {}
        : { zones: s.zones.map((z) => ({ id: z.id, name: z.name, areaKm2: z.areaKm2, areaPct: z.areaPct, ...(population === undefined ? {} : { population: z.population, populationPct: z.populationPct }) })) }),
    };
  });
  const result: CoverageCommandResult = {
    band: choice.band ?? choice.technology!,
    quantity: raster.quantity,
    cellSizeM: raster.options.cellSizeM,
    sites: sites.features.length,
    cells: raster.cells.length,
    skippedSites: raster.skipped.map((s) => s.siteId),
    grid: { width: raster.grid.width, height: raster.grid.height },
    thresholds: figures,
    files: [...files, `coverage-${stem}.json`],
  };
  write(`coverage-${stem}.json`, `${JSON.stringify(result, null, 2)}\n`);
  if (o.json) out(JSON.stringify(result, null, 2));
  else {
    const withPeople = population !== undefined;
    out(
      [
        `${result.band} coverage of ${result.sites} sites (${result.cells} cells${result.skippedSites.length ? `; ${result.skippedSites.length} sites without a cell in the band` : ""}), ${raster.grid.width} × ${raster.grid.height} pixels at ${result.cellSizeM} m`,
        tableText({
          header: [`${raster.quantity} ≥`, "Area km²", "Area", ...(withPeople ? ["People", "People %"] : [])],
          right: [true, true, true, true, true],
          rows: figures.map((f) => [`${f.thresholdDbm} dBm`, fixed(f.areaKm2, 2), pct(f.areaPct), ...(withPeople ? [int(f.population!), pct(f.populationPct!)] : [])]),
        }),
        `Wrote ${result.files.join(", ")} to ${o.out}`,
      ].join("\n"),
    );
  }
  return result;
}
