import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { PatternLibrary } from "../antenna/library.js";
import { fail } from "../errors.js";
import { bboxOf } from "../geo/bbox.js";
import { fillPolygonMask } from "../geo/scanline.js";
import { fromDb } from "../math.js";
import type { Band } from "../model/bands.js";
import type { Site, SiteCollection } from "../model/schema.js";
import { validateSites } from "../model/validate.js";
import type { MeasuredQuantity } from "../radio/bands.js";
import type { Dem } from "../terrain/dem.js";
import { gridBBox, gridForBBox, type Grid } from "../raster/grid.js";
import { countVoids, demBBox, fillVoids } from "../terrain/dem.js";
import type { BBox, Technology } from "../units.js";
import { prepareCells, type CoverageCell, type ModelChooser, type SkippedSite } from "./cells.js";
import { COVERAGE_DEFAULTS } from "./defaults.js";
import { computeTile, tilesOf, type CoverageLayers, type TileContext } from "./tiles.js";

export type CoverageArea = Polygon | MultiPolygon | Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon> | BBox;

export interface CoverageOptions {
  /** The study area; pixels outside it are NaN / −1. */
  area: CoverageArea;
  /** One band, or … */
  band?: Band;
  /** … every band of one technology (best server across its bands; interference stays co-channel). */
  technology?: Technology;
  cellSizeM?: number;
  rxHeightM?: number;
  penetrationLossDb?: number;
  shadowingMarginDb?: number;
  load?: number;
  cullMarginDb?: number;
  tileSize?: number;
  maxPixels?: number;
  noiseFigureDb?: number;
  /** Path-loss link per cell (default: `defaultModel`, which takes receivers 1–10 m high). */
  model?: ModelChooser;
  /** Pattern files for antennas given by id. */
  patterns?: PatternLibrary;
  /** Lookup tables for common antennas (default true; within 0.05 dB of the exact formulas). */
  tables?: boolean;
  /**
   * The table kernel: "wasm" (default) runs it in WebAssembly where the runtime has it, "js" in
   * JavaScript; the results are the same bits (src/coverage/tile-wasm.ts).
   */
  kernel?: "wasm" | "js";
  /**
   * Terrain: antenna and receiver heights over the DEM's ground (for the vertical pattern) and the
   * terrain loss along each path (see `terrainMethod`). Without it the engine is unchanged.
   */
  terrain?: Dem;
  /**
   * "exact" (default): a terrain profile and Deygout (up to 3 distinct edges) per pixel × cell — the
   * reference, slow. "radial": one sweep per antenna, then the same 3-edge Deygout over the sweep's
   * samples per pixel (see src/terrain/radial.ts for its measured accuracy and cost).
   */
  terrainMethod?: "radial" | "exact";
  /**
   * With terrain, the base-station height the Hata-family models use: "terrain" (default) the
   * height above the average terrain toward each point (src/terrain/effective-height.ts), "mast"
   * the mast height above its own ground. TR 38.901 models always use the mast height.
   */
  effectiveHeight?: "terrain" | "mast";
  /** A DEM with voids: "report" (default) refuses it naming the count, "fill" fills a copy (`fillVoids`). */
  terrainVoids?: "report" | "fill";
  onProgress?: (doneTiles: number, totalTiles: number) => void;
}

/** The resolved numeric options a raster was computed with. */
export interface ResolvedCoverageOptions {
  cellSizeM: number;
  rxHeightM: number;
  penetrationLossDb: number;
  shadowingMarginDb: number;
  load: number;
  cullMarginDb: number;
}

export interface CoverageRaster extends CoverageLayers {
  grid: Grid;
  /** 1 inside the area. */
  mask: Uint8Array;
  bands: Band[];
  technology: Technology;
  /** What `powerDbm` measures: RxLev, RSCP, RSRP or SS-RSRP. */
  quantity: MeasuredQuantity;
  cells: CoverageCell[];
  skipped: SkippedSite[];
  /** Thermal noise in each band's measurement bandwidth (same order as `bands`). */
  noiseDbm: number[];
  options: ResolvedCoverageOptions;
}

/**
 * Predicts best-server power, second-best power and SINR over an area for one band or technology.
 * `powerDbm` is NaN outside the area and −Infinity inside it where no cell reaches; `server` indexes
 * `cells` (−1 for none). Sites without a cell in the band are listed in `skipped`.
 */
export function computeCoverage(sites: SiteCollection | readonly Site[] | unknown, options: CoverageOptions): CoverageRaster {
  const run = setupCoverage(sites, options);
  const tiles = tilesOf(run.grid, run.tileSize);
  tiles.forEach((t, k) => {
    computeTile(run.ctx, t, run.layers);
    options.onProgress?.(k + 1, tiles.length);
  });
  return run.raster;
}

