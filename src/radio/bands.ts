import { technologyOf, type Band } from "../model/bands.js";
import type { Technology } from "../units.js";

/** The quantity a planner thresholds on for each technology. */
export type MeasuredQuantity = "RxLev" | "RSCP" | "RSRP" | "SS-RSRP";

export interface BandInfo {
  band: Band;
  technology: Technology;
  /** 3GPP band name (TS 45.005 for GSM, TS 25.101 for UMTS, TS 36.101 for LTE, TS 38.104 for NR). */
  name: string;
  downlinkLowMHz: number;
  downlinkHighMHz: number;
  /** Centre of the downlink band; the frequency used for path loss. */
  downlinkCentreMHz: number;
  /** Channel bandwidth planned per cell (carrier for GSM, 3.84 Mcps chip rate ≈ 5 MHz for UMTS). */
  channelBandwidthMHz: number;
  /** Bandwidth over which the measured quantity's noise is counted (one RE for LTE/NR, the carrier otherwise). */
  measurementBandwidthHz: number;
  /** OFDM subcarrier spacing (LTE, NR). */
  subcarrierSpacingKHz?: number;
  /** Resource blocks in the channel (TS 36.101 Table 5.6-1, TS 38.101-1 Table 5.3.2-1). */
  resourceBlocks?: number;
  /** Subcarriers (resource elements per OFDM symbol) = 12 × resource blocks. */
  subcarriers?: number;
  quantity: MeasuredQuantity;
}

type BandRow = Omit<BandInfo, "band" | "technology" | "downlinkCentreMHz" | "subcarriers"> & { downlinkCentreMHz?: number };

function band(b: Band, info: BandRow): BandInfo {
  return {
    band: b,
    technology: technologyOf(b),
    downlinkCentreMHz: info.downlinkCentreMHz ?? (info.downlinkLowMHz + info.downlinkHighMHz) / 2,
    ...info,
    ...(info.resourceBlocks === undefined ? {} : { subcarriers: 12 * info.resourceBlocks }),
  };
}

/**
 * Downlink parameters of the planned bands. Channel bandwidths are the planning assumption for
 * Almaty (operator convention): 10 MHz on band 20, 20 MHz on band 3, 100 MHz on n78.
 */
export const BAND_TABLE: Readonly<Record<Band, BandInfo>> = {
  GSM900: band("GSM900", {
    name: "P-GSM 900",
    downlinkLowMHz: 935,
    downlinkHighMHz: 960,
    channelBandwidthMHz: 0.2,
    measurementBandwidthHz: 200e3,
    quantity: "RxLev",
  }),
  GSM1800: band("GSM1800", {
    name: "DCS 1800",
    downlinkLowMHz: 1805,
    downlinkHighMHz: 1880,
    channelBandwidthMHz: 0.2,
    measurementBandwidthHz: 200e3,
    quantity: "RxLev",
  }),
  UMTS2100: band("UMTS2100", {
    name: "UTRA band I",
    downlinkLowMHz: 2110,
    downlinkHighMHz: 2170,
    channelBandwidthMHz: 5,
    measurementBandwidthHz: 3.84e6,
    quantity: "RSCP",
  }),
  LTE800: band("LTE800", {
    name: "E-UTRA band 20",
    downlinkLowMHz: 791,
    downlinkHighMHz: 821,
    channelBandwidthMHz: 10,
    measurementBandwidthHz: 15e3,
    subcarrierSpacingKHz: 15,
    resourceBlocks: 50,
    quantity: "RSRP",
  }),
  LTE1800: band("LTE1800", {
    name: "E-UTRA band 3",
    downlinkLowMHz: 1805,
    downlinkHighMHz: 1880,
    channelBandwidthMHz: 20,
    measurementBandwidthHz: 15e3,
    subcarrierSpacingKHz: 15,
    resourceBlocks: 100,
    quantity: "RSRP",
  }),
  NR3500: band("NR3500", {
    name: "NR band n78",
    downlinkLowMHz: 3300,
    downlinkHighMHz: 3800,
    // n78 is wide: plan at the 3.5 GHz of Kazakhstan's 2019–2021 trials rather than the band centre.
    downlinkCentreMHz: 3500,
    channelBandwidthMHz: 100,
    measurementBandwidthHz: 30e3,
    subcarrierSpacingKHz: 30,
    resourceBlocks: 273,
    quantity: "SS-RSRP",
  }),
};

export function bandInfo(b: Band): BandInfo {
  return BAND_TABLE[b];
}
