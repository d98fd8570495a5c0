import type { Band } from "../model/bands.js";
import type { Site, SiteCollection } from "../model/schema.js";
import type { BoundMethod, SearchOptions } from "../optimise/max-coverage.js";
import type { Technology } from "../units.js";

/** Which street-level threshold of `RADIO_DEFAULTS[technology].thresholds` counts as covered. */
export type ServiceLevel = "outdoor" | "inCar" | "indoor";

export interface RolloutOptions {
  /** Seed of the solver's iterated local search (default `ROLLOUT_DEFAULTS.seed`). */
  seed?: number;
  /** Spacing of the candidate grid over the city, m. */
  candidateSpacingM?: number;
  /** Spacing of the demand lattice inside each population polygon, m (see `demandPoints`' spacingM). */
  demandSpacingM?: number;
  /** Threshold a demand point must clear to count as covered. */
  service?: ServiceLevel;
  /** Predict with the scenario's terrain (exact profiles; slower). Default false: flat earth. */
  terrain?: boolean;
  /** Candidates whose ground is higher (m above sea level) are not used (needs the scenario's terrain). */
  maxElevationM?: number;
  /**
   * People a new mast must cover beyond a co-located one to be preferred (the solver's `costs`):
   * the 4G sites go onto the 2G/3G masts of the same phase unless a new place covers this many more.
   */
  colocationCostPeople?: number;
  /**
   * Least distance between masts, m (0 turns it off). A new mast keeps it from every mast of the
   * plan so far — earlier phases and the phase's earlier deployments, of any technology — and
   * from the other new masts of its deployment; a cell co-located on an existing mast builds no new
   * mast. A pilot cluster's sites are new masts too. See `ROLLOUT_DEFAULTS.minSiteDistanceM`.
   */
  minSiteDistanceM?: number;
  /** Inter-site distance of a pilot cluster, m (at least `minSiteDistanceM`). */
  clusterIsdM?: number;
  /** Solver settings (`maxCoverage`); no `timeLimitMs` by default, so plans are reproducible. */
  search?: Omit<SearchOptions, "seed">;
}

/** How a deployment's sites were chosen and how close the choice is to the best possible. */
export interface DeploymentPlan {
  technologies: Technology[];
  bands: Band[];
  /** The band the selection is made on (the deployment's highest frequency: its shortest reach). */
  selectionBand: Band;
  thresholdDbm: number;
  /** Ids of the sites the deployment carries, in build order. */
  siteIds: string[];
  /** Of those, sites whose mast the deployment shares with an earlier deployment of the phase. */
  colocated: number;
  /** People the deployment's selection layer covers (new and earlier-phase sites of its technologies together). */
  covered: number;
  /** The solver's objective (covered − co-location costs) and its proven upper bound. */
  objective: number;
  bound: number;
  gapPct: number;
  boundMethod: BoundMethod | "enumeration";
  candidates: number;
  demandPoints: number;
}

/** People covered in one district (or the whole city) by one technology. */
export interface ZoneCoverage {
  zoneId: string;
  zoneName: string;
  population: number;
  /** Covered by the sites of this phase alone. */
  phase: number;
  /** Covered by this phase and every earlier one. */
  cumulative: number;
  cumulativePct: number;
}

export interface TechnologyCoverage {
  technology: Technology;
  thresholdDbm: number;
  city: ZoneCoverage;
  districts: ZoneCoverage[];
}

export interface PhasePlan {
  /** Phase id from the scenario. */
  phase: string;
  label: string;
  from: string;
  to: string;
  /** Calendar year the phase ends in. */
  year: number;
  sites: Site[];
  deployments: DeploymentPlan[];
  /** Σ of the deployments' objectives and bounds; gap from them. */
  objective: number;
  bound: number;
  gapPct: number;
  coverage: TechnologyCoverage[];
}

export interface RolloutPlan {
  scenario: string;
  seed: number;
  service: ServiceLevel;
  terrain: boolean;
  /** Every planned site of every phase (`status: "planned"`, `phase`, `buildOrder`). */
  sites: SiteCollection;
  phases: PhasePlan[];
}
