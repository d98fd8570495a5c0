import { CellplanError, describeValue, type CellplanErrorCode, type Problem } from "../errors.js";
import type { MessagePort } from "node:worker_threads";
import type { CoverageOptions } from "../coverage/compute.js";

/** The output layers of a parallel call, one `SharedArrayBuffer` each: the result's own memory. */
export interface SharedLayerBuffers {
  powerDbm: SharedArrayBuffer;
  server: SharedArrayBuffer;
  secondDbm: SharedArrayBuffer;
  sinrDb: SharedArrayBuffer;
}

/**
 * One call's work for a coverage worker: the caller's sites and options as given
 * (structured-cloned, so functions cannot cross), the shared output layers and the shared tile
 * counter.
 */
export interface CoverageWorkerInput {
  sites: unknown;
  options: Omit<CoverageOptions, "onProgress" | "model">;
  /** Tiles the main thread counted; a worker whose own setup disagrees stops with an error. */
  tileCount: number;
  /** The grid size the main thread computed, checked the same way. */
  width: number;
  height: number;
  /** The shared output layers (width × height pixels each), which are the result's layers. */
  layers: SharedLayerBuffers;
  /** The area mask (Uint8, one byte per pixel), when the main thread has it already; else the worker rasterises its own. */
  mask?: SharedArrayBuffer;
  /** Int32 slot 0: the next tile index to take, shared by every thread of the call. */
  next: SharedArrayBuffer;
  /** Int32 per tile: 1 once a worker has written the tile's pixels (stored atomically after them). */
  finished: SharedArrayBuffer;
}

/**
 * The main thread's message to a pooled coverage worker: one call's work. The call's
 * `CoverageWorkerInput` is already queued on `port`; the worker answers on the same port.
 */
export interface CoverageWorkerRequest {
  type: "job";
  port: MessagePort;
}

/** A worker's messages to the main thread (on the job's port). */
export type CoverageWorkerMessage = { type: "tile"; tile: number } | { type: "done" } | { type: "error"; error: SerialisedError };

/** An error flattened for `postMessage`; `code` and `problems` are set for a `CellplanError`. */
export interface SerialisedError {
  name: string;
  message: string;
  stack?: string;
  code?: CellplanErrorCode;
  problems?: Problem[];
}

export function serialiseError(e: unknown): SerialisedError {
  if (e instanceof CellplanError) {
    return {
      name: e.name,
      message: e.message,
      ...(e.stack === undefined ? {} : { stack: e.stack }),
      code: e.code,
      problems: e.problems.map((p) => ({ ...p, value: cloneable(p.value) })),
    };
  }
  if (e instanceof Error) return { name: e.name, message: e.message, ...(e.stack === undefined ? {} : { stack: e.stack }) };
  return { name: "Error", message: describeValue(e) };
}

/** The error again on this side: a `CellplanError` keeps its code, problems and message. */
export function rebuildError(s: SerialisedError): Error {
  if (s.code !== undefined && s.problems !== undefined) {
    const e = new CellplanError(s.code, s.problems);
    e.message = s.message;
    if (s.stack !== undefined) e.stack = s.stack;
    return e;
  }
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack !== undefined) e.stack = s.stack;
  return e;
}

/** A problem's value as is when `postMessage` can copy it, else its short description. */
function cloneable(v: unknown): unknown {
  try {
    structuredClone(v);
    return v;
  } catch {
    return describeValue(v);
  }
}
