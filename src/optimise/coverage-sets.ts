import { toDb } from "../math.js";
import { resolvePattern } from "../antenna/library.js";
import { cellsFor, resolveCoverageInput, withTerrainVoids } from "../coverage/compute.js";
import { MAX_RANGE_M, type KernelCell } from "../coverage/cells.js";
import { cellPowerMw, mwToDbm } from "../coverage/kernel.js";
import type { SignalAtOptions } from "../coverage/signal-at.js";
import { TABLE_DEFAULTS } from "../coverage/tables.js";
import { bucketPoints, type PointBuckets } from "../demand/buckets.js";
import { fail } from "../errors.js";
import { localFrame } from "../geo/frame.js";
import { isBand, BANDS, technologyOf, type Band } from "../model/bands.js";
import { createSite, type CreateSiteOptions } from "../model/create.js";
import type { Site } from "../model/schema.js";
import { groundElevationM } from "../terrain/profile.js";
import type { LonLat } from "../units.js";
import { checkedPoints } from "./candidates.js";
import type { Csr } from "./csr.js";

/**
 * Coverage sets from the radio model: candidate j covers demand point i when a site built at j
 * from a template would give i a best-server power at or above the threshold — the same number
 * `signalAt` reports for that one site (same cells, same kernel maths, same margins), so the sets
 * agree with it exactly. Fast because each candidate visits only the demand points within its
 * useful range (the distance beyond which even the antenna's peak gain cannot lift the signal to
 * the threshold), found through a bucket grid over the demand points, and each sector evaluates
 * only the points within the range its horizontal pattern allows in their direction. Both ranges
 * are upper bounds of the engine's own numbers (proofs at `usefulRangeM` and `boundsOf`), so
 * nothing the engine would count is skipped. With terrain, a custom model or a function template
 * each candidate's cells are prepared by the engine; with terrain only the engine's cull radius
 * limits the search, and the per-site terrain preparation (the radial sweep) dominates the cost.
 */
export const COVERAGE_SET_DEFAULTS = {
  /** Side of the demand points' bucket grid, m. */
  bucketM: 500,
  /** Most (candidate, demand) pairs in the result: 4 bytes each (the solver's `maxNonzeros`). */
  maxEntries: 100_000_000,
  /**
   * Candidates whose cells are prepared at once on the per-site path (a function template,
   * terrain or a custom model), which bounds the memory of their lookup tables and terrain sweeps.
   */
  chunk: 64,
};

/**
 * Margin, dB, under the threshold at which the useful range is found: covers floating-point
 * rounding between the range bound and the kernel's own sums.
 */
const RANGE_SLACK_DB = 1e-3;
/**
 * The path-loss tables interpolate between samples whose d² differ by at most 1 + 1/substeps; the
 * interpolated loss is never below the loss at the sample under d, so the range stretched by this
 * factor is safe for the table path too (see `usefulRangeM`).
 */
const TABLE_STRETCH = Math.sqrt(1 + 1 / TABLE_DEFAULTS.distanceSubsteps) * (1 + 1e-6);
/** Direction bins over cos φ ∈ [−1, 1] (φ off a sector's boresight), each with its own useful range. */
const DIRECTION_BINS = 64;
/**
 * The tables read the horizontal loss at cos φ computed with an interpolated 1/d, within
 * 1.6 % of the true one (samples ≤ √(1 + 1/64) apart); each bin takes the least loss over its
 * cosines widened by this much.
 */
const COSINE_SLACK = 0.02;

/** How a site is built at a candidate: `createSite` options (the band's technology, bands restricted to the band, unless given), or a function returning the site. */
export type SiteTemplate =
  | Partial<Omit<CreateSiteOptions, "id" | "coordinates">>
  | ((at: LonLat, index: number, id: string) => Site);

