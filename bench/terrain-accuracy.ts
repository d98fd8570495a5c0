import { localFrame } from "../src/geo/frame.js";
import { mulberry32 } from "../src/math.js";
import type { SiteCollection } from "../src/model/schema.js";
import type { Scenario } from "../src/rollout/scenario.js";
import { sampleDem } from "../src/terrain/dem.js";
import { terrainLoss } from "../src/terrain/loss.js";
import { terrainProfile } from "../src/terrain/profile.js";
import { buildHorizon, horizonLossDb } from "../src/terrain/radial.js";

export interface Stats {
  mean: number;
  p95: number;
  max: number;
}

export interface RadialAccuracy extends Stats {
  n: number;
  /** Paths the exact principal edge obstructs. */
  blocked: number;
  /** The same radial losses against full Deygout (3 edges). */
  deygout: Stats;
}

function stats(a: number[]): Stats {
  const b = [...a].sort((x, y) => x - y);
  return { mean: b.reduce((t, x) => t + x, 0) / b.length, p95: b[Math.floor(0.95 * b.length)]!, max: b[b.length - 1]! };
}

/**
 * The radial sweep against the exact profile path over `n` seeded receivers within 8 km of the
 * provisional LTE800 sites (30 m masts, 1.5 m receivers): shared by test/terrain/radial.test.ts
 * and bench/perf-report.ts.
 */
export function radialAccuracy(s: Scenario, sites: SiteCollection, n: number): RadialAccuracy {
  const dem = s.terrain!;
  const lte = sites.features.filter((f) => f.properties.sectors.some((x) => x.cells.some((c) => c.band === "LTE800")));
  const lambda = 299_792_458 / 806e6;
  const rand = mulberry32(5);
  const diffs: number[] = [];
  const diffsDeygout: number[] = [];
  let blocked = 0;
  const perSite = Math.ceil(n / lte.length);
  for (const site of lte) {
    const at = site.geometry.coordinates;
    const zTx = sampleDem(dem, at[0], at[1]) + 30;
    const horizon = buildHorizon(dem, at, zTx, 8000, { pixelM: 50 });
    const f = localFrame(at[1]);
    for (let k = 0; k < perSite; k++) {
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
  return { n: diffs.length, blocked, ...stats(diffs), deygout: stats(diffsDeygout) };
}
