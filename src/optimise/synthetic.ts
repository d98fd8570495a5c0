import { fail } from "../errors.js";
import { mulberry32 } from "../math.js";
import { transposeCsr, type Csr } from "./csr.js";

/**
 * Seeded synthetic coverage instances shaped like Almaty, shared by tests and benchmarks: the
 * shape of `../shared/data/mclp/` (a 30 × 25 km area, 2.2 million people, denser near the centre,
 * thinner towards the southern foothills, a cover radius of 1.2 km), at any size.
 */
export const SYNTHETIC_DEFAULTS = {
  widthKm: 30,
  heightKm: 25,
  totalWeight: 2_200_000,
  radiusKm: 1.2,
  /** City centre (km from the south-west corner) and spread of the neighbourhood clusters around it. */
  centreKm: [15, 14] as const,
  clusterSpreadKm: 5,
  clusters: 10,
  /** Share of demand points drawn from the clusters (the rest is spread over the whole area). */
  clusteredShare: 0.65,
  /** Share of candidates placed near a demand point (the rest anywhere in the area). */
  candidatesNearDemand: 0.5,
  /** Sites to choose when `k` is not given: 37 + 26, the 2019–2020 programme. */
  k: 63,
};

export interface SyntheticCoverageOptions {
  demand: number;
  candidates: number;
  seed: number;
  k?: number;
  radiusKm?: number;
}

export interface SyntheticCoverage {
  /** People per demand point (one decimal). */
  weights: Float64Array;
  /** Candidate → demand indices (increasing), CSR. */
  covers: Csr;
  k: number;
  radiusKm: number;
  /** x, y in km per demand point (interleaved). */
  demandXY: Float64Array;
  /** x, y in km per candidate (interleaved). */
  candidateXY: Float64Array;
}

/**
 * A seeded instance: `demand` points (65 % in ten neighbourhood clusters of 0.8–2.5 km spread around
 * the centre, 35 % anywhere, thinning to 30 % density at the southern edge), log-normal people per
 * point scaled to 2.2 million, `candidates` sites (half near a demand point, half anywhere) and the
 * demand points within `radiusKm` of each. Same options → identical arrays.
 */
export function syntheticCoverage(options: SyntheticCoverageOptions): SyntheticCoverage {
  const d = SYNTHETIC_DEFAULTS;
  const { demand: n, candidates: m, seed, k = d.k, radiusKm = d.radiusKm } = options;
  if (!Number.isInteger(n) || n < 1 || n > 5_000_000) fail("INVALID_VALUE", "demand", n, "an integer in [1, 5 000 000]");
  if (!Number.isInteger(m) || m < 1 || m > 500_000) fail("INVALID_VALUE", "candidates", m, "an integer in [1, 500 000]");
  if (!Number.isInteger(k) || k < 0 || k > m) fail("INVALID_VALUE", "k", k, `an integer in [0, ${m}]`);
  if (!(radiusKm > 0 && radiusKm <= 10)) fail("INVALID_VALUE", "radiusKm", radiusKm, "0 < radius ≤ 10 km");
  if (!Number.isInteger(seed)) fail("INVALID_VALUE", "seed", seed, "an integer");
  const rand = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const W = d.widthKm;
  const H = d.heightKm;
  const inside = (x: number, y: number) => x >= 0 && x < W && y >= 0 && y < H;
  // thinner towards the foothills in the south (y = 0)
  const keepAt = (y: number) => rand() < 0.3 + 0.7 * Math.min(1, y / 8);
  const anywhere = (out: Float64Array, at: number) => {
    for (;;) {
      const x = rand() * W;
      const y = rand() * H;
      if (keepAt(y)) {
        out[at] = x;
        out[at + 1] = y;
        return;
      }
    }
  };

  const clusters = Array.from({ length: d.clusters }, () => {
    for (;;) {
      const x = d.centreKm[0] + normal() * d.clusterSpreadKm;
      const y = d.centreKm[1] + normal() * d.clusterSpreadKm * 0.8;
      if (inside(x, y)) return { x, y, sigma: 0.8 + rand() * 1.7, share: 0.3 + rand() };
    }
  });
  const shareSum = clusters.reduce((s, c) => s + c.share, 0);

  const demandXY = new Float64Array(2 * n);
  const raw = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (rand() < d.clusteredShare) {
      let u = rand() * shareSum;
      let c = clusters[0]!;
      for (const cl of clusters) {
        c = cl;
        if ((u -= cl.share) <= 0) break;
      }
      for (;;) {
        const x = c.x + normal() * c.sigma;
        const y = c.y + normal() * c.sigma;
        if (inside(x, y)) {
          demandXY[2 * i] = x;
          demandXY[2 * i + 1] = y;
          break;
        }
      }
      raw[i] = 2 * Math.exp(0.8 * normal());
    } else {
      anywhere(demandXY, 2 * i);
      raw[i] = Math.exp(0.8 * normal());
    }
  }
  let rawSum = 0;
  for (let i = 0; i < n; i++) rawSum += raw[i]!;
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) weights[i] = Math.max(0.1, Math.round((raw[i]! / rawSum) * d.totalWeight * 10) / 10);

  const candidateXY = new Float64Array(2 * m);
  for (let j = 0; j < m; j++) {
    if (rand() < d.candidatesNearDemand) {
      for (;;) {
        const i = Math.floor(rand() * n);
        const x = demandXY[2 * i]! + normal() * 0.4;
        const y = demandXY[2 * i + 1]! + normal() * 0.4;
        if (inside(x, y)) {
          candidateXY[2 * j] = x;
          candidateXY[2 * j + 1] = y;
          break;
        }
      }
    } else anywhere(candidateXY, 2 * j);
  }
  return { weights, covers: coversWithin(demandXY, candidateXY, radiusKm, W, H), k, radiusKm, demandXY, candidateXY };
}

