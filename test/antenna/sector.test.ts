import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANTENNA_PRESETS } from "../../src/antenna/presets.js";
import { sectorAttenuationDb, type SectorAttenuationInput } from "../../src/antenna/sector.js";
import { CellplanError } from "../../src/errors.js";

const TR36814 = { hBeamwidthDeg: 70, vBeamwidthDeg: 10, maxAttenuationDb: 25, sideLobeDb: 20 };
const TR38901 = { hBeamwidthDeg: 65, vBeamwidthDeg: 65, maxAttenuationDb: 30, sideLobeDb: 30 };
const at = (p: typeof TR36814, azimuthOffDeg: number, elevationDeg: number, tiltDeg = 0): SectorAttenuationInput => ({
  ...p,
  azimuthOffDeg,
  elevationDeg,
  tiltDeg,
});

/** Tolerance of every row: 0.01 dB. */
const TOL_DB = 0.01;

const REFERENCE: { row: string; input: SectorAttenuationInput; expectedDb: number; source: string }[] = [
  { row: "boresight", input: at(TR36814, 0, 0), expectedDb: 0, source: "A(0, θtilt) = 0 by construction (TR 36.814 §A.2.1.1.1)" },
  { row: "φ = φ3dB/2", input: at(TR36814, 35, 0), expectedDb: -3, source: "12·(1/2)² = 3: the −3 dB point defines φ3dB (TR 36.814 Table A.2.1.1-2)" },
  { row: "φ = φ3dB", input: at(TR36814, 70, 0), expectedDb: -12, source: "12·1² = 12 dB at the full beamwidth (same formula)" },
  { row: "φ beyond √(Am/12)·φ3dB", input: at(TR36814, Math.sqrt(25 / 12) * 70 + 1, 0), expectedDb: -25, source: "capped at Am = 25 dB (Table A.2.1.1-2)" },
  { row: "φ = 180° (back)", input: at(TR38901, 180, 0), expectedDb: -30, source: "front-to-back ratio Am = 30 dB (TR 38.901 Table 7.3-1)" },
  { row: "φ = 90°, TR 38.901 element", input: at(TR38901, 90, 0), expectedDb: -(12 * 8100) / 4225, source: "12·(90/65)² = 23.0059 dB < Am (TR 38.901 Table 7.3-1)" },
  { row: "φ = 350° wraps to −10°", input: at(TR36814, 350, 0), expectedDb: -12 * (10 / 70) ** 2, source: "azimuth offset wraps: 12·(10/70)² = 0.2449 dB" },
  { row: "θ − tilt = θ3dB/2", input: at(TR36814, 0, 11, 6), expectedDb: -3, source: "vertical −3 dB point, 6° downtilt: 12·(5/10)² = 3 (Table A.2.1.1-2)" },
  { row: "θ on the tilted axis", input: at(TR36814, 0, 6, 6), expectedDb: 0, source: "θ = θtilt is the beam axis" },
  { row: "θ above the beam, capped", input: at(TR36814, 0, -20, 6), expectedDb: -20, source: "12·(26/10)² = 81 > SLAv = 20 dB (Table A.2.1.1-2)" },
  { row: "combined H and V", input: at(TR36814, 70, 16, 6), expectedDb: -24, source: "A = −min(12 + 12, Am = 25): sum below the cap" },
  { row: "combined capped at Am", input: at(TR36814, 70, 40, 6), expectedDb: -25, source: "A = −min(12 + 20, 25) = −25 (combining rule of §A.2.1.1.1)" },
];

