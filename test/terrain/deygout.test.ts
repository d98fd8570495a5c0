import { describe, expect, it } from "vitest";
import { deygoutDiffraction } from "../../src/terrain/deygout.js";
import { knifeEdgeLossDb } from "../../src/terrain/knife-edge.js";
import type { TerrainProfile } from "../../src/terrain/profile-geometry.js";
import { expectProblem } from "../fixtures/errors.js";

/** 299.792458 MHz is λ = 1 m exactly, which keeps the hand calculations short. */
const ONE_METRE = { freqMHz: 299.792458, kFactor: Infinity } as const;

describe("deygoutDiffraction — two ridges worked by hand", () => {
  // Flat earth (kFactor: Infinity), λ = 1 m, both antennas at elevation 0 (0 m masts on 0 m ground).
  //   x (m):  0    1000   2000   7000   10000
  //   z (m):  0       0     30     25       0
  const profile: TerrainProfile = { distancesM: [0, 1000, 2000, 7000, 10_000], elevationsM: [0, 0, 30, 25, 0], txHeightM: 0, rxHeightM: 0 };

  // Level 0, against the direct line (elevation 0 everywhere), v = h·√(2/λ·(1/d1 + 1/d2)):
  //   x = 1000: h = 0                     → v = 0
  //   x = 2000: h = 30, √(2·(1/2000 + 1/8000)) = √0.00125 = 0.0353553 → v = 1.060660   ← principal
  //   x = 7000: h = 25, √(2·(1/7000 + 1/3000)) = √0.000952381 = 0.0308607 → v = 0.771517
  //   J(1.060660): x = 0.960660, √(x² + 1) = 1.386675, sum 2.347335, 20·log10 = 7.41150 → 14.31150 dB
  // Level 1, sub-path Tx → top of the principal edge (0,0)–(2000,30):
  //   x = 1000: line at 15 m, h = −15, √(2·(1/1000 + 1/1000)) = 0.0632456 → v = −0.948683 ≤ −0.78: no edge
  // Level 1, sub-path top of the principal edge → Rx (2000,30)–(10000,0):
  //   x = 7000: line at 30·3000/8000 = 11.25 m, h = 13.75, √(2·(1/5000 + 1/3000)) = 0.0326599
  //   → v = 0.449073 (against the direct line it was 0.771517: the sub-path line is the principal's top)
  //   J(0.449073): x = 0.349073, √(x² + 1) = 1.059175, sum 1.408248, 20·log10 = 2.97358 → 9.87358 dB
  // Total: 14.31150 + 9.87358 = 24.18508 dB.
  it("finds the principal edge, then the sub-path edge against the principal's top", () => {
    const r = deygoutDiffraction(profile, ONE_METRE);
    expect(r.edges.map((e) => e.index)).toEqual([2, 3]);
    const [p, s] = r.edges;
    expect(p!.v).toBeCloseTo(1.06066, 5);
    expect(p!.lossDb).toBeCloseTo(14.3115, 3);
    expect(p).toMatchObject({ level: 0, fromIndex: 0, toIndex: 4, distanceM: 2000 });
    expect(p!.heightAboveLineM).toBeCloseTo(30, 12);
    expect(s!.v).toBeCloseTo(0.449073, 5);
    expect(s!.heightAboveLineM).toBeCloseTo(13.75, 12);
    expect(s!.lossDb).toBeCloseTo(9.87358, 3);
    expect(s).toMatchObject({ level: 1, fromIndex: 2, toIndex: 4, distanceM: 7000 });
    expect(r.lossDb).toBeCloseTo(24.18508, 3);
  });

  it("stops at maxEdges: 1 gives the principal edge alone", () => {
    const r = deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 1 });
    expect(r.edges).toHaveLength(1);
    expect(r.lossDb).toBeCloseTo(14.3115, 3);
  });

  it("takes frequency or wavelength alike", () => {
    const byWavelength = deygoutDiffraction(profile, { wavelengthM: 1, kFactor: Infinity });
    expect(byWavelength.lossDb).toBeCloseTo(deygoutDiffraction(profile, ONE_METRE).lossDb, 9);
  });
});

