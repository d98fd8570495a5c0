import { CellplanError, describeValue, fail } from "../errors.js";
import { forbiddenKeyProblems } from "../model/forbidden.js";
import { FORBIDDEN_KEYS } from "../model/rules.js";
import { VALIDATE_DEFAULTS } from "../model/validate.js";
import { GRID_DEFAULTS, type Grid } from "./grid.js";

/**
 * cellplan's raster file (`.cpras`): a grid and named typed-array layers, bit-exact.
 *
 * | bytes | content |
 * |---|---|
 * | 0–7 | magic `CPRAS` + version byte 1 + two zero bytes |
 * | 8–11 | header length N, uint32 little-endian |
 * | 12 … 12+N | UTF-8 JSON: `{ grid, layers: [{ name, type, byteOffset }], meta }` |
 * | … | each layer's samples, little-endian, 8-byte aligned, at its byteOffset from the file start |
 */

const MAGIC = [0x43, 0x50, 0x52, 0x41, 0x53, 0x01, 0x00, 0x00];

export type LayerArray = Float32Array | Float64Array | Int32Array | Int16Array | Uint8Array | Uint16Array;
const TYPES = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  int16: Int16Array,
  uint8: Uint8Array,
  uint16: Uint16Array,
} as const;
type TypeName = keyof typeof TYPES;

function typeName(a: LayerArray): TypeName {
  for (const [name, ctor] of Object.entries(TYPES)) if (a instanceof ctor) return name as TypeName;
  return fail("WRONG_TYPE", "layer", Object.prototype.toString.call(a), Object.keys(TYPES).join(", "));
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function encodeRaster(grid: Grid, layers: Record<string, LayerArray>, meta: Record<string, unknown> = {}): Uint8Array {
  const n = grid.width * grid.height;
  const entries = Object.entries(layers);
  for (const [name, a] of entries) if (a.length !== n) fail("INVALID_VALUE", `layers.${name}.length`, a.length, `${n} (width × height)`);
  // Offsets depend on the header length, which depends on the offsets: iterate to a fixed point.
  let headerBytes = new Uint8Array(0);
  let offsets: number[] = [];
  for (let pass = 0; pass < 4; pass++) {
    let at = align8(12 + headerBytes.length);
    offsets = entries.map(([, a]) => {
      const o = at;
      at = align8(at + a.byteLength);
      return o;
    });
    const header = { grid, layers: entries.map(([name, a], i) => ({ name, type: typeName(a), byteOffset: offsets[i] })), meta };
    const next = new TextEncoder().encode(JSON.stringify(header));
    const settled = align8(12 + next.length) === align8(12 + headerBytes.length);
    headerBytes = next;
    if (settled) break;
  }
  const last = entries.length ? offsets[offsets.length - 1]! + entries[entries.length - 1]![1].byteLength : align8(12 + headerBytes.length);
  const out = new Uint8Array(align8(last));
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(8, headerBytes.length, true);
  out.set(headerBytes, 12);
  entries.forEach(([, a], i) => writeLE(out, offsets[i]!, a));
  return out;
}

export interface DecodeRasterOptions {
  /** Most pixels accepted in the file's grid (default `GRID_DEFAULTS.maxPixels`). */
  maxPixels?: number;
}

type Header = { grid: Grid; layers: { name: string; type: TypeName; byteOffset: number }[]; meta: Record<string, unknown> };

/**
 * Reads a `.cpras` file. Every part of the header is checked before a layer is read: the grid (integer
 * size within `maxPixels`, finite origin, positive cell sizes), each layer (a unique name, a known type,
 * its bytes inside the file) and the meta object; keys such as `__proto__` are refused. Throws
 * `CellplanError` naming the part.
 */
export function decodeRaster(input: Uint8Array | ArrayBuffer, options: DecodeRasterOptions = {}): { grid: Grid; layers: Record<string, LayerArray>; meta: Record<string, unknown> } {
  if (!(input instanceof Uint8Array) && !(input instanceof ArrayBuffer)) fail("WRONG_TYPE", "bytes", describeValue(input), "the bytes of a .cpras file (Uint8Array or ArrayBuffer)");
  const maxPixels = options?.maxPixels ?? GRID_DEFAULTS.maxPixels;
  if (typeof maxPixels !== "number" || !(maxPixels > 0)) fail("INVALID_VALUE", "maxPixels", maxPixels, "a pixel limit > 0");
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) fail("INVALID_VALUE", "magic", `${bytes.length} bytes`, "a .cpras file starting with CPRAS version 1");
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + n > bytes.length) fail("INVALID_VALUE", "headerLength", n, "a header inside the file (truncated?)");
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  } catch {
    return fail("INVALID_VALUE", "header", "not JSON", "a UTF-8 JSON header");
  }
  if (!isObject(header)) fail("INVALID_VALUE", "header", describeValue(header), "a JSON object { grid, layers, meta }");
  const forbidden = forbiddenKeyProblems(header, VALIDATE_DEFAULTS.maxDepth);
  if (forbidden.length > 0) throw new CellplanError("INVALID_VALUE", forbidden.map((p) => ({ ...p, field: `header.${p.field}` })));
  const g = checkGrid(header.grid, maxPixels);
  const count = g.width * g.height;
  if (!Array.isArray(header.layers)) fail("INVALID_VALUE", "layers", describeValue(header.layers), "a list of { name, type, byteOffset }");
  if (header.meta !== undefined && !isObject(header.meta)) fail("INVALID_VALUE", "meta", describeValue(header.meta), "a JSON object");
  const layers: Record<string, LayerArray> = {};
  header.layers.forEach((l, i) => {
    if (!isObject(l) || typeof l.name !== "string" || l.name === "") fail("INVALID_VALUE", `layers[${i}]`, describeValue(l), "{ name, type, byteOffset } with a non-empty name");
    if (FORBIDDEN_KEYS.includes(l.name)) fail("FORBIDDEN_KEY", `layers[${i}].name`, l.name, `a layer name other than ${FORBIDDEN_KEYS.join(", ")}`);
    if (Object.prototype.hasOwnProperty.call(layers, l.name)) fail("INVALID_VALUE", `layers[${i}].name`, l.name, "a name no other layer has");
    const ctor = Object.prototype.hasOwnProperty.call(TYPES, l.type) ? TYPES[l.type] : undefined;
    if (!ctor) return fail("INVALID_VALUE", `layers.${l.name}.type`, l.type, Object.keys(TYPES).join(", "));
    const size = count * ctor.BYTES_PER_ELEMENT;
    if (!Number.isInteger(l.byteOffset) || l.byteOffset < 12 + n || l.byteOffset + size > bytes.length) {
      fail("INVALID_VALUE", `layers.${l.name}.byteOffset`, l.byteOffset, `a layer of ${size} bytes inside the file (truncated?)`);
    }
    layers[l.name] = readLE(bytes, l.byteOffset, ctor, count);
  });
  return { grid: g, layers, meta: header.meta ?? {} };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The header's grid, checked field by field. */
