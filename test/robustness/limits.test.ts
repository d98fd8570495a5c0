import { describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { COVERAGE_DEFAULTS } from "../../src/coverage/defaults.js";
import { createSite } from "../../src/model/create.js";
import { VALIDATE_DEFAULTS, validateSites } from "../../src/model/validate.js";
import { GRID_DEFAULTS, gridForBBox } from "../../src/raster/grid.js";
import { decodeRaster } from "../../src/raster/codec.js";
import { decodeDem } from "../../src/terrain/codec.js";
import { DEM_LIMITS } from "../../src/terrain/dem.js";
import { PROFILE_LIMITS, terrainProfile } from "../../src/terrain/profile.js";
import { CPDEM_MAGIC, CPRAS_MAGIC, fileBytes } from "./files.js";
import { cellplanErrorOf as refusal } from "../fixtures/errors.js";

/**
 * Resource bounds: every size-driven allocation is checked against a documented limit before it is
 * made, with an error naming the limit and the option that raises it. (An allocation made first would
 * show here as a RangeError or an out-of-memory crash, not a CellplanError.)
 */

const site = createSite({ id: "A", coordinates: [76.93, 43.24], technologies: ["4G"] });

describe("resource bounds", () => {
  it("grid pixels: the whole world at 1 m is refused before any layer is allocated; maxPixels names the way out", () => {
    const e = refusal(() => computeCoverage([site], { area: [-180, -85, 180, 85], technology: "4G", cellSizeM: 1 }));
    expect(e.code).toBe("GRID_TOO_LARGE");
    expect(e.message).toContain(`at most ${GRID_DEFAULTS.maxPixels.toLocaleString("en-GB")} pixels`);
    expect(e.message).toContain("raise the option maxPixels");
    expect(COVERAGE_DEFAULTS.maxPixels).toBe(GRID_DEFAULTS.maxPixels);
    // the option raises it (checked on the grid alone: nothing is allocated by gridForBBox)
    const small = refusal(() => gridForBBox([76.9, 43.2, 77.0, 43.3], { cellSizeM: 10, maxPixels: 1000 }));
    expect(small.code).toBe("GRID_TOO_LARGE");
    expect(gridForBBox([76.9, 43.2, 77.0, 43.3], { cellSizeM: 10, maxPixels: 2_000_000 }).width).toBeGreaterThan(800);
  });

  it("DEM size: a .cpdem header claiming 10⁵ × 10⁵ samples is refused from its header (LIMIT_EXCEEDED, maxSamples), not by allocating", () => {
    const huge = fileBytes({ magic: CPDEM_MAGIC, header: { originLon: 0, originLat: 1, stepLonDeg: 1e-5, stepLatDeg: 1e-5, width: 100_000, height: 100_000, type: "float32", nodata: null, meta: {} }, dataBytes: 16 });
    const e = refusal(() => decodeDem(huge));
    expect(e.code).toBe("LIMIT_EXCEEDED");
    expect(e.message).toContain(`at most ${DEM_LIMITS.maxSamples.toLocaleString("en-GB")} samples`);
    expect(e.message).toContain("maxSamples");
    // raising the limit moves the refusal to the byte-length check, still before any allocation
    expect(refusal(() => decodeDem(huge, { maxSamples: 1e10 })).problems[0]?.field).toBe("byteLength");
    // and lowering it refuses a small DEM
    const small = fileBytes({ magic: CPDEM_MAGIC, header: { originLon: 0, originLat: 1, stepLonDeg: 1, stepLatDeg: 1, width: 2, height: 2, type: "int16", nodata: null, meta: {} }, dataBytes: 8 });
    expect(decodeDem(small).dem.width).toBe(2);
    expect(refusal(() => decodeDem(small, { maxSamples: 3 })).code).toBe("LIMIT_EXCEEDED");
  });

  it("raster files: a grid of 10⁶ × 10⁶ pixels is refused from the header (GRID_TOO_LARGE, maxPixels); raising it leaves the layer-bounds check", () => {
    const layers = [{ name: "power", type: "float32", byteOffset: 512 }];
    const huge = fileBytes({ magic: CPRAS_MAGIC, header: { grid: { west: 0, south: 0, cellLonDeg: 1e-6, cellLatDeg: 1e-6, cellSizeM: 0.1, width: 1e6, height: 1e6 }, layers, meta: {} }, align: 8, dataBytes: 1024 });
    const e = refusal(() => decodeRaster(huge));
    expect(e.code).toBe("GRID_TOO_LARGE");
    expect(e.message).toContain("maxPixels");
    expect(refusal(() => decodeRaster(huge, { maxPixels: 1e13 })).problems[0]?.field).toBe("layers.power.byteOffset");
  });

  it("terrain profiles: a path needing more samples than PROFILE_LIMITS.maxSamples is refused before sampling", () => {
    const dem = { originLon: 0, originLat: 1, stepLonDeg: 1e-5, stepLatDeg: 1e-5, width: 2, height: 2, heights: new Int16Array(4), nodata: -32768 };
    const e = refusal(() => terrainProfile(dem, [0, 0], [80, 80]));
    expect(e.code).toBe("LIMIT_EXCEEDED");
    expect(e.message).toContain(`at most ${PROFILE_LIMITS.maxSamples} samples (option maxSamples)`);
  });

  it("site collections: more than VALIDATE_DEFAULTS.maxSites sites are refused before any is read", () => {
    const e = refusal(() => validateSites({ type: "FeatureCollection", features: new Array(VALIDATE_DEFAULTS.maxSites + 1) }));
    expect(e.problems).toEqual([expect.objectContaining({ code: "LIMIT_EXCEEDED", field: "features", value: VALIDATE_DEFAULTS.maxSites + 1 })]);
    expect(e.message).toContain("(option maxSites)");
  });
});
