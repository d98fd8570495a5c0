import type { Technology } from "../units.js";

export interface CoverageThresholds {
  /** Street level, hand-held at 1.5 m. */
  outdoorDbm: number;
  /** Street-level signal that still serves a phone inside a car. */
  inCarDbm: number;
  /** Street-level signal that still serves a phone indoors (deep indoor excluded). */
  indoorDbm: number;
}

export interface RadioDefaults {
  /** Cell transmit power at the antenna connector, dBm. */
  txPowerDbm: number;
  /**
   * Share of the transmit power in the measured signal, dB (≤ 0): the whole BCCH carrier for GSM,
   * the CPICH for UMTS. LTE/NR measure per resource element instead (see `referenceSignalPowerDbm`).
   */
  pilotShareDb: number;
  antennaGainDbi: number;
  /** Feeder, jumpers and connectors between radio and antenna, dB. */
  cableLossDb: number;
  /** Terminal noise figure, dB. */
  noiseFigureDb: number;
  thresholds: CoverageThresholds;
}

/**
 * Link-budget defaults per technology. Each value gives its source, or says "operator convention"
 * where it is a common planning choice rather than a standardised number. Thresholds are the
 * measured quantity of `BAND_TABLE[...].quantity` (RxLev, CPICH RSCP, RSRP, SS-RSRP).
 */
export const RADIO_DEFAULTS: Readonly<Record<Technology, RadioDefaults>> = {
  "2G": {
    txPowerDbm: 43, // 20 W per TRX: operator convention for a macro BTS
    pilotShareDb: 0, // RxLev is the BCCH carrier's power, sent at full power (TS 45.008 §7)
    antennaGainDbi: 15.5, // dual-band 65° panel at 900 MHz: operator convention
    cableLossDb: 3, // 7/8″ feeder ~40 m plus jumpers: operator convention
    noiseFigureDb: 8, // MS noise figure: operator convention (TS 45.005 sensitivity −102 dBm implies ≤ 10 dB)
    thresholds: { outdoorDbm: -95, inCarDbm: -85, indoorDbm: -75 }, // operator convention (classic GSM design levels)
  },
  "3G": {
    txPowerDbm: 43, // 20 W NodeB carrier: operator convention
    pilotShareDb: -10, // CPICH at 10 % of total power: operator convention (TR 25.942 uses 10 %)
    antennaGainDbi: 17.5, // operator convention
    cableLossDb: 3, // operator convention
    noiseFigureDb: 9, // UE noise figure, TR 25.942 Table 4 (9 dB)
    thresholds: { outdoorDbm: -105, inCarDbm: -95, indoorDbm: -85 }, // CPICH RSCP, operator convention
  },
  "4G": {
    txPowerDbm: 46, // 2 × 20 W (2T2R) per carrier: operator convention
    pilotShareDb: 0, // RSRP is per resource element; power assumed flat over subcarriers (no RS boost)
    antennaGainDbi: 17.5, // operator convention
    cableLossDb: 0.5, // remote radio head at the antenna, jumpers only: operator convention
    noiseFigureDb: 9, // UE noise figure, TR 36.942 Table 4.3 (9 dB)
    thresholds: { outdoorDbm: -110, inCarDbm: -102, indoorDbm: -95 }, // RSRP, operator convention
  },
  "5G": {
    txPowerDbm: 53, // 200 W active antenna unit at 100 MHz: operator convention
    pilotShareDb: 0, // SS-RSRP per resource element of the SSS, power flat over subcarriers
    antennaGainDbi: 24, // beamformed gain of a 64T64R array toward the user: operator convention
    cableLossDb: 0, // radio integrated in the antenna
    noiseFigureDb: 9, // UE noise figure, TR 38.901 / ITU-R M.2412 evaluation (9 dB below 6 GHz)
    thresholds: { outdoorDbm: -110, inCarDbm: -102, indoorDbm: -95 }, // SS-RSRP, operator convention
  },
};

/** TR 36.942 Annex A.2 truncated-Shannon mapping, downlink parameter set. */
export const DOWNLINK_SHANNON = { alpha: 0.6, sinrMinDb: -10, thrMaxBpsHz: 4.4 } as const;
/** TR 36.942 Annex A.2, uplink parameter set. */
export const UPLINK_SHANNON = { alpha: 0.4, sinrMinDb: -10, thrMaxBpsHz: 2.0 } as const;
