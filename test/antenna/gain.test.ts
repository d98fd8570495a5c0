import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { antennaGainDbi, prepareAntennaGain, type AntennaSetup } from "../../src/antenna/gain.js";
import { createPatternLibrary, resolvePattern } from "../../src/antenna/library.js";
import { parseMsi } from "../../src/antenna/msi.js";
import { patternAttenuationDb } from "../../src/antenna/pattern.js";
import { ANTENNA_PRESETS } from "../../src/antenna/presets.js";
import { sectorAttenuationDb } from "../../src/antenna/sector.js";
import { mechanicalTiltDirection } from "../../src/antenna/tilt.js";
import type { SectorAntenna } from "../../src/model/schema.js";
import { SYNTHETIC, SYNTHETIC_FIXTURE } from "./synthetic.js";
import { cellplanErrorOf as thrown } from "../fixtures/errors.js";

const PANEL: SectorAntenna = { pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 7, gainDbi: 17, frontToBackDb: 25, sideLobeDb: 20 };
const synthetic = parseMsi(readFileSync(SYNTHETIC_FIXTURE, "utf8"), { source: "synthetic-65deg-17dbi-6et.msi" });
const LIBRARY = createPatternLibrary({ "SYN-65-17-T6": synthetic });


const arbAzimuth = fc.double({ min: 0, max: 360, maxExcluded: true, noNaN: true });
const arbTilt = fc.double({ min: -20, max: 20, noNaN: true });

describe("3GPP sector antenna toward a direction", () => {
  it("is Gmax + A(φ, θ) with φ = bearing − azimuth", () => {
    const g = prepareAntennaGain({ antenna: PANEL, azimuthDeg: 120, electricalTiltDeg: 4 });
    expect(g(120, 4)).toBe(17);
    expect(g(120 + 32.5, 4)).toBeCloseTo(14, 9); // φ3dB/2 → −3 dB
    expect(g(300, 4)).toBeCloseTo(17 - 25, 9); // back
    expect(g(10, 0)).toBeCloseTo(
      17 + sectorAttenuationDb({ azimuthOffDeg: -110, elevationDeg: 0, tiltDeg: 4, hBeamwidthDeg: 65, vBeamwidthDeg: 7, maxAttenuationDb: 25, sideLobeDb: 20 }),
      9,
    );
  });

  it("mechanical tilt equals the same electrical tilt on boresight", () => {
    fc.assert(
      fc.property(arbAzimuth, arbTilt, fc.double({ min: -60, max: 60, noNaN: true }), (azimuthDeg, tilt, elevationDeg) => {
        const mech = antennaGainDbi({ antenna: PANEL, azimuthDeg, mechanicalTiltDeg: tilt }, { bearingDeg: azimuthDeg, elevationDeg });
        const elec = antennaGainDbi({ antenna: PANEL, azimuthDeg, electricalTiltDeg: tilt }, { bearingDeg: azimuthDeg, elevationDeg });
        expect(mech).toBeCloseTo(elec, 9);
      }),
      { seed: 7, numRuns: 1000 },
    );
  });

  it("mechanical tilt has no effect at φ = ±90° on the horizon", () => {
    fc.assert(
      fc.property(arbAzimuth, fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(-90, 90), (azimuthDeg, tilt, side) => {
        const tilted = prepareAntennaGain({ antenna: PANEL, azimuthDeg, mechanicalTiltDeg: tilt });
        const level = prepareAntennaGain({ antenna: PANEL, azimuthDeg });
        expect(tilted(azimuthDeg + side, 0)).toBeCloseTo(level(azimuthDeg + side, 0), 9);
      }),
      { seed: 90, numRuns: 500 },
    );
    // …while on boresight it moves the beam: 6° down puts the horizon 6° above the axis
    expect(mechanicalTiltDirection({ azimuthOffDeg: 0, elevationDeg: 0, mechanicalTiltDeg: 6 }).elevationDeg).toBeCloseTo(-6, 12);
    const at45 = mechanicalTiltDirection({ azimuthOffDeg: 45, elevationDeg: 0, mechanicalTiltDeg: 6 });
    expect(at45.elevationDeg).toBeLessThan(0);
    expect(at45.elevationDeg).toBeGreaterThan(-6); // asin(sin 6° · cos 45°) ≈ −4.24°
    expect(at45.elevationDeg).toBeCloseTo(-Math.asin(Math.sin((6 * Math.PI) / 180) * Math.SQRT1_2) * (180 / Math.PI), 12);
  });

  it("wraps the bearing: b and b + 360 give the same gain", () => {
    fc.assert(
      fc.property(arbAzimuth, arbTilt, fc.double({ min: -1000, max: 1000, noNaN: true }), (azimuthDeg, tilt, b) => {
        const g = prepareAntennaGain({ antenna: PANEL, azimuthDeg, mechanicalTiltDeg: tilt, electricalTiltDeg: 3 });
        expect(g(b + 360, 5)).toBeCloseTo(g(b, 5), 9);
      }),
      { seed: 361, numRuns: 500 },
    );
  });

  it("the prepared form and the one-off form agree, and stay within [G − Am, G]", () => {
    fc.assert(
      fc.property(arbAzimuth, arbTilt, arbTilt, arbAzimuth, fc.double({ min: -90, max: 90, noNaN: true }), (azimuthDeg, m, e, bearingDeg, elevationDeg) => {
        const setup: AntennaSetup = { antenna: ANTENNA_PRESETS.tr36814, azimuthDeg, mechanicalTiltDeg: m, electricalTiltDeg: e };
        const g = prepareAntennaGain(setup)(bearingDeg, elevationDeg);
        expect(antennaGainDbi(setup, { bearingDeg, elevationDeg })).toBe(g);
        expect(g).toBeLessThanOrEqual(14);
        expect(g).toBeGreaterThanOrEqual(14 - 25);
      }),
      { seed: 14, numRuns: 500 },
    );
  });
});

