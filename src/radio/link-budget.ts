import { fail } from "../errors.js";
import { fromDb, toDb } from "../math.js";
import type { Band } from "../model/bands.js";
import { BAND_TABLE } from "./bands.js";

/**
 * Link-budget building blocks. All powers in dBm, gains and losses in dB, bandwidths in Hz.
 * Inputs are checked once here; the coverage engine hoists these out of its pixel loop.
 */

/** Boltzmann constant, J/K (SI 2019, exact). */
export const BOLTZMANN = 1.380649e-23;
/** Reference noise temperature T0 = 290 K (ITU-R P.372, IEEE noise-figure definition). */
export const T0_K = 290;
/** Thermal noise density kT0 in dBm/Hz: 10·log10(k·290 K / 1 mW) = −173.98 dBm/Hz. */
export const THERMAL_NOISE_DBM_PER_HZ = toDb((BOLTZMANN * T0_K) / 1e-3);

function finite(name: string, v: number): void {
  if (typeof v !== "number" || !Number.isFinite(v)) fail("NOT_FINITE", name, v, "a finite number");
}

/** EIRP = transmit power + antenna gain − cable loss (dBm). */
export function eirpDbm(o: { txPowerDbm: number; antennaGainDbi: number; cableLossDb?: number }): number {
  finite("txPowerDbm", o.txPowerDbm);
  finite("antennaGainDbi", o.antennaGainDbi);
  const loss = o.cableLossDb ?? 0;
  finite("cableLossDb", loss);
  if (loss < 0) fail("INVALID_VALUE", "cableLossDb", loss, "a loss ≥ 0 dB");
  return o.txPowerDbm + o.antennaGainDbi - loss;
}

/**
 * The part of a cell's total transmit power that its measured quantity sees (dBm):
 * GSM RxLev — the whole carrier; UMTS CPICH — total + pilot share (e.g. −10 dB);
 * LTE RSRP and NR SS-RSRP — power per resource element, total − 10·log10(subcarriers)
 * (power spread evenly over the channel; `boostDb` adds reference-signal power boosting).
 */
export function referenceSignalPowerDbm(o: { band: Band; totalPowerDbm: number; pilotShareDb?: number; boostDb?: number }): number {
  finite("totalPowerDbm", o.totalPowerDbm);
  const info = BAND_TABLE[o.band];
  if (info === undefined) fail("UNKNOWN_BAND", "band", o.band, Object.keys(BAND_TABLE).join(", "));
  const share = o.pilotShareDb ?? 0;
  const boost = o.boostDb ?? 0;
  finite("pilotShareDb", share);
  finite("boostDb", boost);
  if (share > 0) fail("INVALID_VALUE", "pilotShareDb", share, "a share ≤ 0 dB of the total power");
  if (info.subcarriers !== undefined) return o.totalPowerDbm - toDb(info.subcarriers) + boost;
  return o.totalPowerDbm + share + boost;
}

/** Thermal noise kT0·B·F in dBm over `bandwidthHz` with receiver noise figure `noiseFigureDb`. */
export function thermalNoiseDbm(bandwidthHz: number, noiseFigureDb = 0): number {
  finite("bandwidthHz", bandwidthHz);
  finite("noiseFigureDb", noiseFigureDb);
  if (bandwidthHz <= 0) fail("INVALID_VALUE", "bandwidthHz", bandwidthHz, "a bandwidth > 0 Hz");
  if (noiseFigureDb < 0) fail("INVALID_VALUE", "noiseFigureDb", noiseFigureDb, "a noise figure ≥ 0 dB");
  return THERMAL_NOISE_DBM_PER_HZ + toDb(bandwidthHz) + noiseFigureDb;
}

export interface SinrInput {
  /** Serving cell's received power (dBm). */
  servingDbm: number;
  /** Received powers of the co-channel interferers (dBm). */
  interferersDbm: ArrayLike<number>;
  /** Thermal noise in the same bandwidth (dBm). */
  noiseDbm: number;
  /** Share of time/resources the interferers transmit, 0–1 (1 = fully loaded network). */
  load?: number;
}

/** SINR = S / (load·ΣI + N), in dB. Never exceeds the serving cell's SNR. */
export function sinrDb(o: SinrInput): number {
  finite("servingDbm", o.servingDbm);
  finite("noiseDbm", o.noiseDbm);
  const load = o.load ?? 1;
  finite("load", load);
  if (load < 0 || load > 1) fail("INVALID_VALUE", "load", load, "a share 0 ≤ load ≤ 1");
  let i = 0;
  for (let k = 0; k < o.interferersDbm.length; k++) {
    const p = o.interferersDbm[k]!;
    if (Number.isNaN(p) || p === Infinity) fail("NOT_FINITE", `interferersDbm[${k}]`, p, "a finite dBm value (−Infinity for no signal)");
    i += fromDb(p);
  }
  return o.servingDbm - toDb(load * i + fromDb(o.noiseDbm));
}
