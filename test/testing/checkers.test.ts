import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCoverage, type CoverageRaster } from "../../src/coverage/compute.js";
import { CellplanError } from "../../src/errors.js";
import { createSite } from "../../src/model/create.js";
import { arbSiteCollection, assertInDeltaDb, checkCoverageRaster, checkRolloutPlan, InvariantError, type RolloutPlanShape } from "../../src/testing/index.js";
import type { BBox } from "../../src/units.js";

function violations(f: () => void): string[] {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvariantError);
    return [...(e as InvariantError).problems];
  }
  return [];
}

const AREA: BBox = [76.9, 43.2, 76.96, 43.25];
function coverage(): CoverageRaster {
  const sites = [createSite({ id: "A", coordinates: [76.91, 43.21], technologies: ["4G"] }), createSite({ id: "B", coordinates: [76.95, 43.24], technologies: ["4G"] })];
  const area = { type: "Polygon" as const, coordinates: [[[76.9, 43.2], [76.96, 43.2], [76.96, 43.25], [76.9, 43.2]]] };
  return computeCoverage(sites, { area, technology: "4G", cellSizeM: 250 });
}

describe("checkCoverageRaster", () => {
  it("passes every raster the engine computes for generated networks (60 runs, bands and technologies)", () => {
    const options = fc.constantFrom({ technology: "2G" as const }, { technology: "4G" as const }, { band: "NR3500" as const }, { band: "UMTS2100" as const });
    fc.assert(
      fc.property(arbSiteCollection({ bbox: AREA, maxSites: 4 }), options, (sites, o) => {
        checkCoverageRaster(computeCoverage(sites, { area: AREA, cellSizeM: 400, ...o }));
      }),
      { numRuns: 60, seed: 11 },
    );
    const r = coverage();
    expect(r.mask.some((m) => m === 0) && r.server.some((s) => s >= 0)).toBe(true); // both sides of the mask are exercised
    checkCoverageRaster(r);
  });

  it("names each broken invariant, folding per-pixel ones with a count and the first pixel", () => {
    const r = coverage();
    const inside = r.mask.indexOf(1);
    const outside = r.mask.indexOf(0);
    const served = r.server.findIndex((s, i) => s >= 0 && i !== inside);
    const bad = { ...r, powerDbm: r.powerDbm.slice(), server: r.server.slice(), sinrDb: r.sinrDb.slice(), secondDbm: r.secondDbm.slice() };
    bad.powerDbm[outside] = -80;
    bad.server[inside] = r.cells.length;
    bad.sinrDb[served] = r.powerDbm[served]! - r.noiseDbm[0]! + 1;
    bad.secondDbm[served] = r.powerDbm[served]! + 3;
    const found = violations(() => checkCoverageRaster(bad));
    expect(found).toEqual([
      `a dB layer is not NaN outside the mask — at 1 pixel, first #${outside}: power -80, second NaN, sinr NaN`,
      `server index outside cells — at 1 pixel, first #${inside}: server ${r.cells.length} of ${r.cells.length} cells`,
      expect.stringMatching(/^second-best power is not ≤ best power — at 1 pixel/),
      expect.stringMatching(/^SINR exceeds SNR \(power − noise\) — at 1 pixel/),
    ]);
  });

  it("checks sizes, types, bands and noise before looking at pixels", () => {
    const r = coverage();
    const found = violations(() => checkCoverageRaster({ ...r, mask: new Uint8Array(3), sinrDb: Array.from(r.sinrDb) as never, noiseDbm: [], cells: [{ ...r.cells[0]!, band: "GSM900" }] }));
    expect(found).toEqual([
      `mask has 3 entries, grid has ${r.grid.width * r.grid.height} pixels`,
      "sinrDb must be a Float32Array, got Array",
      "noiseDbm must hold one finite value per band (2), got []",
      "cells[0].band GSM900 is not among the raster's bands LTE800, LTE1800",
    ]);
    expect(violations(() => checkCoverageRaster(null as never))).toEqual(["not a coverage raster: null"]);
  });

  it("the error message lists every problem", () => {
    const r = coverage();
    try {
      checkCoverageRaster({ ...r, bands: [] , noiseDbm: [] });
    } catch (e) {
      expect((e as Error).message).toMatch(/^coverage raster: \d+ invariants? violated\n {2}- bands must be a non-empty list/);
    }
  });
});

