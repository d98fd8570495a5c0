import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CellplanError } from "../errors.js";
import { maxCoverageExactWith, type MaxCoverageExactOptions, type MaxCoverageExactResult } from "../optimise/exact.js";
import type { MilpOutcome, MilpSettings } from "../optimise/milp-model.js";
import type { SolverInstance } from "../optimise/reduce.js";
import type { HighsWorkerInput, HighsWorkerMessage } from "./highs-messages.js";
import { rebuildError } from "./worker-messages.js";

/** Extra time a HiGHS worker gets beyond its own time limit before it is terminated, ms. */
export const HIGHS_WORKER_DEFAULTS = { graceMs: 30_000 };

/**
 * `maxCoverageExact` with HiGHS on a worker thread: validation, reduction and the heuristic run
 * here, the MILP runs in the worker, so this thread's event loop stays free during the solve. The
 * worker loads its own HiGHS runtime and is terminated afterwards (releasing the WebAssembly heap);
 * a worker that outlives HiGHS's time limit by `HIGHS_WORKER_DEFAULTS.graceMs` is terminated and
 * the call rejects with `SOLVER_FAILED`. Same result as `maxCoverageExact`.
 */
export function maxCoverageExactInWorker(options: MaxCoverageExactOptions): Promise<MaxCoverageExactResult> {
  return maxCoverageExactWith(options, runHighsWorker);
}

async function runHighsWorker(problem: SolverInstance, settings: MilpSettings): Promise<MilpOutcome> {
  const input: HighsWorkerInput = { problem, settings };
  const worker = new Worker(highsWorkerScript(), { workerData: input });
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<MilpOutcome>((resolve, reject) => {
      timer = setTimeout(() => {
        reject(CellplanError.of({ code: "SOLVER_FAILED", field: "highs", value: "no answer", allowed: `an answer within the time limit + ${HIGHS_WORKER_DEFAULTS.graceMs} ms` }));
      }, settings.timeLimitSec * 1000 + HIGHS_WORKER_DEFAULTS.graceMs);
      worker.once("message", (m: HighsWorkerMessage) => (m.type === "done" ? resolve(m.outcome) : reject(rebuildError(m.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => reject(new Error(`cellplan: HiGHS worker exited (code ${code}) before answering`)));
    });
  } finally {
    clearTimeout(timer);
    await worker.terminate();
  }
}

/**
 * The worker script next to this module: `highs-worker.js` in dist/ (tsup entry `"highs-worker"`),
 * or `highs-worker.ts` when running from sources (vitest, tsx), started through a small ESM
 * bootstrap that registers tsx's loader first (Node 20 ignores `--import tsx` for a worker's entry).
 */
function highsWorkerScript(): URL {
  for (const ext of [".js", ".mjs", ".cjs"]) {
    const url = new URL(`./highs-worker${ext}`, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  const ts = new URL("./highs-worker.ts", import.meta.url);
  if (!existsSync(fileURLToPath(ts))) throw new Error(`cellplan: the HiGHS worker script (highs-worker.js) is missing next to ${fileURLToPath(import.meta.url)}`);
  const pkgPath = createRequire(import.meta.url).resolve("tsx/package.json");
  const pkg = JSON.parse(readFileSync(pkgPath, "utf8")) as { exports?: Record<string, { import?: { default?: string } }> };
  const api = pathToFileURL(join(dirname(pkgPath), pkg.exports?.["./esm/api"]?.import?.default ?? "./dist/esm/api/index.mjs")).href;
  const boot = `const m = await import(${JSON.stringify(api)}); m.register(); await import(${JSON.stringify(ts.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(boot)}`);
}
