import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCoverage, type CoverageOptions, type CoverageRaster } from "../../src/coverage/compute.js";
import { createPatternLibrary } from "../../src/antenna/library.js";
import { parseMsi } from "../../src/antenna/msi.js";
import { CellplanError } from "../../src/errors.js";
import { createSite } from "../../src/model/create.js";
import { computeCoverageParallel } from "../../src/node/parallel.js";
import { rebuildError, serialiseError } from "../../src/node/worker-messages.js";
import type { BBox, LonLat } from "../../src/units.js";
import { syntheticMsiText } from "../antenna/synthetic.js";

const AREA: BBox = [76.92, 43.23, 76.98, 43.27];
const AT: LonLat[] = [
  [76.95, 43.25],
  [76.935, 43.24],
  [76.965, 43.262],
  [76.94, 43.265],
  [76.972, 43.238],
];
const SITES = AT.map((coordinates, i) => createSite({ id: `S${i}`, coordinates, technologies: ["4G"] }));
const OPTIONS: CoverageOptions = { area: AREA, technology: "4G", cellSizeM: 50, tileSize: 32 };

function bytes(a: Float32Array | Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function expectIdentical(a: CoverageRaster, b: CoverageRaster) {
  expect(a.grid).toEqual(b.grid);
  for (const k of ["powerDbm", "server", "secondDbm", "sinrDb"] as const) {
    expect(bytes(a[k]).equals(bytes(b[k])), k).toBe(true);
  }
  expect(a.cells).toEqual(b.cells);
  expect(a.options).toEqual(b.options);
}

/** Worker threads started in this process that have not emitted "exit" yet. */
const alive = new Set<Worker>();
const onWorker = (w: Worker) => {
  alive.add(w);
  w.once("exit", () => alive.delete(w));
};
let started = 0;
const count = () => started++;
beforeAll(() => {
  process.on("worker", onWorker);
  process.on("worker", count);
});
afterAll(() => {
  process.off("worker", onWorker);
  process.off("worker", count);
});
function liveWorkers(): number {
  return alive.size;
}

describe("computeCoverageParallel", () => {
  const serial = computeCoverage(SITES, OPTIONS);

  it("has many tiles and real coverage in this scene", () => {
    expect(Math.ceil(serial.grid.width / 32) * Math.ceil(serial.grid.height / 32)).toBeGreaterThan(8);
    expect(serial.server.some((s) => s > 0)).toBe(true);
  });

  for (const workers of [1, 2, 3]) {
    it(`equals computeCoverage bit for bit in every layer with ${workers} worker(s)`, async () => {
      const before = started;
      const r = await computeCoverageParallel(SITES, { ...OPTIONS, workers });
      expect(started - before).toBe(workers - 1); // the calling thread is one of the `workers` threads
      expectIdentical(r, serial);
      const free = await computeCoverageParallel(SITES, { ...OPTIONS, workers, callerComputes: false });
      expect(started - before).toBe(2 * workers - 1);
      expectIdentical(free, serial);
      expect(r.powerDbm.buffer).toBeInstanceOf(ArrayBuffer); // not left on shared memory
      expect(liveWorkers()).toBe(0);
    }, 60_000);
  }

  it("with a polygon area and a single band, equal too (default worker count)", async () => {
    const area = { type: "Polygon" as const, coordinates: [[[76.93, 43.235], [76.975, 43.24], [76.96, 43.268], [76.93, 43.235]]] };
    const o: CoverageOptions = { area, band: "LTE800", cellSizeM: 60, tileSize: 16 };
    expectIdentical(await computeCoverageParallel(SITES, o), computeCoverage(SITES, o));
  }, 60_000);

  it("sends a pattern library (a Map of Float32Array patterns) to the workers", async () => {
    const patterns = createPatternLibrary({ "SYN-65-17-T6": parseMsi(syntheticMsiText()) });
    const sites = SITES.slice(0, 3).map((site) => {
      const s = structuredClone(site);
      for (const sector of s.properties.sectors) (sector as { antenna: unknown }).antenna = { pattern: "file", id: "SYN-65-17-T6" };
      return s;
    });
    const o: CoverageOptions = { ...OPTIONS, band: "LTE1800", technology: undefined, patterns };
    expectIdentical(await computeCoverageParallel(sites, { ...o, workers: 2 }), computeCoverage(sites, o));
  }, 60_000);

  it("reports progress on the calling thread up to the tile count", async () => {
    const calls: [number, number][] = [];
    await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2, onProgress: (d, t) => calls.push([d, t]) });
    const total = calls[0]![1];
    expect(total).toBe(Math.ceil(serial.grid.width / 32) * Math.ceil(serial.grid.height / 32));
    expect(calls.map((c) => c[0])).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(calls.every((c) => c[1] === total)).toBe(true);
  }, 60_000);

  it("rejects bad options with the engine's CellplanError before starting workers", async () => {
    const before = started;
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, cellSizeM: NaN })).rejects.toThrow(expect.objectContaining({ code: "NOT_FINITE" }));
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, cellSizeM: NaN })).rejects.toBeInstanceOf(CellplanError);
    await expect(computeCoverageParallel([{ type: "Feature" }], OPTIONS)).rejects.toThrow(expect.objectContaining({ code: "INVALID_SITES" }));
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, workers: 0 })).rejects.toThrow(expect.objectContaining({ code: "INVALID_VALUE", problems: [expect.objectContaining({ field: "workers" })] }));
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, workers: 1.5 })).rejects.toThrow(/workers/);
    await expect(computeCoverageParallel(SITES, null as never)).rejects.toThrow(expect.objectContaining({ code: "WRONG_TYPE" }));
    expect(liveWorkers()).toBe(0);
    expect(started).toBe(before);
  });

  it("rejects a custom model function with a clear error pointing to computeCoverage", async () => {
    const model: CoverageOptions["model"] = (c) => ({ model: "fspl", freqMHz: c.freqMHz, extrapolate: "formula" });
    const p = computeCoverageParallel(SITES, { ...OPTIONS, model });
    await expect(p).rejects.toThrow(expect.objectContaining({ code: "INVALID_VALUE", problems: [expect.objectContaining({ field: "model" })] }));
    await expect(p).rejects.toThrow(/computeCoverage on one thread/);
  });

  it("rejects options that cannot be sent to a worker (a function) with WRONG_TYPE, leaving no worker behind", async () => {
    const o = { ...OPTIONS, extra: () => 1 } as CoverageOptions;
    await expect(computeCoverageParallel(SITES, o)).rejects.toThrow(expect.objectContaining({ code: "WRONG_TYPE" }));
    expect(liveWorkers()).toBe(0);
  });

  it("surfaces a worker's own CellplanError with its code and problems on the calling thread", async () => {
    // A site whose id turns invalid after the calling thread has validated it: only the workers,
    // which receive a copy made later, see the bad id.
    let reads = 0;
    let limit = Infinity;
    const site = structuredClone(SITES[0]!) as { properties: Record<string, unknown> };
    const id = site.properties.id;
    Object.defineProperty(site.properties, "id", { enumerable: true, get: () => (reads++ < limit ? id : "") });
    computeCoverage([site], OPTIONS);
    limit = reads; // the reads one setup makes
    reads = 0;
    const p = computeCoverageParallel([site], { ...OPTIONS, workers: 2 });
    await expect(p).rejects.toBeInstanceOf(CellplanError);
    await expect(p).rejects.toThrow(expect.objectContaining({ code: "INVALID_SITES", problems: [expect.objectContaining({ field: "properties.id" })] }));
    expect(liveWorkers()).toBe(0);
  }, 60_000);

  it("surfaces an error thrown by onProgress and stops every worker", async () => {
    const onProgress = (d: number) => {
      if (d === 3) throw new Error("stop here");
    };
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, workers: 2, onProgress })).rejects.toThrow("stop here");
    expect(liveWorkers()).toBe(0);
  }, 60_000);
});

describe("worker error transport", () => {
  it("rebuilds a CellplanError with its code, problems and message", () => {
    let thrown: unknown;
    try {
      computeCoverage([{ type: "Feature" }, { type: "Feature" }], OPTIONS);
    } catch (e) {
      thrown = e;
    }
    const original = thrown as CellplanError;
    const wire = structuredClone(serialiseError(original));
    const back = rebuildError(wire);
    expect(back).toBeInstanceOf(CellplanError);
    expect(back).toMatchObject({ code: original.code, message: original.message, problems: original.problems });
  });

  it("keeps a non-cloneable problem value as its description, and plain errors as errors", () => {
    const e = CellplanError.of({ code: "INVALID_VALUE", field: "model", value: () => 1, allowed: "x" });
    const back = rebuildError(structuredClone(serialiseError(e))) as CellplanError;
    expect(back.problems[0]!.value).toBe("function");
    expect(back.message).toBe(e.message);
    const plain = rebuildError(structuredClone(serialiseError(new RangeError("boom"))));
    expect(plain).not.toBeInstanceOf(CellplanError);
    expect(plain).toMatchObject({ name: "RangeError", message: "boom" });
  });
});