describe("checkRolloutPlan", () => {
  const site = (id: string, phase?: string) => ({ type: "Feature" as const, geometry: { type: "Point" as const, coordinates: [76.9, 43.2] }, properties: { id, ...(phase ? { phase } : {}) } });
  const good: RolloutPlanShape = {
    phases: [
      { phase: "2019-2020", year: 2020, objective: 900, bound: 1000, gapPct: 10, sites: [site("A", "2019-2020"), site("B")] },
      { phase: "2021-pilot", year: 2021, objective: 50, bound: 50, gapPct: 0, sites: [site("C", "2021-pilot")] },
      { phase: "empty", objective: 0, bound: 0, gapPct: 0, sites: [] },
    ],
  };

  it("passes a consistent plan (gap rounded to 2 decimals too)", () => {
    checkRolloutPlan(good);
    checkRolloutPlan({ phases: [{ phase: "p", objective: 2, bound: 3, gapPct: 33.33, sites: [] }] });
    checkRolloutPlan({ phases: [] });
  });

  it("names every broken invariant", () => {
    const [p1, p2] = good.phases;
    const bad: RolloutPlanShape = {
      phases: [
        { ...p1!, year: 2021, bound: 800, gapPct: 5 },
        { ...p2!, phase: "2019-2020", year: 2020, sites: [site("A", "other")] },
        { phase: "x", objective: NaN, bound: 1, gapPct: 0, sites: "none" as never },
      ],
    };
    expect(violations(() => checkRolloutPlan(bad))).toEqual([
      "phases[0].bound 800 is below the objective 900: not an upper bound",
      "phases[0].gapPct 5 disagrees with 100 · (bound − objective) / bound = -12.5",
      'phases[1].phase "2019-2020" repeats phases[0]',
      "phases[1].year 2020 comes before the previous phase's 2021: phases out of order",
      "phases[2]: objective, bound and gapPct must be finite numbers, got NaN, 1, 0",
      "phases[2].sites must be a list, got none",
      'a site id used twice in the plan — at 1 site, first phases[1].sites[0]: "A" also at phases[0].sites[0]',
      'a site whose phase is not its phase\'s — at 1 site, first phases[1].sites[0]: "A" says other, listed under "2019-2020"',
    ]);
    expect(violations(() => checkRolloutPlan({} as never))).toEqual(["plan.phases must be a list, got undefined"]);
  });

  it("respects its tolerances", () => {
    const p = { phases: [{ phase: "p", objective: 1000, bound: 999.9999999999, gapPct: 0, sites: [] }] };
    checkRolloutPlan(p);
    expect(violations(() => checkRolloutPlan(p, { boundTolerance: 0 }))).toHaveLength(1);
    expect(violations(() => checkRolloutPlan({ phases: [{ phase: "p", objective: 2, bound: 3, gapPct: 33.3, sites: [] }] }))).toHaveLength(1);
    checkRolloutPlan({ phases: [{ phase: "p", objective: 2, bound: 3, gapPct: 33.3, sites: [] }] }, { gapTolerancePct: 0.1 });
  });
});

describe("assertInDeltaDb", () => {
  it("compares numbers and arrays; equal infinities and NaN with NaN match", () => {
    assertInDeltaDb(-80.04, -80, 0.05);
    assertInDeltaDb(-Infinity, -Infinity, 0);
    assertInDeltaDb(Float32Array.from([NaN, -Infinity, -70]), [NaN, -Infinity, -70.01], 0.05, "powerDbm");
    expect(() => assertInDeltaDb(-80.2, -80, 0.05, "RSRP")).toThrow(/^RSRP: -80.2 dB is not within 0.05 dB of -80 dB/);
    expect(() => assertInDeltaDb([1, NaN, 3, -Infinity], [1, 2, 3.5, 0], 0.1, "layer")).toThrow("layer: 3 of 4 values are not within 0.1 dB (worst at #1: NaN vs 2 dB)");
    expect(() => assertInDeltaDb([1], [1, 2], 0.1)).toThrow("value: 1 values, expected 2");
    expect(() => assertInDeltaDb(1, [1], 0.1)).toThrow(/cannot compare/);
  });

  it("refuses a tolerance that is not a finite number ≥ 0", () => {
    for (const d of [-1, NaN, Infinity, "0.1"]) expect(() => assertInDeltaDb(1, 1, d as number)).toThrow(CellplanError);
  });
});
