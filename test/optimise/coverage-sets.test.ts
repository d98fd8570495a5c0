import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { prepareSignalAt, type SignalAtOptions } from "../../src/coverage/signal-at.js";
import { demandPoints } from "../../src/demand/points.js";
import { localFrame } from "../../src/geo/frame.js";
import { mulberry32 } from "../../src/math.js";
import type { Band } from "../../src/model/bands.js";
import { createSite } from "../../src/model/create.js";
import { loadScenario } from "../../src/node/scenario.js";
import { candidateGrid } from "../../src/optimise/candidates.js";
import { COVERAGE_SET_DEFAULTS, candidateSite, coverageSets, type CoverageSetOptions, type CoverageSets, type SiteTemplate } from "../../src/optimise/coverage-sets.js";
import { cellplanErrorOf as thrown } from "../fixtures/errors.js";

type Points = { lon: Float64Array; lat: Float64Array };

/**
 * A seeded instance around (77.0, 43.25): candidates in a `spanM` square, demand in a wider one,
 * plus demand points on and 10–60 m from the first candidates (the engine's exact near-mast path).
 */
function instance(seed: number, m: number, n: number, spanM = 6000): { candidates: Points; demand: Points } {
  const rand = mulberry32(seed);
  const f = localFrame(43.25);
  const at = (span: number) => [77 + ((rand() - 0.5) * span) / f.kx, 43.25 + ((rand() - 0.5) * span) / f.ky] as const;
  const cLon = new Float64Array(m);
  const cLat = new Float64Array(m);
  for (let j = 0; j < m; j++) [cLon[j], cLat[j]] = at(spanM);
  const near = Math.min(m, 5) * 4;
  const dLon = new Float64Array(n + near);
  const dLat = new Float64Array(n + near);
  for (let i = 0; i < n; i++) [dLon[i], dLat[i]] = at(spanM * 1.5);
  for (let k = 0; k < near; k++) {
    const j = k >> 2;
    const r = (k & 3) === 0 ? 0 : 10 + 50 * rand();
    const a = 2 * Math.PI * rand();
    dLon[n + k] = cLon[j]! + (r * Math.sin(a)) / f.kx;
    dLat[n + k] = cLat[j]! + (r * Math.cos(a)) / f.ky;
  }
  return { candidates: { lon: cLon, lat: cLat }, demand: { lon: dLon, lat: dLat } };
}

/**
 * The straightforward definition, pair by pair: signalAt with the one site built at candidate j;
 * covered when its best server's power reaches the threshold. Returns how many pairs are covered.
 */
function expectAgreesWithSignalAt(sets: CoverageSets, o: CoverageSetOptions, candidates: Iterable<number>): { covered: number; pairs: number } {
  const { candidates: cand, demand, band, thresholdDbm, template = {}, ...rest } = o;
  const engine: SignalAtOptions = { ...rest, band };
  delete (engine as { bucketM?: unknown }).bucketM;
  delete (engine as { maxEntries?: unknown }).maxEntries;
  let covered = 0;
  let pairs = 0;
  for (const j of candidates) {
    const id = cand.id?.[j] ?? `c${j}`;
    const query = prepareSignalAt([candidateSite(band, template, [cand.lon[j]!, cand.lat[j]!], j, id)], engine);
    const row = new Set(sets.indices.subarray(sets.offsets[j]!, sets.offsets[j + 1]!));
    for (let i = 0; i < demand.lon.length; i++) {
      const best = query([demand.lon[i]!, demand.lat[i]!]).servers[0];
      const want = best !== undefined && best.powerDbm >= thresholdDbm;
      if (row.has(i) !== want) expect.fail(`${band} candidate ${j}, demand ${i}: sets say ${row.has(i)}, signalAt ${best?.powerDbm} dBm vs ${thresholdDbm}`);
      covered += want ? 1 : 0;
      pairs++;
    }
  }
  return { covered, pairs };
}

function expectWellFormed(sets: CoverageSets, m: number, n: number): void {
  expect(sets.offsets.length).toBe(m + 1);
  expect(sets.offsets[0]).toBe(0);
  expect(sets.offsets[m]).toBe(sets.indices.length);
  const bad: string[] = [];
  for (let j = 0; j < m && bad.length < 5; j++) {
    if (sets.offsets[j + 1]! < sets.offsets[j]!) bad.push(`offsets[${j + 1}] decreases`);
    for (let p = sets.offsets[j]!; p < sets.offsets[j + 1]!; p++) {
      const i = sets.indices[p]!;
      if (!(i >= 0 && i < n)) bad.push(`row ${j}: index ${i} outside [0, ${n})`);
      if (p > sets.offsets[j]! && !(i > sets.indices[p - 1]!)) bad.push(`row ${j}: not ascending at ${p}`);
    }
  }
  expect(bad).toEqual([]);
}