describe("deygoutDiffraction — edge budget", () => {
  // Five ridges, flat earth, λ = 1 m: principal at 5000; left sub-path best at 2000, right at 8000;
  // with a larger budget a third level finds 1000 (left of 2000) and 9000 (right of 8000).
  const profile: TerrainProfile = {
    distancesM: [0, 1000, 2000, 3500, 5000, 6500, 8000, 9000, 10_000],
    elevationsM: [0, 25, 45, 10, 60, 10, 40, 22, 0],
    txHeightM: 0,
    rxHeightM: 0,
  };

  it("uses the principal and one edge per side by default", () => {
    const r = deygoutDiffraction(profile, ONE_METRE);
    expect(r.edges.map((e) => e.index)).toEqual([4, 2, 6]);
    expect(r.edges.map((e) => e.level)).toEqual([0, 1, 1]);
    expect(r.lossDb).toBeCloseTo(r.edges.reduce((s, e) => s + e.lossDb, 0), 12);
  });

  it("fills a level in decreasing v, then goes one level deeper", () => {
    const two = deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 2 });
    const three = deygoutDiffraction(profile, ONE_METRE);
    const side = three.edges.slice(1).sort((a, b) => b.v - a.v)[0]!;
    expect(two.edges.map((e) => e.index)).toEqual([4, side.index]);
    const many = deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 20 });
    expect(many.edges.slice(0, 3).map((e) => e.index)).toEqual([4, 2, 6]);
    expect(many.edges.some((e) => e.level === 2)).toBe(true);
    for (let k = 1; k < many.edges.length; k++) expect(many.edges[k]!.level).toBeGreaterThanOrEqual(many.edges[k - 1]!.level);
    expect(many.lossDb).toBeGreaterThanOrEqual(three.lossDb);
  });

  it("recomputes J(v) of each edge with knifeEdgeLossDb", () => {
    for (const e of deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 20 }).edges) expect(e.lossDb).toBe(knifeEdgeLossDb(e.v));
  });

  it("rejects a bad edge budget", () => {
    expectProblem(() => deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 0 }), "INVALID_VALUE", "maxEdges");
    expectProblem(() => deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: 1.5 }), "INVALID_VALUE", "maxEdges");
    expectProblem(() => deygoutDiffraction(profile, { ...ONE_METRE, maxEdges: Number.NaN }), "INVALID_VALUE", "maxEdges");
  });
});

describe("deygoutDiffraction is not monotone in the terrain", () => {
  // Raising the principal edge raises the line its sub-path edges are measured against, and a
  // close neighbour can lose more than the principal gains. Flat earth, λ = 1 m, antennas at 0:
  //   x (m): 0   4900   5000   10000
  //   z (m): 0     19     20       0      (then P = the sample at 5000 is raised to 21 m)
  // P at 20 m: v_P = 20·√(2·(2/5000)) = 20·0.0282843 = 0.565685, J = 10.81135 dB (principal; the
  //   sample at 4900 has v = 19·√(2·(1/4900 + 1/5100)) = 0.537509 < v_P).
  //   Sub-path 0 → P: line at 4900 is 19.6 m, h = −0.6, √(2·(1/4900 + 1/100)) = 0.142857,
  //   v = −0.085714, J: x = −0.185714, √(x² + 1) = 1.017099, sum 0.831384 → 5.29604 dB.
  //   Total 16.10739 dB.
  // P at 21 m: v_P = 21·0.0282843 = 0.593970, J = 11.03285 dB; the line at 4900 is 20.58 m,
  //   h = −1.58, v = −0.225714, J: x = −0.325714, √(x² + 1) = 1.051708, sum 0.725994 → 4.11866 dB.
  //   Total 15.15151 dB: 0.96 dB less for a higher ridge.
  const base: TerrainProfile = { distancesM: [0, 4900, 5000, 10_000], elevationsM: [0, 19, 20, 0], txHeightM: 0, rxHeightM: 0 };
  const raised: TerrainProfile = { ...base, elevationsM: [0, 19, 21, 0] };

  it("loses 0.96 dB when the principal ridge is raised by 1 m (worked example)", () => {
    const before = deygoutDiffraction(base, ONE_METRE);
    const after = deygoutDiffraction(raised, ONE_METRE);
    expect(before.edges.map((e) => [e.index, e.level])).toEqual([[2, 0], [1, 1]]);
    expect(before.lossDb).toBeCloseTo(16.10739, 4);
    expect(after.lossDb).toBeCloseTo(15.15151, 4);
    expect(after.lossDb).toBeLessThan(before.lossDb);
  });

  it("but the principal-edge loss (maxEdges: 1) does grow", () => {
    const before = deygoutDiffraction(base, { ...ONE_METRE, maxEdges: 1 });
    const after = deygoutDiffraction(raised, { ...ONE_METRE, maxEdges: 1 });
    expect(before.lossDb).toBeCloseTo(10.81135, 4);
    expect(after.lossDb).toBeCloseTo(11.03285, 4);
  });
});