describe("omni antenna", () => {
  it("is constant in azimuth; isotropic in elevation without vBeamwidthDeg", () => {
    const iso = prepareAntennaGain({ antenna: ANTENNA_PRESETS.isotropic, azimuthDeg: 0, mechanicalTiltDeg: 10 });
    expect(iso(0, 0)).toBe(0);
    expect(iso(200, -80)).toBe(0);
    const omni = prepareAntennaGain({ antenna: { pattern: "omni", gainDbi: 11, vBeamwidthDeg: 8 }, azimuthDeg: 0, electricalTiltDeg: 2 });
    for (const b of [0, 45, 133.3, 270]) expect(omni(b, 2)).toBe(11);
    expect(omni(77, 6)).toBeCloseTo(11 - 3, 9); // (6 − 2)/8 = ½ → 3 dB
    expect(omni(77, -60)).toBeCloseTo(11 - 20, 9); // capped at Am = SLAv = 20 dB
  });

  it("a mechanically tilted omni leans: lower on the tilt side, higher behind", () => {
    const omni = prepareAntennaGain({ antenna: { pattern: "omni", gainDbi: 11, vBeamwidthDeg: 8 }, azimuthDeg: 90, mechanicalTiltDeg: 4 });
    expect(omni(90, 4)).toBeCloseTo(11, 9);
    expect(omni(270, -4)).toBeCloseTo(11, 9);
    expect(omni(0, 0)).toBeCloseTo(11, 9);
  });
});

