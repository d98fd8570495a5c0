import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { ITU_EARTH_RADIUS_M } from "../../src/math.js";
import { loadScenario } from "../../src/node/scenario.js";
import { sampleDem, type Dem } from "../../src/terrain/dem.js";
import { deygoutDiffraction } from "../../src/terrain/deygout.js";
import { fresnelV, knifeEdgeLossDb } from "../../src/terrain/knife-edge.js";
import { terrainLoss } from "../../src/terrain/loss.js";
import { demSpacingM, groundElevationM, terrainProfile } from "../../src/terrain/profile.js";

const LAMBDA = 299_792_458 / 1842.5e6;
const evenProfile = (n: number, stepM: number, z: (i: number) => number) => ({
  distancesM: Float64Array.from({ length: n }, (_, i) => i * stepM),
  elevationsM: Float64Array.from({ length: n }, (_, i) => z(i)),
});

describe("terrainLoss — the exact reference path", () => {
  it("a single ridge reproduces J(v) of its geometry exactly (flat earth and k = 4/3)", () => {
    const profile = evenProfile(11, 1000, (i) => (i === 5 ? 50 : 0));
    for (const kFactor of [Infinity, 4 / 3]) {
      // h = ridge top + bulge − the line from 30 m (tx) to 1.5 m (rx) above flat ground at mid-path
      const bulge = kFactor === Infinity ? 0 : (5000 * 5000) / (2 * kFactor * ITU_EARTH_RADIUS_M);
      const h = 50 + bulge - (30 + 1.5) / 2;
      const expected = knifeEdgeLossDb(fresnelV({ heightAboveLineM: h, d1M: 5000, d2M: 5000, wavelengthM: LAMBDA }));
      const r = terrainLoss(profile, { wavelengthM: LAMBDA, txHeightM: 30, rxHeightM: 1.5, kFactor });
      expect(r.lossDb).toBeCloseTo(expected, 12);
      expect(r.lineOfSight).toBe(false);
      expect(r.edges).toHaveLength(1);
    }
  });

  it("a two-ridge profile gives Deygout's sum of the principal and sub-path edges", () => {
    const profile = evenProfile(21, 500, (i) => (i === 6 ? 60 : i === 14 ? 45 : 0));
    const r = terrainLoss(profile, { wavelengthM: LAMBDA, txHeightM: 30, rxHeightM: 1.5, kFactor: Infinity });
    // by hand: principal = the ridge with the larger v against the tx–rx line; then the other
    // ridge against the line from the principal's top to its own terminal
    const line = (d: number, z0: number, z1: number, d0: number, d1: number) => z0 + ((z1 - z0) * (d - d0)) / (d1 - d0);
    const v = (h: number, a: number, b: number) => fresnelV({ heightAboveLineM: h, d1M: a, d2M: b, wavelengthM: LAMBDA });
    const vA = v(60 - line(3000, 30, 1.5, 0, 10_000), 3000, 7000);
    const vB = v(45 - line(7000, 30, 1.5, 0, 10_000), 7000, 3000);
    expect(vA).toBeGreaterThan(vB);
    const vB2 = v(45 - line(7000, 60, 1.5, 3000, 10_000), 4000, 3000);
    expect(r.lossDb).toBeCloseTo(knifeEdgeLossDb(vA) + knifeEdgeLossDb(vB2), 10);
    expect(r.edges.map((e) => e.index)).toEqual([6, 14]);
    expect(r.lossDb).toBe(deygoutDiffraction({ ...profile, txHeightM: 30, rxHeightM: 1.5 }, { wavelengthM: LAMBDA, kFactor: Infinity }).lossDb);
  });

  it("flat ground has zero loss and line of sight (ground near the receiver is left to the path-loss model)", () => {
    for (const kFactor of [Infinity, 4 / 3]) {
      const r = terrainLoss(evenProfile(50, 100, () => 700), { freqMHz: 806, txHeightM: 30, rxHeightM: 1.5, kFactor });
      expect(r).toMatchObject({ lossDb: 0, lineOfSight: true, edges: [] });
      // P.526's own threshold would count the ground by the 1.5 m receiver as a partial obstruction
      const pure = terrainLoss(evenProfile(50, 100, () => 700), { freqMHz: 806, txHeightM: 30, rxHeightM: 1.5, kFactor, minV: -0.78 });
      expect(pure.lossDb).toBeGreaterThan(0);
      expect(r.fresnelClear).toBe(false);
    }
  });

  it("tests first-Fresnel-zone clearance against 0.6 F1", () => {
    const f1 = Math.sqrt((LAMBDA * 2500 * 2500) / 5000);
    for (const [depth, clear] of [[0.65, true], [0.55, false]] as const) {
      // one sample `depth` F1 below a level 20 m line
      const r = terrainLoss(evenProfile(3, 2500, (i) => (i === 1 ? 20 - depth * f1 : 0)), { wavelengthM: LAMBDA, txHeightM: 20, rxHeightM: 20, kFactor: Infinity });
      expect(r.fresnelClearance).toBeCloseTo(depth, 9);
      expect(r.fresnelClear).toBe(clear);
      expect(r.lineOfSight).toBe(true);
    }
  });

  it("never lets anything but CellplanError escape on random profiles", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 3000, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.double({ min: 0, max: 100, noNaN: true }), (zs, h) => {
        const r = terrainLoss(evenProfile(zs.length, 90, (i) => zs[i]!), { freqMHz: 3500, txHeightM: h, rxHeightM: 1.5 });
        expect(r.lossDb).toBeGreaterThanOrEqual(0);
        expect(Number.isFinite(r.lossDb)).toBe(true);
      }),
      { numRuns: 300, seed: 526 },
    );
    expect(() => terrainLoss(evenProfile(1, 1, () => 0), { freqMHz: 900, txHeightM: 30, rxHeightM: 1.5 })).toThrow(CellplanError);
  });
});

