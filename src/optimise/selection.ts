import { fail } from "../errors.js";

/**
 * The caller's choices about candidates, validated against the candidate count: `fixed` sites
 * (already built), `forbidden` ones (never chosen) and per-candidate `costs`.
 */
export interface CandidateSelection {
  /** Candidate indices already built (existing or earlier-phase sites). */
  fixed?: ArrayLike<number>;
  /** Candidate indices never to choose. */
  forbidden?: ArrayLike<number>;
  /** Per-candidate cost ≥ 0, in weight units (see `maxCoverage`). */
  costs?: ArrayLike<number>;
}

export interface CheckedSelection {
  /** 0 = free, 1 = fixed, 2 = forbidden, per candidate. */
  readonly status: Uint8Array;
  readonly fixed: Int32Array;
  readonly forbiddenCount: number;
  readonly costs: Float64Array | null;
}

export const FREE = 0;
export const FIXED = 1;
export const FORBIDDEN = 2;

/** Validates `fixed`, `forbidden` and `costs` for `m` candidates (errors name the field, value and what is allowed). */
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
  return { status, fixed, forbiddenCount: forbidden.length, costs };
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

/** Validates `k` against the free candidates (neither fixed nor forbidden). */
export function checkK(k: unknown, free: number, m: number, forbidden: number, fixed: number): number {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 0) fail("INVALID_VALUE", "k", k, "an integer number of sites ≥ 0");
  if (k > free) {
    fail("INVALID_VALUE", "k", k, `at most ${free}: the candidates that are neither fixed nor forbidden (${m} candidates − ${fixed} fixed − ${forbidden} forbidden)`);
  }
  return k;
}
