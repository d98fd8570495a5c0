import { fromArrayBuffer } from "geotiff";
import { CellplanError, fail } from "../errors.js";
import { checkDemShape, type Dem } from "../terrain/dem.js";
import { readBytes } from "./files.js";

/**
 * Reads a single-band elevation GeoTIFF in geographic WGS84 (EPSG:4326) into a `Dem`. Pixel-is-area
 * images (GTRasterTypeGeoKey 1, GDAL's default) have their samples at pixel centres; pixel-is-point
 * images (2, like SRTM's own GeoTIFFs) at the tie point. Int16 heights stay Int16; others become
 * Float32. The GDAL_NODATA value, when present, marks voids (`fillVoids` fills them).
 */
export async function readGeoTiffDem(input: string | Uint8Array | ArrayBuffer): Promise<Dem> {
  const bytes = typeof input === "string" ? readBytes(input) : input instanceof Uint8Array ? input : new Uint8Array(input);
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let image;
  try {
    image = await (await fromArrayBuffer(buffer)).getImage();
  } catch (e) {
    throw CellplanError.of({ code: "INVALID_DEM", field: "geotiff", value: (e as Error).message, allowed: "a readable GeoTIFF" });
  }
  const keys = image.getGeoKeys() ?? {};
  const model = keys["GTModelTypeGeoKey"];
  const crs = keys["GeographicTypeGeoKey"];
  if (model !== 2 || (crs !== undefined && crs !== 4326)) {
    fail("INVALID_DEM", "crs", `GTModelType ${String(model)}, GeographicType ${String(crs)}`, "geographic WGS84 (EPSG:4326); reproject with gdalwarp -t_srs EPSG:4326");
  }
  if (image.getSamplesPerPixel() !== 1) fail("INVALID_DEM", "samplesPerPixel", image.getSamplesPerPixel(), "1 (one elevation band)");
  const width = image.getWidth();
  const height = image.getHeight();
  checkDemShape(width, height);
  const [x0, y0] = image.getOrigin() as [number, number];
  const [rx, ry] = image.getResolution() as [number, number];
  if (!(rx > 0 && ry < 0)) fail("INVALID_DEM", "resolution", [rx, ry], "a north-up image (positive x step, negative y step)");
  const pointRaster = keys["GTRasterTypeGeoKey"] === 2;
  const raster = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number> & { constructor: unknown };
  const heights = raster instanceof Int16Array ? raster : Float32Array.from(raster);
  const nd = image.getGDALNoData();
  return {
    originLon: pointRaster ? x0 : x0 + rx / 2,
    originLat: pointRaster ? y0 : y0 + ry / 2,
    stepLonDeg: rx,
    stepLatDeg: -ry,
    width,
    height,
    heights,
    nodata: nd === null ? NaN : nd,
  };
}
