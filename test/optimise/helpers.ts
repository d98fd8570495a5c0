import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { MaxCoverageResult } from "../../src/optimise/max-coverage.js";

/** The seeded instances with proven optima beside the checkout (../shared/data/mclp), as in CI. */
export const MCLP_DIR = fileURLToPath(new URL("../../../shared/data/mclp/", import.meta.url));

/** In CI the folder must be there (a missing one fails); elsewhere the tests that need it are skipped. */
export const haveMclp = existsSync(MCLP_DIR) || process.env["CI"] === "true";

export interface MclpInstance {
  k: number;
  weights: number[];
  covers: number[][];
  totalWeight: number;
}

/** Proven optima from ../shared/data/mclp/README.md (HiGHS 1.15.1) and its plain-greedy values. */
export const MCLP = {
  "mclp-2k.json": { optimum: 1_744_951, greedy: 1_709_619.7, demand: 2000, candidates: 300 },
  "mclp-5k.json": { optimum: 1_815_641.3, greedy: 1_757_198.5, demand: 5000, candidates: 500 },
} as const;

export function loadMclp(file: keyof typeof MCLP): MclpInstance {
  const d = JSON.parse(readFileSync(MCLP_DIR + file, "utf8")) as { k: number; demand: number[][]; covers: number[][]; totalWeight: number };
  return { k: d.k, weights: d.demand.map((p) => p[2]!), covers: d.covers, totalWeight: d.totalWeight };
}

export interface SmallInstance {
  weights: number[];
  covers: number[][];
  k: number;
  fixed: number[];
  forbidden: number[];
  costs?: number[];
}

/** The best covered − cost over every choice of k free candidates (fixed sites credited), by enumeration. */
export function bruteForce(inst: SmallInstance): number {
  const m = inst.covers.length;
  const status = new Uint8Array(m);
  for (const j of inst.fixed) status[j] = 1;
  for (const j of inst.forbidden) status[j] = 2;
  const free = [...Array(m).keys()].filter((j) => status[j] === 0);
  let best = -Infinity;
  const pick: number[] = [];
  const visit = (from: number) => {
    if (pick.length === inst.k) {
      best = Math.max(best, value(inst, pick));
      return;
    }
    for (let t = from; t <= free.length - (inst.k - pick.length); t++) {
      pick.push(free[t]!);
      visit(t + 1);
      pick.pop();
    }
  };
  visit(0);
  return best;
}

/** covered − cost of a plan (fixed sites included in the coverage). */
export function value(inst: SmallInstance, chosen: readonly number[]): number {
  const hit = new Set<number>();
  for (const j of [...inst.fixed, ...chosen]) for (const i of inst.covers[j]!) hit.add(i);
  let s = 0;
  for (const i of hit) s += inst.weights[i]!;
  for (const j of chosen) s -= inst.costs?.[j] ?? 0;
  return s;
}

/** A result without its wall-clock fields (the trace's `ms`): what must be reproducible. */
export function withoutTimings(r: MaxCoverageResult): unknown {
  return { ...r, trace: r.trace.map(({ ms: _ms, ...rest }) => rest) };
}
