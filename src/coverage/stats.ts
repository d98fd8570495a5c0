import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { fail } from "../errors.js";
import { bboxOf } from "../geo/bbox.js";
import { localFrame } from "../geo/frame.js";
import { fillPolygonMask } from "../geo/scanline.js";
import { edgeCoverageProbability } from "../radio/probability.js";
import { gridNorth, pixelAt, type Grid } from "../raster/grid.js";
import type { CoverageRaster } from "./compute.js";

export type ZoneFeature = Feature<Polygon | MultiPolygon, { id?: string; nameEn?: string; name?: string } | null>;
export type PopulationFeature = Feature<Polygon | MultiPolygon, { population: number } | null>;

export interface StatsOptions {
  /** Threshold on the raster's measured quantity (dBm). */
  thresholdDbm: number;
  /** Zones to break the figures down by (e.g. the 8 districts). */
  zones?: FeatureCollection<Polygon | MultiPolygon> | readonly ZoneFeature[];
  /** Population polygons with a `population` property, spread evenly over their pixels. */
  population?: FeatureCollection<Polygon | MultiPolygon> | readonly PopulationFeature[];
  /** Log-normal shadowing σ (dB): adds the expected covered share from the edge probability per pixel. */
  sigmaDb?: number;
}

export interface CoverageFigures {
  areaKm2: number;
  /** Covered share of the area inside the mask (or zone), %. */
  areaPct: number;
  population: number;
  populationPct: number;
  /** With `sigmaDb`: Σ over pixels of P(signal ≥ threshold) = 1 − Q((P − T)/σ). */
  expectedAreaKm2?: number;
  expectedPopulation?: number;
}

export interface ZoneFigures extends CoverageFigures {
  id: string;
  name: string;
  totalAreaKm2: number;
  totalPopulation: number;
}

export interface ServerFigures {
  cell: number;
  siteId: string;
  sectorIndex: number;
  band: string;
  /** Area and people this cell serves above the threshold. */
  areaKm2: number;
  population: number;
}

export interface CoverageStats extends CoverageFigures {
  thresholdDbm: number;
  totalAreaKm2: number;
  totalPopulation: number;
  zones: ZoneFigures[];
  servers: ServerFigures[];
}

/**
 * Covered area and population overall, per zone and per server, at one threshold. Pixel areas
 * follow the latitude of their row; population polygons are spread evenly over the pixels whose
 * centres they contain (a polygon smaller than a pixel lands on the pixel holding its first vertex).
 */
export function coverageStats(raster: CoverageRaster, o: StatsOptions): CoverageStats {
  if (typeof o?.thresholdDbm !== "number" || !Number.isFinite(o.thresholdDbm)) fail("NOT_FINITE", "thresholdDbm", o?.thresholdDbm, "a finite threshold in dBm");
  if (o.sigmaDb !== undefined && !(o.sigmaDb > 0 && Number.isFinite(o.sigmaDb))) fail("INVALID_VALUE", "sigmaDb", o.sigmaDb, "a standard deviation > 0 dB");
  checkRaster(raster);
  const g = raster.grid;
  const n = g.width * g.height;
  const rowKm2 = rowAreasKm2(g);
  const people = o.population ? populationRaster(g, areaFeatures(o.population, "population")) : null;
  const zoneList = o.zones ? areaFeatures(o.zones, "zones") : [];
  const zoneOf = zoneRaster(g, zoneList);

  const blank = () => ({ area: 0, cov: 0, pop: 0, popCov: 0, expArea: 0, expPop: 0 });
  const total = blank();
  const zones = zoneList.map(blank);
  const servers = raster.cells.map(() => ({ area: 0, pop: 0 }));
  const t = o.thresholdDbm;
  const sigma = o.sigmaDb;
  const add = (acc: ReturnType<typeof blank>, a: number, p: number, covered: boolean, prob: number) => {
    acc.area += a;
    acc.pop += p;
    if (covered) {
      acc.cov += a;
      acc.popCov += p;
    }
    acc.expArea += prob * a;
    acc.expPop += prob * p;
  };
  for (let i = 0; i < n; i++) {
    if (raster.mask[i] === 0) continue;
    const a = rowKm2[(i / g.width) | 0]!;
    const p = people ? people[i]! : 0;
    const power = raster.powerDbm[i]!;
    const covered = power >= t;
    const prob = sigma === undefined || power === -Infinity ? 0 : edgeCoverageProbability(power - t, sigma);
    add(total, a, p, covered, prob);
    const z = zoneOf[i]!;
    if (z >= 0) add(zones[z]!, a, p, covered, prob);
    const server = raster.server[i]!;
    if (covered && server >= 0) {
      const s = servers[server]!;
      s.area += a;
      s.pop += p;
    }
  }
  const figures = (acc: ReturnType<typeof blank>): CoverageFigures => ({
    areaKm2: acc.cov,
    areaPct: acc.area > 0 ? 100 * (acc.cov / acc.area) : 0,
    population: acc.popCov,
    populationPct: acc.pop > 0 ? 100 * (acc.popCov / acc.pop) : 0,
    ...(o.sigmaDb === undefined ? {} : { expectedAreaKm2: acc.expArea, expectedPopulation: acc.expPop }),
  });
  return {
    thresholdDbm: t,
    totalAreaKm2: total.area,
    totalPopulation: total.pop,
    ...figures(total),
    zones: zoneList.map((z, k) => ({
      id: String(z.properties?.id ?? k),
      name: String(z.properties?.nameEn ?? z.properties?.name ?? z.properties?.id ?? k),
      totalAreaKm2: zones[k]!.area,
      totalPopulation: zones[k]!.pop,
      ...figures(zones[k]!),
    })),
    servers: raster.cells
      .map((c, k) => ({ cell: k, siteId: c.siteId, sectorIndex: c.sectorIndex, band: c.band, areaKm2: servers[k]!.area, population: servers[k]!.pop }))
      .filter((s) => s.areaKm2 > 0),
  };
}