export interface CoverageRun {
  grid: Grid;
  tileSize: number;
  ctx: TileContext;
  layers: CoverageLayers;
  raster: CoverageRaster;
}

/** What a worker thread takes from the calling thread's setup instead of recomputing it. */
export interface SetupReuse {
  /** The area mask already rasterised for this grid. */
  mask?: Uint8Array;
  /** `false`: allocate no output layers (the worker writes into shared ones); or the layers to fill (width × height each). */
  layers?: boolean | CoverageLayers;
  /** The run's frame already computed by `coverageFrame` for these inputs. */
  frame?: CoverageFrame;
}

/** A run's checked inputs and grid: what `setupCoverage` starts from (cheap: no mask, no cells). */
export interface CoverageFrame {
  options: CoverageOptions;
  sites: ReturnType<typeof resolveCoverageInput>["sites"];
  resolved: ResolvedCoverageOptions;
  tileSize: number;
  geometry: ReturnType<typeof areaOf>["geometry"];
  grid: Grid;
}

/** Checks the sites and options and lays out the grid; throws `CellplanError` on bad input. */
export function coverageFrame(input: unknown, given: CoverageOptions): CoverageFrame {
  const options = withTerrainVoids(given);
  const { sites, resolved, tileSize, maxPixels } = resolveCoverageInput(input, options);
  const { geometry, bbox } = areaOf(options.area);
  const grid = gridForBBox(bbox, { cellSizeM: resolved.cellSizeM, maxPixels });
  if (options.terrain) {
    const [w, s, e, nn] = demBBox(options.terrain);
    const [gw, gs, ge, gn] = gridBBox(grid);
    if (gw < w || gs < s || ge > e || gn > nn) {
      fail("OUT_OF_VALIDITY", "area", [gw, gs, ge, gn], `an area inside the terrain's samples [${[w, s, e, nn].map((x) => x.toFixed(4)).join(", ")}]`);
    }
  }
  return { options, sites, resolved, tileSize, geometry, grid };
}

/** Everything before the pixel loop: checks, grid, mask, cells and empty layers. */
export function setupCoverage(input: unknown, given: CoverageOptions, reuse: SetupReuse = {}): CoverageRun {
  const { options, sites, resolved, tileSize, geometry, grid } = reuse.frame ?? coverageFrame(input, given);
  const n = grid.width * grid.height;
  let mask = reuse.mask;
  if (mask === undefined) {
    mask = new Uint8Array(n);
    if (geometry) fillPolygonMask(grid, geometry, mask, 1);
    else mask.fill(1);
  } else if (mask.length !== n) fail("INVALID_VALUE", "mask", mask.length, `${n} pixels (width × height)`);
  const setup = cellsFor(sites, options, resolved, gridBBox(grid));
  const size = reuse.layers === false ? 0 : n;
  // Not filled here: the tiles cover the grid and `computeTile` writes every pixel of its tile.
  const layers: CoverageLayers =
    typeof reuse.layers === "object"
      ? reuse.layers
      : { powerDbm: new Float32Array(size), server: new Int32Array(size), secondDbm: new Float32Array(size), sinrDb: new Float32Array(size) };
  if (typeof reuse.layers === "object" && Object.values(layers).some((a) => a.length !== n)) fail("INVALID_VALUE", "layers", Object.values(layers).map((a) => a.length), `${n} pixels each`);
  const ctx: TileContext = {
    grid,
    terrain: options.terrain ?? null,
    mask,
    cells: setup.kernel,
    load: resolved.load,
    noiseMw: Float64Array.from(setup.noiseDbm, fromDb),
    bands: setup.bands.length,
    kernel: options.kernel ?? COVERAGE_DEFAULTS.kernel,
  };
  const raster: CoverageRaster = {
    grid,
    mask,
    ...layers,
    bands: setup.bands,
    technology: setup.technology,
    quantity: setup.quantity,
    cells: setup.cells,
    skipped: setup.skipped,
    noiseDbm: setup.noiseDbm,
    options: resolved,
  };
  return { grid, tileSize, ctx, layers, raster };
}

/** The options with a void-free DEM: voids are refused (`terrainVoids: "report"`) or filled in a copy. */
export function withTerrainVoids<O extends Pick<CoverageOptions, "terrain" | "terrainVoids">>(options: O): O {
  const dem = options.terrain;
  if (!dem) return options;
  const voids = countVoids(dem);
  if (voids === 0) return options;
  const policy = options.terrainVoids ?? "report";
  if (policy === "report") {
    fail("INVALID_DEM", "terrain", `${voids} void samples`, 'a DEM without voids, or terrainVoids: "fill" to fill them (iterative 8-neighbour mean)');
  }
  if (policy !== "fill") fail("INVALID_VALUE", "terrainVoids", policy, '"report" or "fill"');
  const copy = { ...dem, heights: dem.heights.slice() };
  fillVoids(copy);
  return { ...options, terrain: copy };
}

