import { readFileSync } from "node:fs";
import { computeCoverage } from "../../src/coverage/compute.js";
import { encodeCoverage } from "../../src/coverage/serialise.js";
import { createSite } from "../../src/model/create.js";
import { SYNTHETIC_FIXTURE } from "../antenna/synthetic.js";

/** Builders of the binary and text files the robustness suite feeds to the decoders. */

export const CPDEM_MAGIC = [0x43, 0x50, 0x44, 0x45, 0x4d, 0x01, 0x00, 0x00];
export const CPRAS_MAGIC = [0x43, 0x50, 0x52, 0x41, 0x53, 0x01, 0x00, 0x00];

/**
 * A file with `magic`, a header (JSON value, or raw text when a string is given with `raw`), padding
 * to `align` and `dataBytes` bytes of data (a repeating 0–255 ramp).
 */
export function fileBytes(o: { magic: readonly number[]; header: unknown; raw?: boolean; align?: number; dataBytes?: number; headerLength?: number }): Uint8Array {
  const text = o.raw ? String(o.header) : JSON.stringify(o.header);
  const json = new TextEncoder().encode(text ?? "");
  const align = o.align ?? 4;
  const dataOffset = Math.ceil((12 + json.length) / align) * align;
  const out = new Uint8Array(dataOffset + (o.dataBytes ?? 0));
  out.set(o.magic.slice(0, 8), 0);
  new DataView(out.buffer).setUint32(8, o.headerLength ?? json.length, true);
  out.set(json, 12);
  for (let i = dataOffset; i < out.length; i++) out[i] = (i - dataOffset) & 0xff;
  return out;
}

/** The header JSON of a .cpdem / .cpras file (for mutation). */
export function headerOf(bytes: Uint8Array): Record<string, unknown> {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + n)));
}

/** `bytes` with its header replaced (layer offsets in a .cpras file are not moved). */
export function withHeader(bytes: Uint8Array, header: unknown, align: number): Uint8Array {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  const oldData = Math.ceil((12 + n) / align) * align;
  const rebuilt = fileBytes({ magic: [...bytes.subarray(0, 8)], header, align, dataBytes: bytes.length - oldData });
  rebuilt.set(bytes.subarray(oldData), rebuilt.length - (bytes.length - oldData));
  return rebuilt;
}

/** A small real coverage file: two sites, 4G, a 12 × 12 grid. */
export function smallCoverageFile(): Uint8Array {
  const sites = [
    createSite({ id: "A", coordinates: [76.93, 43.24], technologies: ["4G"] }),
    createSite({ id: "B", coordinates: [76.95, 43.25], technologies: ["4G"] }),
  ];
  const r = computeCoverage(sites, { area: [76.92, 43.23, 76.96, 43.26], technology: "4G", cellSizeM: 300 });
  return encodeCoverage(r);
}

export const MSI_TEXT = readFileSync(SYNTHETIC_FIXTURE, "utf8");
