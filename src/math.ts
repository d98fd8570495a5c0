/**
 * Constants and small numeric helpers shared by every layer. Each constant cites its source.
 */

/** WGS84 semi-major axis in metres (NIMA TR8350.2, Table 3.1). */
export const WGS84_A = 6378137;
/** WGS84 flattening (NIMA TR8350.2, Table 3.1). */
export const WGS84_F = 1 / 298.257223563;
/** WGS84 first eccentricity squared, e² = f(2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** IUGG mean earth radius R1 = (2a + b) / 3 in metres (Moritz, Geodetic Reference System 1980). */
export const EARTH_MEAN_RADIUS_M = 6371008.8;

/** Speed of light in vacuum, m/s (exact by definition of the metre, SI Brochure 9th ed. §2.3.1). */
export const SPEED_OF_LIGHT_M_PER_S = 299_792_458;

/**
 * Earth radius used with the effective-radius factor k, m: 6 371 km as in ITU-R P.452-16 §4.3
 * (a_e = 6 371·k km) and ITU-R P.1812; ITU-R P.526-15 §1 quotes 8 500 km ≈ 4/3 × 6 371 km.
 */
export const ITU_EARTH_RADIUS_M = 6_371_000;

export const DEG = Math.PI / 180;
export const RAD = 180 / Math.PI;

/** Metres per degree of latitude at the equator on the mean sphere (for rough bounds only). */
export const METRES_PER_DEGREE = EARTH_MEAN_RADIUS_M * DEG;

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Normalises an angle to [0, 360). */
export function wrapDeg360(deg: number): number {
  const r = deg % 360;
  return r < 0 ? r + 360 : r === 360 ? 0 : r;
}

/** Normalises an angle to (−180, 180]. */
export function wrapDeg180(deg: number): number {
  const r = wrapDeg360(deg);
  return r > 180 ? r - 360 : r;
}

/** Power ratio → decibels. */
export function toDb(ratio: number): number {
  return 10 * Math.log10(ratio);
}

/** Decibels → power ratio. */
export function fromDb(db: number): number {
  return 10 ** (db / 10);
}

/** Milliwatts → dBm and back. */
export const mwToDbm = toDb;
export const dbmToMw = fromDb;

/** Sum of powers given in dBm, returned in dBm (−Infinity for an empty list). */
export function sumDbm(values: ArrayLike<number>): number {
  let mw = 0;
  for (let i = 0; i < values.length; i++) mw += fromDb(values[i]!);
  return toDb(mw);
}

/**
 * Seeded 32-bit PRNG (mulberry32, Tommy Ettinger, public domain). Returns floats in [0, 1).
 * Everything random in cellplan takes a seed and draws from this.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
