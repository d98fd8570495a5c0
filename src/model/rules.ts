import type { ProblemCode } from "../errors.js";

/**
 * Numeric ranges of the site model, one row per field. The zod schema is built from these rows
 * and validation messages quote them, so a limit is written exactly once.
 */
export interface NumberRule {
  min: number;
  max: number;
  /** `true` when `max` itself is not allowed (azimuth 360 is 0). */
  maxExclusive?: boolean;
  /** `true` when `min` itself is not allowed (a beamwidth of 0). */
  minExclusive?: boolean;
  unit: string;
  /** Code for a value below `min` (defaults to `code`). */
  lowCode?: ProblemCode;
  code: ProblemCode;
  why?: string;
}

export const NUMBER_RULES = {
  lon: { min: -180, max: 180, unit: "°", code: "COORDINATE_OUT_OF_RANGE" },
  lat: { min: -90, max: 90, unit: "°", code: "COORDINATE_OUT_OF_RANGE" },
  azimuthDeg: { min: 0, max: 360, maxExclusive: true, unit: "° clockwise from north", code: "AZIMUTH_OUT_OF_RANGE" },
  heightM: {
    min: 0,
    max: 1000,
    unit: "m above ground",
    lowCode: "NEGATIVE_HEIGHT",
    code: "HEIGHT_OUT_OF_RANGE",
    why: "the tallest masts are about 600 m",
  },
  groundElevationM: {
    min: -500,
    max: 9000,
    unit: "m above mean sea level",
    code: "HEIGHT_OUT_OF_RANGE",
  },
  mechanicalTiltDeg: { min: -90, max: 90, unit: "° (positive = down)", code: "TILT_OUT_OF_RANGE" },
  electricalTiltDeg: { min: -90, max: 90, unit: "° (positive = down)", code: "TILT_OUT_OF_RANGE" },
  hBeamwidthDeg: { min: 0, minExclusive: true, max: 360, unit: "° (−3 dB, horizontal)", code: "BEAMWIDTH_OUT_OF_RANGE" },
  vBeamwidthDeg: { min: 0, minExclusive: true, max: 180, unit: "° (−3 dB, vertical)", code: "BEAMWIDTH_OUT_OF_RANGE" },
  gainDbi: { min: -20, max: 40, unit: "dBi", code: "GAIN_OUT_OF_RANGE" },
  frontToBackDb: { min: 0, max: 70, unit: "dB", code: "GAIN_OUT_OF_RANGE" },
  sideLobeDb: { min: 0, max: 70, unit: "dB", code: "GAIN_OUT_OF_RANGE" },
  powerDbm: {
    min: 0,
    max: 60,
    unit: "dBm at the antenna connector",
    code: "POWER_OUT_OF_RANGE",
    why: "1 mW to 1 kW",
  },
} as const satisfies Record<string, NumberRule>;

export type RuledField = keyof typeof NUMBER_RULES;

/** "0 ≤ azimuthDeg < 360 (° clockwise from north)" */
export function describeRule(field: RuledField): string {
  const r: NumberRule = NUMBER_RULES[field];
  const lo = r.minExclusive ? "<" : "≤";
  const hi = r.maxExclusive ? "<" : "≤";
  return `a finite number, ${r.min} ${lo} ${field} ${hi} ${r.max} (${r.unit}${r.why ? `; ${r.why}` : ""})`;
}

/** Site and sector ids: 1–128 printable characters. */
export const ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,128}$/;
export const ID_ALLOWED = "a string of 1–128 printable characters, unique in the collection";

/** Keys that could pollute prototypes when a document is merged into objects downstream. */
export const FORBIDDEN_KEYS: readonly string[] = ["__proto__", "constructor", "prototype"];
