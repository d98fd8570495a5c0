/**
 * Effective base-station antenna height for the Hata family (Okumura-Hata, COST-231 Hata), whose
 * h_b is the antenna's height above the *average terrain*, not above its own ground (Okumura 1968;
 * COST 231 Final Report §4.4: "effective height").
 *
 * Convention, after ITU-R P.1546-6 Annex 5 §3 (terrain information available):
 *   h_eff = site ground + mast height − mean ground along the path over [from, to], where
 *   [from, to] = [3 km, 15 km] for paths of 15 km or more (§3.2), and [0.2·d, d] for a path of
 *   length d < 15 km (§3.1.2).
 * The mean is over the terrain samples in that range (the profile's at DEM spacing on the exact
 * path; the radial's on the fast path), the receiver's own ground when the range holds none.
 *
 * Floor: h_eff ≥ `minShareOfMast` × the mast height, and by default that share is 1 — the terrain
 * can raise a base station (a site on a plateau or a slope above the pixels gains, the height-gain
 * term of Hata), never sink it below its mast. Terrain *above* the site toward the pixel is what
 * the diffraction term charges for, where it actually obstructs the path; also lowering h_eff for
 * it would count that terrain twice (and on a city's uniform slope, uphill pixels in plain view of
 * the antenna would lose 10–25 dB although nothing stands in the way). With the floor at the mast,
 * the two terms never overlap: height gain over lower average terrain, diffraction over obstacles.
 * A share below 1 (Lee's model caps h_e at a tenth of the reference height) lets a site in a
 * depression lose as well; then both terms apply to rising terrain.
 *
 * Validity: h_eff is clamped to the model's validity range (30–200 m; a mast above 200 m keeps its
 * own height) rather than failing pixel by pixel, with or without `extrapolate: "formula"` (whose
 * free-space floor still applies): Hata's fit says nothing of a base station 500 m above a plain,
 * and the cap bounds the gain. The engine culls each cell at its flat-earth radius (mast height,
 * `COVERAGE_DEFAULTS.cullMarginDb` below the floor); the capped gain there, (13.82 + 6.55·log d_km)·
 * log10(200 / h_b), is 19.4 dB for a 30 m mast at 30 km — so with the default 20 dB margin a culled
 * cell still stays below the outdoor threshold and the noise (a smaller margin or a lower mast
 * leaves out some of the far, elevated sites' weak signal).
 */
import { bitsScratch, fastLog10, type BitsScratch } from "../fast-math.js";
import { FSPL_CONSTANT_DB } from "../propagation/fspl.js";
import { cost231HataConstantDb } from "../propagation/cost231-hata.js";
import { okumuraHataConstantDb } from "../propagation/okumura-hata.js";
import { PATH_LOSS_MODELS } from "../propagation/registry.js";
import type { Link } from "../propagation/types.js";
import type { GroundProfile } from "./profile.js";

export const EFFECTIVE_HEIGHT_DEFAULTS = {
  /** Paths at least this long average the ground over [longFromM, longToM] (P.1546-6 Annex 5 §3.2). */
  longPathM: 15_000,
  longFromM: 3_000,
  longToM: 15_000,
  /** Shorter paths average over [shortFromShare·d, d] (P.1546-6 Annex 5 §3.1.2). */
  shortFromShare: 0.2,
  /** Lowest effective height as a share of the mast height (1: terrain only ever raises the antenna). */
  minShareOfMast: 1,
};

/** Start of the stretch of a path of length d (m) whose mean ground sets the effective height, m. */
export function averagingFromM(distanceM: number): number {
  const e = EFFECTIVE_HEIGHT_DEFAULTS;
  return distanceM >= e.longPathM ? e.longFromM : e.shortFromShare * distanceM;
}

/** End of that stretch, m. */
export function averagingToM(distanceM: number): number {
  const e = EFFECTIVE_HEIGHT_DEFAULTS;
  return distanceM >= e.longPathM ? e.longToM : distanceM;
}

/**
 * Mean of a profile's ground minus `groundTxM` over the samples whose distance lies in
 * [fromM, toM], m; `fallbackM` when none does.
 */
export function profileMeanGroundM(profile: GroundProfile, fromM: number, toM: number, groundTxM: number, fallbackM: number): number {
  const x = profile.distancesM;
  const z = profile.elevationsM;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    if (x[i]! >= fromM && x[i]! <= toM) {
      sum += z[i]! - groundTxM;
      n++;
    }
  }
  return n === 0 ? fallbackM : sum / n;
}

/** h_eff from the mast height and the mean ground above the site's (negative: the site stands higher), floored. */
export function effectiveHeightM(mastM: number, meanGroundAboveSiteM: number): number {
  const h = mastM - meanGroundAboveSiteM;
  const floor = EFFECTIVE_HEIGHT_DEFAULTS.minShareOfMast * mastM;
  return h > floor ? h : floor;
}

