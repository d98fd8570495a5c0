import { describe, expect, it } from "vitest";
import { frameDistanceM, localFrame } from "../../src/geo/frame.js";
import { fitProjection } from "../../src/render/projection.js";
import { formatDistance, niceScaleLengthM, scaleBarSvg } from "../../src/render/scale-bar.js";
import { escapeXml, num } from "../../src/render/svg.js";
import { wrapText } from "../../src/render/text.js";
import type { BBox } from "../../src/units.js";
import { parseXml } from "./xml.js";

describe("niceScaleLengthM", () => {
  it.each([
    [1, 1],
    [1.9, 1],
    [2, 2],
    [4.99, 2],
    [5, 5],
    [9.9, 5],
    [10, 10],
    [7300, 5000],
    [2500, 2000],
    [0.3, 0.2],
  ])("%f m → %f m", (max, nice) => expect(niceScaleLengthM(max)).toBeCloseTo(nice, 12));
  it("refuses a non-positive length", () => expect(() => niceScaleLengthM(0)).toThrow(RangeError));
  it("formats distances", () => {
    expect(formatDistance(500)).toBe("500 m");
    expect(formatDistance(2500)).toBe("2.5 km");
    expect(formatDistance(1000)).toBe("1 km");
  });
});

describe("scaleBarSvg", () => {
  it("draws the nice length at the given scale", () => {
    const r = scaleBarSvg({ x: 0, y: 10, metresPerPixel: 40, maxWidthPx: 180, fontSizePx: 11, colour: "#000", background: "#fff" });
    expect(r.lengthM).toBe(5000); // 180 px × 40 m = 7.2 km → 5 km
    expect(r.width).toBeCloseTo(125, 9);
    const g = parseXml(r.svg);
    expect(g.children.filter((c) => c.name === "text").map((t) => t.text)).toEqual(["0", "2.5", "5 km"]);
  });
});

describe("fitProjection", () => {
  const bbox: BBox = [76.742, 43.0328, 77.1668, 43.4038];
  const frame = { x: 10, y: 20, width: 600, height: 500 };
  const p = fitProjection(bbox, frame, 12, 2000, 1);

  it("fits the box inside the frame less the padding, touching it on one axis", () => {
    const [x0, y1] = p.project([bbox[0], bbox[1]]);
    const [x1, y0] = p.project([bbox[2], bbox[3]]);
    expect(x0).toBeGreaterThanOrEqual(22 - 1e-6);
    expect(x1).toBeLessThanOrEqual(598 + 1e-6);
    expect(y0).toBeGreaterThanOrEqual(32 - 1e-6);
    expect(y1).toBeLessThanOrEqual(508 + 1e-6);
    expect(Math.min(Math.abs(x0 - 22), Math.abs(y0 - 32))).toBeLessThan(1e-6);
  });

  it("measures metres per pixel at the centre within 0.5 % of the local metric frame", () => {
    const c = p.invert([310, 270]);
    const e = p.invert([410, 270]);
    const m = frameDistanceM(localFrame(c[1]), c, e) / 100;
    expect(Math.abs(p.metresPerPixel / m - 1)).toBeLessThan(0.005);
  });

  it("has north up (Mercator)", () => expect(Math.abs(p.northAngleDeg)).toBeLessThan(1e-9));

  it("path output uses the requested digits and straight segments", () => {
    const d = p.path({ type: "Polygon", coordinates: [[[76.8, 43.1], [77.1, 43.1], [77.1, 43.3], [76.8, 43.1]]] })!;
    expect(d).toMatch(/^M[\d.,-]+L[\d.,-]+L[\d.,-]+Z$/);
    for (const n of d.match(/\d+(\.\d+)?/g)!) expect(n.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("svg helpers", () => {
  it("escapes markup and replaces characters XML forbids", () => {
    expect(escapeXml(`a<b>&"c'`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;");
    expect(escapeXml("x\u0000y\uD800")).toBe("x\uFFFDy\uFFFD");
    expect(() => parseXml(`<t a="${escapeXml("\u0001<&>\"'")}">${escapeXml("]]> & \u0007")}</t>`)).not.toThrow();
  });
  it("writes numbers with fixed precision, no trailing zeros, never -0", () => {
    expect(num(1.23456)).toBe("1.23");
    expect(num(2.5, 3)).toBe("2.5");
    expect(num(-0.0001)).toBe("0");
    expect(num(10, 0)).toBe("10");
    expect(() => num(Number.NaN)).toThrow(RangeError);
  });
  it("wraps text at spaces and cuts over-long words", () => {
    expect(wrapText("aaa bbb ccc", 7 * 0.6 * 10, 10)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapText("abcdefghij", 4 * 0.6 * 10, 10)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapText("", 100, 10)).toEqual([""]);
  });
});