const all = (m: number) => Array.from({ length: m }, (_, j) => j);

describe("coverageSets agrees exactly with signalAt", () => {
  const { candidates, demand } = instance(6, 24, 1500);
  const m = candidates.lon.length;
  const n = demand.lon.length;

  it.each<[Band, number]>([
    ["GSM900", -95],
    ["GSM1800", -85],
    ["UMTS2100", -95],
    ["LTE800", -110],
    ["LTE1800", -102],
    ["NR3500", -95],
  ])("%s at %d dBm, every pair, default template", (band, thresholdDbm) => {
    const o: CoverageSetOptions = { candidates, demand, band, thresholdDbm };
    const sets = coverageSets(o);
    expectWellFormed(sets, m, n);
    const { covered, pairs } = expectAgreesWithSignalAt(sets, o, all(m));
    // both answers occur, so the sample tests the threshold rather than a trivial case
    expect(covered).toBeGreaterThan(50);
    expect(pairs - covered).toBeGreaterThan(50);
    expect(sets.indices.length).toBe(covered);
  });

  it("with the margins, penetration loss, receiver height and without lookup tables", () => {
    for (const extra of [{ penetrationLossDb: 12, shadowingMarginDb: 5.5 }, { rxHeightM: 4, load: 0.5 }, { tables: false }, { cullMarginDb: 0 }]) {
      const o: CoverageSetOptions = { candidates, demand, band: "LTE1800", thresholdDbm: -108, ...extra };
      const { covered } = expectAgreesWithSignalAt(coverageSets(o), o, all(m));
      expect(covered).toBeGreaterThan(10);
    }
  });

  it("with a createSite template (height, azimuths, power) and a function template (tilted, omni)", () => {
    const templates: SiteTemplate[] = [
      { azimuthsDeg: [30, 150, 270], overrides: { "4G": { heightM: 45, powerDbm: 43, electricalTiltDeg: 2 } } },
      (at, j, id) => {
        const s = createSite({ id, coordinates: at, technologies: ["4G"], overrides: { "4G": { bands: ["LTE800"] } } });
        s.properties.sectors.forEach((sec, k) => (sec.mechanicalTiltDeg = 2 + ((j + k) % 3)));
        return s;
      },
      (at, _j, id) => {
        const s = createSite({ id, coordinates: at, technologies: ["4G"], azimuthsDeg: [0], overrides: { "4G": { bands: ["LTE800"] } } });
        s.properties.sectors[0]!.antenna = { pattern: "omni", gainDbi: 11, vBeamwidthDeg: 7 };
        return s;
      },
    ];
    for (const template of templates) {
      const o: CoverageSetOptions = { candidates, demand, band: "LTE800", thresholdDbm: -100, template };
      const sets = coverageSets(o);
      expectWellFormed(sets, m, n);
      expect(expectAgreesWithSignalAt(sets, o, all(m)).covered).toBeGreaterThan(20);
    }
  });

  it("moves the template's cells exactly as the engine builds them at each candidate (fast path = per-site path)", () => {
    for (const band of ["LTE800", "NR3500", "UMTS2100"] as const) {
      const fast = coverageSets({ candidates, demand, band, thresholdDbm: -100 });
      const perSite = coverageSets({ candidates, demand, band, thresholdDbm: -100, template: (at, j, id) => candidateSite(band, {}, at, j, id) });
      expect(Array.from(perSite.offsets)).toEqual(Array.from(fast.offsets));
      expect(Array.from(perSite.indices)).toEqual(Array.from(fast.indices));
    }
  });

  it("with a custom path-loss model (the per-site path)", () => {
    const o: CoverageSetOptions = {
      candidates: { ...candidates, id: all(m).map((j) => `site-${j}`) },
      demand,
      band: "LTE1800",
      thresholdDbm: -90,
      model: (c) => ({ model: "cost231-hata", environment: c.siteId.endsWith("3") ? "suburban" : "urban", citySize: "medium", freqMHz: c.freqMHz, txHeightM: c.heightM, rxHeightM: c.rxHeightM, extrapolate: "formula" }),
    };
    expect(expectAgreesWithSignalAt(coverageSets(o), o, all(m)).covered).toBeGreaterThan(20);
  });

  it("never loses a pair when the threshold falls (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: -125, max: -60 }), fc.integer({ min: 1, max: 20 }), (t, drop) => {
        const strict = coverageSets({ candidates, demand, band: "LTE800", thresholdDbm: t });
        const loose = coverageSets({ candidates, demand, band: "LTE800", thresholdDbm: t - drop });
        for (let j = 0; j < m; j++) {
          const row = new Set(loose.indices.subarray(loose.offsets[j]!, loose.offsets[j + 1]!));
          for (let p = strict.offsets[j]!; p < strict.offsets[j + 1]!; p++) expect(row.has(strict.indices[p]!)).toBe(true);
        }
      }),
      { numRuns: 15, seed: 3 },
    );
  });

  it("handles no candidates, no demand, and a threshold nothing reaches", () => {
    expect(Array.from(coverageSets({ candidates: { lon: [], lat: [] }, demand, band: "LTE800", thresholdDbm: -110 }).offsets)).toEqual([0]);
    const empty = coverageSets({ candidates, demand: { lon: [], lat: [] }, band: "LTE800", thresholdDbm: -110 });
    expect(empty.indices.length).toBe(0);
    expect(empty.offsets.length).toBe(m + 1);
    expect(coverageSets({ candidates, demand, band: "LTE800", thresholdDbm: 0 }).indices.length).toBe(0);
  });
});

