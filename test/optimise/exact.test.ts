import { describe, expect, it } from "vitest";
import { maxCoverageExactInWorker } from "../../src/node/highs-exact.js";
import { maxCoverageExact } from "../../src/optimise/exact.js";
import { haveMclp, loadMclp, MCLP } from "./helpers.js";

/** Exact mode on the 2k instance: HiGHS proves the README's optimum, in this thread and in a worker. */
describe.skipIf(!haveMclp)("maxCoverageExact on mclp-2k.json", () => {
  const ref = MCLP["mclp-2k.json"];

  it("in-process: proves the optimum 1,744,951", async () => {
    const inst = loadMclp("mclp-2k.json");
    const r = await maxCoverageExact({ weights: inst.weights, covers: inst.covers, k: inst.k });
    console.info(`exact 2k in-process: ${r.objective.toFixed(1)}, HiGHS ${r.milp.status} in ${r.milp.runtimeMs.toFixed(0)} ms`);
    expect(r.milp.status).toBe("optimal");
    expect(r.boundMethod).toBe("milp");
    expect(r.proven).toBe(true);
    expect(r.objective).toBeCloseTo(ref.optimum, -1);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    expect(r.gapPct).toBeLessThan(1e-6);
  }, 120_000);

  it("on a worker thread: the same plan", async () => {
    const inst = loadMclp("mclp-2k.json");
    const a = await maxCoverageExactInWorker({ weights: inst.weights, covers: inst.covers, k: inst.k });
    expect(a.milp.optimal).toBe(true);
    expect(a.objective).toBeCloseTo(ref.optimum, -1);
  }, 120_000);

  it("reports a time limit honestly: proven false, bound still valid", async () => {
    const inst = loadMclp("mclp-5k.json");
    const r = await maxCoverageExact({ weights: inst.weights, covers: inst.covers, k: inst.k, exactTimeLimitMs: 300, ilsIterations: 0 });
    expect(r.milp.status).toBe("timeLimit");
    expect(r.milp.optimal).toBe(false);
    expect(r.bound).toBeGreaterThanOrEqual(MCLP["mclp-5k.json"].optimum);
    expect(r.boundMethod).not.toBe("milp");
  }, 120_000);
});