function checkGrid(g: unknown, maxPixels: number): Grid {
  if (!isObject(g)) return fail("INVALID_VALUE", "grid", describeValue(g), "a grid { west, south, cellLonDeg, cellLatDeg, cellSizeM, width, height }");
  for (const k of ["width", "height"] as const) {
    if (!Number.isInteger(g[k]) || (g[k] as number) < 1) fail("INVALID_VALUE", `grid.${k}`, g[k], "an integer ≥ 1");
  }
  for (const k of ["west", "south"] as const) {
    if (typeof g[k] !== "number" || !Number.isFinite(g[k])) fail("INVALID_VALUE", `grid.${k}`, g[k], "a finite coordinate");
  }
  for (const k of ["cellLonDeg", "cellLatDeg", "cellSizeM"] as const) {
    if (typeof g[k] !== "number" || !Number.isFinite(g[k]) || !((g[k] as number) > 0)) fail("INVALID_VALUE", `grid.${k}`, g[k], "a finite size > 0");
  }
  const pixels = (g["width"] as number) * (g["height"] as number);
  if (pixels > maxPixels) fail("GRID_TOO_LARGE", "grid", `${g["width"]} × ${g["height"]}`, `at most ${maxPixels} pixels (option maxPixels)`);
  return g as unknown as Grid;
}

function align8(x: number): number {
  return (x + 7) & ~7;
}

function writeLE(out: Uint8Array, offset: number, a: LayerArray): void {
  const src = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  out.set(src, offset);
  if (!LITTLE_ENDIAN) swap(out.subarray(offset, offset + a.byteLength), a.BYTES_PER_ELEMENT);
}

function readLE(bytes: Uint8Array, offset: number, ctor: { new (n: number): LayerArray; BYTES_PER_ELEMENT: number }, count: number): LayerArray {
  const out = new ctor(count);
  const dst = new Uint8Array(out.buffer);
  dst.set(bytes.subarray(offset, offset + count * ctor.BYTES_PER_ELEMENT));
  if (!LITTLE_ENDIAN) swap(dst, ctor.BYTES_PER_ELEMENT);
  return out;
}

function swap(b: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let i = 0; i < b.length; i += size) b.subarray(i, i + size).reverse();
}
