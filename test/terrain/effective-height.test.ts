import { describe, expect, it } from "vitest";
import { pathLossDb } from "../../src/propagation/registry.js";
import type { Link } from "../../src/propagation/types.js";
import {
  EFFECTIVE_HEIGHT_DEFAULTS,
  averagingFromM,
  averagingToM,
  effectiveHeightM,
  prepareHataHeightCorrection,
  profileMeanGroundM,
} from "../../src/terrain/effective-height.js";

const hata: Link = { model: "okumura-hata", freqMHz: 806, txHeightM: 30, rxHeightM: 1.5, environment: "urban", citySize: "large", extrapolate: "formula" };
const cost: Link = { model: "cost231-hata", freqMHz: 1842.5, txHeightM: 25, rxHeightM: 1.5, environment: "metropolitan", citySize: "medium", extrapolate: "formula" };

describe("effective antenna height", () => {
  it("averages the ground over 0.2·d … d below 15 km, over 3 … 15 km beyond (ITU-R P.1546-6 Annex 5 §3)", () => {
    expect([averagingFromM(5000), averagingToM(5000)]).toEqual([1000, 5000]);
    expect([averagingFromM(14_999), averagingToM(14_999)]).toEqual([0.2 * 14_999, 14_999]);
    expect([averagingFromM(15_000), averagingToM(15_000)]).toEqual([3000, 15_000]);
    expect([averagingFromM(40_000), averagingToM(40_000)]).toEqual([3000, 15_000]);
  });

  it("takes the mean of the profile's samples in the range, the fallback when none lies there", () => {
    const profile = { distancesM: Float64Array.from([0, 500, 1000, 1500, 2000]), elevationsM: Float64Array.from([800, 700, 760, 790, 820]) };
    // 2000 m path: samples at 500 … 2000 m (0.2·d = 400 m), relative to the site's 800 m
    expect(profileMeanGroundM(profile, 400, 2000, 800, NaN)).toBeCloseTo((-100 - 40 - 10 + 20) / 4, 12);
    expect(profileMeanGroundM(profile, 2100, 3000, 800, 7)).toBe(7);
  });

  it("is the mast plus the site's height over the mean ground, never below the mast (the floor's share is 1)", () => {
    expect(EFFECTIVE_HEIGHT_DEFAULTS.minShareOfMast).toBe(1);
    expect(effectiveHeightM(30, -60)).toBe(90); // a site 60 m above the average terrain
    expect(effectiveHeightM(30, 0)).toBe(30);
    expect(effectiveHeightM(30, 45)).toBe(30); // rising terrain: left to diffraction
  });

  it("changes Hata's loss exactly as the model evaluated at h_eff would (free-space floor included)", () => {
    for (const link of [hata, cost]) {
      const correction = prepareHataHeightCorrection(link)!;
      for (const d of [150, 800, 1000, 4000, 12_000, 30_000]) {
        for (const h of [link.txHeightM, 45, 90, 200]) {
          const expected = pathLossDb({ ...link, txHeightM: h, distanceM: d }) - pathLossDb({ ...link, distanceM: d });
          expect(correction(d, h)).toBeCloseTo(expected, 9);
        }
      }
      expect(correction(3000, link.txHeightM)).toBe(0);
    }
  });

  it("is −(13.82 + 6.55·log d_km)·log(h_eff / h_b) by hand: 90 m instead of 30 m at 3 km", () => {
    // log10(3) = 0.4771213: −(13.82 + 6.55·0.4771213)·0.4771213 = −16.9451445·0.4771213 = −8.084889 dB
    expect(prepareHataHeightCorrection(hata)!(3000, 90)).toBeCloseTo(-8.084889, 5);
  });

  it("clamps h_eff to the validity range's 200 m, extrapolating or not, and to 30 m without extrapolation", () => {
    expect(prepareHataHeightCorrection(hata)!(5000, 500)).toBe(prepareHataHeightCorrection(hata)!(5000, 200));
    const tall = { ...hata, txHeightM: 250 }; // a mast above the range keeps its own height
    expect(prepareHataHeightCorrection(tall)!(5000, 400)).toBe(0);
    const strict = { ...hata, extrapolate: undefined };
    const correction = prepareHataHeightCorrection(strict)!;
    expect(correction(5000, 500)).toBeCloseTo(pathLossDb({ ...strict, txHeightM: 200, distanceM: 5000 }) - pathLossDb({ ...strict, distanceM: 5000 }), 9);
    expect(correction(5000, 10)).toBe(0); // floored at the validity range's 30 m, the mast itself
  });

  it("does not apply to TR 38.901 or free space (their heights are above the ground at the mast)", () => {
    expect(prepareHataHeightCorrection({ model: "3gpp-uma", freqMHz: 3500, txHeightM: 25, rxHeightM: 1.5, los: false })).toBeNull();
    expect(prepareHataHeightCorrection({ model: "fspl", freqMHz: 900 })).toBeNull();
  });
});