type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown> | null>;

/** The features of a FeatureCollection or array, each checked to be a Polygon or MultiPolygon. */
function areaFeatures(x: unknown, field: string): AreaFeature[] {
  const list = Array.isArray(x) ? x : (x as { features?: unknown } | null)?.features;
  if (!Array.isArray(list)) fail("WRONG_TYPE", field, x, "a FeatureCollection or an array of Polygon / MultiPolygon features");
  list.forEach((f: unknown, k) => {
    const type = (f as { geometry?: { type?: unknown } } | null)?.geometry?.type;
    if (type !== "Polygon" && type !== "MultiPolygon") fail("WRONG_GEOMETRY", `${field}[${k}].geometry`, type, "Polygon or MultiPolygon");
  });
  return list as AreaFeature[];
}

/** Zone index per pixel (−1 outside every zone); overlapping zones are refused. */
function zoneRaster(g: Grid, zones: readonly AreaFeature[]): Int32Array {
  const zoneOf = new Int32Array(g.width * g.height).fill(-1);
  const scratch = new Uint8Array(g.width * g.height);
  zones.forEach((z, k) => {
    const touched: number[] = [];
    fillIndices(g, z.geometry, scratch, touched);
    let overlaps = 0;
    for (const i of touched) {
      scratch[i] = 0;
      if (zoneOf[i] !== -1) overlaps++;
      zoneOf[i] = k;
    }
    if (overlaps > 0) fail("INVALID_VALUE", `zones[${k}]`, `${overlaps} pixels`, "zones that do not overlap (a pixel centre in two zones)");
  });
  return zoneOf;
}

function checkRaster(r: CoverageRaster): void {
  const g = r?.grid;
  if (!g || !(Number.isInteger(g.width) && Number.isInteger(g.height) && g.width > 0 && g.height > 0)) fail("WRONG_TYPE", "raster.grid", g, "a coverage raster from computeCoverage");
  const n = g.width * g.height;
  for (const k of ["powerDbm", "server", "mask"] as const) {
    if (!ArrayBuffer.isView(r[k]) || (r[k] as ArrayLike<number>).length !== n) fail("INVALID_VALUE", `raster.${k}`, (r[k] as ArrayLike<number> | undefined)?.length, `${n} values (width × height)`);
  }
}

/** km² of one pixel in each row (the cell's metric size at that row's latitude). */
function rowAreasKm2(g: Grid): Float64Array {
  const out = new Float64Array(g.height);
  const north = gridNorth(g);
  for (let r = 0; r < g.height; r++) {
    const f = localFrame(north - (r + 0.5) * g.cellLatDeg);
    out[r] = (g.cellLonDeg * f.kx * g.cellLatDeg * f.ky) / 1e6;
  }
  return out;
}

/** People per pixel from population polygons. */
export function populationRaster(g: Grid, polys: readonly Feature<Polygon | MultiPolygon, Record<string, unknown> | null>[]): Float64Array {
  const out = new Float64Array(g.width * g.height);
  const scratch = new Uint8Array(g.width * g.height);
  polys.forEach((f, k) => {
    const people = f.properties?.population;
    if (typeof people !== "number" || !Number.isFinite(people) || people < 0) fail("INVALID_VALUE", `population.features[${k}].properties.population`, people, "a number of people ≥ 0");
    if (people === 0) return;
    const touched: number[] = [];
    fillIndices(g, f.geometry, scratch, touched);
    if (touched.length === 0) {
      const first = f.geometry.type === "Polygon" ? f.geometry.coordinates[0]![0]! : f.geometry.coordinates[0]![0]![0]!;
      const i = pixelAt(g, first[0]!, first[1]!);
      if (i >= 0) out[i]! += people;
      return;
    }
    const each = people / touched.length;
    for (const i of touched) {
      out[i]! += each;
      scratch[i] = 0;
    }
  });
  return out;
}

function fillIndices(g: Grid, geometry: Polygon | MultiPolygon, scratch: Uint8Array, touched: number[]): void {
  // Rasterise into scratch (value 1), then collect and the caller resets: cost ∝ the polygon's pixels.
  const [w, s, e, nn] = bboxOf(geometry);
  fillPolygonMask(g, geometry, scratch, 1);
  const north = gridNorth(g);
  const c0 = Math.max(0, Math.floor((w - g.west) / g.cellLonDeg));
  const c1 = Math.min(g.width - 1, Math.ceil((e - g.west) / g.cellLonDeg));
  const r0 = Math.max(0, Math.floor((north - nn) / g.cellLatDeg));
  const r1 = Math.min(g.height - 1, Math.ceil((north - s) / g.cellLatDeg));
  for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) if (scratch[r * g.width + c] === 1) touched.push(r * g.width + c);
}
