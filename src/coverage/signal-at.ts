import { fail } from "../errors.js";
import { groundElevationM } from "../terrain/profile.js";
import { fromDb } from "../math.js";
import type { Band } from "../model/bands.js";
import type { Site, SiteCollection } from "../model/schema.js";
import type { LonLat } from "../units.js";
import { cellsFor, resolveCoverageInput, withTerrainVoids, type CoverageOptions } from "./compute.js";
import { cellDistanceM, cellPowerMwAt, evaluatePoint, mwToDbm, sinrFromSums, type PointResult } from "./kernel.js";

export interface ServerAtPoint {
  siteId: string;
  sectorIndex: number;
  cellIndex: number;
  band: Band;
  /** Received power of the measured quantity, dBm. */
  powerDbm: number;
  /** SINR if this cell served the point, dB. */
  sinrDb: number;
  distanceM: number;
}

/** As for `computeCoverage`; `cellSizeM` matters only with terrain (the radial sweep's spacing follows it). */
export type SignalAtOptions = Omit<CoverageOptions, "area" | "tileSize" | "maxPixels" | "onProgress">;

export interface SignalAtResult {
  servers: ServerAtPoint[];
  /** Thermal noise in each band's measurement bandwidth. */
  noiseDbm: number[];
}

/**
 * Every cell that reaches a point, best first, with its power, its SINR as server and its distance.
 * The same maths as `computeCoverage`: at a pixel centre the first server's power and SINR equal
 * the raster's values (to Float32). For many points, `prepareSignalAt` checks the sites and builds
 * the cells once.
 */
export function signalAt(sites: SiteCollection | readonly Site[] | unknown, point: LonLat, options: SignalAtOptions): SignalAtResult {
  return prepareSignalAt(sites, options)(point);
}

/** Checks the sites and options once and returns a point query. */
export function prepareSignalAt(sites: SiteCollection | readonly Site[] | unknown, given: SignalAtOptions): (point: LonLat) => SignalAtResult {
  const options = withTerrainVoids(given);
  const { sites: valid, resolved } = resolveCoverageInput(sites, options);
  const setup = cellsFor(valid, options, resolved);
  const cells = setup.kernel;
  const noiseMw = Float64Array.from(setup.noiseDbm, fromDb);
  const ids = Int32Array.from(cells.keys());
  return (point) => {
    if (!Array.isArray(point) || point.length !== 2 || !point.every(Number.isFinite)) fail("INVALID_VALUE", "point", point, "[lon, lat] of finite numbers");
    const [lon, lat] = point;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) fail("COORDINATE_OUT_OF_RANGE", "point", point, "lon in [-180, 180], lat in [-90, 90]");
    const groundM = options.terrain ? groundElevationM(options.terrain, [lon, lat], "point") : NaN;
    const sums = new Float64Array(setup.bands.length);
    const best: PointResult = { bestDbm: 0, best: -1, secondDbm: 0, sinrDb: 0 };
    evaluatePoint(cells, ids, ids.length, lon, lat, groundM, resolved.load, noiseMw, sums, best);
    const servers: ServerAtPoint[] = [];
    cells.forEach((c, k) => {
      const mw = cellPowerMwAt(c, lon, lat, groundM);
      if (!(mw > 0)) return;
      const p = mwToDbm(mw);
      const info = setup.cells[k]!;
      const sinrDb = k === best.best ? best.sinrDb : sinrFromSums(p, sums[c.bandSlot]!, mw * c.offsetRatio, resolved.load, noiseMw[c.bandSlot]!);
      servers.push({ siteId: info.siteId, sectorIndex: info.sectorIndex, cellIndex: info.cellIndex, band: info.band, powerDbm: p, sinrDb, distanceM: cellDistanceM(c, lon, lat) });
    });
    // Best first; ties keep cell order, as the raster's strict ">" does.
    servers.sort((a, b) => b.powerDbm - a.powerDbm);
    return { servers, noiseDbm: setup.noiseDbm };
  };
}
