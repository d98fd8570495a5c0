import { readdirSync, readFileSync } from "node:fs";
import type { LayerArray } from "../../src/raster/codec.js";
import { decodeRaster, encodeRaster } from "../../src/raster/codec.js";
import type { BoundaryName } from "./boundaries.js";
import { CPDEM_MAGIC, CPRAS_MAGIC, fileBytes, smallCoverageFile } from "./files.js";

/**
 * Named found-and-fixed inputs (test/fixtures/robustness/*.json): what each guards, how the library
 * failed before the fix, where it was fixed, the boundary and its arguments, and the error expected now.
 * Arguments are JSON, except for a few encodings of bytes:
 * - `{ "$bytes": { magic: "CPDEM" | "CPRAS", header, align?, dataBytes? } }`: a file with that header;
 * - `{ "$zeros": n }`: n zero bytes;
 * - `{ "$coverage": { meta?: patch (null deletes a key), server?: [[pixel, value]] } }`: a small real
 *   coverage file, changed so;
 * - any key or string `"$repeat(c,n)"`: the character c n times (megabyte strings stay out of the file).
 */
export interface RobustnessFixture {
  name: string;
  guards: string;
  before: string;
  fixedIn: string;
  boundary: BoundaryName;
  args: unknown[];
  expect: { code: string; problems: Record<string, unknown>[]; maxMessageLength?: number };
}

export const FIXTURE_DIR = new URL("../fixtures/robustness/", import.meta.url);

export function loadFixtures(): RobustnessFixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ""), ...JSON.parse(readFileSync(new URL(f, FIXTURE_DIR), "utf8")) }));
}

const REPEAT = /^\$repeat\((.),(\d+)\)$/;
const expand = (s: string): string => {
  const m = REPEAT.exec(s);
  return m ? m[1]!.repeat(Number(m[2])) : s;
};

export function buildArg(a: unknown): unknown {
  if (typeof a === "string") return expand(a);
  if (Array.isArray(a)) return a.map(buildArg);
  if (a === null || typeof a !== "object") return a;
  const o = a as Record<string, unknown>;
  if ("$bytes" in o) {
    const b = o["$bytes"] as { magic: "CPDEM" | "CPRAS"; header: unknown; align?: number; dataBytes?: number };
    return fileBytes({ magic: b.magic === "CPDEM" ? CPDEM_MAGIC : CPRAS_MAGIC, header: b.header, align: b.align ?? 4, dataBytes: b.dataBytes ?? 0 });
  }
  if ("$zeros" in o) return new Uint8Array(o["$zeros"] as number);
  if ("$coverage" in o) {
    const c = o["$coverage"] as { meta?: Record<string, unknown>; server?: [number, number][] };
    const { grid, layers, meta } = decodeRaster(smallCoverageFile());
    for (const [k, v] of Object.entries(c.meta ?? {})) {
      if (v === null) delete meta[k];
      else meta[k] = v;
    }
    for (const [i, v] of c.server ?? []) (layers["server"] as LayerArray)[i] = v;
    return encodeRaster(grid, layers, meta);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) Object.defineProperty(out, expand(k), { value: buildArg(v), enumerable: true, writable: true, configurable: true });
  return out;
}
