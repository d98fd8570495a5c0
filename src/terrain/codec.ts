import { CellplanError, describeValue, fail } from "../errors.js";
import { forbiddenKeyProblems } from "../model/forbidden.js";
import { VALIDATE_DEFAULTS } from "../model/validate.js";
import { checkDemShape, DEM_LIMITS, type Dem } from "./dem.js";

/**
 * cellplan's compact DEM file (`.cpdem`):
 *
 * | bytes | content |
 * |---|---|
 * | 0–7 | magic `CPDEM` + version byte 1 + two zero bytes |
 * | 8–11 | header length N, uint32 little-endian |
 * | 12 … 12+N | header, UTF-8 JSON: `originLon, originLat, stepLonDeg, stepLatDeg, width, height, type ("int16" or "float32"), nodata, meta` |
 * | padding | zero bytes up to a multiple of 4 |
 * | rest | width × height samples, little-endian, row-major from the north-west sample |
 *
 * Pure (DataView + TextEncoder), so the root entry can read the shipped terrain in a browser.
 */

const MAGIC = [0x43, 0x50, 0x44, 0x45, 0x4d, 0x01, 0x00, 0x00];

export interface DemFileHeader extends Omit<Dem, "heights" | "nodata"> {
  type: "int16" | "float32";
  nodata: number | null;
  /** Source, licence and processing notes carried with the data. */
  meta: Record<string, unknown>;
}

export function encodeDem(dem: Dem, meta: Record<string, unknown> = {}): Uint8Array {
  const type = dem.heights instanceof Int16Array ? "int16" : "float32";
  const header: DemFileHeader = {
    originLon: dem.originLon,
    originLat: dem.originLat,
    stepLonDeg: dem.stepLonDeg,
    stepLatDeg: dem.stepLatDeg,
    width: dem.width,
    height: dem.height,
    type,
    nodata: Number.isNaN(dem.nodata) ? null : dem.nodata,
    meta,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataOffset = align4(12 + json.length);
  const bytesPer = type === "int16" ? 2 : 4;
  const out = new Uint8Array(dataOffset + dem.heights.length * bytesPer);
  out.set(MAGIC, 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, json.length, true);
  out.set(json, 12);
  for (let i = 0; i < dem.heights.length; i++) {
    if (type === "int16") view.setInt16(dataOffset + i * 2, dem.heights[i]!, true);
    else view.setFloat32(dataOffset + i * 4, dem.heights[i]!, true);
  }
  return out;
}

export interface DecodeDemOptions {
  /** Most samples accepted, checked before anything is allocated (default `DEM_LIMITS.maxSamples`). */
  maxSamples?: number;
}

/**
 * Reads a `.cpdem` file. Throws `CellplanError` (`INVALID_DEM`, or `LIMIT_EXCEEDED` for a DEM larger
 * than `maxSamples`) naming what is wrong; keys such as `__proto__` in the header are refused.
 */
export function decodeDem(input: Uint8Array | ArrayBuffer, options: DecodeDemOptions = {}): { dem: Dem; meta: Record<string, unknown> } {
  if (!(input instanceof Uint8Array) && !(input instanceof ArrayBuffer)) {
    fail("WRONG_TYPE", "bytes", describeValue(input), "the bytes of a .cpdem file (Uint8Array or ArrayBuffer)");
  }
  const maxSamples = options?.maxSamples ?? DEM_LIMITS.maxSamples;
  if (typeof maxSamples !== "number" || !(maxSamples > 0)) fail("INVALID_VALUE", "maxSamples", maxSamples, "a sample limit > 0");
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail("INVALID_DEM", "magic", bytes.length < 12 ? `${bytes.length} bytes` : "wrong", "a .cpdem file starting with CPDEM version 1");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(8, true);
  if (12 + n > bytes.length) fail("INVALID_DEM", "headerLength", n, `at most ${bytes.length - 12} (file is truncated)`);
  let h: DemFileHeader;
  try {
    h = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n))) as DemFileHeader;
  } catch {
    fail("INVALID_DEM", "header", "not JSON", "a UTF-8 JSON header");
  }
  if (h === null || typeof h !== "object" || Array.isArray(h)) fail("INVALID_DEM", "header", describeValue(h), "a JSON object { originLon, originLat, stepLonDeg, stepLatDeg, width, height, type, nodata, meta }");
  const forbidden = forbiddenKeyProblems(h, VALIDATE_DEFAULTS.maxDepth);
  if (forbidden.length > 0) throw new CellplanError("INVALID_DEM", forbidden.map((p) => ({ ...p, field: `header.${p.field}` })));
  for (const k of ["originLon", "originLat", "stepLonDeg", "stepLatDeg"] as const) {
    if (typeof h[k] !== "number" || !Number.isFinite(h[k])) fail("INVALID_DEM", k, h[k], "a finite number");
  }
  if (!(h.stepLonDeg > 0 && h.stepLatDeg > 0)) fail("INVALID_DEM", "step", [h.stepLonDeg, h.stepLatDeg], "positive steps");
  checkDemShape(h.width, h.height, maxSamples);
  if (h.type !== "int16" && h.type !== "float32") fail("INVALID_DEM", "type", h.type, '"int16" or "float32"');
  if (h.nodata !== null && h.nodata !== undefined && !(typeof h.nodata === "number" && Number.isFinite(h.nodata))) {
    fail("INVALID_DEM", "nodata", h.nodata, "a finite number marking voids, or null for none");
  }
  if (h.meta !== undefined && (h.meta === null || typeof h.meta !== "object" || Array.isArray(h.meta))) fail("INVALID_DEM", "meta", describeValue(h.meta), "a JSON object of notes");
  const dataOffset = align4(12 + n);
  const bytesPer = h.type === "int16" ? 2 : 4;
  const count = h.width * h.height;
  if (bytes.length !== dataOffset + count * bytesPer) {
    throw CellplanError.of({
      code: "INVALID_DEM",
      field: "byteLength",
      value: bytes.length,
      allowed: `${dataOffset + count * bytesPer} bytes for ${h.width}×${h.height} ${h.type} samples`,
    });
  }
  const heights = h.type === "int16" ? new Int16Array(count) : new Float32Array(count);
  for (let i = 0; i < count; i++) {
    heights[i] = h.type === "int16" ? view.getInt16(dataOffset + i * 2, true) : view.getFloat32(dataOffset + i * 4, true);
  }
  const dem: Dem = {
    originLon: h.originLon,
    originLat: h.originLat,
    stepLonDeg: h.stepLonDeg,
    stepLatDeg: h.stepLatDeg,
    width: h.width,
    height: h.height,
    heights,
    nodata: h.nodata ?? NaN,
  };
  return { dem, meta: h.meta ?? {} };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}
