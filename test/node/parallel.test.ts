import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeCoverage, type CoverageOptions, type CoverageRaster } from "../../src/coverage/compute.js";
import { createPatternLibrary } from "../../src/antenna/library.js";
import { parseMsi } from "../../src/antenna/msi.js";
import { CellplanError } from "../../src/errors.js";
import { createSite } from "../../src/model/create.js";
import { computeCoverageParallel } from "../../src/node/parallel.js";
import { rebuildError, serialiseError } from "../../src/node/worker-messages.js";
import { closeCoverageWorkers, coverageWorkerCount } from "../../src/node/worker-pool.js";
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

/** Worker threads started in this process that have not emitted "exit" yet, oldest first. */
const alive = new Set<Worker>();
let started = 0;
const onWorker = (w: Worker) => {
  started++;
  alive.add(w);
  w.once("exit", () => alive.delete(w));
};
beforeAll(() => {
  process.on("worker", onWorker);
});
afterAll(async () => {
  await closeCoverageWorkers();
  process.off("worker", onWorker);
});
function liveWorkers(): number {
  return alive.size;
}
/** Idle workers the pool keeps at most. */
const KEEP = availableParallelism();

describe("computeCoverageParallel", () => {
  const serial = computeCoverage(SITES, OPTIONS);

  it("has many tiles and real coverage in this scene", () => {
    expect(Math.ceil(serial.grid.width / 32) * Math.ceil(serial.grid.height / 32)).toBeGreaterThan(8);
    expect(serial.server.some((s) => s > 0)).toBe(true);
  });

  for (const workers of [1, 2, 3]) {
    it(`equals computeCoverage bit for bit in every layer with ${workers} worker(s)`, async () => {
      await closeCoverageWorkers();
      expect(liveWorkers()).toBe(0);
      const before = started;
      const r = await computeCoverageParallel(SITES, { ...OPTIONS, workers });
      expect(started - before).toBe(workers - 1); // the calling thread is one of the `workers` threads
      expectIdentical(r, serial);
      const kept = Math.min(workers - 1, KEEP);
      expect(coverageWorkerCount()).toEqual({ live: kept, idle: kept });
      const free = await computeCoverageParallel(SITES, { ...OPTIONS, workers, callerComputes: false });
      expect(started - before).toBe(workers - 1 + (workers - kept)); // the idle ones are reused
      expectIdentical(free, serial);
      // with workers the result's layers are the shared ones the threads wrote; one thread alone uses ordinary memory
      expect(r.powerDbm.buffer).toBeInstanceOf(workers > 1 ? SharedArrayBuffer : ArrayBuffer);
      expect(free.powerDbm.buffer).toBeInstanceOf(SharedArrayBuffer);
      await closeCoverageWorkers();
      expect(liveWorkers()).toBe(0);
      expect(coverageWorkerCount()).toEqual({ live: 0, idle: 0 });
    }, 60_000);
  }

  it("keeps its workers between calls: a second call starts none, and gives the same raster", async () => {
    await closeCoverageWorkers();
    const before = started;
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expect(started - before).toBe(1);
    expect(liveWorkers()).toBe(1); // idle, kept for the next call
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2, tileSize: 16 }), computeCoverage(SITES, { ...OPTIONS, tileSize: 16 }));
    expect(started - before).toBe(1);
    expect(coverageWorkerCount()).toEqual({ live: 1, idle: 1 });
  }, 60_000);

  it("gives each call its own layers: calls of other sizes and areas one after another, each bit for bit", async () => {
    const other = SITES.slice(1, 4);
    const cases: [unknown, CoverageOptions][] = [
      [SITES, { ...OPTIONS, cellSizeM: 30 }],
      [other, OPTIONS],
      [SITES, { ...OPTIONS, tileSize: 16, load: 0.3 }],
      [other, { ...OPTIONS, area: [76.93, 43.24, 76.96, 43.26] }],
    ];
    for (const [sites, o] of cases) expectIdentical(await computeCoverageParallel(sites, { ...o, workers: 2 }), computeCoverage(sites, o));
  }, 60_000);

  it("returns the shared layers the threads wrote as the result's own (nothing copied)", async () => {
    const r = await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 });
    for (const layer of [r.powerDbm, r.server, r.secondDbm, r.sinrDb]) expect(layer.buffer).toBeInstanceOf(SharedArrayBuffer);
    expectIdentical(r, computeCoverage(SITES, OPTIONS));
    // one thread: ordinary memory, as computeCoverage
    const one = await computeCoverageParallel(SITES, { ...OPTIONS, workers: 1 });
    expect(one.powerDbm.buffer).toBeInstanceOf(ArrayBuffer);
  });

  it("runs concurrent calls on distinct workers, each bit for bit", async () => {
    await closeCoverageWorkers();
    const before = started;
    const o2: CoverageOptions = { ...OPTIONS, band: "LTE800", technology: undefined };
    const [a, b] = await Promise.all([computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), computeCoverageParallel(SITES, { ...o2, workers: 2 })]);
    expect(started - before).toBe(2);
    expectIdentical(a, serial);
    expectIdentical(b, computeCoverage(SITES, o2));
  }, 60_000);

  it("replaces a worker that died while idle", async () => {
    await closeCoverageWorkers();
    await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 });
    const [w] = [...alive];
    await w!.terminate(); // as if it had crashed
    expect(coverageWorkerCount()).toEqual({ live: 0, idle: 0 });
    const before = started;
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expect(started - before).toBe(1);
  }, 60_000);

  it("rejects a call whose worker dies during it, and replaces that worker for the next call", async () => {
    await closeCoverageWorkers();
    await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 });
    const [w] = [...alive];
    // The worker is still idle in the pool when the call takes it, but is already going away.
    const dying = w!.terminate();
    await expect(computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 })).rejects.toThrow(/coverage worker exited/);
    await dying;
    expect(coverageWorkerCount()).toEqual({ live: 0, idle: 0 });
    const before = started;
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expect(started - before).toBe(1);
  }, 60_000);

  it("rejects a call still running when closeCoverageWorkers ends its workers", async () => {
    await closeCoverageWorkers();
    let closing: Promise<void> | undefined;
    const onProgress = (d: number) => {
      if (d === 1) closing = closeCoverageWorkers();
    };
    // callerComputes false: only the worker computes tiles, and it is ended after its first one.
    const o = { ...OPTIONS, tileSize: 4, workers: 1, callerComputes: false, onProgress };
    await expect(computeCoverageParallel(SITES, o)).rejects.toThrow(/closeCoverageWorkers/);
    await closing;
    expect(liveWorkers()).toBe(0);
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
  }, 60_000);

  it("lets a process exit while its pool is idle (workers unref()-ed), without closeCoverageWorkers", () => {
    const root = fileURLToPath(new URL("../..", import.meta.url));
    const parallel = new URL("../../src/node/parallel.ts", import.meta.url).href;
    const pool = new URL("../../src/node/worker-pool.ts", import.meta.url).href;
    const script = [
      `const { computeCoverageParallel } = await import(${JSON.stringify(parallel)});`,
      `const { coverageWorkerCount } = await import(${JSON.stringify(pool)});`,
      `const r = await computeCoverageParallel({ type: "FeatureCollection", features: ${JSON.stringify(SITES.slice(0, 2))} }, ${JSON.stringify({ ...OPTIONS, workers: 2 })});`,
      `console.log(JSON.stringify({ width: r.grid.width, pool: coverageWorkerCount() }));`,
    ].join("\n");
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(child.error).toBeUndefined(); // no timeout: it exited by itself
    expect(child.stderr).toBe("");
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({ width: serial.grid.width, pool: { live: 1, idle: 1 } });
  }, 120_000);

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
    await closeCoverageWorkers();
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

  it("rejects options that cannot be sent to a worker (a function) with WRONG_TYPE, before taking or starting a worker", async () => {
    await closeCoverageWorkers();
    const before = started;
    const calls: number[] = [];
    const o = { ...OPTIONS, workers: 2, extra: () => 1, onProgress: (d: number) => calls.push(d) } as CoverageOptions;
    await expect(computeCoverageParallel(SITES, o)).rejects.toThrow(expect.objectContaining({ code: "WRONG_TYPE" }));
    expect(started).toBe(before);
    expect(liveWorkers()).toBe(0);
    expect(calls).toEqual([]); // no tile computed either
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
    await closeCoverageWorkers();
    const p = computeCoverageParallel([site], { ...OPTIONS, workers: 2 });
    await expect(p).rejects.toBeInstanceOf(CellplanError);
    await expect(p).rejects.toThrow(expect.objectContaining({ code: "INVALID_SITES", problems: [expect.objectContaining({ field: "properties.id" })] }));
    // The worker answered with the error and stays in the pool, idle, for the next call.
    expect(coverageWorkerCount()).toEqual({ live: 1, idle: 1 });
    const before = started;
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expect(started).toBe(before);
  }, 60_000);

  it("surfaces an error thrown by onProgress once every worker has stopped, and reuses them after", async () => {
    await closeCoverageWorkers();
    const calls: number[] = [];
    const onProgress = (d: number) => {
      calls.push(d);
      if (d === 3) throw new Error("stop here");
    };
    for (const callerComputes of [true, false]) {
      calls.length = 0;
      await expect(computeCoverageParallel(SITES, { ...OPTIONS, workers: 2, callerComputes, onProgress })).rejects.toThrow("stop here");
      expect(calls).toEqual([1, 2, 3]); // nothing reported after the failure
      // Settled only after the worker stopped: it is idle again, not busy and not ended.
      expect(coverageWorkerCount().live).toBe(coverageWorkerCount().idle);
    }
    const before = started;
    expectIdentical(await computeCoverageParallel(SITES, { ...OPTIONS, workers: 2 }), serial);
    expect(started).toBe(before);
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
