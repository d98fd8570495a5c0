import { fail } from "../errors.js";
import { transposeCsr, type Csr } from "./csr.js";
import { OPTIMISE_DEFAULTS } from "./defaults.js";

/**
 * Which demand points each candidate covers: `covers[j]` lists demand indices, either as an array
 * of lists or as CSR typed arrays (`indices[offsets[j] .. offsets[j + 1])` for candidate `j`).
 */
export type CoversInput =
  | ReadonlyArray<ArrayLike<number>>
  | { readonly offsets: Int32Array | Uint32Array; readonly indices: Int32Array };

/** The abstract coverage problem: demand weights and candidate → demand lists. */
export interface CoverageInput {
  /** People (or any non-negative weight) per demand point. */
  weights: ArrayLike<number>;
  covers: CoversInput;
}

/**
 * A validated coverage instance: weights plus both directions of the sparse cover relation, as
 * CSR typed arrays. `byDemand` lists each demand point's candidates in increasing order.
 */
export interface CoverageInstance {
  readonly demandCount: number;
  readonly candidateCount: number;
  readonly weights: Float64Array;
  /** Candidate → demand indices (in the order given). */
  readonly byCandidate: Csr;
  /** Demand → candidate indices (increasing). */
  readonly byDemand: Csr;
}

/** Size limits of one instance (defaults from `OPTIMISE_DEFAULTS`). */
export interface InstanceLimits {
  maxDemand?: number;
  maxCandidates?: number;
  maxNonzeros?: number;
}

/**
 * Validates `weights` and `covers` and builds the instance. Throws a `CellplanError` naming the
 * field, the value and what is allowed for: no demand points, a weight that is negative or not
 * finite, a candidate list that is not a list, a demand index that is not an integer inside
 * [0, weights.length), the same demand index twice in one candidate's list, malformed CSR offsets,
 * and sizes over the limits (`LIMIT_EXCEEDED`). Nothing is dropped or clamped.
 */
export function coverageInstance(input: CoverageInput, limits: InstanceLimits = {}): CoverageInstance {
  const maxDemand = limits.maxDemand ?? OPTIMISE_DEFAULTS.maxDemand;
  const maxCandidates = limits.maxCandidates ?? OPTIMISE_DEFAULTS.maxCandidates;
  const maxNonzeros = limits.maxNonzeros ?? OPTIMISE_DEFAULTS.maxNonzeros;
  if (input === null || typeof input !== "object") fail("WRONG_TYPE", "(options)", input, "{ weights, covers, … }");
  const weights = readWeights(input.weights, maxDemand);
  const n = weights.length;
  const byCandidate = readCovers(input.covers, n, maxCandidates, maxNonzeros);
  const m = byCandidate.offsets.length - 1;
  return { demandCount: n, candidateCount: m, weights, byCandidate, byDemand: transposeCsr(byCandidate, n) };
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function readWeights(w: unknown, maxDemand: number): Float64Array {
  if (!isArrayLike(w)) fail("WRONG_TYPE", "weights", w, "an array of non-negative numbers, one per demand point");
  if (w.length === 0) fail("INVALID_VALUE", "weights", w, "at least one demand point");
  if (w.length > maxDemand) fail("LIMIT_EXCEEDED", "weights.length", w.length, `at most ${maxDemand} demand points (OPTIMISE_DEFAULTS.maxDemand)`);
  const out = new Float64Array(w.length);
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    if (typeof v !== "number") fail("WRONG_TYPE", `weights[${i}]`, v, "a number");
    if (!Number.isFinite(v)) fail("NOT_FINITE", `weights[${i}]`, v, "a finite weight ≥ 0");
    if (v < 0) fail("INVALID_VALUE", `weights[${i}]`, v, "a weight ≥ 0");
    out[i] = v;
  }
  return out;
}