describe("pattern-file antenna", () => {
  it("gives back the 3GPP formula it was generated from (front hemisphere, ≤ 0.15 dB)", () => {
    const file = prepareAntennaGain({ antenna: { pattern: "file", id: "SYN-65-17-T6" }, azimuthDeg: 200 }, LIBRARY);
    const formula = prepareAntennaGain({ antenna: PANEL, azimuthDeg: 200, electricalTiltDeg: SYNTHETIC.tiltDeg });
    fc.assert(
      fc.property(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (phi, el) => {
        expect(Math.abs(file(200 + phi, el) - formula(200 + phi, el))).toBeLessThanOrEqual(0.15);
      }),
      { seed: 65, numRuns: 2000 },
    );
    expect(file(200, 6)).toBe(17);
  });

  it("accepts the bare-id shorthand, and tilts like the parametric pattern", () => {
    const mech = prepareAntennaGain({ antenna: "SYN-65-17-T6", azimuthDeg: 0, mechanicalTiltDeg: 3 }, LIBRARY);
    const elec = prepareAntennaGain({ antenna: "SYN-65-17-T6", azimuthDeg: 0, electricalTiltDeg: 3 }, LIBRARY);
    for (const el of [-10, 0, 5, 9, 20]) expect(mech(0, el)).toBeCloseTo(elec(0, el), 6);
    expect(elec(0, 9)).toBe(17); // 6° in the file + 3° extra
  });

  it("reproduces the front vertical cut, and the horizontal cut plus the tilt's horizon loss", () => {
    for (let k = -90; k <= 90; k += 7) {
      // front vertical cut (φ = 0): exactly the file's values
      expect(patternAttenuationDb(synthetic, { azimuthOffDeg: 0, elevationDeg: k })).toBeCloseTo(-synthetic.vertical[(k + 360) % 360]!, 5);
    }
    for (let k = 0; k < 360; k += 13) {
      // the horizon is 6° above the tilted beam: V(0) is added in front and fades out from 90° to 180°
      const l = synthetic.horizontal[k]! + synthetic.vertical[0]!;
      const want = -Math.min(k <= 90 || k >= 270 ? l : synthetic.horizontal[k]! + synthetic.vertical[0]! * (1 - (Math.min(k, 360 - k) - 90) / 90), 25);
      expect(patternAttenuationDb(synthetic, { azimuthOffDeg: k, elevationDeg: 0 })).toBeCloseTo(want, 5);
    }
    expect(patternAttenuationDb(synthetic, { azimuthOffDeg: 180, elevationDeg: 30 })).toBeCloseTo(-25, 5);
  });

  it("never positive, never below the deepest loss, symmetric for a symmetric file", () => {
    fc.assert(
      fc.property(fc.double({ min: -720, max: 720, noNaN: true }), fc.double({ min: -90, max: 90, noNaN: true }), (phi, el) => {
        const a = patternAttenuationDb(synthetic, { azimuthOffDeg: phi, elevationDeg: el });
        expect(a).toBeLessThanOrEqual(0);
        expect(a).toBeGreaterThanOrEqual(-25);
        expect(patternAttenuationDb(synthetic, { azimuthOffDeg: -phi, elevationDeg: el })).toBeCloseTo(a, 4);
        expect(patternAttenuationDb(synthetic, { azimuthOffDeg: phi + 360, elevationDeg: el })).toBeCloseTo(a, 4);
      }),
      { seed: 17, numRuns: 1000 },
    );
  });

  it("an unknown id names the id and the known ids", () => {
    const e = thrown(() => prepareAntennaGain({ antenna: { pattern: "file", id: "KATHREIN-80010622" }, azimuthDeg: 0 }, LIBRARY));
    expect(e.code).toBe("UNKNOWN_ANTENNA");
    expect(e.message).toContain("KATHREIN-80010622");
    expect(e.message).toContain("SYN-65-17-T6");
    expect(thrown(() => resolvePattern(undefined, "X")).message).toContain("no library given");
  });

  it("a library rejects duplicate ids and broken patterns", () => {
    expect(thrown(() => createPatternLibrary([["A", synthetic], ["A", synthetic]])).code).toBe("DUPLICATE_ID");
    const broken = { ...synthetic, vertical: new Float32Array(359) };
    expect(thrown(() => createPatternLibrary({ B: broken })).code).toBe("INVALID_PATTERN");
    const nan = { ...synthetic, horizontal: Float32Array.from(synthetic.horizontal, (v, i) => (i === 7 ? NaN : v)) };
    expect(thrown(() => prepareAntennaGain({ antenna: "C", azimuthDeg: 0 }, new Map([["C", nan]]))).message).toContain("horizontal[7]");
  });
});

describe("bad setups and directions are CellplanErrors, not NaN", () => {
  const cases: [string, () => unknown, string][] = [
    ["negative beamwidth", () => prepareAntennaGain({ antenna: { ...PANEL, hBeamwidthDeg: -65 }, azimuthDeg: 0 }), "BEAMWIDTH_OUT_OF_RANGE"],
    ["NaN gain", () => prepareAntennaGain({ antenna: { ...PANEL, gainDbi: NaN }, azimuthDeg: 0 }), "NOT_FINITE"],
    ["unknown pattern kind", () => prepareAntennaGain({ antenna: { pattern: "yagi" } as never, azimuthDeg: 0 }), "UNKNOWN_ANTENNA"],
    ["NaN azimuth", () => prepareAntennaGain({ antenna: PANEL, azimuthDeg: NaN }), "NOT_FINITE"],
    ["tilt out of range", () => prepareAntennaGain({ antenna: PANEL, azimuthDeg: 0, mechanicalTiltDeg: 95 }), "TILT_OUT_OF_RANGE"],
    ["NaN bearing (prepared)", () => prepareAntennaGain({ antenna: PANEL, azimuthDeg: 0 })(NaN, 0), "NOT_FINITE"],
    ["NaN elevation (prepared)", () => prepareAntennaGain({ antenna: PANEL, azimuthDeg: 0, mechanicalTiltDeg: 2 })(0, NaN), "NOT_FINITE"],
    ["elevation beyond nadir (prepared, file)", () => prepareAntennaGain({ antenna: "SYN-65-17-T6", azimuthDeg: 0 }, LIBRARY)(0, 95), "INVALID_VALUE"],
    ["infinite bearing (omni)", () => prepareAntennaGain({ antenna: ANTENNA_PRESETS.isotropic, azimuthDeg: 0 })(Infinity, 0), "NOT_FINITE"],
    ["NaN elevation (one-off)", () => antennaGainDbi({ antenna: PANEL, azimuthDeg: 0 }, { bearingDeg: 0, elevationDeg: NaN }), "NOT_FINITE"],
  ];
  it.each(cases)("%s", (_, f, code) => {
    expect(thrown(f).code).toBe(code);
  });
});
