import { availableParallelism } from "node:os";
import { coverageFrame, setupCoverage, type CoverageFrame, type CoverageOptions, type CoverageRaster, type CoverageRun } from "../coverage/compute.js";
import { computeTile, tilesOf, type CoverageLayers, type Tile } from "../coverage/tiles.js";
import { fail } from "../errors.js";
import type { CoverageWorkerInput } from "./worker-messages.js";
import { runOnWorkers } from "./worker-pool.js";
import { returnSharedLayers, takeSharedLayers, type SharedLayerBuffers } from "./worker-pool-layers.js";

export interface ParallelCoverageOptions extends CoverageOptions {
  /**
   * Threads computing tiles (default `PARALLEL_DEFAULTS.workers()`), never more than tiles. With
   * `callerComputes` (the default) the calling thread is one of them and `workers − 1` worker
   * threads help (taken from the pool, started when it has too few idle); otherwise `workers`
   * worker threads do all the pixels and the calling thread stays free for its event loop.
   */
  workers?: number;
  /** The calling thread takes tiles too (default true): no core idles while a worker starts up or sets up. */
  callerComputes?: boolean;
}

export const PARALLEL_DEFAULTS = {
  /** Threads: the cores Node may use, at most 4. */
  workers: (): number => Math.min(availableParallelism(), 4),
  callerComputes: true,
};

/**
 * `computeCoverage` on worker threads: the same raster, bit for bit in every layer, for any number of
 * threads. The calling thread checks the inputs and lays out the grid (bad input rejects before any
 * worker is taken), hands the call to pooled worker threads (src/node/worker-pool.ts: started by the
 * first call that needs them, kept for later calls — concurrent calls get distinct ones —, idle
 * ones never keep the process alive; `closeCoverageWorkers()` ends them), then sets up its own
 * cells and, by default, computes tiles too, into the result's own layers. Each worker repeats the deterministic setup and takes
 * tiles from the same shared counter, writing into `SharedArrayBuffer` layers; the calling thread
 * copies each worker tile into the result as soon as it is reported (the result stays on ordinary
 * memory). `onProgress` runs on the calling thread as tiles finish. A custom `model` function
 * cannot be sent to a worker: it rejects with `INVALID_VALUE` (field `model`); use `computeCoverage`
 * for it. A worker's error rejects the call (a `CellplanError` keeps its code and problems), once
 * every thread has stopped; a worker that dies is replaced on the next call.
 * Memory: the raster's 17 bytes per pixel, 16 for the shared layers (kept for the next call for
 * `SPARE_LAYERS_MS`, see worker-pool-layers.ts), and each worker's mask and tables.
 */
export async function computeCoverageParallel(sites: unknown, options: ParallelCoverageOptions): Promise<CoverageRaster> {
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ area, band | technology, … }");
  const { onProgress, workers: requested, model, callerComputes = PARALLEL_DEFAULTS.callerComputes, ...rest } = options;
  if (model !== undefined) {
    fail("INVALID_VALUE", "model", model, "no custom model with computeCoverageParallel: a function cannot be sent to worker threads (use computeCoverage on one thread, or the default models)");
  }
  const workers = requested ?? PARALLEL_DEFAULTS.workers();
  if (typeof workers !== "number" || !Number.isInteger(workers) || workers < 1) fail("INVALID_VALUE", "workers", workers, "an integer ≥ 1");
  // Checks and grid first (cheap): bad input rejects before any worker is taken. The workers then
  // set up (a new one boots first) while this thread builds its own cells, mask and layers.
  const frame = coverageFrame(sites, rest);
  const tiles = tilesOf(frame.grid, frame.tileSize);
  const threads = Math.min(workers, tiles.length);
  const helpers = callerComputes ? threads - 1 : threads;
  const call: Call = { sites, options: rest, frame, tiles, onProgress, callerComputes };
  if (helpers === 0) return computeTiles(call, 0, null);
  // Worker tiles land in shared layers (computeTile writes every pixel of a tile, the fill values
  // outside the area), copied into the result's ordinary arrays tile by tile: the previous call's
  // layers when large enough (no page faults on them again), else new ones; never filled.
  const buffers = takeSharedLayers(frame.grid.width * frame.grid.height);
  try {
    return await computeTiles(call, helpers, buffers);
  } finally {
    returnSharedLayers(buffers);
  }
}

