/**
 * Single knife-edge diffraction, ITU-R P.526-15 §4.1: the Fresnel–Kirchhoff parameter v from the
 * path geometry and the approximate loss J(v). Both are called per pixel by the terrain engine,
 * so they allocate nothing; `fresnelVRaw` and `knifeEdgeLossRaw` skip validation for loops whose
 * inputs are checked.
 */
import { fail } from "../errors.js";
import type { Decibels, Metres } from "../units.js";
import { wavelengthOf, type WaveOptions } from "./profile-geometry.js";

/** Below this v the edge is taken as clear: J(v) = 0 (P.526-15 §4.1, under eq. (31)). */
export const KNIFE_EDGE_V_MIN = -0.78;
const V_MIN = KNIFE_EDGE_V_MIN;
/** Past this x = v − 0.1, √(x² + 1) + x is 2x to double precision; avoids overflow of x². */
const X_LARGE = 1e150;
const LOG10_2 = Math.log10(2);

/**
 * Knife-edge diffraction loss J(v) in dB, returned positive, by ITU-R P.526-15 eq. (31):
 * J(v) = 6.9 + 20·log10(√((v − 0.1)² + 1) + v − 0.1) for v > −0.78, and 0 for v ≤ −0.78.
 * (The exact Fresnel-integral loss, eq. (30), is 6.02 dB at v = 0; eq. (31) gives 6.03 dB.)
 */
export function knifeEdgeLossDb(v: number): Decibels {
  if (!Number.isFinite(v)) fail("NOT_FINITE", "v", v, "a finite Fresnel–Kirchhoff parameter");
  return knifeEdgeLossRaw(v);
}

/**
 * J(v) of `knifeEdgeLossDb` without validation, for loops that have already checked v: the same
 * bits for every finite v (NaN gives NaN, +∞ gives +∞, −∞ gives 0).
 */
export function knifeEdgeLossRaw(v: number): Decibels {
  if (v <= V_MIN) return 0;
  const x = v - 0.1;
  if (x > X_LARGE) return 6.9 + 20 * (Math.log10(x) + LOG10_2);
  return 6.9 + 20 * Math.log10(Math.sqrt(x * x + 1) + x);
}

/**
 * v = h·√(2/λ·(1/d1 + 1/d2)), ITU-R P.526-15 eq. (26), without validation: h is the height of the
 * obstacle above the direct line (negative below), d1/d2 its distances to the terminals, all in
 * metres. The caller guarantees finite h, d1 > 0, d2 > 0, λ > 0.
 */
export function fresnelVRaw(heightAboveLineM: Metres, d1M: Metres, d2M: Metres, wavelengthM: Metres): number {
  return heightAboveLineM * Math.sqrt((2 / wavelengthM) * (1 / d1M + 1 / d2M));
}

export type FresnelVOptions = {
  /** Height of the obstacle's top above the straight line between the terminals, m (negative below). */
  heightAboveLineM: Metres;
  /** Distance from the transmitter to the obstacle along the path, m (> 0). */
  d1M: Metres;
  /** Distance from the obstacle to the receiver along the path, m (> 0). */
  d2M: Metres;
} & WaveOptions;

/**
 * The Fresnel–Kirchhoff diffraction parameter v (ITU-R P.526-15 eq. (26)) of one obstacle, with
 * λ = c/f when the wave is given by `freqMHz` (c = 299 792 458 m/s). Fails fast on bad input.
 */
export function fresnelV(options: FresnelVOptions): number {
  const { heightAboveLineM: h, d1M, d2M } = options;
  if (!Number.isFinite(h)) fail("NOT_FINITE", "heightAboveLineM", h, "a finite height in m (negative below the line)");
  if (!Number.isFinite(d1M)) fail("NOT_FINITE", "d1M", d1M, "a finite distance in m");
  if (!Number.isFinite(d2M)) fail("NOT_FINITE", "d2M", d2M, "a finite distance in m");
  if (d1M <= 0) fail("INVALID_VALUE", "d1M", d1M, "a distance > 0 m (the obstacle lies between the terminals)");
  if (d2M <= 0) fail("INVALID_VALUE", "d2M", d2M, "a distance > 0 m (the obstacle lies between the terminals)");
  const lambda = wavelengthOf(options);
  const v = fresnelVRaw(h, d1M, d2M, lambda);
  // Finite inputs can still overflow (h = 1e308 at λ = 1 mm, d1 = 5e-324): never hand back ±Infinity or NaN.
  if (!Number.isFinite(v)) fail("INVALID_VALUE", "heightAboveLineM", h, "a geometry whose v is finite (v overflowed)");
  return v;
}
