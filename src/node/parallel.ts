import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { coverageFrame, setupCoverage, type CoverageOptions, type CoverageRaster, type CoverageRun } from "../coverage/compute.js";
import { computeTile, tilesOf } from "../coverage/tiles.js";
import { CellplanError, fail } from "../errors.js";
import { rebuildError, type CoverageWorkerInput, type CoverageWorkerMessage } from "./worker-messages.js";

export interface ParallelCoverageOptions extends CoverageOptions {
  /**
   * Threads computing tiles (default `PARALLEL_DEFAULTS.workers()`), never more than tiles. With
   * `callerComputes` (the default) the calling thread is one of them and `workers − 1` worker
   * threads are started; otherwise `workers` worker threads do all the pixels and the calling
   * thread stays free for its event loop.
   */
  workers?: number;
  /** The calling thread takes tiles too (default true): no core idles while workers start up. */
  callerComputes?: boolean;
}

export const PARALLEL_DEFAULTS = {
  /** Threads: the cores Node may use, at most 4. */
  workers: (): number => Math.min(availableParallelism(), 4),
  callerComputes: true,
};

/**
 * `computeCoverage` on worker threads: the same raster, bit for bit in every layer, for any number of
 * threads. The calling thread checks the inputs and lays out the grid (a bad option rejects before
 * any worker starts), starts the workers, then sets up its own cells while they boot and, by
 * default, computes tiles too, into the result's own layers. Each worker repeats the deterministic
 * setup and takes tiles from the same shared counter, writing into `SharedArrayBuffer` layers whose
 * tiles are copied into the result at the end (the result stays on ordinary memory).
 * `onProgress` runs on the calling thread as tiles finish. A custom `model` function cannot be sent
 * to a worker: it rejects with `INVALID_VALUE` (field `model`); use `computeCoverage` for it.
 * Memory: the raster's 17 bytes per pixel, 16 for the shared layers, and each worker's mask and tables.
 */
export async function computeCoverageParallel(sites: unknown, options: ParallelCoverageOptions): Promise<CoverageRaster> {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ area, band | technology, … }");
  const { onProgress, workers: requested, model, callerComputes = PARALLEL_DEFAULTS.callerComputes, ...rest } = options;
  if (model !== undefined) {
    fail("INVALID_VALUE", "model", model, "no custom model with computeCoverageParallel: a function cannot be sent to worker threads (use computeCoverage on one thread, or the default models)");
  }
  const workers = requested ?? PARALLEL_DEFAULTS.workers();
  if (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1) fail("INVALID_VALUE", "workers", workers, "an integer ≥ 1");
  // Checks and grid first (cheap): bad input rejects before any worker starts. The workers then
  // boot and set up while this thread builds its own cells, mask and layers.
  const frame = coverageFrame(sites, rest);
  const tiles = tilesOf(frame.grid, frame.tileSize);
  const { width, height } = frame.grid;
  const n = width * height;
  // Worker tiles land here (computeTile writes every pixel of a tile, the fill values outside the
  // area) and are copied into the result's ordinary arrays tile by tile. Left unfilled: the memory
  // is only touched where workers write.
  const shared = {
    powerDbm: new Float32Array(new SharedArrayBuffer(n * 4)),
    server: new Int32Array(new SharedArrayBuffer(n * 4)),
    secondDbm: new Float32Array(new SharedArrayBuffer(n * 4)),
    sinrDb: new Float32Array(new SharedArrayBuffer(n * 4)),
  };
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const input: CoverageWorkerInput = {
    sites,
    options: rest,
    tileCount: tiles.length,
    width,
    height,
    layers: {
      powerDbm: shared.powerDbm.buffer as SharedArrayBuffer,
      server: shared.server.buffer as SharedArrayBuffer,
      secondDbm: shared.secondDbm.buffer as SharedArrayBuffer,
      sinrDb: shared.sinrDb.buffer as SharedArrayBuffer,
    },
    counters: counters.buffer as SharedArrayBuffer,
  };
  const threads = Math.min(workers, tiles.length);
  let done = 0;
  const progress = () => onProgress?.(++done, tiles.length);
  const spawned = callerComputes ? threads - 1 : threads;
  let failed = false;
  const working = spawned > 0 ? runWorkers(spawned, input, progress).catch((e: unknown) => {
    failed = true;
    throw e;
  }) : Promise.resolve();
  working.catch(() => undefined); // handled below, after the caller's own tiles: not an unhandled rejection meanwhile
  const mine = new Uint8Array(tiles.length);
  let run: CoverageRun;
  try {
    run = setupCoverage(sites, rest, { frame });
    if (callerComputes) {
      // The calling thread takes tiles from the same counter, into the result's own layers.
      for (;;) {
        const k = Atomics.add(counters, 0, 1);
        if (k >= tiles.length) break;
        computeTile(run.ctx, tiles[k]!, run.layers);
        mine[k] = 1;
        Atomics.add(counters, 1, 1);
        progress();
        // Let worker messages in between tiles: their progress reports, and a failure that stops us.
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (failed) break;
      }
    }
  } catch (e) {
    Atomics.store(counters, 0, tiles.length); // workers stop taking tiles
    await working.catch(() => undefined);
    throw e;
  }
  await working;
  if (Atomics.load(counters, 1) !== tiles.length) throw new Error(`cellplan: ${Atomics.load(counters, 1)} of ${tiles.length} tiles computed`);
  tiles.forEach((t, k) => {
    if (mine[k] === 1) return;
    for (let r = t.r0; r < t.r1; r++) {
      const a = r * width + t.c0;
      const b = r * width + t.c1;
      run.layers.powerDbm.set(shared.powerDbm.subarray(a, b), a);
      run.layers.server.set(shared.server.subarray(a, b), a);
      run.layers.secondDbm.set(shared.secondDbm.subarray(a, b), a);
      run.layers.sinrDb.set(shared.sinrDb.subarray(a, b), a);
    }
  });
  return run.raster;
}

