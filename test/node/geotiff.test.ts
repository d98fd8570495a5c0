import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fromArrayBuffer, writeArrayBuffer } from "geotiff";
import { afterAll, describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { CellplanError } from "../../src/errors.js";
import { createSite } from "../../src/model/create.js";
import { coverageToGeoTiff, encodeFloat32GeoTiff, geoTiffTags, GEOTIFF_DEFAULTS, writeGeoTiff, type GeoTiffLayer } from "../../src/node/geotiff.js";
import { gridNorth } from "../../src/raster/grid.js";

// A weak site in a polygon: NaN outside the polygon, −Infinity inside it beyond the site's reach.
const SITES = [
  createSite({ id: "A", coordinates: [76.95, 43.25], technologies: ["4G"], overrides: { "4G": { powerDbm: 10 } } }),
  createSite({ id: "B", coordinates: [76.97, 43.26], technologies: ["4G"], overrides: { "4G": { powerDbm: 10 } } }),
];
const AREA = { type: "Polygon" as const, coordinates: [[[76.85, 43.2], [77.05, 43.21], [77.0, 43.32], [76.85, 43.2]]] };
const RASTER = computeCoverage(SITES, { area: AREA, band: "LTE1800", cellSizeM: 200 });

const tmp = mkdtempSync(join(tmpdir(), "cellplan-geotiff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function arrayBufferOf(b: Uint8Array): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function readBack(bytes: Uint8Array) {
  const tiff = await fromArrayBuffer(arrayBufferOf(bytes));
  const image = await tiff.getImage();
  const [band] = (await image.readRasters()) as unknown as [Float32Array];
  return { image, band };
}

describe("coverageToGeoTiff", () => {
  it("the scene has values, NaN (outside) and −Infinity (out of reach)", () => {
    expect(RASTER.powerDbm.some(Number.isNaN)).toBe(true);
    expect(RASTER.powerDbm.some((v) => v === -Infinity)).toBe(true);
    expect(RASTER.powerDbm.some(Number.isFinite)).toBe(true);
    expect(RASTER.server.some((s) => s === -1)).toBe(true);
  });

  for (const layer of ["powerDbm", "secondDbm", "sinrDb"] as const) {
    it(`writes ${layer} as Float32 in EPSG:4326 with its grid, NaN and −Infinity as GDAL_NODATA`, async () => {
      const { image, band } = await readBack(coverageToGeoTiff(RASTER, { layer }));
      const g = RASTER.grid;
      expect([image.getWidth(), image.getHeight()]).toEqual([g.width, g.height]);
      const [x0, y0] = image.getOrigin();
      expect(x0).toBeCloseTo(g.west, 12);
      expect(y0).toBeCloseTo(gridNorth(g), 12);
      const [dx, dy] = image.getResolution();
      expect(dx).toBeCloseTo(g.cellLonDeg, 15);
      expect(dy).toBeCloseTo(-g.cellLatDeg, 15);
      expect(image.getGeoKeys()).toMatchObject({ GeographicTypeGeoKey: 4326, GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1 });
      expect(image.getGDALNoData()).toBe(GEOTIFF_DEFAULTS.noData);
      expect(image.getSampleFormat()).toBe(3);
      expect(image.getBitsPerSample()).toBe(32);
      expect(band).toBeInstanceOf(Float32Array);
      const values = RASTER[layer];
      let mismatches = 0;
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        const expected = Number.isNaN(v) || v === -Infinity ? GEOTIFF_DEFAULTS.noData : v;
        if (!Object.is(band[i], expected)) mismatches++;
      }
      expect(mismatches).toBe(0);
    });
  }

  it("writes the server layer with −1 (no server) as no-data", async () => {
    const { band } = await readBack(coverageToGeoTiff(RASTER, { layer: "server" }));
    expect(Array.from(band)).toEqual(Array.from(RASTER.server, (s) => (s < 0 ? -9999 : s)));
  });

  it("takes another no-data value", async () => {
    const { image, band } = await readBack(coverageToGeoTiff(RASTER, { noData: -32768 }));
    expect(image.getGDALNoData()).toBe(-32768);
    expect(band.filter((v) => v === -32768).length).toBe(RASTER.powerDbm.filter((v) => !Number.isFinite(v)).length);
  });

  it("gives the same bytes as geotiff's writeArrayBuffer with the same tags (its header, faster samples)", () => {
    const samples = Float32Array.from({ length: 37 * 23 }, (_, i) => Math.sin(i) * 100);
    const fast = encodeFloat32GeoTiff(samples, geoTiffTags(37, 23, 0.001, 0.0007, 76.9, 43.3, -9999));
    const reference = new Uint8Array(writeArrayBuffer(samples, geoTiffTags(37, 23, 0.001, 0.0007, 76.9, 43.3, -9999)));
    expect(Buffer.from(fast).equals(Buffer.from(reference))).toBe(true);
  });

  it("refuses a bad layer, no-data value or raster with CellplanError", () => {
    expect(() => coverageToGeoTiff(RASTER, { layer: "mask" as GeoTiffLayer })).toThrow(expect.objectContaining({ code: "INVALID_VALUE" }));
    expect(() => coverageToGeoTiff(RASTER, { noData: NaN })).toThrow(expect.objectContaining({ code: "NOT_FINITE" }));
    expect(() => coverageToGeoTiff(RASTER, { noData: 0.1 })).toThrow(/exact in Float32/);
    expect(() => coverageToGeoTiff({ grid: RASTER.grid, powerDbm: new Float32Array(3) })).toThrow(expect.objectContaining({ code: "INVALID_VALUE" }));
    expect(() => coverageToGeoTiff({ grid: RASTER.grid })).toThrow(/raster\.powerDbm/);
    expect(() => coverageToGeoTiff({} as never)).toThrow(CellplanError);
  });
});

describe("writeGeoTiff", () => {
  it("writes the same bytes to a file", () => {
    const path = join(tmp, "sinr.tif");
    writeGeoTiff(path, RASTER, { layer: "sinrDb" });
    expect(Buffer.from(readFileSync(path)).equals(Buffer.from(coverageToGeoTiff(RASTER, { layer: "sinrDb" })))).toBe(true);
  });

  it("turns a file-system failure into IO_ERROR", () => {
    expect(() => writeGeoTiff(join(tmp, "missing-dir", "x.tif"), RASTER)).toThrow(expect.objectContaining({ code: "IO_ERROR" }));
  });
});
