import { expect } from "vitest";
import { parseMsi } from "../../src/antenna/msi.js";
import { decodeCoverage } from "../../src/coverage/serialise.js";
import { CellplanError } from "../../src/errors.js";
import { sitesFromCsv } from "../../src/io/csv-read.js";
import { createSite } from "../../src/model/create.js";
import { checkSites, validateSite, validateSites } from "../../src/model/validate.js";
import { decodeRaster } from "../../src/raster/codec.js";
import { parseScenario } from "../../src/rollout/scenario.js";
import { decodeDem } from "../../src/terrain/codec.js";
import { hgtTileOf, parseHgt } from "../../src/terrain/hgt.js";

/**
 * Every public loader and validator, called with untyped arguments: the robustness suite's targets
 * and the names its fixtures use (`"boundary"` in test/fixtures/robustness/*.json).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export const BOUNDARIES = {
  validateSites: (a: unknown[]) => validateSites(a[0], a[1] as any),
  validateSite: (a: unknown[]) => validateSite(a[0]),
  checkSites: (a: unknown[]) => checkSites(a[0], a[1] as any),
  createSite: (a: unknown[]) => createSite(a[0] as any),
  parseScenario: (a: unknown[]) => parseScenario(a[0] as any),
  decodeDem: (a: unknown[]) => decodeDem(a[0] as any, a[1] as any),
  decodeRaster: (a: unknown[]) => decodeRaster(a[0] as any, a[1] as any),
  decodeCoverage: (a: unknown[]) => decodeCoverage(a[0] as any, a[1] as any),
  parseHgt: (a: unknown[]) => parseHgt(a[0] as any, a[1] as any),
  hgtTileOf: (a: unknown[]) => hgtTileOf(a[0] as any),
  parseMsi: (a: unknown[]) => parseMsi(a[0] as any, a[1] as any),
  sitesFromCsv: (a: unknown[]) => sitesFromCsv(a[0] as any),
} as const;
export type BoundaryName = keyof typeof BOUNDARIES;

/**
 * Calls a boundary and lets only a well-formed `CellplanError` through: anything else thrown fails
 * the test. Returns the error, or undefined when the input was accepted.
 */
export function attempt(name: BoundaryName, args: unknown[]): CellplanError | undefined {
  try {
    BOUNDARIES[name](args);
    return undefined;
  } catch (e) {
    if (!(e instanceof CellplanError)) throw new Error(`${name} let a ${(e as Error)?.name} escape: ${(e as Error)?.message}`, { cause: e });
    expect(e.problems.length).toBeGreaterThan(0);
    for (const p of e.problems) {
      expect(typeof p.code).toBe("string");
      expect(typeof p.field).toBe("string");
      expect(typeof p.allowed).toBe("string");
    }
    expect(e.message.length).toBeGreaterThan(0);
    return e;
  }
}

/** Own keys of Object.prototype and Array.prototype, to compare before and after hostile input. */
export function prototypeKeys(): string[] {
  return [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype).map((k) => `[].${k}`)].sort();
}
