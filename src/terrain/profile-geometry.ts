/**
 * Geometry shared by the diffraction methods: constants, the terrain-profile type and its
 * validation, wavelength, the effective-earth bulge and an obstacle's height above the line
 * between two terminals.
 *
 * Curvature convention: every profile function takes an effective earth-radius factor `kFactor`
 * (default 4/3) and adds the bulge d1·d2 / (2·k·R) of each sample to its elevation before any
 * line is drawn. Pass `kFactor: Infinity` when the elevations already include curvature (or for
 * a flat earth). Adding the whole-path bulge once is exact for every sub-path too: the bulge is a
 * parabola in distance, so a sample's height above any chord between two other samples equals
 * (x − a)(b − x) / (2kR), the bulge of that sub-path.
 */
import { fail } from "../errors.js";
import { ITU_EARTH_RADIUS_M, SPEED_OF_LIGHT_M_PER_S } from "../math.js";
import type { MHz, Metres } from "../units.js";

export { ITU_EARTH_RADIUS_M, SPEED_OF_LIGHT_M_PER_S };

// Module-local copies: live import bindings are slow in vitest-transformed hot loops.
const C_M_PER_S = SPEED_OF_LIGHT_M_PER_S;
const R_M = ITU_EARTH_RADIUS_M;

/** Defaults of the diffraction functions (src/terrain/{deygout,bullington}.ts). */
export const DIFFRACTION_DEFAULTS = {
  /**
   * Effective earth-radius factor k: 4/3, the standard-atmosphere value (ITU-R P.834; P.452-16 §4.3's
   * k50 = 157/(157 − ΔN) is ≈ 4/3 for ΔN ≈ 40 N-units/km).
   */
  kFactor: 4 / 3,
  /**
   * Most knife edges Deygout uses (ITU-R practice: 3): the principal edge and one on each side, or two
   * levels down one side when the other has none. The radial raster path always uses 3 (`deygoutHull3`).
   */
  maxEdges: 3,
  /** Bullington: add P.526-15 §4.5.1's empirical term [1 − exp(−Luc/6)]·(10 + 0.02·d_km). */
  empiricalCorrection: true,
} as const;

/**
 * A terrain profile from transmitter to receiver. The terminals stand on the first and the
 * last sample; the samples between them are the candidate obstacles.
 */
export interface TerrainProfile {
  /** Distance of each sample along the path, m: finite, ≥ 0 and strictly increasing. */
  distancesM: ArrayLike<number>;
  /** Ground (or ground + clutter) elevation of each sample, m above a common datum; same length. */
  elevationsM: ArrayLike<number>;
  /** Transmitter antenna height above the ground at the first sample, m (≥ 0). */
  txHeightM: Metres;
  /** Receiver antenna height above the ground at the last sample, m (≥ 0). */
  rxHeightM: Metres;
}

/** The wave, by wavelength or by frequency (λ = c / f). */
export type WaveOptions = { wavelengthM: Metres; freqMHz?: undefined } | { freqMHz: MHz; wavelengthM?: undefined };

/** Throws `NOT_FINITE` unless `value` is a finite number. */
export function checkFinite(field: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) fail("NOT_FINITE", field, value, "a finite number");
}

/** Wavelength in metres of a wave given by `wavelengthM` or `freqMHz` (exactly one, > 0). */
export function wavelengthOf(options: WaveOptions): Metres {
  const { wavelengthM, freqMHz } = options as { wavelengthM?: number; freqMHz?: number };
  if (wavelengthM !== undefined && freqMHz !== undefined) {
    fail("INVALID_VALUE", "freqMHz", freqMHz, "either wavelengthM or freqMHz, not both");
  }
  if (wavelengthM !== undefined) {
    checkFinite("wavelengthM", wavelengthM);
    if (wavelengthM <= 0) fail("INVALID_VALUE", "wavelengthM", wavelengthM, "a wavelength > 0 m");
    return wavelengthM;
  }
  if (freqMHz === undefined) fail("INVALID_VALUE", "freqMHz", freqMHz, "a frequency in MHz (or a wavelengthM)");
  checkFinite("freqMHz", freqMHz);
  if (freqMHz <= 0) fail("INVALID_VALUE", "freqMHz", freqMHz, "a frequency > 0 MHz");
  const lambda = C_M_PER_S / (freqMHz * 1e6);
  if (!Number.isFinite(lambda)) fail("INVALID_VALUE", "freqMHz", freqMHz, "a frequency whose wavelength is finite");
  return lambda;
}

/** Validates an effective earth-radius factor: > 0, `Infinity` allowed (flat earth). */
export function checkKFactor(kFactor: number): void {
  if (typeof kFactor !== "number" || Number.isNaN(kFactor)) fail("NOT_FINITE", "kFactor", kFactor, "a number > 0");
  if (!(kFactor > 0)) fail("INVALID_VALUE", "kFactor", kFactor, "an effective earth-radius factor > 0 (Infinity for a flat earth)");
}

