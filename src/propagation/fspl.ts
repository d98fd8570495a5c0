import { SPEED_OF_LIGHT_M_PER_S } from "../math.js";
import { requireNumber, distanceGuard, inRange } from "./validity.js";
import type { FsplLink, PathLossModel } from "./types.js";

/** 20·log10(4π/c) for d in m and f in MHz: −27.55 dB (ITU-R P.525-4 eq. (4): 32.4 for km and MHz, to 0.05 dB). */
export const FSPL_CONSTANT_DB = 20 * Math.log10((4 * Math.PI * 1e6) / SPEED_OF_LIGHT_M_PER_S);

/** Free-space basic transmission loss, ITU-R P.525: 20·log10(4πd/λ) = 20·log10(f_MHz) + 20·log10(d_m) − 27.55 dB. */
export function fsplDb(freqMHz: number, distanceM: number): number {
  return FSPL_CONSTANT_DB + 20 * Math.log10(freqMHz) + 20 * Math.log10(distanceM);
}

export const fspl: PathLossModel<FsplLink> = {
  id: "fspl",
  title: "Free space",
  source: "ITU-R P.525-4 §2.2, eq. (4)",
  // Far field assumed: distances of at least one metre; any radio frequency.
  validity: { freqMHz: [0.003, 3_000_000], distanceM: [1, 1e8] },
  extrapolation: "Distances below 1 m are evaluated at 1 m (the near field is outside P.525).",
  prepare(link) {
    const f = requireNumber("fspl", "freqMHz", link.freqMHz, true);
    const extrapolate = link.extrapolate === "formula";
    inRange("fspl", "freqMHz", f, this.validity.freqMHz, extrapolate);
    const c = FSPL_CONSTANT_DB + 20 * Math.log10(f);
    const guard = distanceGuard("fspl", this.validity.distanceM, extrapolate);
    return (d) => {
      guard(d);
      return c + 20 * Math.log10(d < 1 ? 1 : d);
    };
  },
  shadowFadingDb: () => 0,
};
