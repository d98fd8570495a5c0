import { describeValue, fail } from "../errors.js";
import { isBand, TECHNOLOGIES } from "../model/bands.js";
import { decodeRaster, encodeRaster, type DecodeRasterOptions } from "../raster/codec.js";
import type { CoverageRaster } from "./compute.js";

/**
 * A coverage raster as one `.cpras` file: the grid, the five layers (bit-exact) and everything
 * else (bands, technology, quantity, cells, skipped sites, noise, options) in the header's meta.
 */
export function encodeCoverage(r: CoverageRaster): Uint8Array {
  const { grid, mask, powerDbm, server, secondDbm, sinrDb, ...rest } = r;
  return encodeRaster(grid, { powerDbm, server, secondDbm, sinrDb, mask }, { kind: "cellplan-coverage", ...rest });
}

/**
 * Reads a file written by `encodeCoverage`. Besides the raster checks of `decodeRaster`, the meta must
 * describe a coverage run (bands, technology, quantity, cells, skipped, one noise figure per band,
 * options) and the layers must agree with it (mask 0 / 1, server −1 or an index into `cells`), so a
 * damaged file is refused here rather than failing later.
 */
export function decodeCoverage(bytes: Uint8Array | ArrayBuffer, options?: DecodeRasterOptions): CoverageRaster {
  const { grid, layers, meta } = decodeRaster(bytes, options);
  if (meta["kind"] !== "cellplan-coverage") fail("INVALID_VALUE", "meta.kind", meta["kind"], '"cellplan-coverage" (a file written by encodeCoverage)');
  const layer = <T>(name: string, ctor: new (...a: never[]) => T): T => {
    const a = layers[name];
    if (!(a instanceof ctor)) fail("INVALID_VALUE", `layers.${name}`, a === undefined ? undefined : a.constructor.name, ctor.name);
    return a as T;
  };
  const { kind: _kind, ...rest } = meta;
  const bands = rest["bands"];
  if (!Array.isArray(bands) || bands.length === 0 || !bands.every(isBand)) fail("INVALID_VALUE", "meta.bands", describeValue(bands), "a non-empty list of bands");
  if (!(TECHNOLOGIES as readonly unknown[]).includes(rest["technology"])) fail("INVALID_VALUE", "meta.technology", rest["technology"], TECHNOLOGIES.join(", "));
  if (typeof rest["quantity"] !== "string") fail("INVALID_VALUE", "meta.quantity", rest["quantity"], "RxLev, RSCP, RSRP or SS-RSRP");
  const noise = rest["noiseDbm"];
  if (!Array.isArray(noise) || noise.length !== bands.length || !noise.every((x) => typeof x === "number" && Number.isFinite(x))) {
    fail("INVALID_VALUE", "meta.noiseDbm", describeValue(noise), `${bands.length} finite noise powers, one per band`);
  }
  const cells = rest["cells"];
  if (!Array.isArray(cells) || !cells.every((c) => c !== null && typeof c === "object" && isBand((c as { band?: unknown }).band))) {
    fail("INVALID_VALUE", "meta.cells", describeValue(cells), "a list of cells, each with a band");
  }
  if (!Array.isArray(rest["skipped"])) fail("INVALID_VALUE", "meta.skipped", describeValue(rest["skipped"]), "a list of skipped sites");
  const opts = rest["options"];
  if (opts === null || typeof opts !== "object" || Array.isArray(opts)) fail("INVALID_VALUE", "meta.options", describeValue(opts), "the resolved options object");
  const raster: CoverageRaster = {
    ...(rest as Omit<CoverageRaster, "grid" | "mask" | "powerDbm" | "server" | "secondDbm" | "sinrDb">),
    grid,
    mask: layer("mask", Uint8Array),
    powerDbm: layer("powerDbm", Float32Array),
    server: layer("server", Int32Array),
    secondDbm: layer("secondDbm", Float32Array),
    sinrDb: layer("sinrDb", Float32Array),
  };
  for (let i = 0; i < raster.mask.length; i++) {
    if (raster.mask[i]! > 1) fail("INVALID_VALUE", `layers.mask[${i}]`, raster.mask[i], "0 or 1");
    const s = raster.server[i]!;
    if (s < -1 || s >= cells.length) fail("INVALID_VALUE", `layers.server[${i}]`, s, `−1 or a cell index 0–${cells.length - 1}`);
  }
  return raster;
}
