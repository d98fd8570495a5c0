import type { Polygon } from "geojson";
import { geometryAreaKm2 } from "../geo/area.js";
import { sampleDem } from "../terrain/dem.js";
import type { Technology } from "../units.js";
import type { Scenario } from "./scenario.js";

export interface DistrictSummary {
  id: string;
  name: string;
  areaKm2: number;
  population: number;
  populationIsLowerBound: boolean;
  densityPerKm2: number;
  /** People on the population grid assigned to the district (equals `population` for the shipped data). */
  gridPopulation: number;
  /** Population-weighted mean ground elevation of the grid cells (NaN without terrain). */
  meanElevationM: number;
  minElevationM: number;
  maxElevationM: number;
}

export interface DeploymentSummary {
  phase: string;
  technologies: Technology[];
  bands: string[];
  sites: number;
  /** The deployment is one contiguous cluster (a pilot): the per-city figures below are NaN. */
  cluster: boolean;
  /** City area per new site, km². */
  km2PerSite: number;
  /** Residents per new site. */
  peoplePerSite: number;
  /** Spacing of a hexagonal layout with one site per `km2PerSite`: √(2A/√3). */
  hexSpacingKm: number;
}

export interface ScenarioSummary {
  id: string;
  name: string;
  areaKm2: number;
  population: number;
  districts: DistrictSummary[];
  deployments: DeploymentSummary[];
  terrain: { width: number; height: number; minM: number; maxM: number } | null;
  attribution: string[];
}

/**
 * Figures a planner reads before planning: each district's size, people and terrain, and what the
 * programme's site counts mean per site. Computed from the scenario's layers, nothing stored.
 */
export function summariseScenario(s: Scenario): ScenarioSummary {
  const grid = new Map<string, { people: number; elevSum: number; elevW: number; min: number; max: number }>();
  for (const cell of s.population.features) {
    const id = cell.properties.district;
    if (id === null) continue;
    const g = grid.get(id) ?? { people: 0, elevSum: 0, elevW: 0, min: Infinity, max: -Infinity };
    const people = cell.properties.population;
    g.people += people;
    if (s.terrain) {
      const [lon, lat] = ringCentroid(cell.geometry);
      const z = sampleDem(s.terrain, lon, lat);
      if (Number.isFinite(z)) {
        g.elevSum += z * people;
        g.elevW += people;
        g.min = Math.min(g.min, z);
        g.max = Math.max(g.max, z);
      }
    }
    grid.set(id, g);
  }
  const districts = s.districts.features.map((f): DistrictSummary => {
    const p = f.properties;
    const g = grid.get(p.id);
    return {
      id: p.id,
      name: p.nameEn,
      areaKm2: p.areaKm2,
      population: p.population,
      populationIsLowerBound: p.populationIsLowerBound,
      densityPerKm2: p.population / p.areaKm2,
      gridPopulation: g?.people ?? 0,
      meanElevationM: g && g.elevW > 0 ? g.elevSum / g.elevW : NaN,
      minElevationM: g && g.elevW > 0 ? g.min : NaN,
      maxElevationM: g && g.elevW > 0 ? g.max : NaN,
    };
  });
  const areaKm2 = geometryAreaKm2(s.boundary.geometry);
  const population = districts.reduce((t, d) => t + d.population, 0);
  const deployments = s.programme.phases.flatMap((phase) =>
    phase.deployments.map((d): DeploymentSummary => {
      const km2PerSite = d.cluster ? NaN : areaKm2 / d.sites;
      return {
        phase: phase.id,
        technologies: d.technologies,
        bands: d.bands,
        sites: d.sites,
        cluster: d.cluster,
        km2PerSite,
        peoplePerSite: d.cluster ? NaN : population / d.sites,
        hexSpacingKm: Math.sqrt((2 * km2PerSite) / Math.sqrt(3)),
      };
    }),
  );
  let terrain: ScenarioSummary["terrain"] = null;
  if (s.terrain) {
    let minM = Infinity;
    let maxM = -Infinity;
    for (const h of s.terrain.heights) {
      if (h === s.terrain.nodata) continue;
      if (h < minM) minM = h;
      if (h > maxM) maxM = h;
    }
    terrain = { width: s.terrain.width, height: s.terrain.height, minM, maxM };
  }
  return { id: s.id, name: s.name, areaKm2, population, districts, deployments, terrain, attribution: s.attribution };
}

/** Vertex mean of a polygon's outer ring (closing vertex excluded): exact for the regular H3 hexagons. */
export function ringCentroid(g: Polygon): [number, number] {
  const ring = g.coordinates[0]!;
  const n = ring.length - 1;
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += ring[i]![0]!;
    y += ring[i]![1]!;
  }
  return [x / n, y / n];
}
