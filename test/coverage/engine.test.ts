import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCoverage, type CoverageOptions } from "../../src/coverage/compute.js";
import { prepareSignalAt, signalAt } from "../../src/coverage/signal-at.js";
import { coverageStats } from "../../src/coverage/stats.js";
import { CellplanError } from "../../src/errors.js";
import { frameDistanceM, localFrame } from "../../src/geo/frame.js";
import { createSite } from "../../src/model/create.js";
import { validateSites } from "../../src/model/validate.js";
import { fsplDb } from "../../src/propagation/fspl.js";
import { preparePathLoss } from "../../src/propagation/registry.js";
import { BAND_TABLE } from "../../src/radio/bands.js";
import { referenceSignalPowerDbm, thermalNoiseDbm } from "../../src/radio/link-budget.js";
import { encodeRaster } from "../../src/raster/codec.js";
import { decodeCoverage, encodeCoverage } from "../../src/coverage/serialise.js";
import { pixelCentre } from "../../src/raster/grid.js";
import type { BBox, LonLat } from "../../src/units.js";

const CENTRE: LonLat = [76.95, 43.25];
const AREA: BBox = [76.93, 43.235, 76.97, 43.265];
const f32 = Math.fround;

function omniSite(id: string, at: LonLat, powerDbm = 46, heightM = 30) {
  return validateSites([
    {
      type: "Feature",
      geometry: { type: "Point", coordinates: at },
      properties: { id, status: "planned", sectors: [{ azimuthDeg: 0, heightM, antenna: { pattern: "omni", gainDbi: 11 }, cells: [{ band: "LTE1800", powerDbm }] }] },
    },
  ]).features[0]!;
}

const freeSpace: CoverageOptions["model"] = (c) => ({ model: "fspl", freqMHz: c.freqMHz, extrapolate: "formula" });

describe("computeCoverage — golden cases", () => {
  it("one omni site on flat ground equals the closed-form link budget at every pixel", () => {
    const site = omniSite("O", CENTRE);
    const r = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 100, model: freeSpace, tables: false });
    const rs = referenceSignalPowerDbm({ band: "LTE1800", totalPowerDbm: 46 }); // 46 − 10·log10(1200)
    const frame = localFrame(CENTRE[1]);
    const noise = thermalNoiseDbm(15e3, 9);
    let checked = 0;
    for (let i = 0; i < r.powerDbm.length; i += 7) {
      const d = frameDistanceM(frame, CENTRE, pixelCentre(r.grid, i));
      const expected = rs + 11 - fsplDb(BAND_TABLE.LTE1800.downlinkCentreMHz, Math.max(d, 1));
      expect(r.powerDbm[i]).toBe(f32(expected));
      expect(r.sinrDb[i]).toBe(f32(expected - noise)); // no interferer: SINR = SNR
      expect(r.server[i]).toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    expect(Number.isNaN(r.secondDbm[0])).toBe(false);
    expect(r.secondDbm[0]).toBe(-Infinity);
  });

  it("applies the default model (COST-231 Hata, metropolitan, for LTE1800) with the antenna's gain", () => {
    const site = omniSite("O", CENTRE, 46, 30);
    const r = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 100, tables: false });
    expect(r.cells[0]!.model).toMatchObject({ model: "cost231-hata", environment: "metropolitan", freqMHz: 1842.5, txHeightM: 30, rxHeightM: 1.5 });
    const pl = preparePathLoss(r.cells[0]!.model);
    const rs = referenceSignalPowerDbm({ band: "LTE1800", totalPowerDbm: 46 });
    const frame = localFrame(CENTRE[1]);
    for (const i of [0, 5, 333, r.powerDbm.length - 1]) {
      const d = frameDistanceM(frame, CENTRE, pixelCentre(r.grid, i));
      expect(r.powerDbm[i]).toBe(f32(rs + 11 - pl(d)));
    }
  });

  it("a three-sector site hands over at the bisectors between sectors", () => {
    const site = createSite({ id: "T", coordinates: CENTRE, technologies: ["4G"], overrides: { "4G": { bands: ["LTE1800"] } } });
    const r = computeCoverage([site], { area: AREA, band: "LTE1800", cellSizeM: 50 });
    const frame = localFrame(CENTRE[1]);
    for (let i = 0; i < r.server.length; i++) {
      const [lon, lat] = pixelCentre(r.grid, i);
      const bearing = ((Math.atan2((lon - CENTRE[0]) * frame.kx, (lat - CENTRE[1]) * frame.ky) * 180) / Math.PI + 360) % 360;
      const nearest = Math.round(bearing / 120) % 3;
      const offBisector = Math.min(...[60, 180, 300].map((b) => Math.abs(((bearing - b + 540) % 360) - 180)));
      if (offBisector > 1 && frameDistanceM(frame, CENTRE, [lon, lat]) > 60) expect(r.server[i], `bearing ${bearing}`).toBe(nearest);
    }
  });

  it("signalAt agrees exactly with the raster at pixel centres", () => {
    const sites = [createSite({ id: "A", coordinates: [76.94, 43.245], technologies: ["4G"] }), createSite({ id: "B", coordinates: [76.962, 43.257], technologies: ["4G"] })];
    const opts = { band: "LTE800" as const, load: 0.7 };
    const r = computeCoverage(sites, { ...opts, area: AREA, cellSizeM: 75, tileSize: 16 });
    const query = prepareSignalAt(sites, opts);
    for (let i = 0; i < r.powerDbm.length; i += 13) {
      const s = query(pixelCentre(r.grid, i)).servers;
      if (i % 91 === 0) expect(signalAt(sites, pixelCentre(r.grid, i), opts).servers).toEqual(s);
      const c = r.cells[r.server[i]!]!;
      expect([s[0]!.siteId, s[0]!.sectorIndex]).toEqual([c.siteId, c.sectorIndex]);
      expect(f32(s[0]!.powerDbm)).toBe(r.powerDbm[i]);
      expect(f32(s[0]!.sinrDb)).toBe(r.sinrDb[i]);
      expect(f32(s[1]!.powerDbm)).toBe(r.secondDbm[i]);
      expect(s.map((x) => x.powerDbm)).toEqual([...s.map((x) => x.powerDbm)].sort((a, b) => b - a));
    }
  });
});

