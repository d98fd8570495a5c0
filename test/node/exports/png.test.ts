import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../../src/errors.js";
import { svgToPng } from "../../../src/node/png.js";
import { renderMapSvg } from "../../../src/render/map.js";
import { BOUNDARY, DISTRICTS, ISOBANDS, PHASES, SITES } from "../../render/scene.js";
import { pngSize } from "./png-size.js";

const SVG = renderMapSvg({ boundary: BOUNDARY, districts: DISTRICTS, isobands: ISOBANDS, sites: SITES }, { width: 640, height: 600, phases: PHASES });
const DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

function darkPixels(svg: string, fontFiles: string[], loadSystemFonts: boolean): number {
  const img = new Resvg(svg, { font: { loadSystemFonts, fontFiles, defaultFontFamily: "DejaVu Sans" }, background: "#ffffff" }).render();
  const pixels = img.pixels; // a getter that copies: read it once
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128) n++;
  return n;
}

describe("svgToPng", () => {
  it("writes a non-empty PNG of the SVG's size", () => {
    const png = svgToPng(SVG);
    expect(png.length).toBeGreaterThan(1000);
    expect(pngSize(png)).toEqual({ width: 640, height: 600 });
  });

  it("scales to a requested width, keeping the aspect ratio", () => {
    expect(pngSize(svgToPng(SVG, { width: 1280 }))).toEqual({ width: 1280, height: 1200 });
  });

  it("still renders without any font (text left out, no crash)", () => {
    expect(pngSize(svgToPng(SVG, { loadSystemFonts: false }))).toEqual({ width: 640, height: 600 });
  });

  it.skipIf(!existsSync(DEJAVU))("draws text when a font is available", () => {
    const text = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="30" font-size="24" font-family="'DejaVu Sans', sans-serif">Almaty</text></svg>`;
    expect(darkPixels(text, [], false)).toBe(0);
    expect(darkPixels(text, [DEJAVU], false)).toBeGreaterThan(50);
    expect(pngSize(svgToPng(text, { loadSystemFonts: false, fontFiles: [DEJAVU] }))).toEqual({ width: 200, height: 40 });
  });

  it("fails clearly on a bad width or an unreadable SVG", () => {
    expect(() => svgToPng(SVG, { width: 0 })).toThrow(CellplanError);
    expect(() => svgToPng(SVG, { width: 1.5 })).toThrow(/options\.width/);
    expect(() => svgToPng("")).toThrow(CellplanError);
    expect(() => svgToPng("<svg")).toThrow(CellplanError);
    expect(() => svgToPng(SVG, { fontFiles: "DejaVuSans.ttf" as never })).toThrow(/options\.fontFiles/);
  });
});
