import { prepareCells } from "../src/coverage/cells.js";
import { COVERAGE_DEFAULTS } from "../src/coverage/defaults.js";
import { localFrame } from "../src/geo/frame.js";
import { mulberry32 } from "../src/math.js";
import type { SiteCollection } from "../src/model/schema.js";
import { BAND_TABLE } from "../src/radio/bands.js";
import type { Scenario } from "../src/rollout/scenario.js";
import { sampleDem } from "../src/terrain/dem.js";
import { TERRAIN_LOSS_DEFAULTS, terrainLoss } from "../src/terrain/loss.js";
import { demSpacingM, terrainProfile } from "../src/terrain/profile.js";
import { buildHorizon, horizonLossDb } from "../src/terrain/radial.js";

export interface Stats {
  mean: number;
  p95: number;
  max: number;
  /** Share of paths differing by more than 3 dB. */
  over3: number;
}

export interface RadialAccuracy extends Stats {
  n: number;
  /** Paths the exact path obstructs (loss > 0). */
  blocked: number;
  /** The exact path against itself with half its profile spacing: how much its own sampling moves it. */
  exactHalfStep: Stats;
}

function stats(a: number[]): Stats {
  const b = [...a].sort((x, y) => x - y);
  return {
    mean: b.reduce((t, x) => t + x, 0) / b.length,
    p95: b[Math.floor(0.95 * b.length)]!,
    max: b[b.length - 1]!,
    over3: b.filter((x) => x > 3).length / b.length,
  };
}

/**
 * The radial sweep against the exact profile path — the very `terrainLoss` call of the engine's
 * "exact" mode (Deygout, 3 distinct obstacles reaching the line) — over `n` seeded receivers
 * 100 m – `maxM` (default 8 km; at most the cull radius, 34 km) from the provisional LTE800 sites,
 * uniform over that disc's area (1.5 m receivers, the sites' own masts; receivers off the DEM are
 * skipped, so far fewer than `n` paths remain when `maxM` reaches past the DEM). Each
 * site's sweep is built as the engine builds it for a raster of `pixelM` pixels: its range is the
 * cells' cull radius, so radials are `pixelM` apart at that range. Shared by
 * test/terrain/radial.test.ts and bench/perf-report.ts.
 */
export function radialAccuracy(s: Scenario, sites: SiteCollection, n: number, pixelM = 50, maxM = 8000): RadialAccuracy {
  const dem = s.terrain!;
  const lte = sites.features.filter((f) => f.properties.sectors.some((x) => x.cells.some((c) => c.band === "LTE800")));
  const rxHeightM = COVERAGE_DEFAULTS.rxHeightM;
  const setup = prepareCells(lte, { band: "LTE800", rxHeightM, penetrationLossDb: 0, shadowingMarginDb: 0, cullMarginDb: COVERAGE_DEFAULTS.cullMarginDb });
  const wavelengthM = 299_792_458 / (BAND_TABLE.LTE800.downlinkCentreMHz * 1e6);
  const rand = mulberry32(5);
  const diffs: number[] = [];
  const self: number[] = [];
  let blocked = 0;
  const perSite = Math.ceil(n / lte.length);
  for (const site of lte) {
    const at = site.geometry.coordinates;
    const cell = setup.cells.find((c) => c.siteId === site.properties.id)!;
    const mastM = cell.heightM;
    const groundM = sampleDem(dem, at[0], at[1]);
    const horizon = buildHorizon(dem, at, groundM + mastM, cell.cullRadiusM, { pixelM, lazy: true });
    const f = localFrame(at[1]);
    const spacing = demSpacingM(dem, at[1]) * TERRAIN_LOSS_DEFAULTS.stepShare; // the engine's exact profiles
    for (let k = 0; k < perSite; k++) {
      const r = 100 + (Math.min(maxM, cell.cullRadiusM) - 100) * Math.sqrt(rand());
      const a = 2 * Math.PI * rand();
      const dx = r * Math.sin(a);
      const dy = r * Math.cos(a);
      const p: [number, number] = [at[0] + dx / f.kx, at[1] + dy / f.ky];
      const zRx = sampleDem(dem, p[0], p[1]) + rxHeightM;
      if (!Number.isFinite(zRx)) continue;
      const options = { wavelengthM, txHeightM: mastM, rxHeightM };
      const exact = terrainLoss(terrainProfile(dem, at, p, { stepM: spacing }), options).lossDb;
      const fine = terrainLoss(terrainProfile(dem, at, p, { stepM: spacing / 2 }), options).lossDb;
      const fast = horizonLossDb(horizon, dx, dy, Math.hypot(dx, dy), zRx, wavelengthM);
      if (exact > 0) blocked++;
      diffs.push(Math.abs(exact - fast));
      self.push(Math.abs(exact - fine));
    }
  }
  return { n: diffs.length, blocked, ...stats(diffs), exactHalfStep: stats(self) };
}