describe("co-sited cells evaluated as a group", () => {
  it("equal signalAt bit for bit: 6 sectors (groups of 4 + 2), two bands interleaved (no groups), near the mast", () => {
    const six = createSite({ id: "S6", coordinates: [76.95, 43.25], technologies: ["4G"], azimuthsDeg: [0, 60, 120, 180, 240, 300], overrides: { "4G": { bands: ["LTE1800"] } } });
    const two = createSite({ id: "S2", coordinates: [76.958, 43.246], technologies: ["4G"] });
    for (const opts of [{ band: "LTE1800" as const }, { technology: "4G" as const }]) {
      const sites = [six, two];
      const r = computeCoverage(sites, { ...opts, area: AREA, cellSizeM: 40, tileSize: 32 });
      const query = prepareSignalAt(sites, opts);
      let checked = 0;
      for (let i = 0; i < r.powerDbm.length; i += 7) {
        if (r.mask[i] === 0) continue;
        const s = query(pixelCentre(r.grid, i)).servers;
        expect(f32(s[0]!.powerDbm)).toBe(r.powerDbm[i]);
        expect(f32(s[0]!.sinrDb)).toBe(r.sinrDb[i]);
        expect(f32(s[1]!.powerDbm)).toBe(r.secondDbm[i]);
        checked++;
      }
      expect(checked).toBeGreaterThan(500);
    }
  });
});

