import type { CoverageStats, CoverageFigures } from "../../coverage/stats.js";
import type { Band } from "../../model/bands.js";
import type { MeasuredQuantity } from "../../radio/bands.js";
import type { ZoneCoverage, DeploymentPlan, ServiceLevel } from "../../rollout/plan-types.js";
import type { Programme } from "../../rollout/schema.js";
import type { Technology } from "../../units.js";
import type { Study } from "../commands/study.js";
import { cellplanVersion } from "./version.js";

/** Covered people and area of one zone (a district, or the whole city) for one technology after one phase. */
export interface ZoneReport {
  id: string;
  name: string;
  /** Residents (the scenario's population layer). */
  population: number;
  /** People covered by every site built up to this phase, by the planner's accounting (demand points). */
  peopleCovered: number;
  peopleCoveredPct: number;
  /** Of those, people covered by this phase's own sites. */
  peopleCoveredByPhase: number;
  /** Area of the zone inside the study area, km² (coverage raster). */
  areaKm2: number;
  /** Area where best-server power reaches the threshold, km², and its share (coverage raster). */
  areaCoveredKm2: number;
  areaCoveredPct: number;
  /** People covered by the raster's count (population spread over pixels): a cross-check of `peopleCovered`. */
  rasterPeopleCovered: number;
}

export interface PhaseTechnologyReport {
  technology: Technology;
  thresholdDbm: number;
  /** New sites of the phase carrying the technology, and all such sites up to it. */
  sitesBuilt: number;
  sitesTotal: number;
  city: ZoneReport;
  districts: ZoneReport[];
}

export interface PhaseReport {
  phase: string;
  label: string;
  from: string;
  to: string;
  year: number;
  /** New sites (masts) of the phase, and all up to it. */
  sitesBuilt: number;
  sitesTotal: number;
  siteIds: string[];
  /** Σ of the deployments' solver objectives and proven bounds, and the gap between them, %. */
  objective: number;
  bound: number;
  gapPct: number;
  deployments: DeploymentPlan[];
  technologies: PhaseTechnologyReport[];
}

export interface StudyReport {
  generator: { name: "cellplan"; version: string };
  scenario: { id: string; name: string; area: string; population: number; areaKm2: number };
  settings: { seed: number; service: ServiceLevel; terrain: boolean; cellSizeM: number };
  technologies: { technology: Technology; bands: Band[]; quantity: MeasuredQuantity | null; thresholdDbm: number; isobandThresholdsDbm: number[] }[];
  phases: PhaseReport[];
  /** Output files, in the order written. */
  files: string[];
  sources: { attribution: string[]; programme: Programme["source"]; sites: string };
}

/** Where the site positions come from, said wherever they are shown. */
export const SITES_NOTE =
  "Site positions are cellplan's own plan (planRollout: maxCoverage on population demand points, with a proven bound), not the programme's real sites, whose coordinates are not public.";

/** The study as plain JSON data: what `report.json` holds and `report.md` and the summary print. */
export function studyReport(study: Study, files: string[]): StudyReport {
  const { scenario, plan } = study;
  const cityPopulation = plan.phases[0]?.coverage[0]?.city.population ?? 0;
  const anyStats = study.technologies.flatMap((t) => t.phases).find((s): s is CoverageStats => s !== null);
  let total = 0;
  const phases = plan.phases.map((p, k): PhaseReport => {
    total += p.sites.length;
    return {
      phase: p.phase,
      label: p.label,
      from: p.from,
      to: p.to,
      year: p.year,
      sitesBuilt: p.sites.length,
      sitesTotal: total,
      siteIds: p.sites.map((s) => s.properties.id),
      objective: p.objective,
      bound: p.bound,
      gapPct: p.gapPct,
      deployments: p.deployments,
      technologies: p.coverage.map((c): PhaseTechnologyReport => {
        const t = study.technologies.find((x) => x.technology === c.technology);
        const stats = t?.phases[k] ?? null;
        const carrying = (ids: Set<string>) => (t ? plan.sites.features.filter((s) => ids.has(s.properties.id) && s.properties.sectors.some((x) => x.cells.some((cell) => t.bands.includes(cell.band)))).length : 0);
        const upTo = new Set(plan.phases.slice(0, k + 1).flatMap((q) => q.sites.map((s) => s.properties.id)));
        return {
          technology: c.technology,
          thresholdDbm: c.thresholdDbm,
          sitesBuilt: carrying(new Set(p.sites.map((s) => s.properties.id))),
          sitesTotal: carrying(upTo),
          city: zone(c.city, stats, anyStats, null),
          districts: c.districts.map((d) => zone(d, stats, anyStats, d.zoneId)),
        };
      }),
    };
  });
  return {
    generator: { name: "cellplan", version: cellplanVersion() },
    scenario: { id: scenario.id, name: scenario.name, area: scenario.area.name, population: cityPopulation, areaKm2: anyStats?.totalAreaKm2 ?? 0 },
    settings: { seed: plan.seed, service: plan.service, terrain: study.terrain, cellSizeM: study.cellSizeM },
    technologies: study.technologies.map((t) => ({
      technology: t.technology,
      bands: t.bands,
      quantity: t.raster?.quantity ?? null,
      thresholdDbm: t.thresholdDbm,
      isobandThresholdsDbm: t.isobandThresholdsDbm,
    })),
    phases,
    files,
    sources: { attribution: scenario.attribution, programme: scenario.programme.source, sites: SITES_NOTE },
  };
}

/** One zone's figures: the planner's people, the raster's area (zero when nothing is built yet). */
function zone(c: ZoneCoverage, stats: CoverageStats | null, any: CoverageStats | undefined, id: string | null): ZoneReport {
  const pick = (s: CoverageStats | undefined): (CoverageFigures & { totalAreaKm2: number }) | undefined => (s === undefined ? undefined : id === null ? s : s.zones.find((z) => z.id === id));
  const covered = pick(stats ?? undefined);
  const areaKm2 = pick(any)?.totalAreaKm2 ?? 0;
  return {
    id: c.zoneId,
    name: c.zoneName,
    population: c.population,
    peopleCovered: c.cumulative,
    peopleCoveredPct: c.cumulativePct,
    peopleCoveredByPhase: c.phase,
    areaKm2,
    areaCoveredKm2: covered?.areaKm2 ?? 0,
    areaCoveredPct: covered?.areaPct ?? 0,
    rasterPeopleCovered: covered?.population ?? 0,
  };
}
