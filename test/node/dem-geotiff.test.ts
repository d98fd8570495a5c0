import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { readGeoTiffDem } from "../../src/node/dem-geotiff.js";
import { encodeFloat32GeoTiff, geoTiffTags } from "../../src/node/geotiff.js";
import { loadScenario } from "../../src/node/scenario.js";
import { cropDem, sampleDem } from "../../src/terrain/dem.js";

describe("readGeoTiffDem", () => {
  it("reads back a pixel-is-area Float32 GeoTIFF of the Almaty terrain with the same samples and georeference", async () => {
    const dem = cropDem(loadScenario().terrain!, [76.9, 43.2, 77.0, 43.3]);
    // pixel-is-area: the image's corner is half a sample north-west of the first sample
    const tags = geoTiffTags(dem.width, dem.height, dem.stepLonDeg, dem.stepLatDeg, dem.originLon - dem.stepLonDeg / 2, dem.originLat + dem.stepLatDeg / 2, -32768);
    const bytes = encodeFloat32GeoTiff(Float32Array.from(dem.heights), tags);
    const back = await readGeoTiffDem(bytes);
    expect(back.width).toBe(dem.width);
    expect(back.height).toBe(dem.height);
    expect(back.originLon).toBeCloseTo(dem.originLon, 10);
    expect(back.originLat).toBeCloseTo(dem.originLat, 10);
    expect(back.nodata).toBe(-32768);
    expect(Array.from(back.heights)).toEqual(Array.from(dem.heights));
    for (const [lon, lat] of [[76.9453, 43.2383], [76.95, 43.25]] as const) expect(sampleDem(back, lon, lat)).toBeCloseTo(sampleDem(dem, lon, lat), 6);
  });

  it("refuses what is not a geographic GeoTIFF", async () => {
    await expect(readGeoTiffDem(new Uint8Array([1, 2, 3, 4]))).rejects.toBeInstanceOf(CellplanError);
    const tags = { ...geoTiffTags(4, 4, 100, 100, 500000, 4800000, -9999), GTModelTypeGeoKey: 1, ProjectedCSTypeGeoKey: 32643 };
    await expect(readGeoTiffDem(encodeFloat32GeoTiff(new Float32Array(16), tags as never))).rejects.toThrow(/EPSG:4326/);
  });
});