/** One call's checked inputs. */
interface Call {
  sites: unknown;
  options: Omit<CoverageOptions, "onProgress" | "model">;
  frame: CoverageFrame;
  tiles: Tile[];
  onProgress: CoverageOptions["onProgress"];
  callerComputes: boolean;
}

/** The tiles on this thread (with `callerComputes`) and on `helpers` pool workers writing into `buffers`. */
async function computeTiles(call: Call, helpers: number, buffers: SharedLayerBuffers | null): Promise<CoverageRaster> {
  const { sites, options, frame, tiles, onProgress, callerComputes } = call;
  const { width, height } = frame.grid;
  const n = width * height;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const finished = new Int32Array(new SharedArrayBuffer(4 * tiles.length));
  let done = 0;
  const progress = () => onProgress?.(++done, tiles.length);
  // Where each tile's pixels are in the result: 0 not yet, 1 computed here, 2 copied from a worker.
  const placed = new Uint8Array(tiles.length);
  let run: CoverageRun | undefined;
  let working: Promise<void> = Promise.resolve();
  const stop = () => Atomics.store(next, 0, tiles.length); // every thread stops taking tiles
  let place = (_k: number) => {};
  if (helpers > 0 && buffers !== null) {
    const shared: CoverageLayers = {
      powerDbm: new Float32Array(buffers.powerDbm, 0, n),
      server: new Int32Array(buffers.server, 0, n),
      secondDbm: new Float32Array(buffers.secondDbm, 0, n),
      sinrDb: new Float32Array(buffers.sinrDb, 0, n),
    };
    // A worker's finished tile is copied into the result as it is reported, so little is left at the end.
    place = (k: number) => {
      if (run === undefined || placed[k] !== 0 || Atomics.load(finished, k) !== 1) return;
      copyTile(shared, run.layers, tiles[k]!, width);
      placed[k] = 2;
    };
    const input: CoverageWorkerInput = {
      sites,
      options,
      tileCount: tiles.length,
      width,
      height,
      layers: buffers,
      next: next.buffer as SharedArrayBuffer,
      finished: finished.buffer as SharedArrayBuffer,
    };
    const onTile = (k: number) => {
      place(k);
      progress();
    };
    // Throws (WRONG_TYPE) right here, before any worker is taken or any tile computed, when the input cannot be sent.
    working = runOnWorkers(helpers, input, { onTile, stop });
    working.catch(() => undefined); // handled below, after this thread's own tiles: not an unhandled rejection meanwhile
  }
  try {
    run = setupCoverage(sites, options, { frame });
    if (callerComputes) {
      // The calling thread takes tiles from the same counter, into the result's own layers.
      for (;;) {
        const k = Atomics.add(next, 0, 1);
        if (k >= tiles.length) break;
        computeTile(run.ctx, tiles[k]!, run.layers);
        placed[k] = 1;
        progress();
        // Let worker messages in between tiles: their finished tiles and progress reports (a
        // worker's failure stops this loop through the counter).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } catch (e) {
    stop();
    await working.catch(() => undefined);
    throw e;
  }
  await working;
  for (let k = 0; k < tiles.length; k++) place(k); // every report has arrived: a safety net
  const missing = placed.indexOf(0);
  if (missing >= 0) throw new Error(`cellplan: tile ${missing} of ${tiles.length} was not computed`);
  return run.raster;
}

/** Copies one tile's pixels from the shared layers into the result's, row by row. */
function copyTile(from: CoverageLayers, to: CoverageLayers, t: Tile, width: number): void {
  for (let r = t.r0; r < t.r1; r++) {
    const a = r * width + t.c0;
    const b = r * width + t.c1;
    to.powerDbm.set(from.powerDbm.subarray(a, b), a);
    to.server.set(from.server.subarray(a, b), a);
    to.secondDbm.set(from.secondDbm.subarray(a, b), a);
    to.sinrDb.set(from.sinrDb.subarray(a, b), a);
  }
}
