import { DEG, RAD } from "../math.js";
import type { Degrees } from "../units.js";
import { elevation, finite, ruled } from "./check.js";

const D2R = DEG;
const R2D = RAD;

/**
 * Mechanical tilt: the antenna is physically rotated about its horizontal (left–right) axis, so
 * a direction's angles *in the antenna's own frame* differ from its angles in the sector frame.
 * Electrical tilt, by contrast, only shifts the vertical pattern (θ − θtilt) and is applied after
 * this rotation.
 *
 * Sector frame: f = toward the sector azimuth (horizontal), r = to its right, u = up. A direction
 * with azimuth offset φ (clockwise) and elevation ε below the horizon is
 *   (f, r, u) = (cos ε cos φ, cos ε sin φ, −sin ε).
 * Downtilting the antenna by τ turns its boresight to (cos τ, 0, −sin τ); expressed in the
 * antenna frame (rotate by −τ about r) the direction becomes
 *   f' = f cos τ − u sin τ,   r' = r,   u' = f sin τ + u cos τ,
 * so φ' = atan2(r', f') and ε' = −asin(u') = asin(sin ε cos τ − cos ε cos φ sin τ).
 * On boresight (φ = 0) this gives ε' = ε − τ exactly, the electrical-tilt result; at φ = ±90°
 * on the horizon it gives ε' = 0: mechanical tilt has no effect there.
 */

/**
 * Writes the antenna-frame angles of a direction into `out` (`out[0]` = azimuth offset φ' in
 * (−180°, 180°], `out[1]` = elevation ε' below the antenna's horizon), given the sector-frame
 * angles and the precomputed cos/sin of the mechanical downtilt. No allocation, no checks.
 */
export function antennaFrameRaw(
  out: { 0: number; 1: number },
  azimuthOffDeg: Degrees,
  elevationDeg: Degrees,
  cosTilt: number,
  sinTilt: number,
): void {
  const p = azimuthOffDeg * D2R;
  const e = elevationDeg * D2R;
  const ce = Math.cos(e);
  const se = Math.sin(e);
  const f = ce * Math.cos(p);
  const r = ce * Math.sin(p);
  const fa = f * cosTilt + se * sinTilt; // u = −sin ε
  let ua = f * sinTilt - se * cosTilt;
  if (ua > 1) ua = 1;
  else if (ua < -1) ua = -1;
  out[0] = Math.atan2(r, fa) * R2D;
  out[1] = -Math.asin(ua) * R2D;
}

export interface TiltedDirection {
  /** Azimuth offset from the antenna's boresight in its own frame, clockwise, (−180°, 180°]. */
  azimuthOffDeg: Degrees;
  /** Elevation below the antenna's own horizon (its tilted boresight plane), −90 … 90. */
  elevationDeg: Degrees;
}

/**
 * The angles of a direction in the frame of an antenna mechanically downtilted by
 * `mechanicalTiltDeg` (positive = down). Checked wrapper of `antennaFrameRaw`.
 */
export function mechanicalTiltDirection(input: {
  azimuthOffDeg: Degrees;
  elevationDeg: Degrees;
  mechanicalTiltDeg: Degrees;
}): TiltedDirection {
  const az = finite("azimuthOffDeg", input.azimuthOffDeg, "a finite number of degrees (wrapped around 360)");
  const el = elevation("elevationDeg", input.elevationDeg);
  const t = ruled("mechanicalTiltDeg", "mechanicalTiltDeg", input.mechanicalTiltDeg) * D2R;
  const out: [number, number] = [0, 0];
  antennaFrameRaw(out, az, el, Math.cos(t), Math.sin(t));
  return { azimuthOffDeg: out[0], elevationDeg: out[1] };
}