describe("terrainProfile", () => {
  const dem = loadScenario().terrain!;
  const square: [number, number] = [76.9453, 43.2383];
  const medeu: [number, number] = [77.0589, 43.1572];

  it("samples the DEM at most its own spacing apart, from end to end", () => {
    const p = terrainProfile(dem, square, medeu);
    const n = p.distancesM.length;
    expect(p.distancesM[0]).toBe(0);
    expect(p.distancesM[n - 1]).toBeGreaterThan(12_000);
    expect(p.distancesM[1]! - p.distancesM[0]!).toBeLessThanOrEqual(demSpacingM(dem, 43.2) + 1e-9);
    expect(p.elevationsM[0]).toBe(sampleDem(dem, ...square));
    expect(p.elevationsM[n - 1]).toBe(sampleDem(dem, ...medeu));
    // Republic Square (874 m) to the Medeu rink (1704 m): the road climbs through the foothills
    expect(Math.max(...p.elevationsM)).toBeGreaterThanOrEqual(1700);
  });

  it("is exact on a tilted plane", () => {
    const plane: Dem = { originLon: 76, originLat: 44, stepLonDeg: 0.01, stepLatDeg: 0.01, width: 50, height: 50, heights: Float32Array.from({ length: 2500 }, (_, i) => 100 + (i % 50) * 2 + Math.floor(i / 50) * 3), nodata: NaN };
    const p = terrainProfile(plane, [76.05, 43.9], [76.35, 43.7], { stepM: 100 });
    for (let i = 0; i < p.distancesM.length; i += 17) {
      const t = p.distancesM[i]! / p.distancesM[p.distancesM.length - 1]!;
      const lon = 76.05 + t * 0.3;
      const lat = 43.9 - t * 0.2;
      expect(p.elevationsM[i]).toBeCloseTo(100 + ((lon - 76) / 0.01) * 2 + ((44 - lat) / 0.01) * 3, 6);
    }
  });

  it("names the point and the DEM's bounds when a point is outside it", () => {
    expect(() => terrainProfile(dem, square, [75.5, 43.2])).toThrow(expect.objectContaining({ code: "OUT_OF_VALIDITY", message: expect.stringMatching(/to: array\(2\).*76\.6675/) }));
    expect(() => groundElevationM(dem, [80, 43], "site ALA-1")).toThrow(/site ALA-1/);
    expect(() => terrainProfile(dem, square, medeu, { stepM: 0 })).toThrow(CellplanError);
    expect(() => terrainProfile(dem, square, medeu, { maxSamples: 10 })).toThrow(expect.objectContaining({ code: "LIMIT_EXCEEDED" }));
  });
});
