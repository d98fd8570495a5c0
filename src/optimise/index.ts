// The site-selection solver on abstract instances (weights + covers), apart from the radio model.
export { OPTIMISE_DEFAULTS } from "./defaults.js";
export type { OptimiseDefaults } from "./defaults.js";
export { transposeCsr } from "./csr.js";
export type { Csr } from "./csr.js";
export { coverageInstance } from "./instance.js";
export type { CoverageInput, CoverageInstance, CoversInput, InstanceLimits } from "./instance.js";
export type { CandidateSelection } from "./selection.js";
export type { ReductionStats } from "./reduce.js";
export type { SolveStats, TraceEntry } from "./solve.js";
export { coveredWeight, maxCoverage, prepareCoverage } from "./max-coverage.js";
export type { BoundMethod, MaxCoverageOptions, MaxCoverageResult, PreparedCoverage, SearchOptions } from "./max-coverage.js";
export { maxCoverageExact } from "./exact.js";
export type { MaxCoverageExactOptions, MaxCoverageExactResult } from "./exact.js";
export { setCover } from "./set-cover.js";
export type { SetCoverOptions, SetCoverResult } from "./set-cover.js";
export { SYNTHETIC_DEFAULTS, syntheticCoverage } from "./synthetic.js";
export type { SyntheticCoverage, SyntheticCoverageOptions } from "./synthetic.js";
