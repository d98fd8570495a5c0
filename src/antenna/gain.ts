import { z } from "zod";
import { CellplanError, fail } from "../errors.js";
import { DEG } from "../math.js";
import { problemsFromIssues } from "../model/issues.js";
import { AntennaSchema, type Antenna } from "../model/schema.js";
import type { Dbi, Degrees } from "../units.js";
import { elevation, finite, ruled } from "./check.js";
import { ANTENNA_DEFAULTS } from "./defaults.js";
import { resolvePattern, type PatternLibrary } from "./library.js";
import { checkPattern, deepestLossDb, patternLossRaw } from "./pattern.js";
import { horizontalLossRaw, verticalLossRaw } from "./sector.js";
import { antennaFrameRaw } from "./tilt.js";

// Module-local copies of imported bindings: vitest's transform turns live import bindings into
// property reads, which cost in the per-pixel closures below.
const D2R = DEG;
const hLoss = horizontalLossRaw;
const vLoss = verticalLossRaw;
const fileLoss = patternLossRaw;
const toAntennaFrame = antennaFrameRaw;
const OMNI_CAP_DB = ANTENNA_DEFAULTS.omniVerticalCapDb;

/**
 * Gain of a sector's antenna toward a direction, for any site-model antenna (3GPP sector, omni,
 * pattern file). Directions: `bearingDeg` clockwise from north, `elevationDeg` below the horizon
 * (−90 … 90). Pointing: `azimuthDeg` of boresight (clockwise from north; any finite value),
 * downtilts positive = down.
 *
 * - Mechanical tilt rotates the direction into the antenna's frame (`tilt.ts`), so its effect
 *   falls off away from boresight; electrical tilt then shifts the vertical pattern.
 * - 3GPP sector: Gmax − min(12(φ/φ3dB)² ∧ Am + 12((θ − θe)/θ3dB)² ∧ SLAv, Am).
 * - Omni: constant in azimuth; with `vBeamwidthDeg`, the 3GPP vertical pattern with
 *   Am = SLAv = `ANTENNA_DEFAULTS.omniVerticalCapDb` (20 dB); without it, isotropic in elevation.
 * - Pattern file: the file's two cuts combined as in `patternLossRaw`. The file already contains
 *   the electrical tilt it was measured with; the sector's `electricalTiltDeg` is applied as an
 *   *additional* shift of the vertical pattern (leave it 0 to use the file as measured).
 */
export interface AntennaSetup {
  antenna: Antenna | string;
  azimuthDeg: Degrees;
  mechanicalTiltDeg?: Degrees;
  electricalTiltDeg?: Degrees;
}

/** Gain in dBi toward (bearing, elevation below horizon), both in degrees. */
export type GainFn = (bearingDeg: Degrees, elevationDeg: Degrees) => Dbi;

const SetupSchema = z.object({ antenna: AntennaSchema });

/**
 * Checks a setup once and hoists its per-sector constants; the returned function is the hot-loop
 * form (no allocation per call). It still throws `CellplanError` on a non-finite bearing or an
 * elevation outside −90 … 90 rather than returning NaN.
 */
