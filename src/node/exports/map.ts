import { extname } from "node:path";
import { fail } from "../../errors.js";
import { svgToPng, type PngOptions } from "../png.js";
import { writeOutput } from "./write.js";

/**
 * Writes a rendered map (`renderMapSvg` output) by the path's extension: `.svg` as is, `.png`
 * rasterised with `svgToPng`. Any other extension is a `CellplanError`.
 */
export function writeMap(path: string, svg: string, png: PngOptions = {}): void {
  const ext = extname(path).toLowerCase();
  if (ext === ".svg") writeOutput(path, svg);
  else if (ext === ".png") writeOutput(path, svgToPng(svg, png));
  else fail("INVALID_VALUE", path, ext || "(none)", "a .svg or .png file name");
}
