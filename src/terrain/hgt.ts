import { describeValue, fail } from "../errors.js";
import type { Dem } from "./dem.js";

/** SRTM void marker (USGS SRTM documentation). */
export const HGT_VOID = -32768;

/**
 * Reads an SRTM `.hgt` tile: big-endian int16 heights on a 1201² (3″) or 3601² (1″) lattice whose
 * first sample is the tile's north-west corner. `lat`/`lon` are the tile's south-west corner as in
 * its name (N43E076 → lat 43, lon 76).
 */
export function parseHgt(bytes: Uint8Array, tile: { lat: number; lon: number }): Dem {
  if (!(bytes instanceof Uint8Array)) fail("WRONG_TYPE", "bytes", describeValue(bytes), "the bytes of an .hgt file (Uint8Array)");
  if (tile === null || typeof tile !== "object") fail("INVALID_DEM", "tile", describeValue(tile), "the tile's south-west corner { lat, lon } (hgtTileOf(name))");
  const n = bytes.byteLength === 1201 * 1201 * 2 ? 1201 : bytes.byteLength === 3601 * 3601 * 2 ? 3601 : 0;
  if (n === 0) {
    fail("INVALID_DEM", "byteLength", bytes.byteLength, `${1201 * 1201 * 2} (SRTM 3″) or ${3601 * 3601 * 2} (SRTM 1″) bytes`);
  }
  if (!Number.isInteger(tile.lat) || tile.lat < -90 || tile.lat > 89) fail("INVALID_DEM", "lat", tile.lat, "an integer in [-90, 89]");
  if (!Number.isInteger(tile.lon) || tile.lon < -180 || tile.lon > 179) fail("INVALID_DEM", "lon", tile.lon, "an integer in [-180, 179]");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const heights = new Int16Array(n * n);
  for (let i = 0; i < heights.length; i++) heights[i] = view.getInt16(i * 2, false);
  const step = 1 / (n - 1);
  return { originLon: tile.lon, originLat: tile.lat + 1, stepLonDeg: step, stepLatDeg: step, width: n, height: n, heights, nodata: HGT_VOID };
}

/** Parses a tile name such as `N43E076` (with or without `.hgt`) into its south-west corner. */
export function hgtTileOf(name: string): { lat: number; lon: number } {
  if (typeof name !== "string") fail("INVALID_DEM", "name", describeValue(name), "an SRTM tile name such as N43E076");
  const m = /([NS])(\d{2})([EW])(\d{3})/i.exec(name);
  if (!m) fail("INVALID_DEM", "name", name, "an SRTM tile name such as N43E076");
  const lat = Number(m[2]) * (m[1]!.toUpperCase() === "S" ? -1 : 1);
  const lon = Number(m[4]) * (m[3]!.toUpperCase() === "W" ? -1 : 1);
  return { lat, lon };
}
