import type { Band } from "../model/bands.js";
import type { Link } from "../propagation/types.js";

/**
 * Defaults of the coverage engine (listed in the README). Site `powerDbm` is taken at the antenna
 * connector, so no cable loss is applied here.
 */
export const COVERAGE_DEFAULTS = {
  /** Pixel size in metres. */
  cellSizeM: 25,
  /** Receiver height above ground (hand-held). */
  rxHeightM: 1.5,
  /** Building or vehicle penetration loss subtracted from every pixel; 0 = street level. RADIO_DEFAULTS' in-car and indoor thresholds are street-level values, to be used with 0 here. */
  penetrationLossDb: 0,
  /** Extra margin subtracted for log-normal shadowing (e.g. `marginForEdgeProbability(0.9, σ)`). */
  shadowingMarginDb: 0,
  /** Share of time/resources interfering cells transmit (1 = fully loaded). GSM is computed as reuse 1: set load ≈ 1/reuse for a frequency plan. */
  load: 1,
  /**
   * Cells are ignored where their best-case signal is this far below both the noise floor and the
   * outdoor threshold: one such cell moves SINR by at most 10·log10(1 + 10^(−2)) = 0.043 dB, but
   * many add up — raise it for noise-limited studies with many distant cells.
   */
  cullMarginDb: 20,
  /** Pixels per tile side (tiles are the unit of progress reports and of work for worker threads). */
  tileSize: 256,
  /** Most pixels in one raster (raise with `maxPixels`). */
  maxPixels: 50_000_000,
  /**
   * The table kernel: "wasm" (WebAssembly, where the runtime has it) or "js"; the same bits either
   * way (src/coverage/tile-wasm.ts), the WebAssembly one about twice as fast.
   */
  kernel: "wasm" as "wasm" | "js",
};

/**
 * Default path-loss model per band for an urban macro layer in a large city such as Almaty:
 * Okumura-Hata (large city) below 1500 MHz, COST-231 Hata (metropolitan, C_m = 3 dB) for 1800 and
 * 2100 MHz, TR 38.901 UMa NLOS for 3.5 GHz. The engine always evaluates with `extrapolate: "formula"`
 * (pixels under 1 km, 2140 MHz for COST-231, mast heights other than 25 m for UMa), which keeps the
 * loss at or above free space.
 */
export function defaultModel(band: Band, freqMHz: number, txHeightM: number, rxHeightM: number): Link {
  const common = { freqMHz, txHeightM, rxHeightM, extrapolate: "formula" as const };
  switch (band) {
    case "GSM900":
    case "LTE800":
      return { ...common, model: "okumura-hata", environment: "urban", citySize: "large" };
    case "GSM1800":
    case "LTE1800":
    case "UMTS2100":
      return { ...common, model: "cost231-hata", environment: "metropolitan", citySize: "medium" };
    case "NR3500":
      return { ...common, model: "3gpp-uma", los: false };
  }
}