describe("coverageSets with terrain", () => {
  const scenario = loadScenario();
  const terrain = scenario.terrain!;
  // the foothills south of the centre, where terrain matters
  const rand = mulberry32(9);
  const f = localFrame(43.2);
  const around = (lon: number, lat: number, spanM: number, count: number) => {
    const out = { lon: new Float64Array(count), lat: new Float64Array(count) };
    for (let i = 0; i < count; i++) {
      out.lon[i] = lon + ((rand() - 0.5) * spanM) / f.kx;
      out.lat[i] = lat + ((rand() - 0.5) * spanM) / f.ky;
    }
    return out;
  };
  const candidates = around(76.95, 43.2, 4000, 4);
  const demand = around(76.95, 43.2, 9000, 300);

  it.each(["radial", "exact"] as const)("agrees with signalAt (%s terrain path)", (terrainMethod) => {
    const o: CoverageSetOptions = { candidates, demand, band: "LTE800", thresholdDbm: -105, terrain, terrainMethod, cellSizeM: 100 };
    const sets = coverageSets(o);
    expectWellFormed(sets, 4, 300);
    const { covered, pairs } = expectAgreesWithSignalAt(sets, o, all(4));
    expect(covered).toBeGreaterThan(20);
    expect(pairs - covered).toBeGreaterThan(20);
    // the terrain reaches the sets (it removes coverage behind ridges; the engine's effective
    // antenna height over the average terrain can also add some)
    const flat = coverageSets({ candidates, demand, band: "LTE800", thresholdDbm: -105 });
    expect(Array.from(sets.indices)).not.toEqual(Array.from(flat.indices));
  });

  it("refuses demand points off the DEM", () => {
    const e = thrown(() => coverageSets({ candidates, demand: { lon: [70], lat: [43] }, band: "LTE800", thresholdDbm: -105, terrain }));
    expect(e.code).toBe("OUT_OF_VALIDITY");
    expect(e.problems[0]!.field).toBe("demand[0]");
  });
});

