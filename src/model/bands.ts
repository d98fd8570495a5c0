import type { Technology } from "../units.js";

/**
 * The bands cellplan plans for, and the technology each belongs to. The radio layer
 * (`src/radio/`) adds frequencies, bandwidths and measured quantities on top of this list.
 */
export const BANDS = ["GSM900", "GSM1800", "UMTS2100", "LTE800", "LTE1800", "NR3500"] as const;
export type Band = (typeof BANDS)[number];

export const TECHNOLOGIES = ["2G", "3G", "4G", "5G"] as const satisfies readonly Technology[];

export const BAND_TECHNOLOGY: Readonly<Record<Band, Technology>> = {
  GSM900: "2G",
  GSM1800: "2G",
  UMTS2100: "3G",
  LTE800: "4G",
  LTE1800: "4G",
  NR3500: "5G",
};

export function isBand(value: unknown): value is Band {
  return typeof value === "string" && (BANDS as readonly string[]).includes(value);
}

export function technologyOf(band: Band): Technology {
  return BAND_TECHNOLOGY[band];
}

/** Bands of one technology, in table order. */
export function bandsOf(technology: Technology): Band[] {
  return BANDS.filter((b) => BAND_TECHNOLOGY[b] === technology);
}
