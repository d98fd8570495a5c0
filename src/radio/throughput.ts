import { fail } from "../errors.js";
import { fromDb, toDb } from "../math.js";
import { DOWNLINK_SHANNON } from "./defaults.js";

export interface ShannonParams {
  /** Implementation loss factor α. */
  alpha: number;
  /** Below this SINR the link carries nothing. */
  sinrMinDb: number;
  /** Highest spectral efficiency of the modulation and coding set, bit/s/Hz. */
  thrMaxBpsHz: number;
}

/**
 * 3GPP TR 36.942 Annex A.2 truncated Shannon bound: 0 below SINRmin, α·log2(1 + SINR) up to
 * SINRmax, and Thrmax above, where SINRmax = 2^(Thrmax/α) − 1 makes the curve continuous
 * (≈ 22.05 dB for the downlink set α 0.6, Thrmax 4.4 bit/s/Hz). Returns bit/s/Hz.
 */
export function shannonThroughputBpsHz(sinrDbValue: number, params: ShannonParams = DOWNLINK_SHANNON): number {
  if (Number.isNaN(sinrDbValue)) fail("NOT_FINITE", "sinrDb", sinrDbValue, "a number (±Infinity allowed)");
  const { alpha, sinrMinDb, thrMaxBpsHz } = params;
  if (!(alpha > 0 && alpha <= 1)) fail("INVALID_VALUE", "alpha", alpha, "0 < α ≤ 1");
  if (!(thrMaxBpsHz > 0 && Number.isFinite(thrMaxBpsHz))) fail("INVALID_VALUE", "thrMaxBpsHz", thrMaxBpsHz, "a finite efficiency > 0");
  if (!Number.isFinite(sinrMinDb)) fail("NOT_FINITE", "sinrMinDb", sinrMinDb, "a finite dB value");
  if (sinrDbValue < sinrMinDb) return 0;
  return Math.min(alpha * Math.log2(1 + fromDb(sinrDbValue)), thrMaxBpsHz);
}

/** SINR (dB) at which the truncated Shannon curve reaches Thrmax. */
export function shannonSinrMaxDb(params: ShannonParams = DOWNLINK_SHANNON): number {
  return toDb(2 ** (params.thrMaxBpsHz / params.alpha) - 1);
}