export interface CoverageSetOptions extends Omit<SignalAtOptions, "band" | "technology"> {
  /** Candidate positions (`candidateGrid`'s result fits); `id` names the sites built there. */
  candidates: { lon: ArrayLike<number>; lat: ArrayLike<number>; id?: readonly string[] };
  /** Demand positions (`demandPoints`' result fits). */
  demand: { lon: ArrayLike<number>; lat: ArrayLike<number> };
  band: Band;
  /** Best-server power (the band's measured quantity: RxLev, RSCP, RSRP, SS-RSRP) a covered point needs, after `penetrationLossDb` and `shadowingMarginDb`. */
  thresholdDbm: number;
  template?: SiteTemplate;
  bucketM?: number;
  maxEntries?: number;
}

export interface CoverageSets extends Csr {
  band: Band;
  thresholdDbm: number;
  /** Per candidate: distance, m, beyond which none of its cells reaches the threshold (capped by the engine's cull radius). */
  rangeM: Float64Array;
  /** (candidate, demand, cell) triples whose power was evaluated. */
  evaluations: number;
}

/**
 * The site a template builds at `at` for `band`: what `coverageSets` evaluates for candidate
 * `index` (and what a plan should build there).
 */
export function candidateSite(band: Band, template: SiteTemplate, at: LonLat, index: number, id: string): Site {
  if (typeof template === "function") return template(at, index, id);
  const tech = technologyOf(band);
  const technologies = template.technologies ?? [tech];
  const own = template.overrides?.[tech];
  const overrides = { ...template.overrides, [tech]: { ...own, bands: own?.bands ?? [band] } };
  return createSite({ ...template, id, coordinates: at, technologies, overrides });
}

/**
 * Which demand points each candidate covers, as CSR (`indices[offsets[j] .. offsets[j + 1])`,
 * ascending). Covered means: `signalAt([candidateSite(j)], point, options).servers[0].powerDbm ≥
 * thresholdDbm`, with every engine option (`rxHeightM`, `penetrationLossDb`, `shadowingMarginDb`,
 * `model`, `patterns`, `tables`, `terrain`, `terrainMethod`, …) meaning what it means there.
 * Throws `CellplanError` for bad positions, options or templates, and `LIMIT_EXCEEDED` past
 * `maxEntries` pairs.
 */
