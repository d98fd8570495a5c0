import { SPEED_OF_LIGHT_M_PER_S } from "../math.js";
import type { Link } from "../propagation/types.js";
import type { LonLat } from "../units.js";
import type { Dem } from "./dem.js";
import { averagingFromM, averagingToM, effectiveHeightM, prepareHataHeightCorrection, prepareHataHeightCorrectionBatch, profileMeanGroundM } from "./effective-height.js";
import { TERRAIN_LOSS_DEFAULTS, terrainLoss } from "./loss.js";
import { demSpacingM, terrainProfile } from "./profile.js";
import { radialBatch, radialBatchLoss, type RadialBatch } from "./radial-batch.js";
import { radialPlan, type RadialPlan } from "./radial-sweep.js";
import { horizonOf, radialLossDb, radialMeanGroundM, radialOf, type Horizon } from "./radial.js";
import { pointByPoint, type BatchTerm, type TerrainTerm } from "./term.js";

/** How the engine takes terrain into account (the coverage options, resolved). */
export interface TerrainTermOptions {
  dem: Dem;
  method: "radial" | "exact";
  /** "mast": no effective-height correction. */
  effectiveHeight: "terrain" | "mast";
  rxHeightM: number;
  /** Raster pixel size, m, and the raster's box (the radial sweep's spacing and reach). */
  pixelM: number;
  bbox?: readonly [number, number, number, number];
}

/** One cell of a site, as its terrain term depends on it. */
export interface CellTerrainSpec {
  heightM: number;
  /** The cell's cull radius, m: the sweep reaches the largest of the site's cells at that height. */
  rangeM: number;
  link: Link;
  freqMHz: number;
}

export interface CellTerrainTerms {
  term: TerrainTerm;
  batch: BatchTerm;
}

/**
 * The terrain terms of one site's cells (same order as `specs`): the diffraction loss toward the
 * point (exact: `terrainLoss` over the profile; radial: the site's radials, src/terrain/radial.ts)
 * plus, for a Hata-family link with `effectiveHeight: "terrain"`, the change of path loss when the
 * antenna's height is taken above the average terrain toward the point instead of above its own
 * ground (src/terrain/effective-height.ts: the two terms never count the same terrain). `groundM`
 * is the site's ground elevation (its own when it has one, else the DEM's).
 *
 * Cells at one mast height share one set of radials, reaching the largest cull radius among them
 * (kept with ground sums when any of them needs the effective height); cells that also share the
 * link share one term. Nothing is swept here: the stored sweep (`Horizon`, lazy per radial) is built
 * on the first point query, and a batch (a tile) sweeps just the radials its points use.
 */
export function siteTerrainTerms(o: TerrainTermOptions, at: LonLat, groundM: number, specs: readonly CellTerrainSpec[]): CellTerrainTerms[] {
  const plans = new Map<number, SiteRadials>();
  if (o.method === "radial") {
    const needs = new Map<number, { rangeM: number; sums: boolean }>();
    for (const s of specs) {
      const sums = o.effectiveHeight !== "mast" && prepareHataHeightCorrection(s.link) !== null;
      const n = needs.get(s.heightM);
      needs.set(s.heightM, { rangeM: Math.max(n?.rangeM ?? 0, s.rangeM), sums: (n?.sums ?? false) || sums });
    }
    for (const [heightM, n] of needs) plans.set(heightM, siteRadials(o, at, groundM, heightM, n.rangeM, n.sums));
  }
  const shared = new Map<string, CellTerrainTerms>();
  return specs.map((s) => {
    const key = JSON.stringify([s.heightM, s.link]);
    let t = shared.get(key);
    if (t === undefined) {
      t = o.method === "radial" ? radialTerms(o, plans.get(s.heightM)!, groundM, s) : exactTerms(o, at, groundM, s);
      shared.set(key, t);
    }
    return t;
  });
}

/** A site's radials at one mast height: the plan now, the stored sweep and the batch buffers on first use. */
interface SiteRadials {
  plan: RadialPlan;
  horizon: () => Horizon;
  batch: () => RadialBatch;
}

function siteRadials(o: TerrainTermOptions, at: LonLat, groundM: number, heightM: number, rangeM: number, groundSums: boolean): SiteRadials {
  const options = { pixelM: o.pixelM, groundM, groundSums, ...(o.bbox ? { bbox: o.bbox } : {}) };
  const plan = radialPlan(o.dem, at, groundM + heightM, rangeM, options); // checks the range now
  let horizon: Horizon | undefined;
  let batch: RadialBatch | undefined;
  return {
    plan,
    horizon: () => (horizon ??= horizonOf(plan, { lazy: true })),
    batch: () => (batch ??= radialBatch(plan)),
  };
}

/** Mean ground of a batch's points: used within one batch call only, so shared by every term of a thread. */
let batchMean = new Float64Array(0);

function radialTerms(o: TerrainTermOptions, radials: SiteRadials, groundM: number, s: CellTerrainSpec): CellTerrainTerms {
  const correction = o.effectiveHeight === "mast" ? null : prepareHataHeightCorrection(s.link);
  const rx = o.rxHeightM;
  const heightM = s.heightM;
  const lambda = SPEED_OF_LIGHT_M_PER_S / (s.freqMHz * 1e6);
  if (correction === null) {
    return {
      term: (_lon, _lat, ground, dx, dy, d) => {
        const h = radials.horizon();
        return radialLossDb(h, radialOf(h, dx, dy), d, ground + rx, lambda);
      },
      batch: (p) => radialBatchLoss(radials.batch(), p, rx, lambda, p.out, null),
    };
  }
  const correctBatch = prepareHataHeightCorrectionBatch(s.link, heightM)!; // `correction`'s arithmetic, bit for bit
  return {
    term: (_lon, _lat, ground, dx, dy, d) => {
      const h = radials.horizon();
      const r = radialOf(h, dx, dy);
      const m = radialMeanGroundM(h, r, d, ground - groundM);
      return radialLossDb(h, r, d, ground + rx, lambda) + correction(d, effectiveHeightM(heightM, m));
    },
    batch: (p) => {
      if (batchMean.length < p.n) batchMean = new Float64Array(p.n);
      const mean = batchMean;
      radialBatchLoss(radials.batch(), p, rx, lambda, p.out, mean);
      correctBatch(p.d, mean, p.out, p.n);
    },
  };
}

function exactTerms(o: TerrainTermOptions, at: LonLat, groundM: number, s: CellTerrainSpec): CellTerrainTerms {
  const correction = o.effectiveHeight === "mast" ? null : prepareHataHeightCorrection(s.link);
  const { dem, rxHeightM: rx } = o;
  const { heightM, freqMHz } = s;
  const term: TerrainTerm = (lon, lat, ground, _dx, _dy, d) => {
    const profile = terrainProfile(dem, at, [lon, lat], { stepM: demSpacingM(dem, (at[1] + lat) / 2) * TERRAIN_LOSS_DEFAULTS.stepShare });
    profile.elevationsM[0] = groundM;
    const loss = profile.elevationsM.length < 3 ? 0 : terrainLoss(profile, { freqMHz, txHeightM: heightM, rxHeightM: rx }).lossDb;
    if (correction === null) return loss;
    const mean = profileMeanGroundM(profile, averagingFromM(d), averagingToM(d), groundM, ground - groundM);
    return loss + correction(d, effectiveHeightM(heightM, mean));
  };
  return { term, batch: pointByPoint(term) };
}
