/**
 * The coverage worker threads behind `computeCoverageParallel`. They start on the first call that
 * needs them and stay for the next calls, which then skip the start-up (module loading, tens to
 * hundreds of ms) and run on code the JIT has already optimised. A worker is `ref()`-ed while it
 * works on a call and `unref()`-ed while idle, so an idle pool never keeps a process alive. A
 * worker that fails or exits is dropped; the next call that needs one starts a new one. At most
 * as many idle workers as Node may use cores are kept (a call with more workers ends its extras).
 * `closeCoverageWorkers()` ends them all.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, Worker, type MessagePort } from "node:worker_threads";
import { CellplanError } from "../errors.js";
import { rebuildError, type CoverageWorkerInput, type CoverageWorkerMessage, type CoverageWorkerRequest } from "./worker-messages.js";

/** What a pooled worker reports to the call it works for. */
interface JobHandlers {
  message(m: CoverageWorkerMessage): void;
  lost(e: Error): void;
}

interface PoolWorker {
  worker: Worker;
  /** The call this worker works for, null while idle. */
  job: JobHandlers | null;
}

const live = new Set<PoolWorker>();
const idle: PoolWorker[] = [];
/** Surplus workers being terminated: `closeCoverageWorkers` waits for them too. */
const ending = new Set<Promise<number>>();

function startWorker(): PoolWorker {
  const pw: PoolWorker = { worker: new Worker(coverageWorkerScript()), job: null };
  live.add(pw);
  pw.worker.on("error", (e) => drop(pw, e));
  pw.worker.on("exit", (code) => drop(pw, new Error(`cellplan: coverage worker exited (code ${code}) before finishing`)));
  return pw;
}

/** Removes a worker from the pool (once); the call it worked for, if any, learns why. */
function drop(pw: PoolWorker, why: Error): void {
  if (!live.delete(pw)) return;
  const i = idle.indexOf(pw);
  if (i >= 0) idle.splice(i, 1);
  const job = pw.job;
  pw.job = null;
  job?.lost(why);
}

function release(pw: PoolWorker): void {
  pw.job = null;
  if (!live.has(pw)) return;
  pw.worker.unref();
  if (idle.length < availableParallelism()) idle.push(pw);
  else {
    drop(pw, new Error("cellplan: surplus coverage worker ended"));
    const end = pw.worker.terminate();
    ending.add(end);
    void end.finally(() => ending.delete(end));
  }
}

/**
 * Ends every coverage worker thread (idle ones, and those of a call still running, which then
 * rejects) and resolves once they have exited. Later calls start
 * new workers. Not needed for a process to exit: idle workers do not keep it alive.
 */
export async function closeCoverageWorkers(): Promise<void> {
  const all = [...live];
  for (const pw of all) drop(pw, new Error("cellplan: coverage workers closed (closeCoverageWorkers) during the call"));
  await Promise.all([...all.map((pw) => pw.worker.terminate()), ...ending]);
}

/** Workers in the pool: all of them, and those idle. */
export function coverageWorkerCount(): { live: number; idle: number } {
  return { live: live.size, idle: idle.length };
}

export interface CoverageJob {
  /** Runs on this thread for each tile a worker finished (its index); a throw fails the job. */
  onTile: (tile: number) => void;
  /** Makes every thread stop taking tiles (called on the first failure). */
  stop: () => void;
}

/**
 * Runs `input` on `count` pool workers, taking idle ones first. Settles once every worker has
 * stopped working on it — so none writes into the job's buffers afterwards — rejecting with the
 * first failure: a worker's own error (a `CellplanError` keeps its code), a lost worker, or a
 * throw from `onTile`. Input that cannot be sent to a thread (a function, a class instance)
 * throws `WRONG_TYPE` synchronously, before any worker is taken.
 */
export function runOnWorkers(count: number, input: CoverageWorkerInput, job: CoverageJob): Promise<void> {
  // The input is copied into one channel per worker first: a copy that fails throws here, synchronously.
  const channels: MessageChannel[] = [];
  try {
    for (let w = 0; w < count; w++) {
      const ch = new MessageChannel();
      channels.push(ch);
      ch.port1.postMessage(input);
    }
  } catch (e) {
    for (const ch of channels) ch.port1.close();
    if (e instanceof Error && e.name === "DataCloneError") {
      throw CellplanError.of({ code: "WRONG_TYPE", field: "sites/options", value: e.message, allowed: "plain data (no functions or class instances) to send to worker threads" });
    }
    throw e;
  }
  return runJob(channels, job);
}

async function runJob(channels: MessageChannel[], job: CoverageJob): Promise<void> {
  let failed = false;
  let failure: unknown;
  const fail = (e: unknown) => {
    if (failed) return;
    failed = true;
    failure = e;
    job.stop();
  };
  const runs = channels.map(
    (ch) =>
      new Promise<void>((settle) => {
        let pw: PoolWorker;
        try {
          pw = idle.pop() ?? startWorker();
        } catch (e) {
          ch.port1.close();
          fail(e);
          settle();
          return;
        }
        const port: MessagePort = ch.port1;
        const end = (e?: unknown) => {
          port.close();
          if (e !== undefined) fail(e);
          settle();
        };
        pw.job = {
          message: (m) => {
            if (m.type === "tile") {
              if (failed) return;
              try {
                job.onTile(m.tile);
              } catch (e) {
                fail(e);
              }
            } else {
              release(pw);
              end(m.type === "error" ? rebuildError(m.error) : undefined);
            }
          },
          lost: (e) => end(e),
        };
        port.on("message", (m: CoverageWorkerMessage) => pw.job?.message(m));
        pw.worker.ref();
        const request: CoverageWorkerRequest = { type: "job", port: ch.port2 };
        pw.worker.postMessage(request, [ch.port2]);
      }),
  );
  await Promise.all(runs);
  if (failed) throw failure;
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
