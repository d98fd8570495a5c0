import { prepareAntennaGain, type GainFn } from "../antenna/gain.js";
import { resolvePattern, type PatternLibrary } from "../antenna/library.js";
import { ANTENNA_DEFAULTS } from "../antenna/defaults.js";
import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { bandsOf, technologyOf, type Band } from "../model/bands.js";
import type { Site } from "../model/schema.js";
import { preparePathLoss } from "../propagation/registry.js";
import type { Link } from "../propagation/types.js";
import { BAND_TABLE, type MeasuredQuantity } from "../radio/bands.js";
import { RADIO_DEFAULTS } from "../radio/defaults.js";
import { referenceSignalPowerDbm, thermalNoiseDbm } from "../radio/link-budget.js";
import type { Technology } from "../units.js";
import { replayed, ReplayMemo } from "../terrain/replay-memo.js";
import { groundElevationM } from "../terrain/profile.js";
import { siteTerrainTerms, type CellTerrainSpec } from "../terrain/site-terms.js";
import type { BatchTerm } from "../terrain/term.js";
import { fromDb } from "../math.js";
import type { CoverageOptions } from "./compute.js";
import { defaultModel } from "./defaults.js";
import { buildFastAntenna, sharedTables, TABLE_DEFAULTS, type FastAntenna, type FastPattern } from "./tables.js";

/** One cell the engine evaluates, as reported in `CoverageRaster.cells`. */
export interface CoverageCell {
  siteId: string;
  sectorIndex: number;
  cellIndex: number;
  band: Band;
  lon: number;
  lat: number;
  azimuthDeg: number;
  heightM: number;
  /** Total power at the antenna connector. */
  powerDbm: number;
  /** Transmitted power of the measured quantity (RS/SS per resource element, CPICH, BCCH carrier). */
  signalDbm: number;
  /** Total power in the measurement bandwidth minus `signalDbm` (10 dB for a 10 % CPICH): what an interferer adds. */
  interferenceOffsetDb: number;
  /** Path-loss link used (model and its parameters). */
  model: Link;
  /** Beyond this distance the cell is ignored (see `COVERAGE_DEFAULTS.cullMarginDb`). */
  cullRadiusM: number;
}

export interface SkippedSite {
  siteId: string;
  reason: string;
}

/** A cell with its hot-loop constants; internal to the engine. */
export interface KernelCell {
  lon: number;
  lat: number;
  kx: number;
  ky: number;
  /** Antenna height above the receiver, m (positive when the antenna is higher). */
  dh: number;
  /** signalDbm − losses applied to every pixel. */
  base: number;
  /** 10^((base + antenna gain)/10), mW: the linear tables' scale (0 off them). */
  scaleMw: number;
  offset: number;
  /** 10^(offset/10): a cell's interference mW per mW of its measured quantity. */
  offsetRatio: number;
  /** Index of the cell's band among the raster's bands (interference is co-channel only). */
  bandSlot: number;
  cullR2: number;
  gain: GainFn;
  pathLoss: (d: number) => number;
  /** Table-driven gain and path loss (common antennas), or null for the exact closures. */
  fast: FastAntenna | null;
  /** With terrain: the terrain loss toward a point (lon, lat) with ground groundM, (dx, dy) m away at distance d. */
  terrain: ((lon: number, lat: number, groundM: number, dx: number, dy: number, d: number) => number) | null;
  /**
   * With terrain: the same term for a batch of points (src/terrain/term.ts), shared by the cells of
   * its `terrainGroup`; the tile loop's terrain path (tile-terrain.ts) asks it once per tile and group.
   */
  terrainBatch: BatchTerm | null;
  /** With terrain: cells with the same id have the same terrain term and `dh` (same site, mast height and link); −1 without. */
  terrainGroup: number;
  /** With terrain and tables: squared distance from which path loss and horizontal pattern come from the tables. */
  terrainTablesBelow2: number;
  /** Squared distance below which the exact closures are used even with tables (Infinity without tables). */
  exactBelow2: number;
}

export interface CellSetup {
  bands: Band[];
  technology: Technology;
  quantity: MeasuredQuantity;
  cells: CoverageCell[];
  kernel: KernelCell[];
  skipped: SkippedSite[];
  /** Thermal noise in the measurement bandwidth of each band (same order as `bands`). */
  noiseDbm: number[];
}

/** Picks the path-loss link for one cell (its band, frequency, antenna height, the receiver height, its site). */
export type ModelChooser = (cell: { band: Band; freqMHz: number; heightM: number; rxHeightM: number; siteId: string }) => Link;

/** The coverage options that shape the cells, with the numeric ones already resolved. */
export type CellOptions = Pick<CoverageOptions, "band" | "technology" | "noiseFigureDb" | "model" | "patterns" | "tables" | "terrain" | "terrainMethod" | "effectiveHeight"> & {
  rxHeightM: number;
  penetrationLossDb: number;
  shadowingMarginDb: number;
  cullMarginDb: number;
  /** Raster pixel size, m (the radial terrain sweep's angular step follows it). */
  pixelM?: number;
  /** The raster's box, where the radial terrain sweep may stop. */
  bbox?: readonly [number, number, number, number];
};

