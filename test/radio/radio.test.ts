import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { BAND_TABLE } from "../../src/radio/bands.js";
import { DOWNLINK_SHANNON, RADIO_DEFAULTS } from "../../src/radio/defaults.js";
import { eirpDbm, referenceSignalPowerDbm, sinrDb, thermalNoiseDbm, THERMAL_NOISE_DBM_PER_HZ } from "../../src/radio/link-budget.js";
import { areaCoverageProbability, edgeCoverageProbability, erfc, marginForEdgeProbability, normalQuantile, qFunction } from "../../src/radio/probability.js";
import { shannonSinrMaxDb, shannonThroughputBpsHz } from "../../src/radio/throughput.js";

describe("band table", () => {
  it("gives each band its technology, downlink centre, channel and measured quantity", () => {
    expect(BAND_TABLE.GSM900).toMatchObject({ technology: "2G", downlinkCentreMHz: 947.5, quantity: "RxLev" });
    expect(BAND_TABLE.GSM1800).toMatchObject({ technology: "2G", downlinkCentreMHz: 1842.5, quantity: "RxLev" });
    expect(BAND_TABLE.UMTS2100).toMatchObject({ technology: "3G", downlinkCentreMHz: 2140, quantity: "RSCP" });
    expect(BAND_TABLE.LTE800).toMatchObject({ technology: "4G", downlinkCentreMHz: 806, resourceBlocks: 50, subcarriers: 600, quantity: "RSRP" });
    expect(BAND_TABLE.LTE1800).toMatchObject({ technology: "4G", resourceBlocks: 100, subcarriers: 1200, subcarrierSpacingKHz: 15 });
    expect(BAND_TABLE.NR3500).toMatchObject({ technology: "5G", downlinkCentreMHz: 3500, resourceBlocks: 273, subcarrierSpacingKHz: 30, quantity: "SS-RSRP" });
    for (const b of Object.values(BAND_TABLE)) {
      expect(b.downlinkCentreMHz).toBeGreaterThanOrEqual(b.downlinkLowMHz);
      expect(b.downlinkCentreMHz).toBeLessThanOrEqual(b.downlinkHighMHz);
      // an OFDM channel's occupied subcarriers fit inside it (TS 36.101 / TS 38.101-1 transmission bandwidth)
      if (b.subcarriers) expect((b.subcarriers * b.subcarrierSpacingKHz!) / 1000).toBeLessThan(b.channelBandwidthMHz);
    }
  });

  it("has outdoor < in-car < indoor thresholds for every technology", () => {
    for (const d of Object.values(RADIO_DEFAULTS)) {
      expect(d.thresholds.outdoorDbm).toBeLessThan(d.thresholds.inCarDbm);
      expect(d.thresholds.inCarDbm).toBeLessThan(d.thresholds.indoorDbm);
    }
  });
});

