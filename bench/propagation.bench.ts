import { bench, describe } from "vitest";
import { mulberry32 } from "../src/math.js";
import { pathLossDb, preparePathLoss } from "../src/propagation/registry.js";
import type { Link } from "../src/propagation/types.js";

/**
 * Prepared (constants hoisted once per link) vs one-shot `pathLossDb` (checks and constants on
 * every call), per model, on the same seeded 10,000 distances; a loop of two Math.log10 calls is
 * the yardstick the Hata family's prepared path must not exceed. Each task runs 10,000
 * evaluations: ns per evaluation = mean time (ms) × 100.
 */
const N = 10_000;
const rand = mulberry32(38901);
const distances = Float64Array.from({ length: N }, () => 1000 + rand() * 19_000);

const LINKS: Record<string, Link> = {
  fspl: { model: "fspl", freqMHz: 1842.5 },
  "okumura-hata": { model: "okumura-hata", freqMHz: 806, txHeightM: 30, rxHeightM: 1.5, environment: "urban", citySize: "large" },
  "cost231-hata": { model: "cost231-hata", freqMHz: 1842.5, txHeightM: 30, rxHeightM: 1.5, environment: "metropolitan", citySize: "medium" },
  "3gpp-uma NLOS": { model: "3gpp-uma", los: false, freqMHz: 3500, txHeightM: 25, rxHeightM: 1.5, extrapolate: "formula" },
  "3gpp-umi LOS": { model: "3gpp-umi", los: true, freqMHz: 3500, txHeightM: 10, rxHeightM: 1.5, extrapolate: "formula" },
  "3gpp-rma NLOS": { model: "3gpp-rma", los: false, freqMHz: 806, txHeightM: 35, rxHeightM: 1.5, extrapolate: "formula" },
};

let sink = 0;

describe("yardstick", () => {
  bench("2 × Math.log10 per evaluation", () => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += Math.log10(distances[i]!) + Math.log10(distances[i]! * 1e-3 + 1);
    sink += acc;
  });
});

for (const [name, link] of Object.entries(LINKS)) {
  describe(name, () => {
    const prepared = preparePathLoss(link);
    bench(`${name} prepared`, () => {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += prepared(distances[i]!);
      sink += acc;
    });
    bench(`${name} pathLossDb (unprepared)`, () => {
      let acc = 0;
      for (let i = 0; i < N; i++) acc += pathLossDb({ ...link, distanceM: distances[i]! });
      sink += acc;
    });
  });
}

describe("Hata family against the yardstick", () => {
  const hata = preparePathLoss(LINKS["okumura-hata"]!);
  const cost = preparePathLoss(LINKS["cost231-hata"]!);
  bench("okumura-hata prepared", () => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += hata(distances[i]!);
    sink += acc;
  });
  bench("cost231-hata prepared", () => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += cost(distances[i]!);
    sink += acc;
  });
  bench("2 × Math.log10", () => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += Math.log10(distances[i]!) + Math.log10(distances[i]! * 1e-3 + 1);
    sink += acc;
  });
});

export { sink };