describe("computeCoverage — bad input and limits", () => {
  it("an empty site list gives an all-uncovered raster", () => {
    const r = computeCoverage([], { area: AREA, band: "NR3500", cellSizeM: 200 });
    expect(r.cells).toEqual([]);
    expect(r.powerDbm.every((p) => p === -Infinity)).toBe(true);
    expect(r.server.every((s) => s === -1)).toBe(true);
  });

  it("lists sites without a cell in the band as skipped, with the reason", () => {
    const r = computeCoverage([createSite({ id: "G", coordinates: CENTRE, technologies: ["2G"] }), omniSite("L", CENTRE)], { area: AREA, band: "LTE1800", cellSizeM: 200 });
    expect(r.skipped).toEqual([{ siteId: "G", reason: "no cell in LTE1800" }]);
    expect(r.cells.map((c) => c.siteId)).toEqual(["L"]);
  });

  it("NaN outside the area's polygon, values inside", () => {
    const poly = { type: "Polygon" as const, coordinates: [[[76.94, 43.24], [76.96, 43.24], [76.96, 43.26], [76.94, 43.24]]] };
    const r = computeCoverage([omniSite("O", CENTRE)], { area: poly, band: "LTE1800", cellSizeM: 100 });
    for (let i = 0; i < r.mask.length; i++) expect(Number.isNaN(r.powerDbm[i]!)).toBe(r.mask[i] === 0);
    expect(r.mask.some((m) => m === 0)).toBe(true);
  });

  it("refuses grids over maxPixels with GRID_TOO_LARGE and non-finite options with CellplanError", () => {
    expect(() => computeCoverage([], { area: AREA, band: "LTE1800", cellSizeM: 1, maxPixels: 1000 })).toThrow(expect.objectContaining({ code: "GRID_TOO_LARGE" }));
    for (const bad of [{ cellSizeM: NaN }, { load: 2 }, { rxHeightM: -1 }, { rxHeightM: 30 }, { rxHeightM: 0 }, { penetrationLossDb: Infinity }, { tileSize: 0.5 }]) {
      expect(() => computeCoverage([], { area: AREA, band: "LTE1800", ...bad })).toThrow(CellplanError);
    }
    expect(() => computeCoverage([], { area: AREA } as CoverageOptions)).toThrow(/band/);
    expect(() => computeCoverage([], { area: AREA, band: "LTE2600" } as never)).toThrow(/UNKNOWN_BAND/);
    expect(() => computeCoverage([], { band: "LTE1800" } as never)).toThrow(/area/);
    expect(() => computeCoverage([{ type: "Feature" }], { area: AREA, band: "LTE1800" })).toThrow(expect.objectContaining({ code: "INVALID_SITES" }));
  });

  it("reports progress per tile", () => {
    const calls: [number, number][] = [];
    computeCoverage([omniSite("O", CENTRE)], { area: AREA, band: "LTE1800", cellSizeM: 100, tileSize: 10, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.at(-1)![0]).toBe(calls.at(-1)![1]);
    expect(calls.map((c) => c[0])).toEqual(calls.map((_, k) => k + 1));
  });
});

describe("computeCoverage — properties", () => {
  const arbSiteAt = (id: string) =>
    fc.record({ lon: fc.double({ min: 76.935, max: 76.965, noNaN: true }), lat: fc.double({ min: 43.24, max: 43.26, noNaN: true }), az: fc.integer({ min: 0, max: 359 }), p: fc.double({ min: 30, max: 50, noNaN: true }) }).map(({ lon, lat, az, p }) =>
      createSite({ id, coordinates: [lon, lat], technologies: ["4G"], azimuthsDeg: [az], overrides: { "4G": { bands: ["LTE1800"], powerDbm: p } } }),
    );
  const opts = { area: AREA, band: "LTE1800" as const, cellSizeM: 250 };

  it("adding a cell never lowers best-server power; SINR never exceeds the best server's SNR", () => {
    fc.assert(
      fc.property(fc.array(arbSiteAt("S"), { minLength: 1, maxLength: 3 }), arbSiteAt("X"), (base, extra) => {
        const sites = base.map((s, i) => ({ ...s, properties: { ...s.properties, id: `S${i}` } }));
        const a = computeCoverage(sites, opts);
        const b = computeCoverage([...sites, extra], opts);
        const noise = a.noiseDbm[0]!;
        for (let i = 0; i < a.powerDbm.length; i++) {
          expect(b.powerDbm[i]!).toBeGreaterThanOrEqual(a.powerDbm[i]!);
          expect(b.sinrDb[i]!).toBeLessThanOrEqual(f32(b.powerDbm[i]! - noise) + 1e-4);
        }
      }),
      { numRuns: 25, seed: 4 },
    );
  });

  it("raising a cell's power by x dB raises its own received power by x dB everywhere", () => {
    fc.assert(
      fc.property(arbSiteAt("S"), fc.double({ min: -10, max: 10, noNaN: true }), fc.integer({ min: 0, max: 1000 }), (site, x, seed) => {
        const up = { ...site, properties: { ...site.properties, sectors: site.properties.sectors.map((s) => ({ ...s, cells: s.cells.map((c) => ({ ...c, powerDbm: c.powerDbm + x })) })) } };
        const p: LonLat = [76.93 + ((seed * 7919) % 1000) / 25_000, 43.235 + ((seed * 104_729) % 1000) / 33_000];
        const before = signalAt([site], p, { band: "LTE1800", cullMarginDb: 200 }).servers[0]!;
        const after = signalAt([up], p, { band: "LTE1800", cullMarginDb: 200 }).servers[0]!;
        expect(after.powerDbm - before.powerDbm).toBeCloseTo(x, 9);
      }),
      { numRuns: 100, seed: 8 },
    );
  });

  it("covered share falls as the threshold rises", () => {
    const r = computeCoverage([createSite({ id: "T", coordinates: CENTRE, technologies: ["4G"] })], { ...opts, cellSizeM: 100 });
    let prev = 101;
    for (let t = -140; t <= -60; t += 5) {
      const s = coverageStats(r, { thresholdDbm: t });
      expect(s.areaPct).toBeLessThanOrEqual(prev);
      prev = s.areaPct;
    }
  });

  it("a coverage raster survives encodeCoverage / decodeCoverage bit-exactly, metadata included", () => {
    fc.assert(
      fc.property(fc.array(arbSiteAt("S"), { minLength: 0, maxLength: 3 }), (base) => {
        const sites = base.map((s, i) => ({ ...s, properties: { ...s.properties, id: `S${i}` } }));
        const r = computeCoverage(sites, { ...opts, cellSizeM: 300 });
        const back = decodeCoverage(encodeCoverage(r));
        for (const k of ["powerDbm", "server", "secondDbm", "sinrDb", "mask"] as const) {
          const a = r[k];
          const b = back[k];
          expect(b.constructor).toBe(a.constructor);
          expect(new Uint8Array(b.buffer, b.byteOffset, b.byteLength)).toEqual(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
        }
        const { grid, cells, skipped, bands, technology, quantity, noiseDbm, options } = r;
        expect(back).toMatchObject({ grid, cells, skipped, bands, technology, quantity, noiseDbm, options });
        expect(encodeCoverage(back)).toEqual(encodeCoverage(r));
      }),
      { numRuns: 20, seed: 9 },
    );
    expect(() => decodeCoverage(encodeRaster({ west: 0, south: 0, cellLonDeg: 1, cellLatDeg: 1, cellSizeM: 1, width: 1, height: 1 }, {}))).toThrow(/cellplan-coverage/);
  });
});

describe("signalAt — every server's SINR", () => {
  it("a cell alone in its band has SINR = SNR, whichever server ranks first", () => {
    // GSM900 and GSM1800 on one 2G site: each is the only cell of its band.
    const site = createSite({ id: "G", coordinates: CENTRE, technologies: ["2G"], azimuthsDeg: [0] });
    const s = signalAt([site], [CENTRE[0], CENTRE[1] + 0.001], { technology: "2G" });
    expect(s.servers).toHaveLength(2);
    for (const srv of s.servers) {
      const slot = srv.band === "GSM900" ? 0 : 1;
      expect(srv.sinrDb).toBeCloseTo(srv.powerDbm - s.noiseDbm[slot]!, 9);
    }
  });
});

describe("coverageStats — bad input", () => {
  const r = computeCoverage([omniSite("O", CENTRE)], { area: AREA, band: "LTE1800", cellSizeM: 200 });
  const square = (w: number, s: number, e: number, n: number) => ({ type: "Feature" as const, properties: { id: "z" }, geometry: { type: "Polygon" as const, coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] } });

  it("refuses non-areal zones, overlapping zones and broken rasters with CellplanError", () => {
    expect(() => coverageStats(r, { thresholdDbm: -100, zones: [{ type: "Feature", properties: null, geometry: { type: "Point", coordinates: CENTRE } }] as never })).toThrow(
      expect.objectContaining({ code: "WRONG_GEOMETRY" }),
    );
    expect(() => coverageStats(r, { thresholdDbm: -100, zones: { type: "FeatureCollection" } as never })).toThrow(CellplanError);
    expect(() => coverageStats(r, { thresholdDbm: -100, zones: [square(76.93, 43.235, 76.96, 43.26), square(76.95, 43.24, 76.97, 43.265)] })).toThrow(/do not overlap/);
    expect(() => coverageStats(r, { thresholdDbm: -100, population: [{ ...square(76.93, 43.235, 76.96, 43.26), geometry: null }] as never })).toThrow(CellplanError);
    expect(() => coverageStats({ ...r, powerDbm: new Float32Array(3) }, { thresholdDbm: -100 })).toThrow(/raster.powerDbm/);
    expect(() => coverageStats(r, { thresholdDbm: NaN })).toThrow(CellplanError);
  });

  it("splits area and people between adjacent zones exactly", () => {
    const z = [square(76.9, 43.2, 76.95, 43.3), square(76.95, 43.2, 77.0, 43.3)]; // beyond the grid on every side
    const s = coverageStats(r, { thresholdDbm: -200, zones: z });
    expect(s.zones[0]!.totalAreaKm2 + s.zones[1]!.totalAreaKm2).toBeCloseTo(s.totalAreaKm2, 9);
    expect(s.areaPct).toBe(100);
  });
});
