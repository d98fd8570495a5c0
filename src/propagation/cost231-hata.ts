import { HATA_EXTRAPOLATION, HATA_HEIGHTS_AND_DISTANCE, hataMobileCorrectionDb, hataSigmaDb, prepareHata } from "./hata-common.js";
import type { Cost231HataLink, PathLossModel } from "./types.js";

/**
 * COST-231 Hata, COST 231 Final Report §4.4.2, d in km:
 * L = 46.3 + 33.9·log f − 13.82·log h_b − a(h_m) + (44.9 − 6.55·log h_b)·log d + C_m,
 * C_m = 0 dB for medium-sized cities and suburban centres, 3 dB for metropolitan centres.
 * The report defines no further suburban correction: "suburban" here is C_m = 0, as it says.
 */
export function cost231HataDb(
  freqMHz: number,
  distanceKm: number,
  txHeightM: number,
  rxHeightM: number,
  environment: Cost231HataLink["environment"],
  citySize: Cost231HataLink["citySize"],
): number {
  return cost231HataConstantDb(freqMHz, txHeightM, rxHeightM, environment, citySize) + (44.9 - 6.55 * Math.log10(txHeightM)) * Math.log10(distanceKm);
}

/** Everything in COST-231 Hata but the distance term. */
export function cost231HataConstantDb(
  freqMHz: number,
  txHeightM: number,
  rxHeightM: number,
  environment: Cost231HataLink["environment"],
  citySize: Cost231HataLink["citySize"],
): number {
  const cm = environment === "metropolitan" ? 3 : 0;
  return 46.3 + 33.9 * Math.log10(freqMHz) - 13.82 * Math.log10(txHeightM) - hataMobileCorrectionDb(freqMHz, rxHeightM, citySize) + cm;
}

export const cost231Hata: PathLossModel<Cost231HataLink> = {
  id: "cost231-hata",
  title: "COST-231 Hata",
  source: "COST 231 Final Report (1999) §4.4.2",
  validity: { freqMHz: [1500, 2000], ...HATA_HEIGHTS_AND_DISTANCE },
  extrapolation: HATA_EXTRAPOLATION,
  prepare(link) {
    const env = link.environment;
    return prepareHata("cost231-hata", this.validity, link, (f, hb, hm) => cost231HataConstantDb(f, hb, hm, env, link.citySize));
  },
  shadowFadingDb: (link) => hataSigmaDb(link.environment === "suburban" ? "suburban" : "urban"),
};
