import { fail } from "../errors.js";
import type { Grid } from "./grid.js";

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

export function decodeRaster(input: Uint8Array | ArrayBuffer): { grid: Grid; layers: Record<string, LayerArray>; meta: Record<string, unknown> } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) fail("INVALID_VALUE", "magic", `${bytes.length} bytes`, "a .cpras file starting with CPRAS version 1");
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + n > bytes.length) fail("INVALID_VALUE", "headerLength", n, "a header inside the file (truncated?)");
  let header: { grid: Grid; layers: { name: string; type: TypeName; byteOffset: number }[]; meta: Record<string, unknown> };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
  } catch {
    return fail("INVALID_VALUE", "header", "not JSON", "a UTF-8 JSON header");
  }
  const g = header?.grid;
  if (!g || !Number.isInteger(g.width) || !Number.isInteger(g.height) || g.width < 1 || g.height < 1) fail("INVALID_VALUE", "grid", g, "a grid with integer width and height ≥ 1");
  const count = g.width * g.height;
  const layers: Record<string, LayerArray> = {};
  for (const l of Array.isArray(header.layers) ? header.layers : []) {
    const ctor = Object.prototype.hasOwnProperty.call(TYPES, l.type) ? TYPES[l.type] : undefined;
    if (!ctor) fail("INVALID_VALUE", `layers.${l.name}.type`, l.type, Object.keys(TYPES).join(", "));
    const size = count * ctor.BYTES_PER_ELEMENT;
    if (!Number.isInteger(l.byteOffset) || l.byteOffset < 12 + n || l.byteOffset + size > bytes.length) {
      fail("INVALID_VALUE", `layers.${l.name}.byteOffset`, l.byteOffset, `a layer of ${size} bytes inside the file (truncated?)`);
    }
    layers[l.name] = readLE(bytes, l.byteOffset, ctor, count);
  }
  return { grid: g, layers, meta: header.meta ?? {} };
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
