import { Resvg, type ResvgRenderOptions } from "@resvg/resvg-js";
import { fail } from "../errors.js";

/** Defaults of `svgToPng`. */
export const PNG_DEFAULTS = {
  /** Load the machine's fonts so map text renders (resvg draws no text without a font). */
  loadSystemFonts: true,
  /**
   * Family used when none of an element's families is installed. DejaVu Sans ships with most
   * Linux systems; resvg falls back to the first system font when it is missing.
   */
  defaultFontFamily: "DejaVu Sans",
  background: "#ffffff",
};

export interface PngOptions {
  /** Output width in pixels; the height follows the SVG's aspect ratio (default: the SVG's own width). */
  width?: number;
  loadSystemFonts?: boolean;
  /** Extra font files (TTF/OTF) to load, e.g. for a machine without system fonts. */
  fontFiles?: readonly string[];
  defaultFontFamily?: string;
  background?: string;
}

/**
 * Rasterises an SVG document to PNG bytes with resvg. Text needs a font: system fonts are loaded
 * by default and `fontFiles` adds more; on a machine with no font at all the PNG is still written,
 * without its text. Throws `CellplanError` for a bad width or an SVG resvg cannot parse.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  if (typeof svg !== "string" || svg.length === 0) fail("WRONG_TYPE", "svg", svg, "SVG text");
  const o = { ...PNG_DEFAULTS, ...options };
  if (o.width !== undefined && !(Number.isInteger(o.width) && o.width >= 1 && o.width <= 20000)) {
    fail("INVALID_VALUE", "options.width", o.width, "an integer from 1 to 20000 pixels");
  }
  if (o.fontFiles !== undefined && (!Array.isArray(o.fontFiles) || o.fontFiles.some((f) => typeof f !== "string"))) {
    fail("WRONG_TYPE", "options.fontFiles", o.fontFiles, "an array of font file paths");
  }
  const render: ResvgRenderOptions = {
    font: {
      loadSystemFonts: o.loadSystemFonts,
      defaultFontFamily: o.defaultFontFamily,
      sansSerifFamily: o.defaultFontFamily,
      ...(o.fontFiles ? { fontFiles: [...o.fontFiles] } : {}),
    },
    background: o.background,
    fitTo: o.width === undefined ? { mode: "original" } : { mode: "width", value: o.width },
    logLevel: "off",
  };
  let png: Buffer;
  try {
    png = new Resvg(svg, render).render().asPng();
  } catch (e) {
    fail("INVALID_VALUE", "svg", (e as Error).message ?? String(e), "an SVG document resvg can render");
  }
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
