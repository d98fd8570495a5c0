import { GROUP_ROW_WASM } from "./group-row.wasm.js";

/** The exported kernel (group-row.wat); the parameters as that file lists them. */
export type GroupRow = (
  members: number, n: number, bd: number, e0: number,
  lons: number, cLon: number, kx: number, dy: number, dy2: number,
  cullR2: number, exactBelow2: number,
  inside: number, row: number, c0: number, c1: number, nb: number,
  sums: number, bestMw: number, secondMw: number, best: number, slot: number,
) => void;

let compiled: WebAssembly.Module | null | undefined;

/** The compiled kernel module (once per thread), or null where WebAssembly is unavailable. */
export function groupRowModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    compiled = typeof WebAssembly === "object" && typeof WebAssembly.Module === "function" ? new WebAssembly.Module(fromBase64(GROUP_ROW_WASM)) : null;
  }
  return compiled;
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const PAGE = 65_536;

/**
 * One kernel instance with its own linear memory, handed out front to back: the run's tables
 * first (kept), then each tile's working arrays (released with `release(mark)`). Typed-array
 * views over it are valid until the next `reserve` that grows the memory.
 */
export class WasmArena {
  readonly memory: WebAssembly.Memory;
  readonly groupRow: GroupRow;
  top = 0;

  constructor(module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.groupRow = instance.exports["groupRow"] as GroupRow;
  }

  /** Reserves `bytes` at an 8-byte boundary and returns their offset. */
  take(bytes: number): number {
    const at = (this.top + 7) & ~7;
    this.top = at + bytes;
    const need = Math.ceil(this.top / PAGE) - this.memory.buffer.byteLength / PAGE;
    if (need > 0) this.memory.grow(need);
    return at;
  }

  release(mark: number): void {
    this.top = mark;
  }

  f64(at: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, at, length);
  }

  f32(at: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, length);
  }

  i32(at: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, at, length);
  }

  u8(at: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, at, length);
  }
}