/** Starts `count` workers and settles when all are done or the first fails; every worker is terminated either way. */
async function runWorkers(count: number, input: CoverageWorkerInput, progress: () => void): Promise<void> {
  const script = coverageWorkerScript();
  const pool: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let finished = 0;
      const failWith = (e: unknown) => {
        Atomics.store(new Int32Array(input.counters), 0, input.tileCount); // others stop taking tiles
        reject(e);
      };
      for (let w = 0; w < count; w++) {
        let worker: Worker;
        try {
          worker = new Worker(script, { workerData: input });
        } catch (e) {
          if (e instanceof Error && e.name === "DataCloneError") {
            failWith(CellplanError.of({ code: "WRONG_TYPE", field: "sites/options", value: e.message, allowed: "plain data (no functions or class instances) to send to worker threads" }));
          } else failWith(e);
          return;
        }
        pool.push(worker);
        let ended = false;
        worker.on("message", (m: CoverageWorkerMessage) => {
          if (m.type === "tile") {
            try {
              progress();
            } catch (e) {
              failWith(e);
            }
          } else if (m.type === "done") {
            ended = true;
            if (++finished === count) resolve();
          } else failWith(rebuildError(m.error));
        });
        worker.on("error", failWith);
        worker.on("exit", (code) => {
          if (!ended) failWith(new Error(`cellplan: coverage worker exited (code ${code}) before finishing`));
        });
      }
    });
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * The worker script next to this module: `coverage-worker.js` in dist/ (tsup entry
 * `"coverage-worker"`, loaded as ESM also from the CJS build), or `coverage-worker.ts` when running
 * from sources (vitest, tsx). Node 20 ignores `--import tsx` in a worker's `execArgv` for the
 * worker's own entry, so a .ts worker starts from a small ESM bootstrap (a data: URL) that registers
 * tsx's loader and then imports the script.
 */
function coverageWorkerScript(): URL {
  for (const ext of [".js", ".mjs", ".cjs"]) {
    const url = new URL(`./coverage-worker${ext}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  const ts = new URL("./coverage-worker.ts", import.meta.url);
  if (!existsSync(fileURLToPath(ts))) {
    throw new Error(`cellplan: the coverage worker script (coverage-worker.js) is missing next to ${fileURLToPath(import.meta.url)}`);
  }
  const api = pathToFileURL(tsxEsmApi()).href;
  const boot = `const m = await import(${JSON.stringify(api)}); m.register(); await import(${JSON.stringify(ts.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}

/** tsx's ESM API file, from its exports map (its `require` build cannot register the ESM hooks). */
function tsxEsmApi(): string {
  const pkgPath = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { exports?: Record<string, { import?: { default?: string } }> };
  const rel = pkg.exports?.["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs";
  return join(dirname(pkgPath), rel);
}