/** Validates the sites and the numeric options (defaults from `COVERAGE_DEFAULTS`). */
export function resolveCoverageInput(input: unknown, options: Omit<CoverageOptions, "area">) {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ area, band | technology, … }");
  const sites = validateSites(input).features;
  const d = COVERAGE_DEFAULTS;
  const num = (field: keyof typeof d, v: number | undefined, ok: (x: number) => boolean, allowed: string): number => {
    const x = v ?? d[field];
    if (typeof x !== "number" || !Number.isFinite(x)) fail("NOT_FINITE", field, x, allowed);
    if (!ok(x)) fail("INVALID_VALUE", field, x, allowed);
    return x;
  };
  const resolved: ResolvedCoverageOptions = {
    cellSizeM: num("cellSizeM", options.cellSizeM, (x) => x > 0, "a cell size > 0 m"),
    rxHeightM:
      options.model === undefined
        ? num("rxHeightM", options.rxHeightM, (x) => x >= 1 && x <= 10, "a receiver height 1–10 m, the range of the default models (Hata family); pass a `model` for others")
        : num("rxHeightM", options.rxHeightM, (x) => x >= 0 && x <= 1000, "a receiver height 0–1000 m"),
    penetrationLossDb: num("penetrationLossDb", options.penetrationLossDb, (x) => x >= 0, "a loss ≥ 0 dB"),
    shadowingMarginDb: num("shadowingMarginDb", options.shadowingMarginDb, () => true, "a finite margin in dB"),
    load: num("load", options.load, (x) => x >= 0 && x <= 1, "a share 0 ≤ load ≤ 1"),
    cullMarginDb: num("cullMarginDb", options.cullMarginDb, (x) => x >= 0, "a margin ≥ 0 dB"),
  };
  if (options.kernel !== undefined && options.kernel !== "wasm" && options.kernel !== "js") fail("INVALID_VALUE", "kernel", options.kernel, '"wasm" or "js"');
  const tileSize = num("tileSize", options.tileSize, (x) => Number.isInteger(x) && x >= 1, "an integer ≥ 1");
  const maxPixels = num("maxPixels", options.maxPixels, (x) => x > 0, "a pixel limit > 0");
  return { sites, resolved, tileSize, maxPixels };
}

/** The engine's cells for these options. */
export function cellsFor(sites: readonly Site[], options: Omit<CoverageOptions, "area">, resolved: ResolvedCoverageOptions, bbox?: BBox) {
  const { band, technology, noiseFigureDb, model, patterns, tables, terrain, terrainMethod, effectiveHeight } = options;
  return prepareCells(sites, {
    band,
    technology,
    noiseFigureDb,
    model,
    patterns,
    tables,
    terrain,
    terrainMethod,
    effectiveHeight,
    rxHeightM: resolved.rxHeightM,
    penetrationLossDb: resolved.penetrationLossDb,
    shadowingMarginDb: resolved.shadowingMarginDb,
    cullMarginDb: resolved.cullMarginDb,
    pixelM: resolved.cellSizeM,
    ...(bbox ? { bbox } : {}),
  });
}

function areaOf(area: CoverageArea | undefined): { geometry: Geometry | null; bbox: BBox } {
  if (area === undefined || area === null) return fail("MISSING_FIELD", "area", area, "a Polygon, MultiPolygon, Feature, FeatureCollection or bbox [w, s, e, n]");
  if (Array.isArray(area)) {
    if (area.length !== 4 || !area.every((x) => typeof x === "number")) fail("INVALID_VALUE", "area", area, "a bbox [west, south, east, north]");
    return { geometry: null, bbox: area as BBox };
  }
  let geometry: Geometry;
  switch ((area as { type?: unknown }).type) {
    case "Polygon":
    case "MultiPolygon":
      geometry = area as Polygon | MultiPolygon;
      break;
    case "Feature":
      geometry = (area as Feature<Polygon | MultiPolygon>).geometry;
      break;
    case "FeatureCollection":
      geometry = { type: "GeometryCollection", geometries: (area as FeatureCollection<Polygon | MultiPolygon>).features.map((f) => f.geometry) };
      break;
    default:
      return fail("WRONG_GEOMETRY", "area.type", (area as { type?: unknown }).type, "Polygon, MultiPolygon, Feature, FeatureCollection or a bbox");
  }
  if (!geometry || !["Polygon", "MultiPolygon", "GeometryCollection"].includes(geometry.type)) {
    fail("WRONG_GEOMETRY", "area.geometry", geometry?.type, "Polygon or MultiPolygon");
  }
  const bbox = bboxOf(geometry);
  if (!(bbox[2] > bbox[0] && bbox[3] > bbox[1])) fail("INVALID_VALUE", "area", bbox, "an area with a non-empty bounding box");
  return { geometry, bbox };
}