export function coverageSets(options: CoverageSetOptions): CoverageSets {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ candidates, demand, band, thresholdDbm, template?, … }");
  const { band, thresholdDbm } = options;
  if (!isBand(band)) fail("UNKNOWN_BAND", "band", band, BANDS.join(", "));
  if (typeof thresholdDbm !== "number" || !Number.isFinite(thresholdDbm)) fail("NOT_FINITE", "thresholdDbm", thresholdDbm, "a finite power in dBm");
  const bucketM = options.bucketM ?? COVERAGE_SET_DEFAULTS.bucketM;
  if (typeof bucketM !== "number" || !(bucketM >= 1 && bucketM < Infinity)) fail("INVALID_VALUE", "bucketM", bucketM, "a bucket side ≥ 1 m");
  const maxEntries = options.maxEntries ?? COVERAGE_SET_DEFAULTS.maxEntries;
  if (typeof maxEntries !== "number" || !(maxEntries >= 0)) fail("INVALID_VALUE", "maxEntries", maxEntries, "a limit ≥ 0");
  const template = options.template ?? {};
  if (template === null || (typeof template !== "object" && typeof template !== "function")) fail("WRONG_TYPE", "template", template, "createSite options or a function (at, index, id) → Site");
  const cand = checkedPoints(options.candidates, "candidates");
  const demand = checkedPoints(options.demand, "demand");
  const m = cand.lon.length;
  const n = demand.lon.length;
  const ids = candidateIds(options.candidates.id, m);

  const engine = withTerrainVoids({ ...options, band });
  const terrain = engine.terrain;
  const ground = new Float64Array(n).fill(NaN);
  if (terrain) for (let i = 0; i < n; i++) ground[i] = groundElevationM(terrain, [demand.lon[i]!, demand.lat[i]!], `demand[${i}]`);

  const cellsOf = typeof template === "object" && !terrain && engine.model === undefined
    ? templateCells(band, template, engine, cand, ids, thresholdDbm)
    : perSiteCells(band, template, engine, cand, ids, thresholdDbm);

  const buckets = bucketPoints(demand.lon, demand.lat, bucketM);
  // coordinates in bucket order, so a candidate reads them sequentially
  const grid: RowContext = {
    buckets,
    lon: Float64Array.from(buckets.items, (i) => demand.lon[i]!),
    lat: Float64Array.from(buckets.items, (i) => demand.lat[i]!),
    ground: Float64Array.from(buckets.items, (i) => ground[i]!),
    thresholdDbm,
  };
  const offsets = new Int32Array(m + 1);
  let indices = new Int32Array(Math.min(maxEntries, Math.max(1024, 4 * m)));
  let used = 0;
  const hits = new Int32Array(n);
  const rangeM = new Float64Array(m);
  const scratch = new Scratch();
  let evaluations = 0;
  for (let j = 0; j < m; j++) {
    const cells = cellsOf(j);
    const row = coverRow(cells, grid, scratch, hits);
    evaluations += row.evaluations;
    rangeM[j] = row.reachM;
    const count = row.count;
    if (used + count > maxEntries) {
      fail("LIMIT_EXCEEDED", "maxEntries", maxEntries, `more (candidate, demand) pairs than the limit by candidate ${j} (COVERAGE_SET_DEFAULTS.maxEntries; raise it or lower the demand density)`);
    }
    if (used + count > indices.length) {
      const grown = new Int32Array(Math.min(maxEntries, Math.max(2 * indices.length, used + count)));
      grown.set(indices.subarray(0, used));
      indices = grown;
    }
    indices.set(hits.subarray(0, count), used);
    used += count;
    offsets[j + 1] = used;
  }
  return { offsets, indices: indices.slice(0, used), band, thresholdDbm, rangeM, evaluations };
}

interface RowContext {
  buckets: PointBuckets;
  /** Demand coordinates and ground heights in bucket order (`buckets.items[p]` is point p's index). */
  lon: Float64Array;
  lat: Float64Array;
  ground: Float64Array;
  thresholdDbm: number;
}

/** Per-candidate copies of the cells' bounds in typed arrays (reused from candidate to candidate). */
class Scratch {
  size = 0;
  range2 = new Float64Array(0);
  tablesFrom2 = new Float64Array(0);
  sinAz = new Float64Array(0);
  cosAz = new Float64Array(0);
  bins = new Float64Array(0);
  load(cells: readonly BoundedCell[]): void {
    const k = cells.length;
    if (k > this.size) {
      this.size = k;
      this.range2 = new Float64Array(k);
      this.tablesFrom2 = new Float64Array(k);
      this.sinAz = new Float64Array(k);
      this.cosAz = new Float64Array(k);
      this.bins = new Float64Array(k * DIRECTION_BINS);
    }
    cells.forEach((b, i) => {
      this.range2[i] = b.range2;
      this.tablesFrom2[i] = b.bins === null ? Infinity : Math.max(b.tablesFrom2, Number.MIN_VALUE);
      this.sinAz[i] = b.sinAz;
      this.cosAz[i] = b.cosAz;
      if (b.bins !== null) this.bins.set(b.bins, i * DIRECTION_BINS);
    });
  }
}

/**
 * The demand points one candidate covers, written ascending into `hits`. A point is tested only
 * when it lies within some cell's useful range (and, where the engine reads its tables, within the
 * range of the cell's direction bin); the test is the engine's own `cellPowerMw`, in dBm as `signalAt` reports it.
 */
