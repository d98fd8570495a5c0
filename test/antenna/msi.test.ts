import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseMsi, writeMsi, type ParseMsiOptions } from "../../src/antenna/msi.js";
import type { AntennaPattern } from "../../src/antenna/pattern.js";
import { CellplanError } from "../../src/errors.js";
import { SYNTHETIC_FIXTURE, syntheticMsiText } from "./synthetic.js";

const FIXTURE_TEXT = readFileSync(SYNTHETIC_FIXTURE, "utf8");
const LINES = FIXTURE_TEXT.trimEnd().split("\n");
const H_AT = LINES.indexOf("HORIZONTAL 360"); // 0-based index of the section header
const V_AT = LINES.indexOf("VERTICAL 360");

function rejection(text: string, options?: ParseMsiOptions): CellplanError {
  try {
    parseMsi(text, options);
  } catch (e) {
    expect(e).toBeInstanceOf(CellplanError);
    return e as CellplanError;
  }
  throw new Error("expected parseMsi to throw");
}

/** The fixture with line `n` (1-based) replaced by `line` (or removed when `line` is null). */
function edit(n: number, line: string | null): string {
  const copy = [...LINES];
  if (line === null) copy.splice(n - 1, 1);
  else copy[n - 1] = line;
  return copy.join("\n");
}

describe("the synthetic fixture", () => {
  it("is what its generator writes (REGEN=1 rewrites it)", () => {
    if (process.env.REGEN === "1") writeFileSync(SYNTHETIC_FIXTURE, syntheticMsiText());
    expect(readFileSync(SYNTHETIC_FIXTURE, "utf8")).toBe(syntheticMsiText());
  });

  it("parses into a typed pattern", () => {
    const p = parseMsi(FIXTURE_TEXT);
    expect(p).toMatchObject({
      name: "CELLPLAN-SYN-65-17-T6",
      make: "cellplan (synthetic)",
      frequencyMHz: 1800,
      hBeamwidthDeg: 65,
      vBeamwidthDeg: 7,
      frontToBackDb: 25,
      gainDbi: 17,
      tiltType: "ELECTRICAL",
      electricalTiltDeg: 6,
      polarization: "+45",
      meta: {},
    });
    expect(p.comment).toMatch(/^Synthetic test pattern/);
    expect(p.horizontal).toBeInstanceOf(Float32Array);
    expect(p.horizontal.length).toBe(360);
    expect(p.horizontal[0]).toBe(0);
    expect(p.horizontal[65]).toBeCloseTo(12, 5);
    expect(p.horizontal[180]).toBe(25);
    expect(p.vertical[6]).toBe(0); // the beam axis, 6° below the horizon
    expect(p.vertical[0]).toBeCloseTo(8.8, 5);
    expect(p.vertical[180]).toBe(25);
  });

  it("survives parse → write → parse unchanged", () => {
    const p = parseMsi(FIXTURE_TEXT);
    expect(parseMsi(writeMsi(p))).toEqual(p);
    expect(parseMsi(writeMsi(p, { lineEnding: "\r\n" }))).toEqual(p);
  });
});

describe("parseMsi — format variants", () => {
  it("reads GAIN in dBd (explicit, or by default when no unit is given)", () => {
    const at = LINES.indexOf("GAIN 17 dBi") + 1;
    expect(parseMsi(edit(at, "GAIN 14.85 dBd")).gainDbi).toBeCloseTo(17, 9);
    expect(parseMsi(edit(at, "GAIN 14.85")).gainDbi).toBeCloseTo(17, 9);
    expect(parseMsi(edit(at, "GAIN 17")).gainDbi).toBeCloseTo(19.15, 9);
    expect(parseMsi(edit(at, "gain 17"), { defaultGainUnit: "dBi" }).gainDbi).toBe(17);
  });

  it("accepts a bare name on the first line, mixed-case keywords, vendor keys and several comments", () => {
    const text = ["KATHREIN 80010622 1800", "make Kathrein", "FREQUENCY 1.8 GHz", "GAIN 17.5 dBi", "COMMENT one", "COMMENT two", "X_VENDOR_ID 42", ...LINES.slice(H_AT)].join("\r\n");
    const p = parseMsi(text);
    expect(p.name).toBe("KATHREIN 80010622 1800");
    expect(p.make).toBe("Kathrein");
    expect(p.frequencyMHz).toBe(1800);
    expect(p.comment).toBe("one\ntwo");
    expect(p.meta).toEqual({ X_VENDOR_ID: "42" });
    expect(parseMsi(writeMsi(p))).toEqual(p);
  });

  it("interpolates uneven and half-degree steps onto the 1° grid", () => {
    const half = ["NAME half", "GAIN 10 dBi", "HORIZONTAL 720"];
    for (let k = 0; k < 720; k++) half.push(`${k / 2} ${(k / 2) % 10}`);
    half.push("VERTICAL 4", "0 0", "90 30", "180 20", "270 10");
    const p = parseMsi(half.join("\n"), { maxGapDeg: 90 });
    expect(p.horizontal[3]).toBe(3);
    expect(p.horizontal[359]).toBe(9);
    expect(p.vertical[45]).toBe(15);
    expect(p.vertical[315]).toBe(5); // between 270 (10 dB) and 360 ≡ 0 (0 dB)
    expect(p.vertical[100]).toBeCloseTo(30 - 10 / 9, 5);
  });

  it("mirrors counter-clockwise horizontal angles", () => {
    const p = parseMsi(FIXTURE_TEXT.replace("\n10 0.3\n", "\n10 7.7\n"), { horizontalAngles: "counterclockwise" });
    expect(p.horizontal[350]).toBeCloseTo(7.7, 5);
    expect(p.horizontal[10]).toBeCloseTo(0.3, 5);
    expect(parseMsi(writeMsi(p, { horizontalAngles: "counterclockwise" }), { horizontalAngles: "counterclockwise" })).toEqual(p);
  });
});

