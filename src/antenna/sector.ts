import type { Decibels, Degrees } from "../units.js";
import { elevation, finite, ruled } from "./check.js";

/**
 * The 3GPP parametric sector pattern (TR 36.814 §A.2.1.1.1, TR 38.901 §7.3, Table 7.3-1):
 *
 *   A_H(φ)   = −min(12 (φ / φ3dB)², Am)
 *   A_V(θ)   = −min(12 ((θ − θtilt) / θ3dB)², SLAv)
 *   A(φ, θ)  = −min(−(A_H(φ) + A_V(θ)), Am)
 *
 * Sign convention used throughout cellplan: an *attenuation* here is the pattern value relative
 * to boresight, so it is ≤ 0 dB (0 on boresight, −Am at worst) and gain = Gmax + A. Angles:
 * φ is the azimuth offset from boresight, clockwise positive, wrapped into (−180°, 180°];
 * θ is the elevation of the direction in degrees *below* the horizon, and tilt is a downtilt
 * (positive = down), so a receiver on the tilted beam axis has θ = θtilt.
 *
 * The `…Raw` functions are the allocation-free numeric cores for hot loops: they do not check
 * their arguments (NaN in, NaN out). `sectorAttenuationDb` is the checked wrapper.
 */

/** Wraps an azimuth offset into (−180°, 180°] without allocation. */
export function wrapOffsetDeg(deg: Degrees): Degrees {
  let p = deg % 360;
  if (p > 180) p -= 360;
  else if (p <= -180) p += 360;
  return p;
}

/** Horizontal loss 12 (φ/φ3dB)² capped at Am, as a positive number of dB (φ wrapped). */
export function horizontalLossRaw(azimuthOffDeg: Degrees, hBeamwidthDeg: Degrees, maxAttenuationDb: Decibels): Decibels {
  const x = wrapOffsetDeg(azimuthOffDeg) / hBeamwidthDeg;
  const l = 12 * x * x;
  return l > maxAttenuationDb ? maxAttenuationDb : l;
}

/** Vertical loss 12 ((θ − tilt)/θ3dB)² capped at SLAv, as a positive number of dB. */
export function verticalLossRaw(elevationDeg: Degrees, tiltDeg: Degrees, vBeamwidthDeg: Degrees, sideLobeDb: Decibels): Decibels {
  const y = (elevationDeg - tiltDeg) / vBeamwidthDeg;
  const l = 12 * y * y;
  return l > sideLobeDb ? sideLobeDb : l;
}

/** A(φ, θ) of the 3GPP sector pattern, ≤ 0 dB, without argument checks (see file comment). */
export function sectorAttenuationRaw(
  azimuthOffDeg: Degrees,
  elevationDeg: Degrees,
  tiltDeg: Degrees,
  hBeamwidthDeg: Degrees,
  vBeamwidthDeg: Degrees,
  maxAttenuationDb: Decibels,
  sideLobeDb: Decibels,
): Decibels {
  let loss =
    horizontalLossRaw(azimuthOffDeg, hBeamwidthDeg, maxAttenuationDb) +
    verticalLossRaw(elevationDeg, tiltDeg, vBeamwidthDeg, sideLobeDb);
  if (loss > maxAttenuationDb) loss = maxAttenuationDb;
  return 0 - loss; // `0 -` keeps boresight at +0, not −0
}

export interface SectorAttenuationInput {
  /** Azimuth of the direction relative to boresight, clockwise positive; any finite value (wrapped: 350 ≡ −10). */
  azimuthOffDeg: Degrees;
  /** Elevation of the direction in degrees below the horizon, −90 … 90. */
  elevationDeg: Degrees;
  /** Downtilt of the vertical pattern (positive = down), −90 … 90. */
  tiltDeg: Degrees;
  /** φ3dB: horizontal −3 dB beamwidth, 0 < φ3dB ≤ 360. */
  hBeamwidthDeg: Degrees;
  /** θ3dB: vertical −3 dB beamwidth, 0 < θ3dB ≤ 180. */
  vBeamwidthDeg: Degrees;
  /** Am: maximum attenuation (front-to-back ratio), 0 … 70 dB, given as a positive number. */
  maxAttenuationDb: Decibels;
  /** SLAv: vertical side-lobe attenuation limit, 0 … 70 dB, given as a positive number. */
  sideLobeDb: Decibels;
}

/**
 * Attenuation of the 3GPP sector pattern toward a direction, relative to boresight: a value
 * ≤ 0 dB (0 on the beam axis, never below −maxAttenuationDb). Add it to the maximum gain to get
 * the gain in dBi. Throws `CellplanError` on a non-finite or out-of-range argument.
 */
export function sectorAttenuationDb(input: SectorAttenuationInput): Decibels {
  const azimuthOffDeg = finite("azimuthOffDeg", input.azimuthOffDeg, "a finite number of degrees (wrapped around 360)");
  const elevationDeg = elevation("elevationDeg", input.elevationDeg);
  const tiltDeg = ruled("electricalTiltDeg", "tiltDeg", input.tiltDeg);
  const h = ruled("hBeamwidthDeg", "hBeamwidthDeg", input.hBeamwidthDeg);
  const v = ruled("vBeamwidthDeg", "vBeamwidthDeg", input.vBeamwidthDeg);
  const am = ruled("frontToBackDb", "maxAttenuationDb", input.maxAttenuationDb);
  const sla = ruled("sideLobeDb", "sideLobeDb", input.sideLobeDb);
  return sectorAttenuationRaw(azimuthOffDeg, elevationDeg, tiltDeg, h, v, am, sla);
}
