/**
 * ns per call of `deygoutCore(…, true, deygoutScratch(3))` and `deygoutHull3` on the hulls a radial
 * query hands them (not part of `npm run bench`). Seeded random-walk terrain at 30 m steps, Tx on a
 * 30 m mast, Rx at 1.5 m, 1800 MHz, minV = −0.78; the points are the upper hull of the antenna tips
 * and the samples (4–7 points, the one-vertex case being handled before Deygout), the samples
 * between them the gap test (radial-query.ts's RadialGaps).
 *
 * Run: npx tsx bench/deygout-hull-micro.ts [minSteps,maxSteps]   (radial length, default 8,40)
 * Both run on the same cases in short chunks, alternated; the ratio is per pair of chunks.
 */
import { mulberry32 } from "../src/math.js";
import { deygoutCore, deygoutScratch, type DeygoutPoints } from "../src/terrain/deygout-core.js";
import { deygoutHull3 } from "../src/terrain/deygout-hull.js";
import { RadialGaps } from "../src/terrain/radial-query.js";

const rand = mulberry32(20261128);
const stepM = 30;
const lambda = 299.792458 / 1800;
const minV = -0.78;
const bulge = 1 / (2 * (4 / 3) * 6_371_000);
const [kMin, kMax] = (process.argv[2] ?? "8,40").split(",").map(Number) as [number, number];

const cases: DeygoutPoints[] = [];
const byN = new Map<number, number>();
let gapSamples = 0;
while (cases.length < 4096) {
  const K = kMin + Math.floor(rand() * (kMax - kMin + 1));
  const zf = new Float32Array(K + 2);
  let ground = 500 + rand() * 200;
  let slope = (rand() - 0.5) * 0.1;
  let groundRx = 0;
  for (let k = 0; k < K + 2; k++) {
    slope = 0.9 * slope + (rand() - 0.5) * 0.08;
    ground += slope * stepM;
    if (k === 0) zf[0] = ground + 30;
    else zf[k] = ground - (k * stepM) ** 2 * bulge;
    groundRx = ground;
  }
  const d = (K + 1) * stepM;
  zf[K + 1] = groundRx + 1.5 - d * d * bulge;
  // upper hull of the Tx tip, the samples and the Rx tip (points on a hull edge dropped)
  const hull: number[] = [];
  for (let k = 0; k <= K + 1; k++) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      if ((zf[b]! - zf[a]!) * (k - a) <= (zf[k]! - zf[a]!) * (b - a)) hull.pop();
      else break;
    }
    hull.push(k);
  }
  const n = hull.length;
  if (n < 4 || n > 7) continue;
  byN.set(n, (byN.get(n) ?? 0) + 1);
  gapSamples += (K + 1 - (n - 1)) / (n - 1);
  const x = Float64Array.from(hull, (k) => k * stepM);
  const z = Float64Array.from(hull, (k) => zf[k]!);
  const gaps = new RadialGaps(zf, stepM, n); // the radial query's own gap test, over this walk's samples
  gaps.steps.set(hull);
  cases.push({ x, z, n, gaps });
}

const scratch = deygoutScratch(3);
for (const p of cases) {
  if (!Object.is(deygoutCore(p, lambda, minV, true, scratch), deygoutHull3(p.x, p.z, p.n, p.gaps, lambda, minV))) throw new Error("the two differ");
}

function runCore(reps: number): number {
  let s = 0;
  for (let r = 0; r < reps; r++) for (let i = 0; i < cases.length; i++) s += deygoutCore(cases[i]!, lambda, minV, true, scratch);
  return s;
}
function runHull(reps: number): number {
  let s = 0;
  for (let r = 0; r < reps; r++)
    for (let i = 0; i < cases.length; i++) {
      const p = cases[i]!;
      s += deygoutHull3(p.x, p.z, p.n, p.gaps, lambda, minV);
    }
  return s;
}
let sink = 0;
function nsPerCall(run: (reps: number) => number, reps: number): number {
  const t = process.hrtime.bigint();
  sink += run(reps);
  return Number(process.hrtime.bigint() - t) / (reps * cases.length);
}

const REPS = 4; // a few ms a chunk
for (let w = 0; w < 100; w++) {
  nsPerCall(runCore, REPS);
  nsPerCall(runHull, REPS);
}
const core: number[] = [];
const hull: number[] = [];
const ratio: number[] = [];
for (let round = 0; round < 400; round++) {
  const first = round % 2 === 0 ? runCore : runHull;
  const second = first === runCore ? runHull : runCore;
  const t1 = nsPerCall(first, REPS);
  const t2 = nsPerCall(second, REPS);
  const c = first === runCore ? t1 : t2;
  const h = first === runCore ? t2 : t1;
  core.push(c);
  hull.push(h);
  ratio.push(c / h);
}
const q = (a: number[], f: number) => [...a].sort((p, r) => p - r)[Math.floor(f * (a.length - 1))]!;
const show = (a: number[], digits: number) => [0, 0.25, 0.5, 0.75].map((f) => q(a, f).toFixed(digits)).join(" / ");
const mean = [...byN].reduce((s, [n, c]) => s + n * c, 0) / cases.length;
console.log(`radials of ${kMin}–${kMax} steps: ${cases.length} hulls, ${mean.toFixed(2)} points, ${(gapSamples / cases.length).toFixed(1)} samples a gap on average`);
console.log("ns per call, min / p25 / median / p75 over 400 alternated chunks");
console.log(`  deygoutCore  ${show(core, 1)}`);
console.log(`  deygoutHull3 ${show(hull, 1)}`);
console.log(`  core / hull  ${show(ratio, 2)}`);
if (sink === 0) console.log("(every loss 0)");