function coverRow(cells: readonly BoundedCell[], g: RowContext, s: Scratch, hits: Int32Array): { count: number; evaluations: number; reachM: number } {
  const K = cells.length;
  s.load(cells);
  const kernel = cells.map((b) => b.cell);
  const { range2, tablesFrom2, sinAz, cosAz, bins } = s;
  const { lon: pLon, lat: pLat, ground, thresholdDbm } = g;
  const { items, start, cols, west: bWest, south: bSouth, cellLonDeg, cellLatDeg } = g.buckets;
  // the box, in degrees, holding every point within some cell's range in that cell's own frame
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  let reach2 = 0;
  let shared = true;
  const c00 = kernel[0]!;
  for (let k = 0; k < K; k++) {
    const c = kernel[k]!;
    const r = Math.sqrt(range2[k]!);
    reach2 = Math.max(reach2, range2[k]!);
    west = Math.min(west, c.lon - r / c.kx);
    east = Math.max(east, c.lon + r / c.kx);
    south = Math.min(south, c.lat - r / c.ky);
    north = Math.max(north, c.lat + r / c.ky);
    shared &&= c.lon === c00.lon && c.lat === c00.lat && c.kx === c00.kx && c.ky === c00.ky;
  }
  const reachM = Math.sqrt(reach2);
  let count = 0;
  let evaluations = 0;
  const r0 = Math.max(0, Math.floor((south - bSouth) / cellLatDeg));
  const r1 = Math.min(g.buckets.rows - 1, Math.floor((north - bSouth) / cellLatDeg));
  for (let r = r0; r <= r1; r++) {
    let w = west;
    let e = east;
    if (shared) {
      // the columns the circle spans within this row (its widest point in the row)
      const near = Math.min(Math.max(c00.lat, bSouth + r * cellLatDeg), bSouth + (r + 1) * cellLatDeg);
      const dyM = (near - c00.lat) * c00.ky;
      const half = (Math.sqrt(Math.max(0, reach2 - dyM * dyM)) / c00.kx) * (1 + 1e-9);
      w = Math.max(w, c00.lon - half);
      e = Math.min(e, c00.lon + half);
    }
    const c0 = Math.max(0, Math.floor((w - bWest) / cellLonDeg));
    const c1 = Math.min(cols - 1, Math.floor((e - bWest) / cellLonDeg));
    if (c0 > c1) continue;
    for (let p = start[r * cols + c0]!, end = start[r * cols + c1 + 1]!; p < end; p++) {
      const lon = pLon[p]!;
      const lat = pLat[p]!;
      // as cellPowerDbm: offsets in the cell's own frame (one frame for all cells of a site)
      let dx = (lon - c00.lon) * c00.kx;
      let dy = (lat - c00.lat) * c00.ky;
      let d2 = dx * dx + dy * dy;
      if (shared && d2 > reach2) continue;
      let invD = 0;
      for (let k = 0; k < K; k++) {
        const c = kernel[k]!;
        if (!shared) {
          dx = (lon - c.lon) * c.kx;
          dy = (lat - c.lat) * c.ky;
          d2 = dx * dx + dy * dy;
          invD = 0;
        }
        // the range never exceeds the cull radius, beyond which the engine reports −∞
        if (d2 > range2[k]!) continue;
        if (d2 >= tablesFrom2[k]!) {
          if (invD === 0) invD = 1 / Math.sqrt(d2);
          const bin = Math.min(DIRECTION_BINS - 1, (((dx * sinAz[k]! + dy * cosAz[k]!) * invD + 1) * (DIRECTION_BINS / 2)) | 0);
          if (d2 > bins[k * DIRECTION_BINS + bin]!) continue;
        }
        evaluations++;
        if (mwToDbm(cellPowerMw(c, dx, dy, d2, lon, lat, ground[p]!)) >= thresholdDbm) {
          hits[count++] = items[p]!;
          break;
        }
      }
    }
  }
  hits.subarray(0, count).sort();
  return { count, evaluations, reachM };
}