function readCovers(covers: unknown, n: number, maxCandidates: number, maxNonzeros: number): Csr {
  const seen = new Int32Array(n); // seen[i] = j + 1 once candidate j listed demand point i
  if (isArrayLike(covers)) {
    const m = covers.length;
    checkCandidateCount(m, maxCandidates);
    const offsets = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) {
      const list = covers[j];
      if (!isArrayLike(list)) fail("WRONG_TYPE", `covers[${j}]`, list, "an array of demand indices");
      offsets[j + 1] = offsets[j]! + list.length;
      if (offsets[j + 1]! > maxNonzeros) fail("LIMIT_EXCEEDED", "covers", offsets[j + 1], `at most ${maxNonzeros} (candidate, demand) pairs (OPTIMISE_DEFAULTS.maxNonzeros)`);
    }
    const indices = new Int32Array(offsets[m]!);
    for (let j = 0; j < m; j++) {
      const list = covers[j] as ArrayLike<unknown>;
      const base = offsets[j]!;
      for (let p = 0; p < list.length; p++) {
        const v = list[p];
        if (!isNewIndex(v, n, j, seen)) badIndex(v, n, j, `covers[${j}][${p}]`);
        indices[base + p] = v as number;
      }
    }
    return { offsets, indices };
  }
  if (covers === null || typeof covers !== "object") {
    fail("WRONG_TYPE", "covers", covers, "an array of demand-index lists, or CSR { offsets: Int32Array | Uint32Array, indices: Int32Array }");
  }
  const { offsets: rawOffsets, indices } = covers as { offsets?: unknown; indices?: unknown };
  if (!(rawOffsets instanceof Int32Array || rawOffsets instanceof Uint32Array)) {
    fail("WRONG_TYPE", "covers.offsets", rawOffsets, "an Int32Array or Uint32Array of length candidates + 1");
  }
  if (!(indices instanceof Int32Array)) fail("WRONG_TYPE", "covers.indices", indices, "an Int32Array of demand indices");
  const m = rawOffsets.length - 1;
  checkCandidateCount(m, maxCandidates);
  if (indices.length > maxNonzeros) fail("LIMIT_EXCEEDED", "covers.indices.length", indices.length, `at most ${maxNonzeros} (candidate, demand) pairs (OPTIMISE_DEFAULTS.maxNonzeros)`);
  if (rawOffsets[0] !== 0) fail("INVALID_VALUE", "covers.offsets[0]", rawOffsets[0], "0");
  for (let j = 0; j < m; j++) {
    if (rawOffsets[j + 1]! < rawOffsets[j]!) fail("INVALID_VALUE", `covers.offsets[${j + 1}]`, rawOffsets[j + 1], `≥ covers.offsets[${j}] = ${rawOffsets[j]} (non-decreasing)`);
  }
  if (rawOffsets[m] !== indices.length) fail("INVALID_VALUE", `covers.offsets[${m}]`, rawOffsets[m], `covers.indices.length = ${indices.length}`);
  const offsets = rawOffsets instanceof Int32Array ? rawOffsets.slice() : Int32Array.from(rawOffsets);
  for (let j = 0; j < m; j++) {
    for (let p = offsets[j]!, end = offsets[j + 1]!; p < end; p++) {
      if (!isNewIndex(indices[p], n, j, seen)) badIndex(indices[p], n, j, `covers.indices[${p}] (candidate ${j})`);
    }
  }
  return { offsets, indices: indices.slice() };
}

function checkCandidateCount(m: number, maxCandidates: number): void {
  if (m < 1) fail("INVALID_VALUE", "covers", m, "at least one candidate");
  if (m > maxCandidates) fail("LIMIT_EXCEEDED", "covers.length", m, `at most ${maxCandidates} candidates (OPTIMISE_DEFAULTS.maxCandidates)`);
}

/** Whether v is a demand index in range not yet listed for candidate j (and records it). */
function isNewIndex(v: unknown, n: number, j: number, seen: Int32Array): boolean {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= n || seen[v] === j + 1) return false;
  seen[v] = j + 1;
  return true;
}

function badIndex(v: unknown, n: number, j: number, field: string): never {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v >= n) {
    fail("INVALID_VALUE", field, v, `an integer demand index in [0, ${n - 1}] (weights has ${n} entries)`);
  }
  fail("INVALID_VALUE", field, v, `each demand index once per candidate: ${v} is already listed for candidate ${j}`);
}