describe("parseMsi — malformed files name the line and what is allowed", () => {
  const h1 = H_AT + 2; // first HORIZONTAL data line (1-based)
  const cases: [string, string, RegExp][] = [
    ["no VERTICAL section", LINES.slice(0, V_AT).join("\n"), /line \d+: "end of file" — allowed: a `VERTICAL n` section/],
    ["no HORIZONTAL section", [...LINES.slice(0, H_AT), ...LINES.slice(V_AT)].join("\n"), /no HORIZONTAL section/],
    ["no GAIN line", edit(LINES.indexOf("GAIN 17 dBi") + 1, null), /GAIN line/],
    ["no NAME", edit(1, null), /line 1: "MAKE cellplan \(synthetic\)" — allowed: a `NAME <antenna name>` line/],
    ["a data line missing (wrong count)", edit(h1 + 100, null), new RegExp(`line ${V_AT}: "VERTICAL 360" — allowed: a data line .*only 359 of the 360`)],
    ["truncated file", LINES.slice(0, V_AT + 200).join("\n"), /line \d+: "end of file" — allowed: 360 data lines after `VERTICAL 360`.*ends after 199/],
    ["non-numeric loss", edit(h1 + 5, "5 abc"), new RegExp(`line ${h1 + 5}: "5 abc" — allowed: a loss`)],
    ["NaN loss", edit(h1 + 5, "5 NaN"), new RegExp(`line ${h1 + 5}: "5 NaN"`)],
    ["comma decimal separator", edit(h1 + 5, "5 0,1"), /'\.' as the decimal separator/],
    ["negative loss", edit(h1 + 5, "5 -0.1"), /≥ 0 dB \(MSI stores attenuation without a minus sign\)/],
    ["angle out of range", edit(h1 + 359, "360 0.0"), new RegExp(`line ${h1 + 359}: "360 0.0" — allowed: an angle 0 ≤ angle < 360`)],
    ["duplicate angle", edit(h1 + 6, "5 0.1"), /angle 5 given twice \(also on line \d+\)/],
    ["angles out of order", edit(h1 + 6, "4.5 0.1"), /in increasing order/],
    ["three columns", edit(h1 + 5, "5 0.1 0.2"), /two numbers/],
    ["unknown gain unit", edit(LINES.indexOf("GAIN 17 dBi") + 1, "GAIN 17 dB"), /GAIN followed by a number and dBi or dBd/],
    ["non-numeric H_WIDTH", edit(4, "H_WIDTH wide"), /line 4: "H_WIDTH wide"/],
    ["bad TILT", edit(8, "TILT SIDEWAYS"), /TILT followed by ELECTRICAL or MECHANICAL/],
    ["bad FREQUENCY", edit(3, "FREQUENCY 1710-1880"), /one frequency > 0 in MHz/],
    ["bad section count", edit(H_AT + 1, "HORIZONTAL many"), /`HORIZONTAL n` with n the number of data lines/],
    ["duplicate keyword", edit(2, "NAME again"), /NAME once \(already given on line 1\)/],
    ["two HORIZONTAL sections", [...LINES, ...LINES.slice(H_AT, V_AT)].join("\n"), /one HORIZONTAL section \(another one starts on line 11\)/],
    ["text after the data", [...LINES, "", "END"].join("\n"), /line 734: "END" — allowed: nothing after the HORIZONTAL and VERTICAL sections/],
    ["header between sections", [...LINES.slice(0, V_AT), "COMMENT late", ...LINES.slice(V_AT)].join("\n"), /the VERTICAL section header/],
    ["forbidden vendor key", edit(9, "__proto__ x"), /a keyword other than __proto__/],
    ["gap in the angles", [...LINES.slice(0, H_AT), "HORIZONTAL 2", "0 0", "20 3", ...LINES.slice(V_AT)].join("\n"), /at most 10° apart .*between 0° and 20°/],
    ["empty file", "", /line 1: "end of file"/],
  ];
  it.each(cases)("%s", (_, text, message) => {
    const e = rejection(text);
    expect(e.code).toBe("INVALID_PATTERN");
    expect(e.message).toMatch(message);
  });

  it("quotes the source file name", () => {
    expect(rejection(edit(h1, "0 x"), { source: "panel.msi" }).message).toContain(`panel.msi line ${h1}`);
  });

  it("rejects bad options", () => {
    expect(rejection(FIXTURE_TEXT, { defaultGainUnit: "dB" as never }).code).toBe("INVALID_VALUE");
    expect(rejection(FIXTURE_TEXT, { maxGapDeg: 0 }).code).toBe("INVALID_VALUE");
    expect(rejection(42 as unknown as string).code).toBe("INVALID_PATTERN");
  });

  it("random text and mutated fixtures throw nothing but CellplanError", () => {
    const mutated = fc
      .tuple(fc.integer({ min: 1, max: LINES.length }), fc.oneof(fc.constant(null), fc.string({ maxLength: 20 }), fc.constantFrom("1e999 1", "5 Infinity", "HORIZONTAL 0", "VERTICAL 1", "TILT", "NAME", "GAIN dBi")))
      .map(([n, line]) => edit(n, line));
    const text = fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: fc.constantFrom("H", "V", " ", "\n", "0", "1", ".", "-", "N", "A", "G", "I") }), mutated);
    fc.assert(
      fc.property(text, (t) => {
        try {
          const p = parseMsi(t);
          expect(p.horizontal.length).toBe(360);
        } catch (e) {
          expect(e).toBeInstanceOf(CellplanError);
        }
      }),
      { seed: 4242, numRuns: 1500 },
    );
  });
});

