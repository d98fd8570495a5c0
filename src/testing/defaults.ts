import type { BBox } from "../units.js";

/** Almaty's bounding box: the default area for generated networks and scenarios. */
export const ALMATY_BBOX: BBox = [76.742, 43.0328, 77.1668, 43.4038];

/** An inclusive range; either end may be left out to keep the default. */
export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * Defaults of the `cellplan/testing` arbitraries (listed in the README). Value ranges are typical
 * macro-network values, well inside the site model's limits (`NUMBER_RULES`), so generated networks
 * also make sense to the coverage engine; pass wider ranges to probe the limits.
 */
export const ARBITRARY_DEFAULTS = {
  bbox: ALMATY_BBOX,
  /** Sectors per site. */
  sectors: { min: 1, max: 3 },
  /** Cells per sector. */
  cells: { min: 1, max: 3 },
  /** Sites per collection. */
  sites: { min: 0, max: 10 },
  /** Antenna height above ground, m. */
  heightM: { min: 5, max: 60 },
  /** Cell power at the antenna connector, dBm. */
  powerDbm: { min: 20, max: 53 },
  /** Districts per scenario (vertical strips of the boundary rectangle). */
  districts: { min: 1, max: 4 },
  /** Population cells per side of the scenario's population lattice. */
  populationSide: { min: 0, max: 6 },
  /** Programme phases per scenario. */
  phases: { min: 1, max: 3 },
  /** Samples per side of a generated DEM. */
  demSide: { min: 2, max: 12 },
  /** DEM sample spacing, degrees (1″ to 30″). */
  demStepDeg: { min: 1 / 3600, max: 1 / 120 },
  /** DEM heights, m above mean sea level. */
  demHeightM: { min: -50, max: 3500 },
  /** Grid cell size, m. */
  gridCellSizeM: { min: 10, max: 500 },
  /** Pixels per side of a generated grid. */
  gridSide: { min: 1, max: 24 },
};