/** A cell with the bounds that let the loop skip it: its useful range, and per direction bin. */
interface BoundedCell {
  cell: KernelCell;
  /** Square of the useful range (capped by the cull radius), m². */
  range2: number;
  /** Per direction bin (cos φ off boresight), the square of the useful range there; null without lookup tables. */
  bins: Float64Array | null;
  /** Squared distance from which the engine reads the tables (where the bins hold). */
  tablesFrom2: number;
  sinAz: number;
  cosAz: number;
}

type CellsOf = (j: number) => BoundedCell[];
type EngineOptions = Omit<SignalAtOptions, "technology"> & { band: Band };

/**
 * The fast path (a createSite template, no terrain, the default models): the cells of one template
 * site, moved to each candidate. Without terrain a cell depends on its site's position only
 * through lon, lat and the frame factors kx, ky (antenna, path loss, tables and cull radius do not
 * change), so moving those gives exactly the cells `prepareCells` builds for a site there.
 */
function templateCells(band: Band, template: Exclude<SiteTemplate, Function>, engine: EngineOptions, cand: Points, ids: (j: number) => string, thresholdDbm: number): CellsOf {
  const probeAt: LonLat = cand.lon.length > 0 ? [cand.lon[0]!, cand.lat[0]!] : [0, 0];
  const site = candidateSite(band, template, probeAt, 0, cand.lon.length > 0 ? ids(0) : "probe");
  const cells = preparedCells([site], engine, thresholdDbm, band)[0]!;
  return (j) => {
    const lon = cand.lon[j]!;
    const lat = cand.lat[j]!;
    const f = localFrame(lat);
    return cells.map((b) => ({ ...b, cell: { ...b.cell, lon, lat, kx: f.kx, ky: f.ky } }));
  };
}

/** The per-site path: sites built (and validated) a chunk at a time and prepared by the engine. */
function perSiteCells(band: Band, template: SiteTemplate, engine: EngineOptions, cand: Points, ids: (j: number) => string, thresholdDbm: number): CellsOf {
  const chunk = COVERAGE_SET_DEFAULTS.chunk;
  let from = -1;
  let prepared: BoundedCell[][] = [];
  return (j) => {
    if (from < 0 || j < from || j >= from + chunk) {
      from = j - (j % chunk);
      const to = Math.min(cand.lon.length, from + chunk);
      const sites: Site[] = [];
      for (let k = from; k < to; k++) sites.push(candidateSite(band, template, [cand.lon[k]!, cand.lat[k]!], k, ids(k)));
      prepared = preparedCells(sites, engine, thresholdDbm, band, from);
    }
    return prepared[j - from]!;
  };
}

type Points = { lon: ArrayLike<number>; lat: ArrayLike<number> };

/** The engine's cells of each site (in site order) with their bounds. */
function preparedCells(sites: Site[], engine: EngineOptions, thresholdDbm: number, band: Band, firstIndex = 0): BoundedCell[][] {
  const { sites: valid, resolved } = resolveCoverageInput(sites, engine);
  const setup = cellsFor(valid, engine, resolved);
  const slot = new Map(valid.map((s, k) => [s.properties.id, k]));
  const out: BoundedCell[][] = valid.map(() => []);
  setup.kernel.forEach((c, k) => {
    const info = setup.cells[k]!;
    const s = slot.get(info.siteId)!;
    const antenna = valid[s]!.properties.sectors[info.sectorIndex]!.antenna;
    const peakGainDbi = antenna.pattern === "file" ? resolvePattern(engine.patterns, antenna.id).gainDbi : antenna.gainDbi;
    out[s]!.push(boundsOf(c, peakGainDbi, info.cullRadiusM, thresholdDbm));
  });
  out.forEach((cells, s) => {
    if (cells.length === 0) fail("INVALID_VALUE", "template", valid[s]!.properties.id, `a site with a cell in ${band} (candidate ${firstIndex + s} has none)`);
  });
  return out;
}

