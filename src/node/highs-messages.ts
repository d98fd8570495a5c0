import type { MilpOutcome, MilpSettings } from "../optimise/milp-model.js";
import type { SolverInstance } from "../optimise/reduce.js";
import type { SerialisedError } from "./worker-messages.js";

/** What `maxCoverageExactInWorker` hands its HiGHS worker (`workerData`): the reduced instance and the settings. */
export interface HighsWorkerInput {
  problem: SolverInstance;
  settings: MilpSettings;
}

/** The worker's one reply. */
export type HighsWorkerMessage = { type: "done"; outcome: MilpOutcome } | { type: "error"; error: SerialisedError };