describe("sectorAttenuationDb — reference values", () => {
  it.each(REFERENCE)("$row: $expectedDb dB ($source)", ({ input, expectedDb }) => {
    expect(Math.abs(sectorAttenuationDb(input) - expectedDb)).toBeLessThanOrEqual(TOL_DB);
  });

  it("returns +0 on boresight, never −0", () => {
    expect(Object.is(sectorAttenuationDb(at(TR36814, 0, 0)), 0)).toBe(true);
  });

  it("the presets carry the values of their tables", () => {
    expect(ANTENNA_PRESETS.tr36814).toMatchObject({ hBeamwidthDeg: 70, vBeamwidthDeg: 10, frontToBackDb: 25, sideLobeDb: 20, gainDbi: 14 });
    expect(ANTENNA_PRESETS.tr38901Element).toMatchObject({ hBeamwidthDeg: 65, vBeamwidthDeg: 65, frontToBackDb: 30, sideLobeDb: 30, gainDbi: 8 });
    expect(ANTENNA_PRESETS.tr36942).toMatchObject({ hBeamwidthDeg: 65, frontToBackDb: 20, gainDbi: 15 });
    // TR 36.942 has no vertical pattern: the preset's SLAv = 0 switches it off
    const p = ANTENNA_PRESETS.tr36942;
    const input = { hBeamwidthDeg: p.hBeamwidthDeg, vBeamwidthDeg: p.vBeamwidthDeg, maxAttenuationDb: p.frontToBackDb, sideLobeDb: p.sideLobeDb };
    expect(sectorAttenuationDb({ ...input, azimuthOffDeg: 0, elevationDeg: 60, tiltDeg: 0 })).toBe(0);
    expect(sectorAttenuationDb({ ...input, azimuthOffDeg: 65, elevationDeg: 0, tiltDeg: 0 })).toBeCloseTo(-12, 9);
  });
});

const arbParams = fc.record({
  hBeamwidthDeg: fc.double({ min: 1, max: 360, noNaN: true }),
  vBeamwidthDeg: fc.double({ min: 1, max: 180, noNaN: true }),
  maxAttenuationDb: fc.double({ min: 0, max: 70, noNaN: true }),
  sideLobeDb: fc.double({ min: 0, max: 70, noNaN: true }),
  tiltDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  elevationDeg: fc.double({ min: -90, max: 90, noNaN: true }),
  azimuthOffDeg: fc.double({ min: -720, max: 720, noNaN: true }),
});

describe("sectorAttenuationDb — properties", () => {
  it("is symmetric in ±φ, never positive and never below −Am", () => {
    fc.assert(
      fc.property(arbParams, (p) => {
        const a = sectorAttenuationDb(p);
        expect(a).toBeLessThanOrEqual(0);
        expect(a).toBeGreaterThanOrEqual(-p.maxAttenuationDb);
        expect(sectorAttenuationDb({ ...p, azimuthOffDeg: -p.azimuthOffDeg })).toBeCloseTo(a, 9);
      }),
      { seed: 36814, numRuns: 2000 },
    );
  });

  it("wraps the azimuth: φ and φ + 360 give the same value", () => {
    fc.assert(
      fc.property(arbParams, (p) => {
        expect(sectorAttenuationDb({ ...p, azimuthOffDeg: p.azimuthOffDeg + 360 })).toBeCloseTo(sectorAttenuationDb(p), 9);
      }),
      { seed: 360, numRuns: 1000 },
    );
  });
});

describe("sectorAttenuationDb — bad input is a CellplanError, never NaN", () => {
  const good = at(TR36814, 10, 5, 2);
  const cases: [string, Partial<SectorAttenuationInput>, string][] = [
    ["NaN azimuth", { azimuthOffDeg: NaN }, "NOT_FINITE"],
    ["infinite azimuth", { azimuthOffDeg: Infinity }, "NOT_FINITE"],
    ["NaN elevation", { elevationDeg: NaN }, "NOT_FINITE"],
    ["elevation below nadir", { elevationDeg: 91 }, "INVALID_VALUE"],
    ["negative beamwidth", { hBeamwidthDeg: -65 }, "BEAMWIDTH_OUT_OF_RANGE"],
    ["zero vertical beamwidth", { vBeamwidthDeg: 0 }, "BEAMWIDTH_OUT_OF_RANGE"],
    ["negative Am", { maxAttenuationDb: -1 }, "GAIN_OUT_OF_RANGE"],
    ["NaN SLAv", { sideLobeDb: NaN }, "NOT_FINITE"],
    ["tilt beyond 90°", { tiltDeg: 120 }, "TILT_OUT_OF_RANGE"],
    ["a string", { tiltDeg: "6" as unknown as number }, "NOT_FINITE"],
  ];
  it.each(cases)("%s", (_, patch, code) => {
    let error: unknown;
    try {
      sectorAttenuationDb({ ...good, ...patch });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellplanError);
    expect((error as CellplanError).code).toBe(code);
    expect((error as CellplanError).message).toContain(Object.keys(patch)[0]!);
  });
});
