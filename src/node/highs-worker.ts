/**
 * Worker-thread entry of `maxCoverageExactInWorker` (a build entry of its own, next to node.js):
 * loads HiGHS, solves the coverage MILP it was given, posts the checked outcome or the error.
 */
import { parentPort, workerData } from "node:worker_threads";
import { solveCoverageMilp } from "../optimise/milp-model.js";
import type { HighsWorkerInput, HighsWorkerMessage } from "./highs-messages.js";
import { serialiseError } from "./worker-messages.js";

async function run(input: HighsWorkerInput): Promise<HighsWorkerMessage> {
  try {
    const { default: loadHighs } = await import("highs");
    const highs = await loadHighs();
    return { type: "done", outcome: solveCoverageMilp(highs, input.problem, input.settings) };
  } catch (e) {
    return { type: "error", error: serialiseError(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  void run(workerData as HighsWorkerInput).then((m) => port.postMessage(m));
}