/** Largest cull radius considered, m: cells are never evaluated beyond 100 km. */
export const MAX_RANGE_M = 100_000;

/** Turns sites into the engine's cells for one band or technology. */
export function prepareCells(sites: readonly Site[], o: CellOptions): CellSetup {
  const bands = resolveBands(o);
  const technology = technologyOf(bands[0]!);
  const radio = RADIO_DEFAULTS[technology];
  const nf = o.noiseFigureDb ?? radio.noiseFigureDb;
  const noiseDbm = bands.map((b) => thermalNoiseDbm(BAND_TABLE[b].measurementBandwidthHz, nf));
  const losses = o.penetrationLossDb + o.shadowingMarginDb;
  const cells: CoverageCell[] = [];
  const kernel: KernelCell[] = [];
  const skipped: SkippedSite[] = [];
  const tables = sharedTables();
  if (o.effectiveHeight !== undefined && o.effectiveHeight !== "terrain" && o.effectiveHeight !== "mast") {
    fail("INVALID_VALUE", "effectiveHeight", o.effectiveHeight, '"terrain" (height above the average terrain, Hata family) or "mast"');
  }
  if (o.terrainMethod !== undefined && o.terrainMethod !== "exact" && o.terrainMethod !== "radial") {
    fail("INVALID_VALUE", "terrainMethod", o.terrainMethod, '"exact" or "radial"');
  }
  // cells of one site, mast height, band and link have the same terrain term: computed once per point
  const memo = o.terrain ? new ReplayMemo() : null;
  const groups = new Map<string, number>();
  const terrainOptions = o.terrain
    ? { dem: o.terrain, method: o.terrainMethod ?? "exact", effectiveHeight: o.effectiveHeight ?? "terrain", rxHeightM: o.rxHeightM, pixelM: o.pixelM ?? 25, ...(o.bbox ? { bbox: o.bbox } : {}) }
    : null;
  for (const site of sites) {
    const [lon, lat] = site.geometry.coordinates;
    const frame = localFrame(lat);
    const siteGroundM = o.terrain ? (site.properties.groundElevationM ?? groundElevationM(o.terrain, [lon, lat], `site "${site.properties.id}"`)) : 0;
    const terrainCells: { index: number; spec: CellTerrainSpec }[] = [];
    let used = 0;
    site.properties.sectors.forEach((sector, sectorIndex) => {
      sector.cells.forEach((cell, cellIndex) => {
        const bandSlot = bands.indexOf(cell.band);
        if (bandSlot < 0) return;
        used++;
        const info = BAND_TABLE[cell.band];
        const share = info.subcarriers === undefined ? radio.pilotShareDb : 0;
        const signalDbm = referenceSignalPowerDbm({ band: cell.band, totalPowerDbm: cell.powerDbm, pilotShareDb: share });
        const link = (o.model ?? modelFor)({ band: cell.band, freqMHz: info.downlinkCentreMHz, heightM: sector.heightM, rxHeightM: o.rxHeightM, siteId: site.properties.id });
        const pathLoss = preparePathLoss(link);
        const gain = prepareAntennaGain(
          { antenna: sector.antenna, azimuthDeg: sector.azimuthDeg, mechanicalTiltDeg: sector.mechanicalTiltDeg, electricalTiltDeg: sector.electricalTiltDeg },
          o.patterns,
        );
        const offset = 0 - share; // +0, not −0, when the share is 0 (survives JSON)
        const floor = Math.min(radio.thresholds.outdoorDbm, noiseDbm[bandSlot]!) - o.cullMarginDb;
        const cullRadiusM = cullRadius(signalDbm + offset + peakGainDbi(sector.antenna, o.patterns) - losses, floor, pathLoss);
        cells.push({
          siteId: site.properties.id,
          sectorIndex,
          cellIndex,
          band: cell.band,
          lon,
          lat,
          azimuthDeg: sector.azimuthDeg,
          heightM: sector.heightM,
          powerDbm: cell.powerDbm,
          signalDbm,
          interferenceOffsetDb: offset,
          model: link,
          cullRadiusM,
        });
        const dh = sector.heightM - o.rxHeightM;
        const fastPattern = o.tables === false ? null : fastPatternOf(sector);
        kernel.push({
          lon,
          lat,
          kx: frame.kx,
          ky: frame.ky,
          // with terrain: antenna height above the datum − receiver height (the pixel's ground is subtracted per point)
          dh: o.terrain ? siteGroundM + sector.heightM - o.rxHeightM : dh,
          base: signalDbm - losses,
          scaleMw: fastPattern && !o.terrain ? fromDb(signalDbm - losses + fastPattern.gainDbi) : 0,
          offset,
          offsetRatio: fromDb(offset),
          bandSlot,
          cullR2: cullRadiusM * cullRadiusM,
          gain,
          pathLoss,
          // without terrain the tables are linear (power ratios); with it in dB (see tables.ts)
          fast: fastPattern && buildFastAntenna(fastPattern, dh, cullRadiusM, pathLoss, !o.terrain, tables, JSON.stringify(link)),
          // with terrain the elevation varies per point: the tables serve path loss and the horizontal
          // pattern from `terrainTablesBelow2` on, through exactPowerDbm's terrain branch
          exactBelow2: fastPattern && !o.terrain ? TABLE_DEFAULTS.exactBelowM ** 2 : Infinity,
          terrainTablesBelow2: fastPattern && o.terrain ? TABLE_DEFAULTS.exactBelowM ** 2 : Infinity,
          terrain: null, // with terrain: set below, once the site's cells are known
          terrainBatch: null,
          terrainGroup: -1,
        });
        if (terrainOptions) terrainCells.push({ index: kernel.length - 1, spec: { heightM: sector.heightM, rangeM: cullRadiusM, link, freqMHz: info.downlinkCentreMHz } });
      });
    });
    if (terrainOptions && memo && terrainCells.length > 0) {
      const terms = siteTerrainTerms(terrainOptions, [lon, lat], siteGroundM, terrainCells.map((c) => c.spec));
      terrainCells.forEach(({ index, spec }, i) => {
        const k = kernel[index]!;
        k.terrainGroup = groupOf(groups, JSON.stringify([site.properties.id, spec.heightM, spec.link]));
        k.terrain = replayed(memo, k.terrainGroup, index, terms[i]!.term);
        k.terrainBatch = terms[i]!.batch;
      });
    }
    if (used === 0) skipped.push({ siteId: site.properties.id, reason: `no cell in ${bands.join(" or ")}` });
  }
  return { bands, technology, quantity: BAND_TABLE[bands[0]!].quantity, cells, kernel, skipped, noiseDbm };
}

