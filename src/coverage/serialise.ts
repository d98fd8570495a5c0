import { fail } from "../errors.js";
import { decodeRaster, encodeRaster } from "../raster/codec.js";
import type { CoverageRaster } from "./compute.js";

/**
 * A coverage raster as one `.cpras` file: the grid, the five layers (bit-exact) and everything
 * else (bands, technology, quantity, cells, skipped sites, noise, options) in the header's meta.
 */
export function encodeCoverage(r: CoverageRaster): Uint8Array {
  const { grid, mask, powerDbm, server, secondDbm, sinrDb, ...rest } = r;
  return encodeRaster(grid, { powerDbm, server, secondDbm, sinrDb, mask }, { kind: "cellplan-coverage", ...rest });
}

export function decodeCoverage(bytes: Uint8Array | ArrayBuffer): CoverageRaster {
  const { grid, layers, meta } = decodeRaster(bytes);
  if (meta["kind"] !== "cellplan-coverage") fail("INVALID_VALUE", "meta.kind", meta["kind"], '"cellplan-coverage" (a file written by encodeCoverage)');
  const layer = <T>(name: string, ctor: new (...a: never[]) => T): T => {
    const a = layers[name];
    if (!(a instanceof ctor)) fail("INVALID_VALUE", `layers.${name}`, a === undefined ? undefined : a.constructor.name, ctor.name);
    return a as T;
  };
  const { kind: _kind, ...rest } = meta;
  return {
    ...(rest as Omit<CoverageRaster, "grid" | "mask" | "powerDbm" | "server" | "secondDbm" | "sinrDb">),
    grid,
    mask: layer("mask", Uint8Array),
    powerDbm: layer("powerDbm", Float32Array),
    server: layer("server", Int32Array),
    secondDbm: layer("secondDbm", Float32Array),
    sinrDb: layer("sinrDb", Float32Array),
  };
}
