import { bench, describe } from "vitest";
import { cellsFor, resolveCoverageInput } from "../src/coverage/compute.js";
import { cellPowerDbm } from "../src/coverage/kernel.js";
import { prepareSignalAt } from "../src/coverage/signal-at.js";
import { geometryCentroid, pointInGeometry } from "../src/demand/polygons.js";
import { bboxOf } from "../src/geo/bbox.js";
import { localFrame } from "../src/geo/frame.js";
import { mulberry32 } from "../src/math.js";
import type { Band } from "../src/model/bands.js";
import { loadScenario } from "../src/node/scenario.js";
import { candidateSite, coverageSets } from "../src/optimise/coverage-sets.js";

/**
 * Coverage-set construction (candidate → demand points whose best-server power clears the
 * threshold) on a seeded Almaty-sized instance: 2,000 candidates uniform over the city and 20,000
 * demand points drawn from the population grid (a hexagon by its people, then a uniform offset of
 * up to 400 m). cellplan's `coverageSets` against two baselines that give the same sets:
 * - every candidate × every demand point through `signalAt` (a prepared query per candidate), on
 *   every 50th candidate: multiply its time by 50 to compare;
 * - the engine's cells on every pair, without range culling or buckets, on every 10th candidate:
 *   multiply by 10.
 */
const CANDIDATES = 2000;
const DEMAND = 20_000;
const THRESHOLD_DBM = -110;

function almatyInstance(seed = 6) {
  const scenario = loadScenario();
  const boundary = scenario.boundary.geometry;
  const [w, s, e, n] = bboxOf(boundary);
  const rand = mulberry32(seed);
  const cLon = new Float64Array(CANDIDATES);
  const cLat = new Float64Array(CANDIDATES);
  for (let j = 0; j < CANDIDATES; ) {
    const lon = w + rand() * (e - w);
    const lat = s + rand() * (n - s);
    if (!pointInGeometry(boundary, lon, lat)) continue;
    cLon[j] = lon;
    cLat[j++] = lat;
  }
  const cells = scenario.population.features.map((f) => ({ at: geometryCentroid(f.geometry), people: f.properties.population }));
  const cumulative = Float64Array.from(cells, (c) => c.people);
  for (let k = 1; k < cumulative.length; k++) cumulative[k]! += cumulative[k - 1]!;
  const total = cumulative[cumulative.length - 1]!;
  const f = localFrame((s + n) / 2);
  const dLon = new Float64Array(DEMAND);
  const dLat = new Float64Array(DEMAND);
  for (let i = 0; i < DEMAND; i++) {
    const u = rand() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    const r = 400 * Math.sqrt(rand());
    const a = 2 * Math.PI * rand();
    dLon[i] = cells[lo]!.at[0] + (r * Math.sin(a)) / f.kx;
    dLat[i] = cells[lo]!.at[1] + (r * Math.cos(a)) / f.ky;
  }
  return { candidates: { lon: cLon, lat: cLat }, demand: { lon: dLon, lat: dLat } };
}

const { candidates, demand } = almatyInstance();

/** Every `step`-th candidate × every demand point through signalAt. */
function bySignalAt(band: Band, step: number): number {
  let pairs = 0;
  for (let j = 0; j < CANDIDATES; j += step) {
    const query = prepareSignalAt([candidateSite(band, {}, [candidates.lon[j]!, candidates.lat[j]!], j, `c${j}`)], { band });
    for (let i = 0; i < DEMAND; i++) {
      const best = query([demand.lon[i]!, demand.lat[i]!]).servers[0];
      if (best !== undefined && best.powerDbm >= THRESHOLD_DBM) pairs++;
    }
  }
  return pairs;
}

/** Every `step`-th candidate × every demand point through the engine's cells, no culling by range or buckets. */
function byKernel(band: Band, step: number): number {
  let pairs = 0;
  for (let j = 0; j < CANDIDATES; j += step) {
    const site = candidateSite(band, {}, [candidates.lon[j]!, candidates.lat[j]!], j, `c${j}`);
    const { sites, resolved } = resolveCoverageInput([site], { band });
    const cells = cellsFor(sites, { band }, resolved).kernel;
    for (let i = 0; i < DEMAND; i++) {
      const lon = demand.lon[i]!;
      const lat = demand.lat[i]!;
      let best = -Infinity;
      for (const c of cells) best = Math.max(best, cellPowerDbm(c, lon, lat, NaN));
      if (best >= THRESHOLD_DBM) pairs++;
    }
  }
  return pairs;
}

const once = { iterations: 3, warmupIterations: 1, time: 0 };
for (const band of ["LTE1800", "LTE800"] as const) {
  describe(`coverage sets, ${band}, ${CANDIDATES} candidates × ${DEMAND} demand points, ${THRESHOLD_DBM} dBm`, () => {
    bench("cellplan coverageSets (range culling + demand buckets)", () => void coverageSets({ candidates, demand, band, thresholdDbm: THRESHOLD_DBM }), once);
    bench("engine cells on every pair, every 10th candidate (×10 to compare)", () => void byKernel(band, 10), once);
    bench("signalAt on every pair, every 50th candidate (×50 to compare)", () => void bySignalAt(band, 50), { iterations: 1, warmupIterations: 0, time: 0 });
  });
}