function resolveBands(o: CellOptions): Band[] {
  if (o.band !== undefined && o.technology !== undefined) {
    fail("INVALID_VALUE", "band", o.band, "either band or technology, not both");
  }
  if (o.band !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(BAND_TABLE, o.band)) fail("UNKNOWN_BAND", "band", o.band, Object.keys(BAND_TABLE).join(", "));
    return [o.band];
  }
  if (o.technology !== undefined) {
    if (!Object.prototype.hasOwnProperty.call(RADIO_DEFAULTS, o.technology)) fail("INVALID_VALUE", "technology", o.technology, "2G, 3G, 4G or 5G");
    return bandsOf(o.technology);
  }
  return fail("MISSING_FIELD", "band", undefined, "a band (e.g. LTE1800) or a technology (e.g. 4G)");
}

function modelFor(c: { band: Band; freqMHz: number; heightM: number; rxHeightM: number }): Link {
  // Hata-family and UMa formulas need the antenna above the receiver; a rooftop-less 0 m mast is evaluated at 1 m.
  return defaultModel(c.band, c.freqMHz, Math.max(c.heightM, c.rxHeightM + 1), c.rxHeightM);
}

function groupOf(groups: Map<string, number>, key: string): number {
  let g = groups.get(key);
  if (g === undefined) groups.set(key, (g = groups.size));
  return g;
}

/** The sector's pattern in the form the lookup tables take, or null when it needs the exact path. */
function fastPatternOf(sector: Site["properties"]["sectors"][number]): FastPattern | null {
  const a = sector.antenna;
  if (sector.mechanicalTiltDeg !== 0) return null;
  const common = { azimuthDeg: sector.azimuthDeg, electricalTiltDeg: sector.electricalTiltDeg };
  if (a.pattern === "3gpp-sector") {
    return { ...common, gainDbi: a.gainDbi, hBeamwidthDeg: a.hBeamwidthDeg, vBeamwidthDeg: a.vBeamwidthDeg, capDb: a.frontToBackDb, sideLobeDb: a.sideLobeDb };
  }
  if (a.pattern === "omni") {
    const cap = ANTENNA_DEFAULTS.omniVerticalCapDb;
    return { ...common, gainDbi: a.gainDbi, hBeamwidthDeg: null, vBeamwidthDeg: a.vBeamwidthDeg ?? null, capDb: cap, sideLobeDb: cap };
  }
  return null;
}

/** An upper bound of the antenna's gain: its maximum gain (pattern attenuations are ≤ 0 dB). */
function peakGainDbi(antenna: Site["properties"]["sectors"][number]["antenna"], patterns: PatternLibrary | undefined): number {
  return antenna.pattern === "file" ? resolvePattern(patterns, antenna.id).gainDbi : antenna.gainDbi;
}

/**
 * Smallest distance beyond which `peakDbm − PL(d)` stays below `floorDbm` (PL never falls with
 * distance, so bisection on d is exact to 1 m).
 */
function cullRadius(peakDbm: number, floorDbm: number, pathLoss: (d: number) => number): number {
  if (peakDbm - pathLoss(MAX_RANGE_M) >= floorDbm) return MAX_RANGE_M;
  let lo = 0;
  let hi = MAX_RANGE_M;
  while (hi - lo > 1) {
    const mid = (lo + hi) / 2;
    if (peakDbm - pathLoss(mid) >= floorDbm) lo = mid;
    else hi = mid;
  }
  return hi;
}
