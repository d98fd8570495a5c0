import { fail } from "../errors.js";
import { checkConflicts, type ConflictsInput } from "./conflicts.js";
import type { Csr } from "./csr.js";

/**
 * The caller's choices about candidates, validated against the candidate count: `fixed` sites
 * (already built), `forbidden` ones (never chosen), per-candidate `costs`, and `conflicts` (pairs
 * never chosen together).
 */
export interface CandidateSelection {
  /** Candidate indices already built (existing or earlier-phase sites). */
  fixed?: ArrayLike<number>;
  /** Candidate indices never to choose. */
  forbidden?: ArrayLike<number>;
  /** Per-candidate cost ≥ 0, in weight units (see `maxCoverage`). */
  costs?: ArrayLike<number>;
  /**
   * Candidates that may not be chosen together (for example closer than a minimum distance:
   * `conflictPairs`). Read as symmetric. A free candidate in conflict with a fixed site is never
   * chosen (the fixed site is built); conflicts among fixed sites are not checked (they exist).
   */
  conflicts?: ConflictsInput;
}

export interface CheckedSelection {
  /** 0 = free, 1 = fixed, 2 = forbidden, per candidate. */
  readonly status: Uint8Array;
  readonly fixed: Int32Array;
  readonly forbiddenCount: number;
  readonly costs: Float64Array | null;
  /** The symmetric conflict relation over all candidates (rows increasing), or null. */
  readonly conflicts: Csr | null;
  /** Free candidates in conflict with a fixed site: status `BLOCKED`, never chosen. */
  readonly blockedCount: number;
}

export const FREE = 0;
export const FIXED = 1;
export const FORBIDDEN = 2;
/** In conflict with a fixed site. */
export const BLOCKED = 3;

/**
 * Validates `fixed`, `forbidden`, `costs` and `conflicts` for `m` candidates (errors name the
 * field, value and what is allowed; see `checkConflicts`), and marks the free candidates in
 * conflict with a fixed site `BLOCKED`.
 */
export function checkSelection(sel: CandidateSelection, m: number): CheckedSelection {
  const status = new Uint8Array(m);
  const fixed = readIndexList(sel.fixed, "fixed", m, status, FIXED);
  const forbidden = readIndexList(sel.forbidden, "forbidden", m, status, FORBIDDEN);
  let costs: Float64Array | null = null;
  if (sel.costs !== undefined) {
    const c = sel.costs as unknown;
    if (!(Array.isArray(c) || (ArrayBuffer.isView(c) && !(c instanceof DataView)))) fail("WRONG_TYPE", "costs", c, `an array of ${m} costs ≥ 0, one per candidate`);
    const list = c as ArrayLike<unknown>;
    if (list.length !== m) fail("INVALID_VALUE", "costs.length", list.length, `${m} (one cost per candidate)`);
    costs = new Float64Array(m);
    for (let j = 0; j < m; j++) {
      const v = list[j];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) fail(typeof v === "number" && !Number.isFinite(v) ? "NOT_FINITE" : "INVALID_VALUE", `costs[${j}]`, v, "a finite cost ≥ 0 in weight units");
      costs[j] = v;
    }
  }
  const conflicts = sel.conflicts === undefined ? null : checkConflicts(sel.conflicts, m);
  let blockedCount = 0;
  if (conflicts) {
    for (let f = 0; f < fixed.length; f++) {
      const j = fixed[f]!;
      for (let q = conflicts.offsets[j]!, end = conflicts.offsets[j + 1]!; q < end; q++) {
        const c = conflicts.indices[q]!;
        if (status[c] === FREE) {
          status[c] = BLOCKED;
          blockedCount++;
        }
      }
    }
  }
  return { status, fixed, forbiddenCount: forbidden.length, costs, conflicts, blockedCount };
}

function readIndexList(v: unknown, field: string, m: number, status: Uint8Array, mark: number): Int32Array {
  if (v === undefined) return new Int32Array(0);
  if (!(Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView)))) fail("WRONG_TYPE", field, v, "an array of candidate indices");
  const list = v as ArrayLike<unknown>;
  const out = new Int32Array(list.length);
  for (let p = 0; p < list.length; p++) {
    const j = list[p];
    if (typeof j !== "number" || !Number.isInteger(j) || j < 0 || j >= m) fail("INVALID_VALUE", `${field}[${p}]`, j, `an integer candidate index in [0, ${m - 1}]`);
    if (status[j] === mark) fail("INVALID_VALUE", `${field}[${p}]`, j, `each candidate once: ${j} is listed twice in ${field}`);
    if (status[j] !== FREE) fail("INVALID_VALUE", `${field}[${p}]`, j, `a candidate not also in fixed: ${j} cannot be both built and forbidden`);
    status[j] = mark;
    out[p] = j;
  }
  return out;
}

/** Validates `k` against the free candidates (neither fixed nor forbidden, nor blocked by a conflict with a fixed site). */
export function checkK(k: unknown, free: number, m: number, forbidden: number, fixed: number, blocked = 0): number {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 0) fail("INVALID_VALUE", "k", k, "an integer number of sites ≥ 0");
  if (k > free) {
    const why = blocked > 0 ? ` − ${blocked} in conflict with a fixed site` : "";
    fail("INVALID_VALUE", "k", k, `at most ${free}: the candidates that are neither fixed nor forbidden (${m} candidates − ${fixed} fixed − ${forbidden} forbidden${why})`);
  }
  return k;
}
