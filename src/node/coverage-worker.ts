/**
 * Worker-thread entry of `computeCoverageParallel` (a build entry of its own, next to node.js).
 * It repeats the main thread's `setupCoverage` on the same sites and options — deterministic, so it
 * gets the same grid, mask and cells — then takes tile indices from the shared counter and writes
 * their pixels straight into the shared layers. Tiles cover disjoint pixels, so the result does not
 * depend on which worker takes which tile.
 */
import { parentPort, workerData } from "node:worker_threads";
import { setupCoverage } from "../coverage/compute.js";
import { computeTile, tilesOf, type CoverageLayers } from "../coverage/tiles.js";
import { serialiseError, type CoverageWorkerInput, type CoverageWorkerMessage } from "./worker-messages.js";

function run(input: CoverageWorkerInput, post: (m: CoverageWorkerMessage) => void): void {
  // No layers are allocated: the pixels go to the shared ones.
  const { ctx, grid, tileSize } = setupCoverage(input.sites, input.options, { ...(input.mask ? { mask: new Uint8Array(input.mask) } : {}), layers: false });
  const tiles = tilesOf(grid, tileSize);
  if (tiles.length !== input.tileCount || grid.width !== input.width || grid.height !== input.height) {
    throw new Error(
      `cellplan coverage worker: setup differs from the main thread (${grid.width}×${grid.height}, ${tiles.length} tiles vs ${input.width}×${input.height}, ${input.tileCount} tiles)`,
    );
  }
  const out: CoverageLayers = {
    powerDbm: new Float32Array(input.layers.powerDbm),
    server: new Int32Array(input.layers.server),
    secondDbm: new Float32Array(input.layers.secondDbm),
    sinrDb: new Float32Array(input.layers.sinrDb),
  };
  const counters = new Int32Array(input.counters);
  for (;;) {
    const k = Atomics.add(counters, 0, 1);
    if (k >= tiles.length) break;
    computeTile(ctx, tiles[k]!, out);
    // Sequentially consistent: the main thread's Atomics.load of this slot sees the pixels above.
    Atomics.add(counters, 1, 1);
    post({ type: "tile" });
  }
  post({ type: "done" });
}

if (parentPort) {
  const port = parentPort;
  const post = (m: CoverageWorkerMessage) => port.postMessage(m);
  try {
    run(workerData as CoverageWorkerInput, post);
  } catch (e) {
    post({ type: "error", error: serialiseError(e) });
  }
}
