import { HATA_EXTRAPOLATION, HATA_HEIGHTS_AND_DISTANCE, hataMobileCorrectionDb, hataSigmaDb, prepareHata } from "./hata-common.js";
import type { OkumuraHataLink, PathLossModel } from "./types.js";

/**
 * Okumura-Hata, COST 231 Final Report §4.4.1 (Hata 1980), d in km:
 * urban L = 69.55 + 26.16·log f − 13.82·log h_b − a(h_m) + (44.9 − 6.55·log h_b)·log d;
 * suburban L − 2·(log(f/28))² − 5.4; open L − 4.78·(log f)² + 18.33·log f − 40.94.
 */
export function okumuraHataDb(
  freqMHz: number,
  distanceKm: number,
  txHeightM: number,
  rxHeightM: number,
  environment: OkumuraHataLink["environment"],
  citySize: OkumuraHataLink["citySize"],
): number {
  return okumuraHataConstantDb(freqMHz, txHeightM, rxHeightM, environment, citySize) + (44.9 - 6.55 * Math.log10(txHeightM)) * Math.log10(distanceKm);
}

/** Everything in Okumura-Hata but the distance term. */
export function okumuraHataConstantDb(
  freqMHz: number,
  txHeightM: number,
  rxHeightM: number,
  environment: OkumuraHataLink["environment"],
  citySize: OkumuraHataLink["citySize"],
): number {
  const lf = Math.log10(freqMHz);
  const urban = 69.55 + 26.16 * lf - 13.82 * Math.log10(txHeightM) - hataMobileCorrectionDb(freqMHz, rxHeightM, citySize);
  if (environment === "suburban") return urban - 2 * Math.log10(freqMHz / 28) ** 2 - 5.4;
  if (environment === "open") return urban - 4.78 * lf * lf + 18.33 * lf - 40.94;
  return urban;
}

export const okumuraHata: PathLossModel<OkumuraHataLink> = {
  id: "okumura-hata",
  title: "Okumura-Hata",
  source: "COST 231 Final Report (1999) §4.4.1; Hata, IEEE Trans. Veh. Tech. VT-29 (1980)",
  validity: { freqMHz: [150, 1500], ...HATA_HEIGHTS_AND_DISTANCE },
  extrapolation: HATA_EXTRAPOLATION,
  prepare(link) {
    const env = link.environment;
    return prepareHata("okumura-hata", this.validity, link, (f, hb, hm) => okumuraHataConstantDb(f, hb, hm, env, link.citySize));
  },
  shadowFadingDb: (link) => hataSigmaDb(link.environment),
};
