import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { signalAt } from "../../src/coverage/signal-at.js";
import { TABLE_DEFAULTS } from "../../src/coverage/tables.js";
import { validateSites } from "../../src/model/validate.js";
import type { Band } from "../../src/model/bands.js";

/** The lookup tables against the exact formulas, over random antennas, bands and places. */
describe("coverage lookup tables", () => {
  const arbSite = fc.record({
    band: fc.constantFrom<Band>("GSM900", "LTE1800", "UMTS2100", "NR3500", "LTE800"),
    azimuthDeg: fc.double({ min: 0, max: 359.99, noNaN: true }),
    heightM: fc.double({ min: 3, max: 80, noNaN: true }),
    electricalTiltDeg: fc.double({ min: -5, max: 15, noNaN: true }),
    hBeamwidthDeg: fc.double({ min: 20, max: 120, noNaN: true }),
    vBeamwidthDeg: fc.double({ min: 3, max: 30, noNaN: true }),
    frontToBackDb: fc.double({ min: 15, max: 35, noNaN: true }),
    sideLobeDb: fc.double({ min: 10, max: 30, noNaN: true }),
    omni: fc.boolean(),
  });

  it(`stay within ${TABLE_DEFAULTS.toleranceDb} dB of the exact formulas everywhere`, () => {
    let worst = 0;
    fc.assert(
      fc.property(arbSite, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (p, u, v) => {
        const antenna = p.omni
          ? { pattern: "omni", gainDbi: 8, vBeamwidthDeg: p.vBeamwidthDeg }
          : { pattern: "3gpp-sector", gainDbi: 17, hBeamwidthDeg: p.hBeamwidthDeg, vBeamwidthDeg: p.vBeamwidthDeg, frontToBackDb: p.frontToBackDb, sideLobeDb: p.sideLobeDb };
        const sites = validateSites([
          {
            type: "Feature",
            geometry: { type: "Point", coordinates: [76.95, 43.25] },
            properties: { id: "S", status: "planned", sectors: [{ azimuthDeg: p.azimuthDeg, heightM: p.heightM, electricalTiltDeg: p.electricalTiltDeg, antenna, cells: [{ band: p.band, powerDbm: 43 }] }] },
          },
        ]);
        // anywhere from the mast out to ~8 km, all bearings
        const r = 8000 * u * u;
        const a = 2 * Math.PI * v;
        const point: [number, number] = [76.95 + (r * Math.sin(a)) / 81_300, 43.25 + (r * Math.cos(a)) / 111_100];
        const exact = signalAt(sites, point, { band: p.band, tables: false }).servers[0];
        const table = signalAt(sites, point, { band: p.band }).servers[0];
        expect(table === undefined).toBe(exact === undefined);
        if (exact && table) {
          const diff = Math.abs(exact.powerDbm - table.powerDbm);
          worst = Math.max(worst, diff);
          expect(diff).toBeLessThanOrEqual(TABLE_DEFAULTS.toleranceDb);
        }
      }),
      { numRuns: 5000, seed: 2024 },
    );
    expect(worst).toBeGreaterThan(0); // the tables were in use
  });

  it("hold the tolerance across the corners where the pattern caps begin (narrow beams)", () => {
    let worst = 0;
    for (const [hbw, vbw, am, sla] of [
      [20, 3, 35, 30],
      [20, 5, 35, 10],
      [30, 10, 30, 20],
      [65, 10, 30, 20],
      [65, 8, 25, 20],
    ] as const) {
      const sites = validateSites([
        {
          type: "Feature",
          geometry: { type: "Point", coordinates: [76.95, 43.25] },
          properties: {
            id: "C",
            status: "planned",
            sectors: [{ azimuthDeg: 0, heightM: 25, electricalTiltDeg: 6, antenna: { pattern: "3gpp-sector", gainDbi: 17, hBeamwidthDeg: hbw, vBeamwidthDeg: vbw, frontToBackDb: am, sideLobeDb: sla }, cells: [{ band: "NR3500", powerDbm: 53 }] }],
          },
        },
      ]);
      const at = (bearingDeg: number, dM: number): [number, number] => [76.95 + (dM * Math.sin((bearingDeg * Math.PI) / 180)) / 81_290, 43.25 + (dM * Math.cos((bearingDeg * Math.PI) / 180)) / 111_090];
      const probe = (p: [number, number]) => {
        const e = signalAt(sites, p, { band: "NR3500", tables: false }).servers[0]!.powerDbm;
        const t = signalAt(sites, p, { band: "NR3500" }).servers[0]!.powerDbm;
        worst = Math.max(worst, Math.abs(e - t));
      };
      const hCorner = hbw * Math.sqrt(am / 12);
      for (let b = hCorner - 2; b <= hCorner + 2; b += 0.05) probe(at(b, 500));
      // distances where the elevation below boresight reaches the vertical cap: tan⁻¹(23.5/d) = tilt ± θ3dB·√(SLA/12)
      for (const sign of [1, -1]) {
        const theta = 6 + sign * vbw * Math.sqrt(sla / 12);
        if (theta <= 0.5) continue;
        const d = 23.5 / Math.tan((theta * Math.PI) / 180);
        for (let x = d * 0.9; x <= d * 1.1; x += d / 400) if (x > 60) probe(at(0, x));
      }
    }
    expect(worst).toBeLessThanOrEqual(TABLE_DEFAULTS.toleranceDb);
  });

  it("leave mechanically tilted and pattern-file antennas on the exact path", () => {
    const sites = validateSites([
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [76.95, 43.25] },
        properties: { id: "M", status: "planned", sectors: [{ azimuthDeg: 90, heightM: 30, mechanicalTiltDeg: 4, antenna: { pattern: "3gpp-sector", gainDbi: 17, hBeamwidthDeg: 65, vBeamwidthDeg: 8 }, cells: [{ band: "LTE1800", powerDbm: 43 }] }] },
      },
    ]);
    const a = computeCoverage(sites, { area: [76.94, 43.24, 76.96, 43.26], band: "LTE1800", cellSizeM: 100 });
    const b = computeCoverage(sites, { area: [76.94, 43.24, 76.96, 43.26], band: "LTE1800", cellSizeM: 100, tables: false });
    expect(a.powerDbm).toEqual(b.powerDbm);
  });
});
