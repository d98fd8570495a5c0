import { writeFileSync } from "node:fs";
import { writeArrayBuffer } from "geotiff";
import type { CoverageRaster } from "../coverage/compute.js";
import { CellplanError, fail } from "../errors.js";
import { gridNorth } from "../raster/grid.js";

/** The raster layers a GeoTIFF can hold. */
export type GeoTiffLayer = "powerDbm" | "secondDbm" | "sinrDb" | "server";

export interface GeoTiffOptions {
  /** Which layer to write (default `GEOTIFF_DEFAULTS.layer`). */
  layer?: GeoTiffLayer;
  /** Sample written where the layer has no value, and declared in the GDAL_NODATA tag (default `GEOTIFF_DEFAULTS.noData`). */
  noData?: number;
}

export const GEOTIFF_DEFAULTS = {
  layer: "powerDbm" as GeoTiffLayer,
  /**
   * No-data sample: NaN (outside the area) and −Infinity (no cell reaches) in the float layers, and
   * server −1 (none), are all written as this value, which no dBm, dB or cell index can take.
   */
  noData: -9999,
};

const LAYERS: readonly GeoTiffLayer[] = ["powerDbm", "secondDbm", "sinrDb", "server"];

/** Fields of `CoverageRaster` the export reads: the grid and the layer. */
export type GeoTiffSource = Pick<CoverageRaster, "grid"> & Partial<Pick<CoverageRaster, GeoTiffLayer>>;

/**
 * One coverage layer as a GeoTIFF (uncompressed, one strip, big-endian, written by the `geotiff`
 * package): EPSG:4326 (GTModelType 2 geographic, GTRasterType 1 PixelIsArea), ModelTiepoint at the
 * grid's north-west corner, ModelPixelScale [cellLonDeg, cellLatDeg, 0], Float32 samples, and a
 * GDAL_NODATA tag for the samples with no value (see `GEOTIFF_DEFAULTS.noData`).
 */
export function coverageToGeoTiff(raster: GeoTiffSource, options: GeoTiffOptions = {}): Uint8Array {
  const layer = options.layer ?? GEOTIFF_DEFAULTS.layer;
  if (!LAYERS.includes(layer)) fail("INVALID_VALUE", "layer", layer, `one of ${LAYERS.join(", ")}`);
  const noData = options.noData ?? GEOTIFF_DEFAULTS.noData;
  if (typeof noData !== "number" || !Number.isFinite(noData)) fail("NOT_FINITE", "noData", noData, "a finite number");
  if (Math.fround(noData) !== noData) fail("INVALID_VALUE", "noData", noData, "a value exact in Float32 (e.g. -9999)");
  const g = raster?.grid;
  if (!g || !Number.isInteger(g.width) || !Number.isInteger(g.height) || g.width < 1 || g.height < 1) {
    fail("INVALID_VALUE", "raster.grid", g, "a grid with integer width and height ≥ 1");
  }
  const values = raster[layer];
  const n = g.width * g.height;
  if (!(values instanceof Float32Array || values instanceof Int32Array) || values.length !== n) {
    fail("INVALID_VALUE", `raster.${layer}`, values === undefined ? undefined : values.length, `a Float32Array or Int32Array of ${n} samples (width × height)`);
  }
  if (values instanceof Int32Array && noData >= 0 && Number.isInteger(noData)) {
    fail("INVALID_VALUE", "noData", noData, "a negative or fractional value for the server layer (cell indices are 0, 1, 2, …)");
  }
  for (const k of ["west", "south", "cellLonDeg", "cellLatDeg"] as const) {
    if (!Number.isFinite(g[k]) || ((k === "cellLonDeg" || k === "cellLatDeg") && !(g[k] > 0))) fail("INVALID_VALUE", `raster.grid.${k}`, g[k], "a finite number (cell sizes > 0)");
  }
  const samples = new Float32Array(n);
  if (values instanceof Int32Array) {
    for (let i = 0; i < n; i++) samples[i] = values[i]! < 0 ? noData : values[i]!;
  } else {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      samples[i] = Number.isNaN(v) || v === -Infinity ? noData : v;
    }
  }
  return encodeFloat32GeoTiff(samples, geoTiffTags(g.width, g.height, g.cellLonDeg, g.cellLatDeg, g.west, gridNorth(g), noData));
}

/** The tags `coverageToGeoTiff` gives `writeArrayBuffer` (a fresh object: the writer mutates it). */
export function geoTiffTags(width: number, height: number, cellLonDeg: number, cellLatDeg: number, west: number, north: number, noData: number) {
  return {
    width,
    height,
    ModelPixelScale: [cellLonDeg, cellLatDeg, 0],
    ModelTiepoint: [0, 0, 0, west, north, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    GeogCitationGeoKey: "WGS 84",
    GDAL_NODATA: String(noData),
  };
}

/**
 * The same bytes as `writeArrayBuffer(samples, tags)` for a one-band Float32 image, fast: geotiff's
 * writer encodes each sample through its own DataView (about a microsecond a pixel), so it writes only
 * the header here — for a one-sample stand-in carrying the full image's tags — and the samples are
 * appended big-endian (the writer's byte order) at the strip offset its header declares.
 */
export function encodeFloat32GeoTiff(samples: Float32Array, tags: ReturnType<typeof geoTiffTags>): Uint8Array {
  const head = new Uint8Array(
    writeArrayBuffer(new Float32Array(1), {
      ...tags,
      BitsPerSample: [32],
      SampleFormat: [3],
      SamplesPerPixel: [1],
      StripByteCounts: [samples.length * 4],
    }),
  );
  const offset = head.length - 4;
  if (stripOffset(head) !== offset) throw new Error("cellplan: unexpected GeoTIFF layout from the geotiff writer (strip offset)");
  const out = new Uint8Array(offset + samples.length * 4);
  out.set(head.subarray(0, offset));
  const view = new DataView(out.buffer);
  for (let i = 0; i < samples.length; i++) view.setFloat32(offset + 4 * i, samples[i]!, false);
  return out;
}

/** StripOffsets (tag 273, one LONG) of a big-endian TIFF's first IFD, or −1. */
function stripOffset(tiff: Uint8Array): number {
  const v = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  if (v.getUint16(0) !== 0x4d4d) return -1;
  const ifd = v.getUint32(4);
  const count = v.getUint16(ifd);
  for (let k = 0; k < count; k++) {
    const e = ifd + 2 + 12 * k;
    if (v.getUint16(e) === 273) return v.getUint16(e + 2) === 4 && v.getUint32(e + 4) === 1 ? v.getUint32(e + 8) : -1;
  }
  return -1;
}

/** Writes `coverageToGeoTiff(raster, options)` to `path`; a file-system failure is an `IO_ERROR`. */
export function writeGeoTiff(path: string, raster: GeoTiffSource, options: GeoTiffOptions = {}): void {
  const bytes = coverageToGeoTiff(raster, options);
  try {
    writeFileSync(path, bytes);
  } catch (e) {
    throw new CellplanError("IO_ERROR", [
      { code: "INVALID_VALUE", field: path, value: (e as NodeJS.ErrnoException).code ?? String(e), allowed: "a writable file path" },
    ]);
  }
}
