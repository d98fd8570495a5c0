import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { decodeDem, encodeDem } from "../../src/terrain/codec.js";
import { countVoids, cropDem, demBBox, fillVoids, sampleDem, sampleRay, type Dem } from "../../src/terrain/dem.js";
import { HGT_VOID, hgtTileOf, parseHgt } from "../../src/terrain/hgt.js";

/** A DEM whose heights are a plane z = a + b·col + c·row: bilinear sampling must be exact on it. */
function planeDem(width: number, height: number, f: (c: number, r: number) => number, type: "int16" | "float32" = "float32"): Dem {
  const heights = type === "int16" ? new Int16Array(width * height) : new Float32Array(width * height);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) heights[r * width + c] = f(c, r);
  return { originLon: 76, originLat: 44, stepLonDeg: 0.01, stepLatDeg: 0.01, width, height, heights, nodata: -32768 };
}

describe("sampleDem", () => {
  const dem = planeDem(20, 10, (c, r) => 500 + 3 * c - 2 * r);

  it("is exact on samples and on a plane between them", () => {
    expect(sampleDem(dem, 76, 44)).toBe(500);
    expect(sampleDem(dem, 76.19, 43.91)).toBeCloseTo(500 + 57 - 18, 9);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 19, noNaN: true }), fc.double({ min: 0, max: 9, noNaN: true }), (c, r) => {
        expect(sampleDem(dem, 76 + c * 0.01, 44 - r * 0.01)).toBeCloseTo(500 + 3 * c - 2 * r, 3);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it("is NaN outside the DEM and next to a void", () => {
    expect(sampleDem(dem, 75.99, 43.95)).toBeNaN();
    expect(sampleDem(dem, 76.05, 44.001)).toBeNaN();
    const holed = planeDem(4, 4, () => 100, "int16");
    holed.heights[5] = HGT_VOID;
    expect(sampleDem(holed, 76.005, 43.995)).toBeNaN();
    expect(sampleDem(holed, 76.025, 43.975)).toBe(100);
  });
});

describe("fillVoids", () => {
  it("fills a void block from its rim inward and leaves valid samples alone", () => {
    const dem = planeDem(9, 9, (c) => 1000 + 10 * c, "int16");
    for (const i of [30, 31, 32, 39, 40, 41, 48, 49, 50]) dem.heights[i] = HGT_VOID;
    const before = Int16Array.from(dem.heights);
    expect(countVoids(dem)).toBe(9);
    expect(fillVoids(dem)).toBe(9);
    expect(countVoids(dem)).toBe(0);
    for (let i = 0; i < before.length; i++) if (before[i] !== HGT_VOID) expect(dem.heights[i]).toBe(before[i]);
    // the centre of a void in a linear ramp gets the ramp's value there (symmetric averaging)
    expect(dem.heights[40]).toBe(1040);
    for (const i of [30, 39, 48]) expect(dem.heights[i]).toBeGreaterThanOrEqual(1020);
  });

  it("refuses an all-void DEM", () => {
    const dem = planeDem(3, 3, () => HGT_VOID, "int16");
    expect(() => fillVoids(dem)).toThrow(CellplanError);
  });
});

describe("cropDem", () => {
  it("keeps the samples covering the box, so sampling inside it is unchanged", () => {
    const dem = planeDem(50, 40, (c, r) => c * r);
    const box = [76.123, 43.77, 76.301, 43.905] as [number, number, number, number];
    const crop = cropDem(dem, box);
    const b = demBBox(crop);
    expect(b[0]).toBeLessThanOrEqual(box[0]);
    expect(b[1]).toBeLessThanOrEqual(box[1]);
    expect(b[2]).toBeGreaterThanOrEqual(box[2]);
    expect(b[3]).toBeGreaterThanOrEqual(box[3]);
    expect(crop.width).toBe(20);
    for (const [lon, lat] of [[76.2, 43.8], [76.123, 43.905], [76.3, 43.771]] as const) {
      expect(sampleDem(crop, lon, lat)).toBeCloseTo(sampleDem(dem, lon, lat), 9);
    }
  });

  it("refuses a box outside the DEM", () => {
    expect(() => cropDem(planeDem(5, 5, () => 0), [10, 10, 11, 11])).toThrow(/INVALID_DEM/);
  });
});

describe("SRTM .hgt", () => {
  it("reads big-endian 3″ tiles with their north-west corner at the tile's north edge", () => {
    const n = 1201;
    const bytes = new Uint8Array(n * n * 2);
    const view = new DataView(bytes.buffer);
    view.setInt16(0, 1234, false); // NW sample
    view.setInt16((n * n - 1) * 2, -32768, false); // SE sample is a void
    view.setInt16((600 * n + 600) * 2, 777, false);
    const dem = parseHgt(bytes, hgtTileOf("N43E076.hgt"));
    expect(dem).toMatchObject({ originLon: 76, originLat: 44, width: 1201, height: 1201 });
    expect(dem.stepLatDeg).toBe(1 / 1200);
    expect(sampleDem(dem, 76, 44)).toBe(1234);
    expect(sampleDem(dem, 76.5, 43.5)).toBe(777);
    expect(countVoids(dem)).toBe(1);
  });

  it("parses tile names in every hemisphere and rejects wrong sizes", () => {
    expect(hgtTileOf("S12W077")).toEqual({ lat: -12, lon: -77 });
    expect(() => hgtTileOf("tile")).toThrow(CellplanError);
    expect(() => parseHgt(new Uint8Array(1000), { lat: 43, lon: 76 })).toThrow(/SRTM 3″/);
  });
});

describe(".cpdem codec", () => {
  it("round-trips int16 and float32 DEMs with their metadata", () => {
    for (const type of ["int16", "float32"] as const) {
      const dem = planeDem(7, 5, (c, r) => c * 100 - r * 7.25 * (type === "int16" ? 0 : 1), type);
      const { dem: back, meta } = decodeDem(encodeDem(dem, { source: "test" }));
      expect(meta).toEqual({ source: "test" });
      expect(back.heights.constructor).toBe(dem.heights.constructor);
      expect(Array.from(back.heights)).toEqual(Array.from(dem.heights));
      expect({ ...back, heights: null }).toEqual({ ...dem, heights: null });
    }
  });

  it("rejects truncated or foreign files with INVALID_DEM", () => {
    const bytes = encodeDem(planeDem(4, 4, () => 1, "int16"));
    for (const bad of [bytes.subarray(0, bytes.length - 1), bytes.subarray(0, 10), new Uint8Array(64), new TextEncoder().encode("CPDEM")]) {
      expect(() => decodeDem(bad)).toThrow(CellplanError);
    }
    const corrupt = Uint8Array.from(bytes);
    corrupt[12] = 0x7b + 1; // header no longer JSON
    expect(() => decodeDem(corrupt)).toThrow(/INVALID_DEM/);
  });

  it("never throws anything but CellplanError on random bytes after the magic", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (tail) => {
        const bytes = new Uint8Array(8 + tail.length);
        bytes.set([0x43, 0x50, 0x44, 0x45, 0x4d, 1, 0, 0]);
        bytes.set(tail, 8);
        try {
          decodeDem(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(CellplanError);
        }
      }),
      { numRuns: 500, seed: 5 },
    );
  });
});

describe("sampleRay", () => {
  const dem = planeDem(20, 10, (c, r) => 500 + 3 * c - 2 * r + 0.5 * c * r, "int16");

  it("gives sampleDem's heights along the ray", () => {
    const out = new Float64Array(40);
    const m = sampleRay(dem, 76.013, 43.987, 0.004, -0.002, 30, out);
    expect(m).toBe(30);
    for (let k = 1; k <= m; k++) expect(out[k]).toBeCloseTo(sampleDem(dem, 76.013 + k * 0.004, 43.987 - k * 0.002), 9);
  });

  it("stops before the DEM's edge and before a void", () => {
    const out = new Float64Array(40);
    // east: the last column is at 76.19; 76.013 + k·0.01 ≤ 76.19 for k ≤ 17
    expect(sampleRay(dem, 76.013, 43.95, 0.01, 0, 39, out)).toBe(17);
    const holed = planeDem(20, 10, (c, r) => (c === 10 && r === 5 ? -32768 : 500), "int16");
    // along row 5.5 the cells next to column 10 read the void from k = 8 (x = 9.3) on
    expect(sampleRay(holed, 76.013, 43.945, 0.01, 0, 15, out)).toBe(7);
  });
});