const arbLoss = fc.float({ min: 0, max: 60, noNaN: true, noDefaultInfinity: true }).map((v) => (v === 0 ? 0 : v));
const arbLine = fc.string({ minLength: 1, maxLength: 30, unit: fc.constantFrom(..."abcXYZ019 -+_().".split("")) }).map((s) => s.trim()).filter((s) => s.length > 0);
const arbPattern: fc.Arbitrary<AntennaPattern> = fc.record(
  {
    name: arbLine,
    make: arbLine,
    frequencyMHz: fc.double({ min: 0.001, max: 1e5, noNaN: true }),
    gainDbi: fc.double({ min: -20, max: 40, noNaN: true }).map((v) => (v === 0 ? 0 : v)),
    hBeamwidthDeg: fc.double({ min: 0.1, max: 360, noNaN: true }),
    electricalTiltDeg: fc.integer({ min: -15, max: 15 }).map((v) => (v === 0 ? 0 : v)),
    comment: fc.array(arbLine, { minLength: 1, maxLength: 3 }).map((a) => a.join("\n")),
    horizontal: fc.array(arbLoss, { minLength: 360, maxLength: 360 }).map((a) => Float32Array.from(a)),
    vertical: fc.array(arbLoss, { minLength: 360, maxLength: 360 }).map((a) => Float32Array.from(a)),
    meta: fc.dictionary(fc.constantFrom("X_ONE", "x_two", "Vendor.Key"), arbLine, { maxKeys: 3 }),
  },
  { requiredKeys: ["name", "gainDbi", "horizontal", "vertical", "meta"] },
);

describe("writeMsi", () => {
  it("round-trips any pattern: parse(write(p)) equals p", () => {
    fc.assert(
      fc.property(arbPattern, (p) => {
        expect(parseMsi(writeMsi(p))).toEqual(p);
      }),
      { seed: 2024, numRuns: 200 },
    );
  });

  it("refuses what the format cannot hold", () => {
    const p = parseMsi(FIXTURE_TEXT);
    const refuse = (q: AntennaPattern): string => {
      try {
        writeMsi(q);
      } catch (e) {
        expect(e).toBeInstanceOf(CellplanError);
        return (e as CellplanError).message;
      }
      throw new Error("expected writeMsi to throw");
    };
    expect(refuse({ ...p, make: "two\nlines" })).toContain("single line");
    expect(refuse({ ...p, meta: { GAIN: "3" } })).toContain("vendor keywords");
    expect(refuse({ ...p, mechanicalTiltDeg: 2 })).toContain("one tilt per MSI file");
    expect(refuse({ ...p, horizontal: new Float32Array(10) })).toContain("360 losses");
    expect(refuse({ ...p, gainDbi: NaN })).toContain("gainDbi");
  });
});