/** 1 / (2·k·R) in 1/m, so that the bulge is d1·d2 times it; 0 for `kFactor = Infinity`. */
export function bulgeCoefficient(kFactor: number): number {
  checkKFactor(kFactor);
  return 1 / (2 * kFactor * R_M);
}

/**
 * Earth bulge at a point d1 from one end and d2 from the other, m: d1·d2 / (2·k·R), the
 * parabolic approximation behind P.526-15 §4.5.1's term 500·C_e·d_i·(d − d_i) (km, C_e = 1/a_e).
 */
export function earthBulgeM(d1M: Metres, d2M: Metres, kFactor: number = DIFFRACTION_DEFAULTS.kFactor): Metres {
  checkFinite("d1M", d1M);
  checkFinite("d2M", d2M);
  if (d1M < 0) fail("INVALID_VALUE", "d1M", d1M, "a distance ≥ 0 m");
  if (d2M < 0) fail("INVALID_VALUE", "d2M", d2M, "a distance ≥ 0 m");
  checkKFactor(kFactor);
  return (d1M * d2M) / (2 * kFactor * R_M);
}

export interface LineClearanceOptions {
  /** Transmitter antenna tip, m above the common datum. */
  txElevationM: Metres;
  /** Receiver antenna tip, m above the common datum. */
  rxElevationM: Metres;
  /** Obstacle top, m above the common datum. */
  obstacleElevationM: Metres;
  /** Distance transmitter → obstacle along the path, m (> 0). */
  d1M: Metres;
  /** Distance obstacle → receiver along the path, m (> 0). */
  d2M: Metres;
  /** Effective earth-radius factor; default 4/3, `Infinity` for none (flat, or elevations already curved). */
  kFactor?: number;
}

/**
 * Height of an obstacle's top above the straight line between the two antennas, m (negative
 * below it), earth bulge included: h = z_obs + d1·d2/(2kR) − (z_tx·d2 + z_rx·d1)/(d1 + d2).
 * This is the `h` of ITU-R P.526-15 eq. (26).
 */
export function obstacleHeightAboveLineM(options: LineClearanceOptions): Metres {
  const { txElevationM, rxElevationM, obstacleElevationM, d1M, d2M } = options;
  checkFinite("txElevationM", txElevationM);
  checkFinite("rxElevationM", rxElevationM);
  checkFinite("obstacleElevationM", obstacleElevationM);
  checkFinite("d1M", d1M);
  checkFinite("d2M", d2M);
  if (d1M <= 0) fail("INVALID_VALUE", "d1M", d1M, "a distance > 0 m (the obstacle lies between the terminals)");
  if (d2M <= 0) fail("INVALID_VALUE", "d2M", d2M, "a distance > 0 m (the obstacle lies between the terminals)");
  const bulge = earthBulgeM(d1M, d2M, options.kFactor ?? DIFFRACTION_DEFAULTS.kFactor);
  return obstacleElevationM + bulge - (txElevationM * d2M + rxElevationM * d1M) / (d1M + d2M);
}

/**
 * Validates a profile: equal lengths ≥ 2, finite values, distances ≥ 0 and strictly increasing,
 * antenna heights ≥ 0. Throws `CellplanError` naming the first bad field.
 */
export function checkTerrainProfile(profile: TerrainProfile): void {
  if (profile === null || typeof profile !== "object") fail("INVALID_VALUE", "profile", profile, "a TerrainProfile object");
  const { distancesM: d, elevationsM: z } = profile;
  if (d === null || typeof d !== "object" || typeof d.length !== "number") {
    fail("INVALID_VALUE", "profile.distancesM", d, "an array or Float64Array of distances in m");
  }
  if (z === null || typeof z !== "object" || typeof z.length !== "number") {
    fail("INVALID_VALUE", "profile.elevationsM", z, "an array or Float64Array of elevations in m");
  }
  if (d.length < 2) fail("INVALID_VALUE", "profile.distancesM", d.length, "at least 2 samples (the two terminals)");
  if (z.length !== d.length) {
    fail("INVALID_VALUE", "profile.elevationsM", z.length, `as many samples as distancesM (${d.length})`);
  }
  checkFinite("profile.txHeightM", profile.txHeightM);
  checkFinite("profile.rxHeightM", profile.rxHeightM);
  if (profile.txHeightM < 0) fail("INVALID_VALUE", "profile.txHeightM", profile.txHeightM, "a height ≥ 0 m above the ground");
  if (profile.rxHeightM < 0) fail("INVALID_VALUE", "profile.rxHeightM", profile.rxHeightM, "a height ≥ 0 m above the ground");
  let prev = -Infinity;
  for (let i = 0; i < d.length; i++) {
    const di = d[i]!;
    checkFinite(`profile.distancesM[${i}]`, di);
    if (di < 0) fail("INVALID_VALUE", `profile.distancesM[${i}]`, di, "a distance ≥ 0 m");
    if (!(di > prev)) fail("INVALID_VALUE", `profile.distancesM[${i}]`, di, `a distance > ${prev} m (strictly increasing)`);
    prev = di;
    checkFinite(`profile.elevationsM[${i}]`, z[i]!);
  }
}
