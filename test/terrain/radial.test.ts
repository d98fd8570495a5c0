import { describe, expect, it } from "vitest";
import { localFrame } from "../../src/geo/frame.js";
import { mulberry32 } from "../../src/math.js";
import { loadScenario } from "../../src/node/scenario.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";
import { sampleDem } from "../../src/terrain/dem.js";
import { terrainLoss } from "../../src/terrain/loss.js";
import { buildHorizon, horizonLossDb } from "../../src/terrain/radial.js";
import { terrainProfile } from "../../src/terrain/profile.js";

/**
 * The fast radial terrain path against the exact profile path over Almaty: seeded receivers within
 * 8 km of the provisional 4G sites, LTE800, 30 m masts, 1.5 m receivers. The radial path is a
 * principal-edge method; it is held to the exact principal-edge loss, and its distance from full
 * Deygout is reported.
 */
describe("radial terrain sweep vs the exact profile path (Almaty)", () => {
  const s = loadScenario();
  const dem = s.terrain!;
  const sites = provisionalPlacement(s).features.filter((f) => f.properties.phase === "2019-2020" && f.properties.sectors.some((x) => x.cells.some((c) => c.band === "LTE800")));
  const lambda = 299_792_458 / 806e6;
  const rand = mulberry32(5);
  const diffs: number[] = [];
  const diffsDeygout: number[] = [];
  let blocked = 0;
  for (const site of sites) {
    const at = site.geometry.coordinates;
    const ground = sampleDem(dem, at[0], at[1]);
    const zTx = ground + 30;
    const horizon = buildHorizon(dem, at, zTx, 8000, { pixelM: 50 });
    const f = localFrame(at[1]);
    for (let k = 0; k < 400; k++) {
      const r = 100 + 7900 * Math.sqrt(rand());
      const a = 2 * Math.PI * rand();
      const dx = r * Math.sin(a);
      const dy = r * Math.cos(a);
      const p: [number, number] = [at[0] + dx / f.kx, at[1] + dy / f.ky];
      const zRx = sampleDem(dem, p[0], p[1]) + 1.5;
      if (!Number.isFinite(zRx)) continue;
      const profile = terrainProfile(dem, at, p);
      const exact = terrainLoss(profile, { wavelengthM: lambda, txHeightM: 30, rxHeightM: 1.5, maxEdges: 1 }).lossDb;
      const deygout = terrainLoss(profile, { wavelengthM: lambda, txHeightM: 30, rxHeightM: 1.5 }).lossDb;
      const fast = horizonLossDb(horizon, dx, dy, Math.hypot(dx, dy), zRx, lambda);
      if (exact > 0) blocked++;
      diffs.push(Math.abs(exact - fast));
      diffsDeygout.push(Math.abs(deygout - fast));
    }
  }
  const stats = (a: number[]) => {
    const b = [...a].sort((x, y) => x - y);
    return { mean: b.reduce((t, x) => t + x, 0) / b.length, p95: b[Math.floor(0.95 * b.length)]!, max: b.at(-1)! };
  };
  const { mean, p95, max } = stats(diffs);
  const full = stats(diffsDeygout);

  it("covers at least 10,000 paths, a fair share of them obstructed", () => {
    expect(diffs.length).toBeGreaterThanOrEqual(10_000);
    expect(blocked / diffs.length).toBeGreaterThan(0.05);
  });

  // Both paths count an edge only from v > 0, where J(v) starts at 6 dB: a ridge that grazes the
  // line in one discretisation (profile samples every DEM spacing) and not in the other (radial
  // samples every half spacing, on the nearest radial) differs by ≈ 6 dB. The p95 bound allows
  // one such jump; the mean shows how rare they are.
  it("stays within mean 1 dB and p95 6 dB (one grazing jump) of the exact principal-edge path", () => {
    console.info(
      `radial vs exact principal edge over ${diffs.length} Almaty paths (${blocked} obstructed): mean ${mean.toFixed(2)} dB, p95 ${p95.toFixed(2)} dB, max ${max.toFixed(1)} dB; ` +
        `vs full Deygout (3 edges): mean ${full.mean.toFixed(2)} dB, p95 ${full.p95.toFixed(2)} dB`,
    );
    expect(mean).toBeLessThanOrEqual(1);
    expect(p95).toBeLessThanOrEqual(6);
    // the sub-path edges it leaves out are why it is not the default
    expect(full.mean).toBeGreaterThan(mean);
  });
});
