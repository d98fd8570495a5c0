import type { OmniAntenna, SectorAntenna } from "../model/schema.js";

/**
 * Antenna parameter sets from the 3GPP evaluation methodologies, as site-model antennas (drop one
 * into a sector's `antenna`). Values were checked against the cited tables; where a document gives
 * no vertical pattern the preset switches it off (`sideLobeDb: 0` makes A_V ≡ 0).
 */
export const ANTENNA_PRESETS = {
  /**
   * TR 36.942 §4.2.1.1 (macro, 3-sector): A(θ) = −min(12 (θ/θ3dB)², Am) with θ3dB = 65°, Am = 20 dB;
   * horizontal only. Gain 15 dBi: Table 4.3, urban area at 2000 MHz (the same table gives 12 dBi
   * for urban 900 MHz and 15 dBi for rural 900 MHz).
   */
  tr36942: {
    pattern: "3gpp-sector",
    hBeamwidthDeg: 65,
    vBeamwidthDeg: 180,
    gainDbi: 15,
    frontToBackDb: 20,
    sideLobeDb: 0,
  },
  /**
   * TR 36.814 Table A.2.1.1-2 (3D sector model): φ3dB = 70°, Am = 25 dB, θ3dB = 10°, SLAv = 20 dB,
   * combining method A = −min(−(A_H + A_V), Am). Gain 14 dBi, cable loss included: the macro
   * baseline value TR 36.814 carries over from TR 25.814 Table A.2.1.8-1 (not re-verified against
   * the table text itself).
   */
  tr36814: {
    pattern: "3gpp-sector",
    hBeamwidthDeg: 70,
    vBeamwidthDeg: 10,
    gainDbi: 14,
    frontToBackDb: 25,
    sideLobeDb: 20,
  },
  /**
   * TR 38.901 Table 7.3-1 (one antenna element of an array panel): φ3dB = θ3dB = 65°,
   * SLAV = 30 dB, Am = 30 dB, G_E,max = 8 dBi. An element, not a panel: array gain is not included.
   */
  tr38901Element: {
    pattern: "3gpp-sector",
    hBeamwidthDeg: 65,
    vBeamwidthDeg: 65,
    gainDbi: 8,
    frontToBackDb: 30,
    sideLobeDb: 30,
  },
  /** The isotropic radiator, 0 dBi in every direction: the reference dBi values are relative to. */
  isotropic: {
    pattern: "omni",
    gainDbi: 0,
  },
} as const satisfies Record<string, SectorAntenna | OmniAntenna>;

export type AntennaPresetName = keyof typeof ANTENNA_PRESETS;
