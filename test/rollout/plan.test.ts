import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { localFrame } from "../../src/geo/frame.js";
import { validateSites } from "../../src/model/validate.js";
import { loadScenario } from "../../src/node/scenario.js";
import type { RolloutPlan } from "../../src/rollout/plan-types.js";
import { planRollout, ROLLOUT_DEFAULTS, SHIPPED_SITES_SETTINGS } from "../../src/rollout/plan.js";
import { phaseSitesFileText } from "../../src/rollout/site-files.js";
import { checkRolloutPlan } from "../../src/testing/check-rollout.js";

const scenario = loadScenario();
let plan: RolloutPlan;
beforeAll(() => {
  plan = planRollout(scenario);
}, 180_000);

const carrying = (tech: string) => (s: RolloutPlan["sites"]["features"][number]) =>
  s.properties.sectors.some((q) => q.cells.some((c) => c.band.startsWith(tech)));

describe("planRollout on the Almaty programme", () => {
  it("places 37 2G/3G, 26 4G and a 7-site 5G cluster as valid planned sites in build order", () => {
    const [p1, p2] = plan.phases;
    expect(plan.phases.map((p) => p.phase)).toEqual(["2019-2020", "2021-pilot"]);
    expect(p1!.sites.filter(carrying("UMTS")).length).toBe(37);
    expect(p1!.sites.filter(carrying("GSM")).length).toBe(37);
    expect(p1!.sites.filter(carrying("LTE")).length).toBe(26);
    expect(p2!.sites.length).toBe(7);
    expect(p2!.sites.every(carrying("NR"))).toBe(true);
    const all = plan.sites.features;
    expect(validateSites(plan.sites).features.length).toBe(all.length);
    expect(all.map((s) => s.properties.buildOrder)).toEqual(all.map((_, i) => i + 1));
    for (const p of plan.phases) for (const s of p.sites) expect([s.properties.status, s.properties.phase]).toEqual(["planned", p.phase]);
    // co-located 4G sites share the 2G/3G mast: one feature carrying both
    const d4 = p1!.deployments[1]!;
    expect(d4.siteIds.length).toBe(26);
    expect(p1!.sites.length).toBe(37 + 26 - d4.colocated);
  });

  it("states a valid bound and a small gap for every phase and deployment", () => {
    checkRolloutPlan(plan);
    for (const p of plan.phases) {
      for (const d of p.deployments) {
        expect(d.bound).toBeGreaterThanOrEqual(d.objective);
        expect(d.gapPct).toBeLessThan(5);
      }
    }
    expect(plan.phases[1]!.deployments[0]!.boundMethod).toBe("enumeration");
  });

  it("accounts coverage consistently: the solver's covered people equal the independent per-technology count", () => {
    const [p1] = plan.phases;
    const threeG = p1!.coverage.find((c) => c.technology === "3G")!;
    expect(threeG.city.cumulative).toBeCloseTo(p1!.deployments[0]!.covered, 3); // UMTS2100 is 3G's only band
    for (const p of plan.phases) {
      for (const t of p.coverage) {
        expect(t.districts.reduce((s, d) => s + d.cumulative, 0)).toBeCloseTo(t.city.cumulative, 3);
        expect(t.districts.reduce((s, d) => s + d.population, 0)).toBeCloseTo(2_165_759, 0);
        for (const d of [...t.districts, t.city]) {
          expect(d.cumulative).toBeGreaterThanOrEqual(d.phase - 1e-9);
          expect(d.cumulative).toBeLessThanOrEqual(d.population + 1e-6);
        }
      }
    }
    const cum = (k: number, tech: string) => plan.phases[k]!.coverage.find((c) => c.technology === tech)!.city.cumulative;
    for (const tech of ["2G", "3G", "4G", "5G"]) expect(cum(1, tech)).toBeGreaterThanOrEqual(cum(0, tech));
    expect(cum(0, "5G")).toBe(0);
  });

  it("lays the 5G pilot out as a hexagonal cluster at the inter-site distance, sites near a mast moved onto it", () => {
    const sites = plan.phases[1]!.sites.map((s) => s.geometry.coordinates as [number, number]);
    const masts = new Set(plan.phases[0]!.sites.map((s) => s.geometry.coordinates.join(",")));
    const own = sites.filter((s) => !masts.has(s.join(",")));
    expect(sites.length - own.length).toBe(plan.phases[1]!.deployments[0]!.colocated);
    const f = localFrame(sites[0]![1]);
    const dist = (a: [number, number], b: [number, number]) => Math.hypot((a[0] - b[0]) * f.kx, (a[1] - b[1]) * f.ky);
    // new pilot masts sit on the 400 m lattice: every pair a lattice distance apart (400, 693, 800 m)
    for (let i = 0; i < own.length; i++) {
      for (let j = i + 1; j < own.length; j++) {
        const d = dist(own[i]!, own[j]!);
        expect([400, 400 * Math.sqrt(3), 800].some((l) => Math.abs(d - l) < 1), `${d} m`).toBe(true);
      }
    }
  });

  it("keeps every two masts at least minSiteDistanceM apart; a co-located 4G cell shares its mast's feature", () => {
    const D = ROLLOUT_DEFAULTS.minSiteDistanceM;
    expect(D).toBeGreaterThan(0);
    // masts: distinct positions (a pilot site sharing a mast is a feature of its own at the mast's position)
    const all = [...new Map(plan.sites.features.map((f) => [f.geometry.coordinates.join(","), f])).values()];
    const pilot = plan.phases[1]!.deployments[0]!;
    expect(plan.sites.features.length - all.length).toBe(pilot.colocated);
    let closest = Infinity;
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        const [a, b] = [all[i]!.geometry.coordinates, all[j]!.geometry.coordinates];
        const f = localFrame((a[1]! + b[1]!) / 2);
        closest = Math.min(closest, Math.hypot((a[0]! - b[0]!) * f.kx, (a[1]! - b[1]!) * f.ky));
      }
    }
    // the planner measures in one frame at the grid's middle latitude, this test at each pair's: 0.5 % apart at most
    expect(closest).toBeGreaterThanOrEqual(D * 0.995);
    const shared = plan.phases[0]!.sites.filter((s) => carrying("UMTS")(s) && carrying("LTE")(s));
    expect(shared.length).toBe(plan.phases[0]!.deployments[1]!.colocated);
    expect(shared.length).toBeGreaterThan(0);
  });

  it("refuses a minimum distance that leaves no room for a deployment's sites, saying how many fit", () => {
    const phase = scenario.programme.phases[0]!;
    const crowded = { ...scenario, programme: { ...scenario.programme, phases: [{ ...phase, deployments: [{ ...phase.deployments[0]!, sites: 300 }] }] } };
    let caught: unknown;
    try {
      planRollout(crowded, { minSiteDistanceM: 2000, clusterIsdM: 2000, search: { ilsIterations: 0, lagrangianIterations: 0 } });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(CellplanError);
    const p = (caught as CellplanError).problems[0]!;
    expect([p.code, p.field, p.value]).toEqual(["INVALID_VALUE", "minSiteDistanceM", 2000]);
    expect(p.allowed).toMatch(/300 2G\/3G sites: at most \d+ new sites/);
  }, 60_000);

  it("regenerates data/almaty/sites-*.geojson byte for byte (npm run data:sites writes them)", () => {
    for (const p of plan.phases) {
      const shipped = readFileSync(new URL(`../../data/almaty/sites-${p.phase}.geojson`, import.meta.url), "utf8");
      expect(phaseSitesFileText(plan, p, SHIPPED_SITES_SETTINGS)).toBe(shipped);
    }
  });

  it("refuses bad options with a CellplanError naming the field", () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ candidateSpacingM: 0 }, "candidateSpacingM"],
      [{ demandSpacingM: Number.NaN }, "demandSpacingM"],
      [{ service: "deep-indoor" }, "service"],
      [{ seed: 1.5 }, "seed"],
      [{ clusterIsdM: 10 }, "clusterIsdM"],
      [{ colocationCostPeople: -1 }, "colocationCostPeople"],
      [{ minSiteDistanceM: -1 }, "minSiteDistanceM"],
      [{ minSiteDistanceM: Number.NaN }, "minSiteDistanceM"],
      [{ clusterIsdM: 200 }, "clusterIsdM"],
      [{ terrain: "yes" }, "terrain"],
    ];
    for (const [options, field] of bad) {
      const e = (() => {
        try {
          planRollout(scenario, options as never);
        } catch (x) {
          return x;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(CellplanError);
      expect((e as CellplanError).problems[0]!.field).toBe(field);
    }
  });
});
