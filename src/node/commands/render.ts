import { extname } from "node:path";
import { coverageContours } from "../../coverage/contours.js";
import { decodeCoverage } from "../../coverage/serialise.js";
import { fail } from "../../errors.js";
import { renderMapSvg, type MapInput } from "../../render/map.js";
import type { AreaLayer, IsobandLayer } from "../../render/layers.js";
import { RADIO_DEFAULTS } from "../../radio/defaults.js";
import { writeMap } from "../exports/map.js";
import { readSiteList } from "../exports/sites.js";
import { readBytes, readJson } from "../files.js";

export interface RenderCommandOptions {
  out: string;
  sites?: string;
  area?: string;
  districts?: string;
  title?: string;
  subtitle?: string;
  /** Thresholds to contour a `.cpras` raster at (default: its technology's outdoor, in-car and indoor thresholds). */
  thresholds?: number[];
  /** PNG width in pixels (default: the SVG's 1200). */
  width?: number;
  attribution?: string;
}

/**
 * `cellplan render COVERAGE --out map.svg|map.png`: a coverage map from an isoband file
 * (`coverage-<b>.geojson` from `cellplan coverage` or `plan`) or a raster (`coverage-<b>.cpras`,
 * contoured here), with optional sites, area outline and districts. The extension of `--out`
 * chooses SVG or PNG.
 */
export function renderCommand(coveragePath: string, o: RenderCommandOptions, out: (s: string) => void): void {
  const ext = extname(o.out).toLowerCase();
  if (ext !== ".svg" && ext !== ".png") fail("INVALID_VALUE", "--out", o.out, "a file name ending in .svg or .png");
  const isobands = readIsobands(coveragePath, o.thresholds);
  const input: MapInput = {
    isobands,
    ...(o.sites === undefined ? {} : { sites: readSiteList(o.sites) }),
    ...(o.area === undefined ? {} : { boundary: readJson(o.area) as AreaLayer }),
    ...(o.districts === undefined ? {} : { districts: readJson(o.districts) as AreaLayer }),
  };
  const svg = renderMapSvg(input, {
    title: o.title ?? "Coverage",
    ...(o.subtitle === undefined ? {} : { subtitle: o.subtitle }),
    ...(o.attribution === undefined ? {} : { attribution: o.attribution }),
  });
  writeMap(o.out, svg, o.width === undefined ? {} : { width: o.width });
  out(`Wrote ${o.out} (${isobands.features.length} isobands${o.sites === undefined ? "" : ", sites"})`);
}

/** Isobands from a `.geojson` isoband file or a `.cpras` coverage raster. */
export function readIsobands(path: string, thresholds?: number[]): IsobandLayer {
  const ext = extname(path).toLowerCase();
  if (ext === ".cpras") {
    const raster = decodeCoverage(readBytes(path));
    const t = RADIO_DEFAULTS[raster.technology].thresholds;
    return coverageContours(raster, thresholds ?? [t.outdoorDbm, t.inCarDbm, t.indoorDbm]) as IsobandLayer;
  }
  if (ext === ".geojson" || ext === ".json") {
    if (thresholds !== undefined) fail("INVALID_VALUE", "--thresholds", thresholds.join(","), "no thresholds with an isoband file (they are in it); use a .cpras raster to choose them");
    return readJson(path) as IsobandLayer;
  }
  return fail("INVALID_VALUE", path, ext || "(none)", "a coverage isoband file (.geojson, from cellplan coverage or plan) or a coverage raster (.cpras)");
}
