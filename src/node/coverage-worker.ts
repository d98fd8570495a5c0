/**
 * Worker-thread entry of `computeCoverageParallel` (a build entry of its own, next to node.js); a
 * pooled worker (src/node/worker-pool.ts) that serves one call after another. For each call it
 * repeats the main thread's `setupCoverage` on the same sites and options — deterministic, so it
 * gets the same grid, mask and cells — then takes tile indices from the shared counter, writes
 * their pixels straight into the shared layers and reports each finished tile. Tiles cover
 * disjoint pixels, so the result does not depend on which thread takes which tile.
 */
import { parentPort, receiveMessageOnPort } from "node:worker_threads";
import { setupCoverage } from "../coverage/compute.js";
import { computeTile, tilesOf, type CoverageLayers } from "../coverage/tiles.js";
import { serialiseError, type CoverageWorkerInput, type CoverageWorkerMessage, type CoverageWorkerRequest } from "./worker-messages.js";

function run(input: CoverageWorkerInput, post: (m: CoverageWorkerMessage) => void): void {
  // No layers are allocated: the pixels go to the shared ones.
  const { ctx, grid, tileSize } = setupCoverage(input.sites, input.options, { ...(input.mask ? { mask: new Uint8Array(input.mask) } : {}), layers: false });
  const tiles = tilesOf(grid, tileSize);
  if (tiles.length !== input.tileCount || grid.width !== input.width || grid.height !== input.height) {
    throw new Error(
      `cellplan coverage worker: setup differs from the main thread (${grid.width}×${grid.height}, ${tiles.length} tiles vs ${input.width}×${input.height}, ${input.tileCount} tiles)`,
    );
  }
  const n = grid.width * grid.height;
  const out: CoverageLayers = {
    powerDbm: new Float32Array(input.layers.powerDbm, 0, n),
    server: new Int32Array(input.layers.server, 0, n),
    secondDbm: new Float32Array(input.layers.secondDbm, 0, n),
    sinrDb: new Float32Array(input.layers.sinrDb, 0, n),
  };
  const next = new Int32Array(input.next);
  const finished = new Int32Array(input.finished);
  for (;;) {
    const k = Atomics.add(next, 0, 1);
    if (k >= tiles.length) break;
    computeTile(ctx, tiles[k]!, out);
    // Sequentially consistent: the main thread's Atomics.load of this slot sees the pixels above.
    Atomics.store(finished, k, 1);
    post({ type: "tile", tile: k });
  }
  post({ type: "done" });
}

// One job at a time: `run` is synchronous, so the next request waits in the queue. A failing job
// is answered with its error and the worker stays ready for the next one.
parentPort?.on("message", ({ port }: CoverageWorkerRequest) => {
  const post = (m: CoverageWorkerMessage) => port.postMessage(m);
  try {
    const input = receiveMessageOnPort(port);
    if (input === undefined) throw new Error("cellplan coverage worker: the job's input is missing from its port");
    run(input.message as CoverageWorkerInput, post);
  } catch (e) {
    post({ type: "error", error: serialiseError(e) });
  }
});
