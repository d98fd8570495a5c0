import { describe, expect, it } from "vitest";
import { maxCoverage } from "../../src/optimise/max-coverage.js";
import { syntheticCoverage } from "../../src/optimise/synthetic.js";

/**
 * Acceptance 2: a city-scale instance (20,000 demand points, 2,000 candidates, k = 63, seeded,
 * Almaty-like) gets a plan with a certified gap (objective vs its own Lagrangian bound) ≤ 4 %.
 * The time is measured and printed, not asserted.
 */
describe("city scale: 20,000 demand points, 2,000 candidates, k = 63", () => {
  it("plan and bound within 4 %", () => {
    const s = syntheticCoverage({ demand: 20_000, candidates: 2_000, seed: 2019 });
    const t = performance.now();
    const r = maxCoverage({ weights: s.weights, covers: s.covers, k: s.k });
    const ms = performance.now() - t;
    const phases = r.trace.map((e) => `${e.phase} ${e.ms.toFixed(0)} ms`).join(", ");
    console.info(`city: objective ${r.objective.toFixed(1)}, bound ${r.bound.toFixed(1)}, gap ${r.gapPct.toFixed(3)} %, ${ms.toFixed(0)} ms (${phases}); rows ${r.reduction.rowsBeforeMerge} → ${r.reduction.rows}`);
    expect(r.chosen).toHaveLength(63);
    expect(r.gapPct).toBeLessThanOrEqual(4);
    expect(r.bound).toBeGreaterThanOrEqual(r.objective);
    expect(r.reduction.rows).toBeLessThan(r.reduction.rowsBeforeMerge);
  }, 120_000);
});
