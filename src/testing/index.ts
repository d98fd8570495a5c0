// cellplan/testing: fast-check arbitraries and invariant checkers for downstream property-based suites.
// Pure like the root entry (no Node built-ins); fast-check is a peer dependency.
export { ALMATY_BBOX, ARBITRARY_DEFAULTS } from "./defaults.js";
export type { Bounds } from "./defaults.js";
export { arbLonLat } from "./position.js";
export type { LonLatOptions } from "./position.js";
export { arbAntenna, arbCell, arbSector } from "./sector.js";
export type { AntennaKind, AntennaOptions, CellOptions, SectorOptions } from "./sector.js";
export { arbSite, arbSiteCollection, arbSiteId } from "./site.js";
export type { SiteCollectionOptions, SiteOptions } from "./site.js";
export { arbScenario } from "./scenario.js";
export type { GeneratedScenario, ScenarioOptions } from "./scenario.js";
export { arbDem } from "./dem.js";
export type { DemOptions } from "./dem.js";
export { arbGrid } from "./grid.js";
export type { GridOptions } from "./grid.js";
export { assertInDeltaDb } from "./assert-db.js";
export { InvariantError } from "./invariant.js";
export { checkCoverageRaster } from "./check-coverage.js";
export type { CoverageCheckOptions } from "./check-coverage.js";
export { checkRolloutPlan } from "./check-rollout.js";
export type { RolloutCheckOptions, RolloutPhaseShape, RolloutPlanShape } from "./check-rollout.js";
