import loadHighs from "highs";
import { bench, describe } from "vitest";
import { lazyGreedy, plainGreedy } from "../src/optimise/greedy.js";
import { LagrangianDual } from "../src/optimise/lagrangian.js";
import { swapLocalSearch, swapScratch } from "../src/optimise/local-search.js";
import { maxCoverage, prepareCoverage, type PreparedCoverage } from "../src/optimise/max-coverage.js";
import { solveCoverageMilp } from "../src/optimise/milp-model.js";
import { OPTIMISE_DEFAULTS as D } from "../src/optimise/defaults.js";
import { SearchState } from "../src/optimise/search-state.js";
import { syntheticCoverage } from "../src/optimise/synthetic.js";
import { haveMclp, loadMclp } from "../test/optimise/helpers.js";

/**
 * Site selection on seeded instances: the shared ../shared/data/mclp/ instances (2,000 / 300 and
 * 5,000 / 500, k = 63) and a generated city-scale one (20,000 / 2,000, k = 63, seed 2019). Lazy
 * greedy runs against plain greedy in the same group (their gain evaluations are in the names), the
 * swap search and the Lagrangian bound per instance, and HiGHS on the 2k instance against the
 * default heuristic with its bound. Compare within a group: the ratios are what matter.
 */
const opts = { iterations: 5, warmupIterations: 1, time: 0 };

// ── coverage-set construction from the radio model ─────────────────────────────────────────────
// Measured in bench/coverage-sets.bench.ts, in the same `npm run bench` run: coverageSets on a
// seeded Almaty instance (2,000 candidates × 20,000 demand points) against signalAt on every pair
// and against the engine's cells on every pair without culling.
// ───────────────────────────────────────────────────────────────────────────────────────────────

const instances: [string, PreparedCoverage][] = [];
if (haveMclp) {
  for (const file of ["mclp-2k.json", "mclp-5k.json"] as const) {
    const m = loadMclp(file);
    instances.push([file.replace(".json", ""), prepareCoverage({ weights: m.weights, covers: m.covers, k: m.k })]);
  }
}
const city = syntheticCoverage({ demand: 20_000, candidates: 2_000, seed: 2019 });
instances.push(["city 20k / 2k", prepareCoverage({ weights: city.weights, covers: city.covers, k: city.k })]);

for (const [name, prepared] of instances) {
  const p = prepared.reduction.problem;
  const k = prepared.k;
  const lazy = lazyGreedy(p, k);
  const plain = plainGreedy(p, k);

  describe(`greedy, ${name} (k = ${k})`, () => {
    bench(`lazy greedy (CELF): ${lazy.gainEvaluations} gain evaluations`, () => void lazyGreedy(p, k), opts);
    bench(`plain greedy: ${plain.gainEvaluations} gain evaluations`, () => void plainGreedy(p, k), opts);
  });

  describe(`1-swap local search from greedy, ${name}`, () => {
    const state = new SearchState(p, k);
    const scratch = swapScratch(p.cols);
    for (const mode of ["first", "best"] as const) {
      bench(`${mode} improvement`, () => {
        state.reset(lazy.chosen);
        swapLocalSearch(state, mode, scratch);
      }, opts);
    }
  });

  describe(`Lagrangian bound, ${name}`, () => {
    const target = maxCoverage({ weights: prepared.instance.weights, covers: prepared.instance.byCandidate, k, ilsIterations: 0, lagrangianIterations: 0 }).objective;
    bench(`${D.lagrangianIterations} subgradient iterations (deflection ${D.lagrangianDeflection})`, () => {
      const dual = new LagrangianDual(p, k, D.lagrangianTheta, D.lagrangianPatience, D.lagrangianMinTheta, D.lagrangianDeflection);
      dual.run(D.lagrangianIterations, () => target, () => false, () => undefined);
    }, opts);
    bench(`${D.lagrangianIterations} plain subgradient iterations (no deflection)`, () => {
      const dual = new LagrangianDual(p, k, D.lagrangianTheta, D.lagrangianPatience, D.lagrangianMinTheta, 0);
      dual.run(D.lagrangianIterations, () => target, () => false, () => undefined);
    }, opts);
  });

  describe(`default solver (greedy, swaps, ILS, Lagrangian bound), ${name}`, () => {
    bench("maxCoverage", () => void maxCoverage({ weights: prepared.instance.weights, covers: prepared.instance.byCandidate, k }), { iterations: 3, warmupIterations: 0, time: 0 });
  });
}

if (haveMclp) {
  const highs = await loadHighs();
  const [, two] = instances[0]!;
  describe("mclp-2k: HiGHS MILP against the default heuristic with its Lagrangian bound", () => {
    bench("HiGHS MILP (proves the optimum)", () => {
      const out = solveCoverageMilp(highs, two.reduction.problem, { k: two.k, timeLimitSec: 60, mipRelGap: D.exactMipRelGap });
      if (!out.optimal) throw new Error(`HiGHS: ${out.status}`);
    }, { iterations: 2, warmupIterations: 0, time: 0 });
    bench("maxCoverage (heuristic + bound)", () => void maxCoverage({ weights: two.instance.weights, covers: two.instance.byCandidate, k: two.k }), { iterations: 3, warmupIterations: 0, time: 0 });
  });
}
