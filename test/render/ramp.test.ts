import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { OKABE_ITO, rampColours, VIRIDIS_ANCHORS, viridis } from "../../src/render/ramp.js";

const rgb = (hex: string) => [1, 3, 5].map((k) => Number.parseInt(hex.slice(k, k + 2), 16));
/** Relative luminance (WCAG 2.x / sRGB). */
const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

describe("viridis", () => {
  it("hits its anchors (matplotlib viridis entries 0, 16, …, 240, 255)", () => {
    VIRIDIS_ANCHORS.forEach((hex, k) => expect(viridis(Math.min(16 * k, 255) / 255)).toBe(hex));
    expect(viridis(0)).toBe("#440154");
    expect(viridis(1)).toBe("#fde725");
  });

  // Entries between anchors, from matplotlib's 256-entry viridis table (_cm_listed.py): within 3 levels.
  it.each([
    [8, "#470d60"],
    [24, "#482374"],
    [40, "#453781"],
  ])("entry %i is within 3 levels of %s", (index, hex) => {
    const got = rgb(viridis(index / 255));
    rgb(hex).forEach((c, k) => expect(Math.abs(got[k]! - c)).toBeLessThanOrEqual(3));
  });

  it("gets lighter as t grows (a stronger signal always reads lighter)", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        if (hi - lo < 0.02) return;
        expect(luminance(viridis(hi))).toBeGreaterThan(luminance(viridis(lo)));
      }),
    );
  });

  it("clamps t and refuses NaN", () => {
    expect(viridis(-1)).toBe(viridis(0));
    expect(viridis(2)).toBe(viridis(1));
    expect(() => viridis(Number.NaN)).toThrow(RangeError);
  });

  it("rampColours spreads n colours over the ramp", () => {
    expect(rampColours(0)).toEqual([]);
    expect(rampColours(1)).toEqual([viridis(1)]);
    expect(rampColours(3)).toEqual([viridis(0), viridis(0.5), viridis(1)]);
    expect(rampColours(2, 0.2, 0.8)).toEqual([viridis(0.2), viridis(0.8)]);
    expect(() => rampColours(1.5)).toThrow(RangeError);
  });

  it("the phase palette has distinct colours", () => {
    expect(new Set(OKABE_ITO).size).toBe(OKABE_ITO.length);
  });
});
