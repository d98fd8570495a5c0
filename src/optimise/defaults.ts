/**
 * Defaults and size limits of the site-selection solver (listed in the README). Every option of
 * `maxCoverage`, `setCover` and `maxCoverageExact` that is not given takes its value from here.
 */
export const OPTIMISE_DEFAULTS = {
  /** Most demand points in one instance (weights.length). */
  maxDemand: 10_000_000,
  /** Most candidate sites in one instance (covers.length). */
  maxCandidates: 1_000_000,
  /** Most (candidate, demand) pairs in `covers`: the CSR arrays take 8 bytes per pair, twice. */
  maxNonzeros: 100_000_000,

  /** Seed of the iterated local search (the only random part). */
  seed: 1,
  /** Swap local search: `"best"` applies the best 1-swap of a whole pass, `"first"` the first improving one. */
  swap: "first" as "best" | "first",
  /**
   * Iterations of the iterated local search after the first local optimum (0 turns it off). The
   * result depends only on this count and the seed, so it is reproducible on any machine;
   * `timeLimitMs` can stop it earlier (and then the result depends on the machine's speed).
   */
  ilsIterations: 1000,
  /** Random 1-swaps per ILS kick: 1 up to this many … */
  ilsKickMax: 3,
  /** … plus one per this many iterations without a new best (at most k/4). */
  ilsStretch: 100,
  /** ILS continues from a local optimum up to this share below the best (threshold accepting); else returns to the best. */
  ilsAcceptWorse: 0.002,
  /** Subgradient iterations of the Lagrangian bound (split into a first and a second pass around the ILS). */
  lagrangianIterations: 1000,
  /** Polyak step factor θ at the start; halved after `lagrangianPatience` iterations without a better bound. */
  lagrangianTheta: 2,
  lagrangianPatience: 25,
  /** Deflection β of the subgradient direction d = g + β·d_prev (0 = plain subgradient). */
  lagrangianDeflection: 0.98,
  /** The subgradient stops when θ falls below this (further steps no longer move the bound). */
  lagrangianMinTheta: 1e-4,
  /**
   * Search and bound stop once the gap (bound − objective) / bound falls to this, in percent. The
   * default 0 keeps going to the iteration limits; a gap of exactly 0 (within the floating-point
   * allowance) always stops: the plan is then proven optimal.
   */
  gapTolerancePct: 0,
  /**
   * Relative floating-point allowance added to every bound (sums of up to millions of doubles
   * round by far less than this), so a reported bound is never below the optimum by rounding.
   */
  boundSafety: 1e-10,

  /** Exact mode: most nonzeros of the MILP after merging (coverage rows × candidates that cover them). */
  exactMaxNonzeros: 150_000,
  /** Exact mode: HiGHS time limit, ms. When it runs out the result says `proven: false`. */
  exactTimeLimitMs: 60_000,
  /** Exact mode: HiGHS relative MIP gap at which it stops and reports optimal. */
  exactMipRelGap: 1e-9,
};

export type OptimiseDefaults = typeof OPTIMISE_DEFAULTS;