/** Candidate → demand points within `r` km (increasing), through a bucket grid of cell size r. */
function coversWithin(demandXY: Float64Array, candidateXY: Float64Array, r: number, W: number, H: number): Csr {
  const n = demandXY.length / 2;
  const m = candidateXY.length / 2;
  const gx = Math.max(1, Math.ceil(W / r));
  const gy = Math.max(1, Math.ceil(H / r));
  const cellOf = (x: number, y: number) => Math.min(gy - 1, Math.floor(y / r)) * gx + Math.min(gx - 1, Math.floor(x / r));
  // candidates bucketed by cell (CSR over cells)
  const cellStart = new Int32Array(gx * gy + 1);
  for (let j = 0; j < m; j++) cellStart[cellOf(candidateXY[2 * j]!, candidateXY[2 * j + 1]!) + 1]!++;
  for (let c = 0; c < gx * gy; c++) cellStart[c + 1]! += cellStart[c]!;
  const fill = cellStart.slice(0, gx * gy);
  const bucket = new Int32Array(m);
  for (let j = 0; j < m; j++) bucket[fill[cellOf(candidateXY[2 * j]!, candidateXY[2 * j + 1]!)]!++] = j;
  // demand → candidates, then transposed
  const r2 = r * r;
  const offsets = new Int32Array(n + 1);
  let indices = new Int32Array(Math.max(16, n * 8));
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    const x = demandXY[2 * i]!;
    const y = demandXY[2 * i + 1]!;
    const cx = Math.min(gx - 1, Math.floor(x / r));
    const cy = Math.min(gy - 1, Math.floor(y / r));
    for (let yy = Math.max(0, cy - 1); yy <= Math.min(gy - 1, cy + 1); yy++) {
      for (let xx = Math.max(0, cx - 1); xx <= Math.min(gx - 1, cx + 1); xx++) {
        const cell = yy * gx + xx;
        for (let q = cellStart[cell]!, end = cellStart[cell + 1]!; q < end; q++) {
          const j = bucket[q]!;
          const dx = candidateXY[2 * j]! - x;
          const dy = candidateXY[2 * j + 1]! - y;
          if (dx * dx + dy * dy <= r2) {
            if (nnz === indices.length) {
              const grown = new Int32Array(indices.length * 2);
              grown.set(indices);
              indices = grown;
            }
            indices[nnz++] = j;
          }
        }
      }
    }
    offsets[i + 1] = nnz;
  }
  return transposeCsr({ offsets, indices: indices.slice(0, nnz) }, m);
}