/**
 * For a Hata-family link, the change of its path loss when h_b is h_eff (clamped to the validity
 * range, see above) instead of the link's mast height: L(d, h_eff) − L(d, h_b), dB (negative when
 * h_eff > h_b). Both Hata formulas depend
 * on h_b through −13.82·log h_b + (44.9 − 6.55·log h_b)·log d_km; the free-space floor of
 * `extrapolate: "formula"` applies to both terms. Null for other models (TR 38.901 defines h_BS
 * above the ground at the mast; free space has no height).
 *
 * The engine calls it per pixel and site, so what depends on the link alone is computed here and
 * the two logarithms per call (of d and h_eff) are src/fast-math.ts `fastLog10`'s (within 1e-15
 * relative of `Math.log10`, several times cheaper in V8). For a batch of points,
 * `prepareHataHeightCorrectionBatch` gives the same numbers without a call per point.
 */
export function prepareHataHeightCorrection(link: Link): ((distanceM: number, hEffM: number) => number) | null {
  const k = hataHeightConstants(link);
  if (k === null) return null;
  return k.formula ? (d, hEff) => formulaCorrectionDb(k, d, hEff) : (d, hEff) => clampedCorrectionDb(k, d, hEff);
}

/**
 * `prepareHataHeightCorrection` over a batch of points, added in place: for i < n,
 * out[i] += correction(distanceM[i], effectiveHeightM(mastM, meanGroundAboveSiteM[i])), with the
 * same arithmetic (one function for both, so a batch equals the point calls bit for bit) but no
 * call per point. Null where the point form is.
 */
export function prepareHataHeightCorrectionBatch(
  link: Link,
  mastM: number,
): ((distanceM: Float64Array, meanGroundAboveSiteM: Float64Array, out: Float64Array, n: number) => void) | null {
  const k = hataHeightConstants(link);
  if (k === null) return null;
  if (k.formula) {
    return (d, mean, out, n) => {
      for (let i = 0; i < n; i++) out[i] = out[i]! + formulaCorrectionDb(k, d[i]!, effectiveHeightM(mastM, mean[i]!));
    };
  }
  return (d, mean, out, n) => {
    for (let i = 0; i < n; i++) out[i] = out[i]! + clampedCorrectionDb(k, d[i]!, effectiveHeightM(mastM, mean[i]!));
  };
}

/** What the correction of one link needs, computed once. */
interface HataHeightConstants {
  /** `extrapolate: "formula"`: no lower clamp, the free-space floor on both terms. */
  formula: boolean;
  /** The link's constant term (dB), mast height h_b (m), log10 h_b, and 44.9 − 6.55·log10 h_b. */
  a: number;
  hb: number;
  lhb: number;
  b: number;
  /** Free space at 1 km, dB. */
  free: number;
  /** Clamp of h_eff, m. */
  lo: number;
  top: number;
  scratch: BitsScratch;
}

function hataHeightConstants(link: Link): HataHeightConstants | null {
  if (link.model !== "okumura-hata" && link.model !== "cost231-hata") return null;
  const { freqMHz: f, txHeightM: hb, rxHeightM: hm, citySize } = link;
  const a =
    link.model === "okumura-hata"
      ? okumuraHataConstantDb(f, hb, hm, link.environment, citySize)
      : cost231HataConstantDb(f, hb, hm, link.environment, citySize);
  const scratch = bitsScratch();
  const lhb = fastLog10(hb, scratch);
  const [lo, hi] = PATH_LOSS_MODELS[link.model].validity.txHeightM!;
  return {
    formula: link.extrapolate === "formula",
    a,
    hb,
    lhb,
    b: 44.9 - 6.55 * lhb,
    free: FSPL_CONSTANT_DB + 20 * Math.log10(f) + 60,
    lo,
    top: Math.max(hi, hb),
    scratch,
  };
}

/** The correction with `extrapolate: "formula"`, dB. */
function formulaCorrectionDb(k: HataHeightConstants, d: number, hEff: number): number {
  const h = hEff > k.top ? k.top : hEff;
  if (h === k.hb) return 0;
  const lg = fastLog10((d < 1 ? 1 : d) * 1e-3, k.scratch);
  const lh = fastLog10(h, k.scratch);
  const fs = k.free + 20 * lg;
  const mast = k.a + k.b * lg;
  const eff = k.a - 13.82 * (lh - k.lhb) + (44.9 - 6.55 * lh) * lg;
  return (eff > fs ? eff : fs) - (mast > fs ? mast : fs);
}

/** The correction without extrapolation (h_eff clamped to the validity range), dB. */
function clampedCorrectionDb(k: HataHeightConstants, d: number, hEff: number): number {
  const h = hEff < k.lo ? k.lo : hEff > k.top ? k.top : hEff;
  if (h === k.hb) return 0;
  const dl = fastLog10(h, k.scratch) - k.lhb;
  return -13.82 * dl - 6.55 * dl * fastLog10(d * 1e-3, k.scratch);
}
