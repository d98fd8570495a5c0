import { join, resolve } from "node:path";
import { fail } from "../../errors.js";
import type { Site } from "../../model/schema.js";
import { technologyOf } from "../../model/bands.js";
import { maxCoverage } from "../../optimise/max-coverage.js";
import { candidateSite, coverageSets } from "../../optimise/coverage-sets.js";
import type { Csr } from "../../optimise/csr.js";
import type { ServiceLevel } from "../../rollout/plan-types.js";
import { RADIO_DEFAULTS } from "../../radio/defaults.js";
import { writeOutput } from "../exports/write.js";
import { readSiteList } from "../exports/sites.js";
import type { Progress } from "../progress.js";
import { gap, int, pct } from "../report/table-model.js";
import { parseBandChoice, readCandidates, readDemand } from "./inputs.js";

/** Defaults of `cellplan optimise`. */
export const OPTIMISE_COMMAND_DEFAULTS = {
  /** Threshold level when `--threshold` is not given: the technology's indoor street-level threshold, as `planRollout`. */
  service: "indoor" as ServiceLevel,
  seed: 2019,
};

export interface OptimiseCommandOptions {
  demand: string;
  candidates: string;
  k: number;
  band: string;
  out: string;
  thresholdDbm?: number;
  service?: ServiceLevel;
  /** Sites already built (GeoJSON or CSV): their people count as covered; they are not among the k. */
  fixed?: string;
  seed?: number;
  json?: boolean;
}

export interface OptimiseCommandResult {
  band: string;
  thresholdDbm: number;
  k: number;
  demandPoints: number;
  demandKind: "polygons" | "points";
  candidates: number;
  fixedSites: number;
  /** Chosen candidate ids in build order (each adds the most given the ones before). */
  chosen: string[];
  totalWeight: number;
  covered: number;
  coveredPct: number;
  fixedWeight: number;
  objective: number;
  bound: number;
  gapPct: number;
  boundMethod: string;
  proven: boolean;
  seed: number;
  files: string[];
}

/**
 * `cellplan optimise`: chooses `k` of the candidate points that cover the most demand weight on
 * one band (maximal covering location: coverage sets from the radio model, `maxCoverage` with a
 * Lagrangian bound). Writes `sites.geojson` (the chosen sites, default sectors of the band, in
 * build order) and `optimise.json` (objective, proven bound, gap), and prints the result.
 */
export function optimiseCommand(o: OptimiseCommandOptions, out: (s: string) => void, progress: Progress): OptimiseCommandResult {
  const choice = parseBandChoice(o.band);
  if (!choice.band) return fail("INVALID_VALUE", "--band", o.band, "one band (the sites are built for it), e.g. LTE1800");
  const band = choice.band;
  const service = o.service ?? OPTIMISE_COMMAND_DEFAULTS.service;
  const thresholdDbm = o.thresholdDbm ?? RADIO_DEFAULTS[technologyOf(band)].thresholds[`${service}Dbm`];
  const seed = o.seed ?? OPTIMISE_COMMAND_DEFAULTS.seed;
  const demand = readDemand(o.demand);
  const cand = readCandidates(o.candidates);
  const fixedSites: Site[] = o.fixed === undefined ? [] : readSiteList(o.fixed).features;

  progress.note(`coverage sets: ${cand.id.length} candidates × ${demand.weight.length} demand points on ${band} …`);
  const template = { status: "planned" as const };
  const sets = coverageSets({ candidates: cand, demand, band, thresholdDbm, template });
  const fixedSets = fixedSites.length === 0 ? null : coverageSets({
    candidates: { lon: fixedSites.map((s) => s.geometry.coordinates[0]!), lat: fixedSites.map((s) => s.geometry.coordinates[1]!) },
    demand,
    band,
    thresholdDbm,
    template: (_, i) => fixedSites[i]!,
  });
  const m = cand.id.length;
  progress.note(`choosing ${o.k} of ${m} candidates …`);
  const r = maxCoverage({
    weights: demand.weight,
    covers: fixedSets ? appendRows(sets, fixedSets) : sets,
    k: o.k,
    ...(fixedSets ? { fixed: fixedSites.map((_, i) => m + i) } : {}),
    seed,
  });
  progress.end();

  const sites = r.chosen.map((j, order) => {
    const site = candidateSite(band, template, [cand.lon[j]!, cand.lat[j]!], j, cand.id[j]!);
    site.properties.buildOrder = order + 1;
    return site;
  });
  const dir = resolve(o.out);
  writeOutput(join(dir, "sites.geojson"), `${JSON.stringify({ type: "FeatureCollection", features: sites })}\n`);
  const result: OptimiseCommandResult = {
    band,
    thresholdDbm,
    k: o.k,
    demandPoints: demand.weight.length,
    demandKind: demand.kind,
    candidates: m,
    fixedSites: fixedSites.length,
    chosen: r.chosen.map((j) => cand.id[j]!),
    totalWeight: r.totalWeight,
    covered: r.covered,
    coveredPct: r.totalWeight > 0 ? (r.covered / r.totalWeight) * 100 : 0,
    fixedWeight: r.fixedWeight,
    objective: r.objective,
    bound: r.bound,
    gapPct: r.gapPct,
    boundMethod: r.boundMethod,
    proven: r.proven,
    seed,
    files: ["sites.geojson", "optimise.json"],
  };
  writeOutput(join(dir, "optimise.json"), `${JSON.stringify(result, null, 2)}\n`);
  out(
    o.json
      ? JSON.stringify(result, null, 2)
      : [
          `Chose ${o.k} of ${m} candidates on ${band} (≥ ${thresholdDbm} dBm)${fixedSites.length ? ` besides ${fixedSites.length} fixed sites` : ""}: ${result.chosen.join(", ")}`,
          `Covered ${int(r.covered)} of ${int(r.totalWeight)} (${pct(result.coveredPct)}); bound ${int(r.bound)} (${r.boundMethod}), gap ${gap(r.gapPct)}${r.proven ? ": proven optimal" : ""}.`,
          `Wrote sites.geojson and optimise.json to ${o.out}`,
        ].join("\n"),
  );
  return result;
}

/** The rows of `b` after those of `a` (two candidate → demand matrices over the same demand points). */
function appendRows(a: Csr, b: Csr): Csr {
  const rowsA = a.offsets.length - 1;
  const offsets = new Int32Array(rowsA + b.offsets.length);
  offsets.set(a.offsets.subarray(0, rowsA + 1));
  const base = a.offsets[rowsA]!;
  for (let k = 1; k < b.offsets.length; k++) offsets[rowsA + k] = base + b.offsets[k]!;
  const indices = new Int32Array(a.indices.length + b.indices.length);
  indices.set(a.indices);
  indices.set(b.indices, a.indices.length);
  return { offsets, indices };
}
