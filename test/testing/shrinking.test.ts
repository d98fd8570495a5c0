import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbDem, arbGrid, arbScenario, arbSiteCollection } from "../../src/testing/index.js";

/**
 * Planted bugs: a property that fails on some generated values must shrink to the smallest readable
 * counterexample — the point of shipping arbitraries rather than random data.
 */
function counterexample<T>(arb: fc.Arbitrary<T>, holds: (v: T) => boolean, seed: number): T {
  const r = fc.check(fc.property(arb, holds), { seed, numRuns: 500 });
  expect(r.failed).toBe(true);
  return r.counterexample![0];
}

describe("shrinking reaches minimal counterexamples", () => {
  it("a bug on sites with more than two sectors shrinks to one site of three one-cell sectors with nothing optional", () => {
    for (const seed of [1, 2, 3]) {
      const c = counterexample(arbSiteCollection(), (c) => c.features.every((f) => f.properties.sectors.length <= 2), seed);
      expect(c.features).toHaveLength(1);
      const p = c.features[0]!.properties;
      expect(p.sectors).toHaveLength(3);
      for (const s of p.sectors) {
        expect(s.cells).toHaveLength(1);
        expect(Object.keys(s).sort()).toEqual(["antenna", "azimuthDeg", "cells", "heightM"]);
        expect(s.azimuthDeg).toBe(0);
      }
      expect(Object.keys(p).sort()).toEqual(["id", "sectors", "status"]);
      expect(p.id).toBe("S1");
      expect(c.features[0]!.geometry.coordinates).toEqual([76.742, 43.0328]); // the box's south-west corner
    }
  }, 30_000);

  it("a bug on duplicate bands within a site shrinks to one site with two cells of one band", () => {
    const c = counterexample(
      arbSiteCollection(),
      (c) => c.features.every((f) => {
        const bands = f.properties.sectors.flatMap((s) => s.cells.map((x) => x.band));
        return new Set(bands).size === bands.length;
      }),
      4,
    );
    expect(c.features).toHaveLength(1);
    const cells = c.features[0]!.properties.sectors.flatMap((s) => s.cells);
    expect(cells).toHaveLength(2);
    expect(cells[0]!.band).toBe(cells[1]!.band); // (both must change at once to shrink the band further)
  }, 30_000);

  it("a bug on phases of two deployments shrinks to one phase with two deployments of one band each, no sites, no population", () => {
    const g = counterexample(arbScenario(), (g) => (g.files.scenario as { programme: { phases: { deployments: unknown[] }[] } }).programme.phases.every((p) => p.deployments.length < 2), 5);
    const phases = (g.files.scenario as { programme: { phases: { deployments: { bands: string[] }[] }[] } }).programme.phases;
    expect(phases).toHaveLength(1);
    expect(phases[0]!.deployments.map((d) => d.bands.length)).toEqual([1, 1]);
    expect(g.sites.features).toEqual([]);
    expect((g.files.population as { features: unknown[] }).features).toEqual([]);
  }, 30_000);

  it("a bug on DEMs higher than 1,000 m shrinks to a 2 × 2 int16 DEM with one sample at 1,001 m", () => {
    const d = counterexample(arbDem(), (d) => d.heights.every((h) => !(h > 1000)), 6);
    expect([d.width, d.height, d.heights.constructor.name]).toEqual([2, 2, "Int16Array"]);
    expect([...d.heights].sort((a, b) => a - b)).toEqual([0, 0, 0, 1001]);
  }, 30_000);

  it("a bug on grids of more than four pixels shrinks to a 5 × 1 or 1 × 5 grid of 10 m cells", () => {
    const g = counterexample(arbGrid(), (g) => g.width * g.height <= 4, 7);
    expect(g.width * g.height).toBe(5);
    expect(Math.min(g.width, g.height)).toBe(1);
    expect(g.cellSizeM).toBe(10);
  }, 30_000);
});