describe("link budget", () => {
  it("kT0 is −173.98 dBm/Hz and noise scales with bandwidth and noise figure", () => {
    expect(THERMAL_NOISE_DBM_PER_HZ).toBeCloseTo(-173.98, 2);
    expect(thermalNoiseDbm(15e3, 9)).toBeCloseTo(-173.98 + 41.761 + 9, 2); // one LTE resource element
    expect(thermalNoiseDbm(3.84e6, 9)).toBeCloseTo(-99.13, 2); // UMTS carrier: −173.98 + 65.84 + 9
    expect(thermalNoiseDbm(200e3, 8)).toBeCloseTo(-112.965, 3); // GSM carrier: −173.975 + 53.010 + 8
  });

  it("EIRP = power + gain − cable loss", () => {
    expect(eirpDbm({ txPowerDbm: 43, antennaGainDbi: 17, cableLossDb: 3 })).toBe(57);
    expect(() => eirpDbm({ txPowerDbm: 43, antennaGainDbi: 17, cableLossDb: -1 })).toThrow(CellplanError);
  });

  it("reference-signal power: per resource element for LTE/NR, pilot share for UMTS, full carrier for GSM", () => {
    expect(referenceSignalPowerDbm({ band: "LTE1800", totalPowerDbm: 46 })).toBeCloseTo(46 - 30.792, 3); // 1200 subcarriers
    expect(referenceSignalPowerDbm({ band: "LTE800", totalPowerDbm: 46 })).toBeCloseTo(46 - 27.782, 3); // 600 subcarriers
    expect(referenceSignalPowerDbm({ band: "NR3500", totalPowerDbm: 53 })).toBeCloseTo(53 - 35.1534, 3); // 3276 subcarriers
    expect(referenceSignalPowerDbm({ band: "UMTS2100", totalPowerDbm: 43, pilotShareDb: -10 })).toBe(33);
    expect(referenceSignalPowerDbm({ band: "GSM900", totalPowerDbm: 43 })).toBe(43);
    expect(referenceSignalPowerDbm({ band: "LTE1800", totalPowerDbm: 46, boostDb: 3 })).toBeCloseTo(46 - 30.792 + 3, 3);
    expect(() => referenceSignalPowerDbm({ band: "LTE2600" as never, totalPowerDbm: 46 })).toThrow(/UNKNOWN_BAND/);
  });

  it("SINR: equals SNR without interference, and is −3 dB for an equal interferer at negligible noise", () => {
    expect(sinrDb({ servingDbm: -80, interferersDbm: [], noiseDbm: -120 })).toBeCloseTo(40, 9);
    expect(sinrDb({ servingDbm: -80, interferersDbm: [-80], noiseDbm: -200 })).toBeCloseTo(0, 6);
    expect(sinrDb({ servingDbm: -80, interferersDbm: [-80], noiseDbm: -200, load: 0.5 })).toBeCloseTo(3.0103, 3);
    expect(sinrDb({ servingDbm: -80, interferersDbm: [-Infinity], noiseDbm: -100 })).toBeCloseTo(20, 9);
    expect(() => sinrDb({ servingDbm: -80, interferersDbm: [NaN], noiseDbm: -100 })).toThrow(/interferersDbm\[0\]/);
    expect(() => sinrDb({ servingDbm: -80, interferersDbm: [], noiseDbm: -100, load: 2 })).toThrow(CellplanError);
  });

  it("SINR never exceeds the best single-server SNR, and falls as load rises", () => {
    const dbm = fc.double({ min: -150, max: -30, noNaN: true });
    fc.assert(
      fc.property(dbm, fc.array(dbm, { maxLength: 12 }), fc.double({ min: -130, max: -90, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (s, is, n, load) => {
        const sinr = sinrDb({ servingDbm: s, interferersDbm: is, noiseDbm: n, load });
        expect(sinr).toBeLessThanOrEqual(s - n + 1e-9);
        expect(sinrDb({ servingDbm: s, interferersDbm: is, noiseDbm: n, load: 1 })).toBeLessThanOrEqual(sinr + 1e-9);
      }),
      { numRuns: 2000, seed: 36942 },
    );
  });
});

describe("TR 36.942 Annex A truncated Shannon", () => {
  // Downlink set α 0.6, SINR_min −10 dB, Thr_max 4.4 bit/s/Hz; values evaluated by hand from α·log2(1 + SINR).
  it.each([
    [-12, 0],
    [-10, 0.6 * Math.log2(1.1)],
    [0, 0.6],
    [10, 0.6 * Math.log2(11)],
    [22, 0.6 * Math.log2(1 + 10 ** 2.2)],
    [30, 4.4],
  ])("SINR %d dB → %f bit/s/Hz", (sinr, thr) => {
    expect(shannonThroughputBpsHz(sinr)).toBeCloseTo(thr, 10);
  });

  it("is continuous at SINR_max = 22.05 dB and monotone", () => {
    expect(shannonSinrMaxDb()).toBeCloseTo(22.05, 2);
    expect(shannonThroughputBpsHz(shannonSinrMaxDb())).toBeCloseTo(DOWNLINK_SHANNON.thrMaxBpsHz, 9);
    let prev = 0;
    for (let s = -20; s < 40; s += 0.25) {
      const t = shannonThroughputBpsHz(s);
      expect(t).toBeGreaterThanOrEqual(prev);
      prev = t;
    }
    expect(shannonThroughputBpsHz(0, { alpha: 0.4, sinrMinDb: -10, thrMaxBpsHz: 2 })).toBeCloseTo(0.4, 12);
    expect(() => shannonThroughputBpsHz(NaN)).toThrow(CellplanError);
  });
});

describe("coverage probability", () => {
  it("erfc matches tabulated values (Abramowitz & Stegun Table 7.1; scipy.special.erfc) to 1e-13 relative", () => {
    const table: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [2, 0.004677734981047266],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [-1, 1.8427007929497148],
    ];
    for (const [x, v] of table) expect(Math.abs(erfc(x) / v - 1)).toBeLessThan(1e-13);
  });

  it("Q and its inverse: Q(1.6449) = 5 %, Q⁻¹ round-trips", () => {
    expect(qFunction(1.6448536269514722)).toBeCloseTo(0.05, 14);
    expect(normalQuantile(0.95)).toBeCloseTo(1.6448536269514722, 12);
    expect(normalQuantile(0.5)).toBeCloseTo(0, 12);
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(1 - qFunction(normalQuantile(p))).toBeCloseTo(p, 11);
      }),
      { numRuns: 500, seed: 1 },
    );
  });

  it("edge probability 1 − Q(M/σ) and the margin for a target", () => {
    expect(edgeCoverageProbability(0, 8)).toBeCloseTo(0.5, 14);
    expect(edgeCoverageProbability(8 * 1.6448536269514722, 8)).toBeCloseTo(0.95, 12);
    expect(marginForEdgeProbability(0.9, 8)).toBeCloseTo(10.2524, 4); // 1.28155·8
    expect(() => edgeCoverageProbability(5, 0)).toThrow(CellplanError);
  });

  it("Jakes' area coverage: 77.3 % at a 50 % edge and 90.7 % at a 75 % edge for σ/n = 2 (Jakes 1974 Fig. 2.5-1)", () => {
    const m75 = marginForEdgeProbability(0.75, 8);
    expect(areaCoverageProbability({ marginDb: 0, sigmaDb: 8, pathLossExponent: 4 })).toBeCloseTo(0.7728, 4);
    expect(areaCoverageProbability({ marginDb: m75, sigmaDb: 8, pathLossExponent: 4 })).toBeCloseTo(0.9073, 4);
  });

  it("Jakes' closed form equals direct integration of the edge probability over the disc", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 20, noNaN: true }), fc.double({ min: 3, max: 12, noNaN: true }), fc.double({ min: 2, max: 5, noNaN: true }), (m, s, n) => {
        // U = ∫₀¹ P(r)·2r dr with P(r) = 1 − Q((M − 10·n·log10 r)/σ): midpoint rule on 4000 rings.
        const steps = 4000;
        let u = 0;
        for (let i = 0; i < steps; i++) {
          const r = (i + 0.5) / steps;
          u += edgeCoverageProbability(m - 10 * n * Math.log10(r), s) * 2 * r;
        }
        u /= steps;
        expect(areaCoverageProbability({ marginDb: m, sigmaDb: s, pathLossExponent: n })).toBeCloseTo(u, 4);
      }),
      { numRuns: 60, seed: 1974 },
    );
  });
});