describe("deygoutDiffraction — distinct obstacles", () => {
  // Flat earth, λ = 1 m, 0 m antennas on 0 m ground. A flat-topped hill (4900, 5000, 5100 m at
  // 42 / 42.5 / 42 m) and a separate ridge at 8000 m (20 m), ground at 0 m between them.
  const profile: TerrainProfile = {
    distancesM: [0, 2000, 4900, 5000, 5100, 6500, 8000, 10_000],
    elevationsM: [0, 0, 42, 42.5, 42, 0, 20, 0],
    txHeightM: 0,
    rxHeightM: 0,
  };
  const o = { ...ONE_METRE, minV: 0 };

  // Principal: 5000 m, v = 42.5·√(2·(1/5000 + 1/5000)) = 1.20208 (4900 m: 1.18835; 8000 m: 0.70711).
  // Sub-path tx → (5000, 42.5): the line is at 41.65 m at 4900 m, h = 0.35, v = 0.35·√(2·(1/4900 + 1/100))
  //   = 0.35/7 = 0.05 — the hill's own shoulder.
  // Sub-path (5000, 42.5) → rx: at 5100 m the line is at 41.65 m (h = 0.35, v = 0.05, the other
  //   shoulder); at 8000 m it is at 17 m: h = 3, v = 3·√(2·(1/3000 + 1/2000)) = 0.122474 — the ridge.
  it("counts the samples beside a flat top as that top, not as further edges", () => {
    const classical = deygoutDiffraction(profile, o);
    const distinct = deygoutDiffraction(profile, { ...o, distinctObstacles: true });
    expect(classical.edges.map((e) => e.distanceM)).toEqual([5000, 8000, 4900]);
    expect(classical.edges[2]!.v).toBeCloseTo(0.05, 9);
    expect(distinct.edges.map((e) => e.distanceM)).toEqual([5000, 8000]);
    expect(distinct.edges[0]!.v).toBeCloseTo(1.20208, 5);
    expect(distinct.edges[1]!.v).toBeCloseTo(0.122474, 5);
    expect(distinct.lossDb).toBeCloseTo(knifeEdgeLossDb(1.2020815) + knifeEdgeLossDb(0.1224745), 5);
    expect(classical.lossDb - distinct.lossDb).toBeCloseTo(knifeEdgeLossDb(0.05), 9); // 6.5 dB for a shoulder
  });

  it("leaves obstacles with ground between them alone (the two ridges worked by hand, plus a valley sample)", () => {
    const twoRidges: TerrainProfile = { distancesM: [0, 1000, 2000, 4500, 7000, 10_000], elevationsM: [0, 0, 30, 0, 25, 0], txHeightM: 0, rxHeightM: 0 };
    const distinct = deygoutDiffraction(twoRidges, { ...o, distinctObstacles: true });
    expect(distinct).toEqual(deygoutDiffraction(twoRidges, o));
    expect(distinct.lossDb).toBeCloseTo(24.18508, 3);
  });

  it("treats neighbouring samples as one obstacle: meant for profiles at DEM spacing, not for sparse hand-made ones", () => {
    // the hand-worked profile has no sample between its ridges: with the rule they are one obstacle
    const sparse: TerrainProfile = { distancesM: [0, 1000, 2000, 7000, 10_000], elevationsM: [0, 0, 30, 25, 0], txHeightM: 0, rxHeightM: 0 };
    expect(deygoutDiffraction(sparse, { ...o, distinctObstacles: true }).edges.map((e) => e.distanceM)).toEqual([2000]);
  });

  it("on a smooth hill, keeps the classical construction from taking the sample beside the top as a second edge", () => {
    // a 60 m cosine hill 2 km wide at 4 km, a 25 m hill at 7 km; λ = 0.375 m, 10 m and 1.5 m antennas
    const hill = (x: number) => (Math.abs(x - 4000) < 1000 ? 30 * (1 + Math.cos((Math.PI * (x - 4000)) / 1000)) : 0) + (Math.abs(x - 7000) < 500 ? 12.5 * (1 + Math.cos((Math.PI * (x - 7000)) / 500)) : 0);
    for (const step of [25, 12.5]) {
      const distancesM = Array.from({ length: Math.round(10_000 / step) + 1 }, (_, i) => i * step);
      const p: TerrainProfile = { distancesM, elevationsM: distancesM.map(hill), txHeightM: 10, rxHeightM: 1.5 };
      const w = { wavelengthM: 0.375, kFactor: Infinity, minV: 0 };
      const classical = deygoutDiffraction(p, w);
      const distinct = deygoutDiffraction(p, { ...w, distinctObstacles: true });
      // classical: the top, then two samples of its own flanks as "sub-path edges" (+13.5 dB)
      expect(classical.edges.map((e) => e.distanceM)).toEqual([4000, 3975, 4025]);
      expect(distinct.edges.map((e) => e.distanceM)).toEqual([4000]);
      expect(classical.lossDb - distinct.lossDb).toBeGreaterThan(12);
    }
  });

  it("refuses a non-boolean option", () => {
    expectProblem(() => deygoutDiffraction({ distancesM: [0, 1, 2], elevationsM: [0, 1, 0], txHeightM: 1, rxHeightM: 1 }, { ...ONE_METRE, distinctObstacles: "yes" as unknown as boolean }), "INVALID_VALUE", "distinctObstacles");
  });
});