describe("coverageSets refuses bad input", () => {
  const { candidates, demand } = instance(2, 3, 20);
  const base: CoverageSetOptions = { candidates, demand, band: "LTE800", thresholdDbm: -110 };

  it.each<[string, Partial<CoverageSetOptions> | Record<string, unknown>, string, string]>([
    ["an unknown band", { band: "LTE2600" }, "UNKNOWN_BAND", "band"],
    ["a threshold that is not finite", { thresholdDbm: NaN }, "NOT_FINITE", "thresholdDbm"],
    ["a missing threshold", { thresholdDbm: undefined }, "NOT_FINITE", "thresholdDbm"],
    ["lon and lat of different lengths", { candidates: { lon: [77], lat: [] } }, "INVALID_VALUE", "candidates.lat"],
    ["a NaN demand point", { demand: { lon: [77, NaN], lat: [43, 43] } }, "NOT_FINITE", "demand[1]"],
    ["a candidate off the globe", { candidates: { lon: [181], lat: [43] } }, "COORDINATE_OUT_OF_RANGE", "candidates[0]"],
    ["candidates that are not arrays", { candidates: { lon: 77, lat: 43 } }, "WRONG_TYPE", "candidates"],
    ["ids of the wrong length", { candidates: { ...candidates, id: ["a"] } }, "INVALID_VALUE", "candidates.id"],
    ["a technology besides the band", { technology: "4G" }, "INVALID_VALUE", "band"],
    ["a bad engine option", { rxHeightM: 50 }, "INVALID_VALUE", "rxHeightM"],
    ["a bad bucket size", { bucketM: 0 }, "INVALID_VALUE", "bucketM"],
    ["a template that is not one", { template: 5 }, "WRONG_TYPE", "template"],
  ])("%s", (_, patch, code, field) => {
    const e = thrown(() => coverageSets({ ...base, ...patch } as CoverageSetOptions));
    expect(e.code).toBe(code);
    expect(e.problems[0]!.field).toBe(field);
  });

  it("a template whose sites have no cell in the band", () => {
    const e = thrown(() => coverageSets({ ...base, template: (at, _j, id) => createSite({ id, coordinates: at, technologies: ["2G"] }) }));
    expect(e.code).toBe("INVALID_VALUE");
    expect(e.problems[0]!.allowed).toMatch(/a cell in LTE800 \(candidate 0 has none\)/);
    expect(thrown(() => coverageSets({ ...base, template: { overrides: { "4G": { bands: ["LTE1800"] } } } })).code).toBe("INVALID_VALUE");
  });

  it("a template that builds invalid sites", () => {
    const e = thrown(() => coverageSets({ ...base, template: { overrides: { "4G": { heightM: -3 } } } }));
    expect(e.code).toBe("INVALID_SITES");
    expect(e.problems[0]!.code).toBe("NEGATIVE_HEIGHT");
  });

  it("more pairs than maxEntries, and lets the limit be raised", () => {
    const full = coverageSets({ ...base, thresholdDbm: -130 });
    expect(full.indices.length).toBeGreaterThan(10);
    expect(thrown(() => coverageSets({ ...base, thresholdDbm: -130, maxEntries: 10 })).code).toBe("LIMIT_EXCEEDED");
    expect(coverageSets({ ...base, thresholdDbm: -130, maxEntries: full.indices.length }).indices).toEqual(full.indices);
    expect(COVERAGE_SET_DEFAULTS.maxEntries).toBeGreaterThan(1e7);
  });
});

describe("coverage sets on Almaty", () => {
  const scenario = loadScenario();
  const demand = demandPoints(scenario.population, { zones: scenario.districts });
  const candidates = candidateGrid(scenario.boundary, { spacingM: 250 });

  it.each<[Band, number]>([
    ["LTE800", -110],
    ["LTE1800", -110],
    ["NR3500", -110],
  ])("%s at %d dBm: every demand point is coverable; a sample agrees with signalAt", { timeout: 60_000 }, (band, thresholdDbm) => {
    const t = performance.now();
    const sets = coverageSets({ candidates, demand, band, thresholdDbm });
    const ms = performance.now() - t;
    const m = candidates.lon.length;
    const n = demand.lon.length;
    expectWellFormed(sets, m, n);
    const byDemand = new Int32Array(n);
    for (const i of sets.indices) byDemand[i]!++;
    expect(byDemand.every((c) => c > 0)).toBe(true);
    const sample = Array.from({ length: 12 }, (_, k) => Math.floor((k * m) / 12) + 7);
    expectAgreesWithSignalAt(sets, { candidates, demand, band, thresholdDbm }, sample);
    console.info(
      `Almaty ${band} at ${thresholdDbm} dBm: ${n} demand points × ${m} candidates (250 m) → ${sets.indices.length} pairs, ` +
        `${(sets.indices.length / m).toFixed(1)} demand points per candidate, ${(sets.indices.length / n).toFixed(1)} candidates per demand point, ` +
        `useful range ${sets.rangeM[0]!.toFixed(0)} m, built in ${ms.toFixed(0)} ms`,
    );
  });
});