export function prepareAntennaGain(setup: AntennaSetup, patterns?: PatternLibrary): GainFn {
  if (setup === null || typeof setup !== "object") fail("WRONG_TYPE", "setup", setup, "{ antenna, azimuthDeg, mechanicalTiltDeg?, electricalTiltDeg? }");
  const parsed = SetupSchema.safeParse({ antenna: setup.antenna });
  if (!parsed.success) {
    const problems = problemsFromIssues(parsed.error.issues, { antenna: setup.antenna });
    if (problems.length === 1) throw CellplanError.of(problems[0]!);
    throw new CellplanError(problems[0]?.code ?? "INVALID_VALUE", problems, `Invalid antenna: ${problems.length} problems`);
  }
  const antenna = parsed.data.antenna;
  const azimuth = finite("azimuthDeg", setup.azimuthDeg, "a finite number of degrees clockwise from north");
  const mech = ruled("mechanicalTiltDeg", "mechanicalTiltDeg", setup.mechanicalTiltDeg ?? 0);
  const elec = ruled("electricalTiltDeg", "electricalTiltDeg", setup.electricalTiltDeg ?? 0);
  const cosT = Math.cos(mech * D2R);
  const sinT = Math.sin(mech * D2R);
  const tilted = mech !== 0;
  const frame: [number, number] = [0, 0]; // per-closure scratch, never shared between sectors

  switch (antenna.pattern) {
    case "3gpp-sector": {
      const { gainDbi: g, hBeamwidthDeg: hw, vBeamwidthDeg: vw, frontToBackDb: am, sideLobeDb: sla } = antenna;
      if (!tilted) {
        return (bearingDeg, elevationDeg) => {
          if (!(elevationDeg >= -90 && elevationDeg <= 90) || bearingDeg - bearingDeg !== 0) badDirection(bearingDeg, elevationDeg);
          const loss = hLoss(bearingDeg - azimuth, hw, am) + vLoss(elevationDeg, elec, vw, sla);
          return g - (loss > am ? am : loss);
        };
      }
      return (bearingDeg, elevationDeg) => {
        if (!(elevationDeg >= -90 && elevationDeg <= 90) || bearingDeg - bearingDeg !== 0) badDirection(bearingDeg, elevationDeg);
        toAntennaFrame(frame, bearingDeg - azimuth, elevationDeg, cosT, sinT);
        const loss = hLoss(frame[0], hw, am) + vLoss(frame[1], elec, vw, sla);
        return g - (loss > am ? am : loss);
      };
    }
    case "omni": {
      const g = antenna.gainDbi;
      const vw = antenna.vBeamwidthDeg;
      if (vw === undefined) {
        return (bearingDeg, elevationDeg) => {
          if (!(elevationDeg >= -90 && elevationDeg <= 90) || bearingDeg - bearingDeg !== 0) badDirection(bearingDeg, elevationDeg);
          return g;
        };
      }
      return (bearingDeg, elevationDeg) => {
        if (!(elevationDeg >= -90 && elevationDeg <= 90) || bearingDeg - bearingDeg !== 0) badDirection(bearingDeg, elevationDeg);
        let e = elevationDeg;
        if (tilted) {
          toAntennaFrame(frame, bearingDeg - azimuth, elevationDeg, cosT, sinT);
          e = frame[1];
        }
        return g - vLoss(e, elec, vw, OMNI_CAP_DB);
      };
    }
    case "file": {
      const p = checkPattern(resolvePattern(patterns, antenna.id), `patterns["${antenna.id}"]`);
      const { gainDbi: g, horizontal: h, vertical: v } = p;
      const cap = deepestLossDb(p);
      return (bearingDeg, elevationDeg) => {
        if (!(elevationDeg >= -90 && elevationDeg <= 90) || bearingDeg - bearingDeg !== 0) badDirection(bearingDeg, elevationDeg);
        let az = bearingDeg - azimuth;
        let e = elevationDeg;
        if (tilted) {
          toAntennaFrame(frame, az, e, cosT, sinT);
          az = frame[0];
          e = frame[1];
        }
        return g - fileLoss(h, v, az, e - elec, cap);
      };
    }
  }
}

/** Gain in dBi of one antenna toward one direction: the checked, one-off form of `prepareAntennaGain`. */
export function antennaGainDbi(
  setup: AntennaSetup,
  direction: { bearingDeg: Degrees; elevationDeg: Degrees },
  patterns?: PatternLibrary,
): Dbi {
  const bearing = finite("bearingDeg", direction.bearingDeg, "a finite number of degrees clockwise from north");
  const el = elevation("elevationDeg", direction.elevationDeg);
  return prepareAntennaGain(setup, patterns)(bearing, el);
}

function badDirection(bearingDeg: number, elevationDeg: number): never {
  finite("bearingDeg", bearingDeg, "a finite number of degrees clockwise from north");
  elevation("elevationDeg", elevationDeg);
  return fail("INVALID_VALUE", "direction", [bearingDeg, elevationDeg], "a finite bearing and an elevation in −90 … 90");
}
