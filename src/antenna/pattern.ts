import { fail } from "../errors.js";
import type { Dbi, Decibels, Degrees, MHz } from "../units.js";
import { elevation, finite } from "./check.js";

/**
 * A measured antenna pattern given as two principal cuts, the way vendor files (MSI/Planet) ship
 * them. Both cuts are losses in dB (≥ 0, 0 = the cut's maximum) sampled every 1°:
 *
 * - `horizontal[k]`: loss at azimuth offset k° from boresight, **clockwise** seen from above
 *   (k = 90 is to the antenna's right);
 * - `vertical[k]`: loss at k° **below** the front horizon, going down and over: k = 0 front horizon,
 *   90 nadir, 180 back horizon, 270 zenith (so 359 is 1° above the front horizon).
 */
export interface AntennaPattern {
  name: string;
  make?: string;
  frequencyMHz?: MHz;
  /** Maximum gain in dBi (an MSI `GAIN` in dBd is converted: dBi = dBd + 2.15). */
  gainDbi: Dbi;
  hBeamwidthDeg?: Degrees;
  vBeamwidthDeg?: Degrees;
  frontToBackDb?: Decibels;
  /** `TILT` keyword of the file: how the pattern's tilt was made, when stated. */
  tiltType?: "ELECTRICAL" | "MECHANICAL";
  /** Electrical downtilt built into the measured pattern, when the file states it. */
  electricalTiltDeg?: Degrees;
  /** Mechanical downtilt the pattern was measured with, when the file states it (`TILT MECHANICAL n`). */
  mechanicalTiltDeg?: Degrees;
  polarization?: string;
  /** Free text; several `COMMENT` lines are joined with "\n". */
  comment?: string;
  /** 360 horizontal losses in dB, index = clockwise azimuth offset in degrees. */
  horizontal: Float32Array;
  /** 360 vertical losses in dB, index = degrees below the front horizon (see the type comment). */
  vertical: Float32Array;
  /** Other header lines, keyword → rest of the line, as written in the file. */
  meta: Readonly<Record<string, string>>;
}

/** Gain of a half-wave dipole over isotropic, 2.15 dBi (Balanis, Antenna Theory, §4.6): dBi = dBd + 2.15. */
export const DBI_PER_DBD = 2.15;

/** Linear interpolation in a 360-sample, 1°-step circular table; any finite angle. No checks. */
export function lerp360(table: Float32Array, deg: Degrees): number {
  let x = deg % 360;
  if (x < 0) x += 360;
  if (x >= 360) x -= 360;
  const i = x | 0;
  const j = i === 359 ? 0 : i + 1;
  const a = table[i]!;
  return a + (table[j]! - a) * (x - i);
}

/** The deepest loss in either cut: the cap of the 2D → 3D combination. */
export function deepestLossDb(pattern: Pick<AntennaPattern, "horizontal" | "vertical">): Decibels {
  let m = 0;
  for (const t of [pattern.horizontal, pattern.vertical]) for (let i = 0; i < t.length; i++) if (t[i]! > m) m = t[i]!;
  return m;
}

/**
 * Loss (dB, ≥ 0) toward a direction from the two cuts — cellplan's 2D → 3D combination:
 *
 *   front (|φ| ≤ 90°):  L = H(φ) + V(θ)
 *   back  (|φ| > 90°):  L = H(φ) + (1 − w)·V(θ) + w·(V(180° − θ) − V(180°)),  w = (|φ| − 90°) / 90°
 *   then 0 ≤ L ≤ cap (the deepest loss in either cut).
 *
 * Why: in front this is the summing rule of the 3GPP model (A_H + A_V capped at Am), so a file
 * generated from the 3GPP formula gives back the formula, and the front vertical cut (φ = 0) and —
 * for an untilted antenna — the horizontal cut (θ = 0) are reproduced exactly. Behind the antenna
 * the vendor's back half of the vertical cut is used instead of discarding it, taken relative to the
 * back horizon because H(180°) already holds the front-to-back loss; the weight w blends the two
 * continuously from the side (90°) to the back (180°). The cap plays the role of 3GPP's Am: the
 * sum never invents a null deeper than any measured one. θ is degrees below the horizon; φ any angle.
 */
export function patternLossRaw(horizontal: Float32Array, vertical: Float32Array, azimuthOffDeg: Degrees, elevationDeg: Degrees, capDb: Decibels): Decibels {
  let p = azimuthOffDeg % 360;
  if (p < 0) p += 360;
  const h = lerp360(horizontal, p);
  const front = lerp360(vertical, elevationDeg);
  const ap = p > 180 ? 360 - p : p; // |φ| in [0, 180]
  let loss: number;
  if (ap <= 90) loss = h + front;
  else {
    const w = (ap - 90) / 90;
    const back = lerp360(vertical, 180 - elevationDeg) - vertical[180]!;
    loss = h + (1 - w) * front + w * back;
  }
  return loss < 0 ? 0 : loss > capDb ? capDb : loss;
}

/** Checks that a value is a usable `AntennaPattern` (used by the library and the writer). */
export function checkPattern(pattern: AntennaPattern, field = "pattern"): AntennaPattern {
  if (pattern === null || typeof pattern !== "object") fail("INVALID_PATTERN", field, pattern, "an AntennaPattern object");
  if (typeof pattern.name !== "string" || pattern.name.trim() === "") {
    fail("INVALID_PATTERN", `${field}.name`, pattern.name, "a non-empty string");
  }
  finite(`${field}.gainDbi`, pattern.gainDbi, "a finite gain in dBi");
  for (const cut of ["horizontal", "vertical"] as const) {
    const t: unknown = pattern[cut];
    if (!(t instanceof Float32Array) || t.length !== 360) {
      fail("INVALID_PATTERN", `${field}.${cut}`, t, "a Float32Array of 360 losses (dB, 1° steps)");
    }
    for (let i = 0; i < 360; i++) {
      const v = t[i]!;
      if (!(v >= 0) || v === Infinity) fail("INVALID_PATTERN", `${field}.${cut}[${i}]`, v, "a finite loss ≥ 0 dB");
    }
  }
  const meta: unknown = pattern.meta;
  if (meta === null || typeof meta !== "object" || Object.values(meta).some((v) => typeof v !== "string")) {
    fail("INVALID_PATTERN", `${field}.meta`, meta, "an object of header keyword → text (use {} when there are none)");
  }
  return pattern;
}

/**
 * Attenuation of a pattern toward a direction given in the antenna's own frame, relative to its
 * maximum gain: ≤ 0 dB (the negated `patternLossRaw`). Gain in dBi = `pattern.gainDbi` + this.
 */
export function patternAttenuationDb(
  pattern: AntennaPattern,
  direction: { azimuthOffDeg: Degrees; elevationDeg: Degrees },
): Decibels {
  checkPattern(pattern);
  const az = finite("azimuthOffDeg", direction.azimuthOffDeg, "a finite number of degrees (wrapped around 360)");
  const el = elevation("elevationDeg", direction.elevationDeg);
  return 0 - patternLossRaw(pattern.horizontal, pattern.vertical, az, el, deepestLossDb(pattern));
}