/**
 * A cell's useful range overall (from its peak gain) and per direction bin (from the least
 * horizontal loss its lookup table can return in the bin: the tables' loss is
 * min(H + V, A_m) ≥ min(H, A_m) with V ≥ 0, and H interpolates between table samples).
 */
function boundsOf(c: KernelCell, peakGainDbi: number, cullRadiusM: number, thresholdDbm: number): BoundedCell {
  // With terrain the engine's terrain term may also lower the loss (a Hata antenna's height above
  // the average terrain toward the point can exceed its mast height), so only the cull radius bounds it.
  if (c.terrain !== null) return { cell: c, range2: cullRadiusM * cullRadiusM, bins: null, tablesFrom2: Infinity, sinAz: 0, cosAz: 0 };
  const range = Math.min(cullRadiusM, usefulRangeM(c, c.base + peakGainDbi, thresholdDbm));
  const f = c.fast;
  if (f === null) return { cell: c, range2: range * range, bins: null, tablesFrom2: Infinity, sinAz: 0, cosAz: 0 };
  const bins = new Float64Array(DIRECTION_BINS);
  const h = f.horizontal;
  const byGain = new Map<number, number>();
  for (let b = 0; b < DIRECTION_BINS; b++) {
    const cosLo = (2 * b) / DIRECTION_BINS - 1 - COSINE_SLACK;
    const cosHi = (2 * (b + 1)) / DIRECTION_BINS - 1 + COSINE_SLACK;
    const j0 = Math.max(0, Math.floor((cosLo + 1) * f.hScale));
    const j1 = Math.min(h.length - 1, Math.floor((cosHi + 1) * f.hScale) + 1);
    let least = Infinity;
    for (let j = j0; j <= j1; j++) least = Math.min(least, f.linear ? -toDb(h[j]!) : h[j]!);
    const gain = f.gainDbi - Math.min(least, f.capDb);
    let r = byGain.get(gain);
    if (r === undefined) {
      r = Math.min(range, usefulRangeM(c, c.base + gain, thresholdDbm));
      byGain.set(gain, r);
    }
    bins[b] = r * r;
  }
  return { cell: c, range2: range * range, bins, tablesFrom2: Math.min(c.exactBelow2, c.terrainTablesBelow2), sinAz: f.sinAz, cosAz: f.cosAz };
}

/**
 * A distance, m, beyond which the cell's power stays below the threshold: peak − PL(d) falls below
 * threshold − slack from R₀ on (bisection; path loss never falls with distance), and the table path
 * reads the loss at a sample no nearer than d / √(1 + 1/substeps), so R₀ stretched by that factor
 * bounds it too. Gains never exceed the peak. (Not used with terrain: see `boundsOf`.)
 */
function usefulRangeM(c: KernelCell, peakDbm: number, thresholdDbm: number): number {
  const target = thresholdDbm - RANGE_SLACK_DB;
  if (peakDbm - c.pathLoss(MAX_RANGE_M) >= target) return MAX_RANGE_M * TABLE_STRETCH;
  let lo = 0;
  let hi = MAX_RANGE_M;
  while (hi - lo > 0.5) {
    const mid = (lo + hi) / 2;
    if (peakDbm - c.pathLoss(mid) >= target) lo = mid;
    else hi = mid;
  }
  return hi * TABLE_STRETCH + 1;
}

function candidateIds(given: unknown, m: number): (j: number) => string {
  if (given === undefined) return (j) => `c${j}`;
  if (!Array.isArray(given) || given.length !== m) fail("INVALID_VALUE", "candidates.id", Array.isArray(given) ? given.length : given, `an array of ${m} ids (one per candidate)`);
  given.forEach((id, j) => {
    if (typeof id !== "string") fail("INVALID_ID", `candidates.id[${j}]`, id, "a string id");
  });
  return (j) => given[j] as string;
}
