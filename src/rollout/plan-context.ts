import type { Band } from "../model/bands.js";
import type { Site } from "../model/schema.js";
import { demandPoints, type DemandPoints } from "../demand/points.js";
import { localFrame } from "../geo/frame.js";
import { candidateGrid, conflictPairs, type Candidates } from "../optimise/candidates.js";
import { coverageSets, type CoverageSets } from "../optimise/coverage-sets.js";
import type { Csr } from "../optimise/csr.js";
import { RADIO_DEFAULTS } from "../radio/defaults.js";
import type { LonLat, Technology } from "../units.js";
import type { RolloutOptions, ServiceLevel } from "./plan-types.js";
import type { Scenario } from "./scenario.js";

/** `planRollout`'s options with every default filled in. */
export interface ResolvedRolloutOptions {
  seed: number;
  candidateSpacingM: number;
  demandSpacingM: number;
  service: ServiceLevel;
  terrain: boolean;
  maxElevationM: number | undefined;
  colocationCostPeople: number;
  minSiteDistanceM: number;
  clusterIsdM: number;
  search: NonNullable<RolloutOptions["search"]>;
}

/**
 * What every step of a plan shares: the demand points, the candidate grid, the thresholds and a
 * cache of the grid's coverage sets per band (the 2G/3G and 4G deployments of a phase, and the
 * coverage accounting, ask for the same sets).
 */
export class PlanContext {
  readonly demand: DemandPoints;
  readonly grid: Candidates;
  private readonly cache = new Map<string, CoverageSets>();
  private conflicts: Csr | null = null;

  constructor(
    readonly scenario: Scenario,
    readonly options: ResolvedRolloutOptions,
  ) {
    this.demand = demandPoints(scenario.population, { zones: scenario.districts, spacingM: options.demandSpacingM });
    const dem = options.maxElevationM !== undefined ? scenario.terrain : undefined;
    this.grid = candidateGrid(scenario.boundary, {
      spacingM: options.candidateSpacingM,
      ...(dem ? { dem, maxElevationM: options.maxElevationM } : {}),
    });
  }

  threshold(tech: Technology): number {
    return RADIO_DEFAULTS[tech].thresholds[`${this.options.service}Dbm`];
  }

  candidateAt(j: number): LonLat {
    return [round6(this.grid.lon[j]!), round6(this.grid.lat[j]!)];
  }

  /** Coverage sets of a default single-band site of `band` at every grid candidate (cached). */
  gridCovers(band: Band, thresholdDbm: number): CoverageSets {
    const key = `${band}@${thresholdDbm}`;
    let hit = this.cache.get(key);
    if (!hit) {
      // Candidates at their rounded positions: the sets are those of the sites a plan builds.
      const lon = Float64Array.from(this.grid.lon, round6);
      const lat = Float64Array.from(this.grid.lat, round6);
      hit = coverageSets({ candidates: { lon, lat }, demand: this.demand, band, thresholdDbm, ...this.engine() });
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** Coverage sets of default single-band sites of `band` (what `gridCovers` builds) at given positions: the engine's fast template path. */
  templateCovers(band: Band, thresholdDbm: number, at: readonly LonLat[]): CoverageSets {
    return coverageSets({ candidates: { lon: at.map((p) => p[0]), lat: at.map((p) => p[1]) }, demand: this.demand, band, thresholdDbm, ...this.engine() });
  }

  /** Coverage sets of given sites (one per position) on `band`. */
  covers(band: Band, thresholdDbm: number, at: readonly LonLat[], site: (at: LonLat, index: number) => Site): Csr {
    return coverageSets({
      candidates: { lon: at.map((p) => p[0]), lat: at.map((p) => p[1]) },
      demand: this.demand,
      band,
      thresholdDbm,
      template: (p, i) => site(p, i),
      ...this.engine(),
    });
  }

  /**
   * Pairs of grid candidates closer than `minSiteDistanceM` (at their rounded positions), as the
   * symmetric CSR of `conflictPairs` (cached; empty rows when the distance is 0).
   */
  gridConflicts(): Csr {
    if (!this.conflicts) {
      const lon = Float64Array.from(this.grid.lon, round6);
      const lat = Float64Array.from(this.grid.lat, round6);
      this.conflicts = conflictPairs({ lon, lat }, this.options.minSiteDistanceM);
    }
    return this.conflicts;
  }

  /**
   * Grid candidates (increasing) closer than `distanceM` to any of `masts` (or, with `layout`, the
   * sites a deployment centred on candidate j would build).
   * Distances in the local frame at the grid's middle latitude, as `conflictPairs`.
   */
  gridNear(masts: readonly LonLat[], distanceM: number, layout: (j: number) => readonly LonLat[] = (j) => [this.candidateAt(j)]): Int32Array {
    const { lat } = this.grid;
    const m = lat.length;
    if (masts.length === 0 || distanceM <= 0 || m === 0) return new Int32Array(0);
    let south = Infinity;
    let north = -Infinity;
    for (let j = 0; j < m; j++) {
      south = Math.min(south, lat[j]!);
      north = Math.max(north, lat[j]!);
    }
    const f = localFrame((south + north) / 2);
    const limit2 = distanceM * distanceM;
    const out: number[] = [];
    for (let j = 0; j < m; j++) {
      const near = layout(j).some(([x, y]) =>
        masts.some(([mx, my]) => {
          const dx = (mx - x) * f.kx;
          const dy = (my - y) * f.ky;
          return dx * dx + dy * dy < limit2;
        }),
      );
      if (near) out.push(j);
    }
    return Int32Array.from(out);
  }

  private engine() {
    return this.options.terrain && this.scenario.terrain ? { terrain: this.scenario.terrain, terrainVoids: "fill" as const } : {};
  }
}

export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Rows of several CSR matrices over the same columns, one after the other. */
export function concatCsr(parts: readonly Csr[]): Csr {
  const rows = parts.reduce((s, p) => s + p.offsets.length - 1, 0);
  const nnz = parts.reduce((s, p) => s + p.indices.length, 0);
  const offsets = new Int32Array(rows + 1);
  const indices = new Int32Array(nnz);
  let r = 0;
  let at = 0;
  for (const p of parts) {
    for (let k = 0; k + 1 < p.offsets.length; k++) offsets[++r] = at + p.offsets[k + 1]!;
    indices.set(p.indices, at);
    at += p.indices.length;
  }
  return { offsets, indices };
}

/** Marks the columns any row of `c` covers into `mask` (allocated when null) and returns Σ weight of the newly marked ones. */
export function unionWeight(c: Csr, weight: ArrayLike<number>, mask: Uint8Array | null): number {
  const m = mask ?? new Uint8Array(weight.length);
  let sum = 0;
  for (const i of c.indices) {
    if (m[i] === 0) {
      m[i] = 1;
      sum += weight[i]!;
    }
  }
  return sum;
}
