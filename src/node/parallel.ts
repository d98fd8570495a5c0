import { availableParallelism } from "node:os";
import { coverageFrame, setupCoverage, type CoverageFrame, type CoverageOptions, type CoverageRaster, type CoverageRun } from "../coverage/compute.js";
import { computeTile, tilesOf, type CoverageLayers, type Tile } from "../coverage/tiles.js";
import { fail } from "../errors.js";
import type { CoverageWorkerInput, SharedLayerBuffers } from "./worker-messages.js";
import { runOnWorkers } from "./worker-pool.js";

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
 * cells and, by default, computes tiles too. Every thread takes tiles from one shared counter and
 * writes them straight into the result's layers, which live on `SharedArrayBuffer`s: nothing is
 * copied, and the first writes to the fresh memory (page faults, a few hundred ms for a
 * 9-million-pixel raster) are spread over the threads like the tiles. (Posting such a raster to
 * another thread shares its layers instead of copying them.) `onProgress` runs on the calling
 * thread as tiles finish. A custom `model` function cannot be sent to a worker: it rejects with
 * `INVALID_VALUE` (field `model`); use `computeCoverage` for it. A worker's error rejects the call
 * (a `CellplanError` keeps its code and problems), once every thread has stopped; a worker that
 * dies is replaced on the next call.
 * Memory: the raster's 17 bytes per pixel, and each worker's mask and tables.
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
  // The result's layers, shared with the workers; never filled (computeTile writes every pixel of
  // a tile, the fill values outside the area).
  const n = frame.grid.width * frame.grid.height;
  const layer = () => new SharedArrayBuffer(n * 4);
  return computeTiles(call, helpers, { powerDbm: layer(), server: layer(), secondDbm: layer(), sinrDb: layer() });
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
  const next = new Int32Array(new SharedArrayBuffer(4));
  const finished = new Int32Array(new SharedArrayBuffer(4 * tiles.length));
  let done = 0;
  const progress = () => onProgress?.(++done, tiles.length);
  // Which tiles this thread computed (the workers' are marked in `finished`).
  const mine = new Uint8Array(tiles.length);
  let run: CoverageRun | undefined;
  let working: Promise<void> = Promise.resolve();
  const stop = () => Atomics.store(next, 0, tiles.length); // every thread stops taking tiles
  let layers: CoverageLayers | undefined;
  if (helpers > 0 && buffers !== null) {
    layers = {
      powerDbm: new Float32Array(buffers.powerDbm),
      server: new Int32Array(buffers.server),
      secondDbm: new Float32Array(buffers.secondDbm),
      sinrDb: new Float32Array(buffers.sinrDb),
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
    // Throws (WRONG_TYPE) right here, before any worker is taken or any tile computed, when the input cannot be sent.
    working = runOnWorkers(helpers, input, { onTile: progress, stop });
    working.catch(() => undefined); // handled below, after this thread's own tiles: not an unhandled rejection meanwhile
  }
  try {
    run = setupCoverage(sites, options, layers ? { frame, layers } : { frame });
    if (callerComputes) {
      // The calling thread takes tiles from the same counter, into the same layers.
      for (;;) {
        const k = Atomics.add(next, 0, 1);
        if (k >= tiles.length) break;
        computeTile(run.ctx, tiles[k]!, run.layers);
        mine[k] = 1;
        progress();
        // Let worker messages in between tiles: their progress reports (a worker's failure stops
        // this loop through the counter).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  } catch (e) {
    stop();
    await working.catch(() => undefined);
    throw e;
  }
  await working;
  for (let k = 0; k < tiles.length; k++) {
    if (mine[k] === 0 && Atomics.load(finished, k) !== 1) throw new Error(`cellplan: tile ${k} of ${tiles.length} was not computed`);
  }
  return run.raster;
}
