import { describe, expect, it } from "vitest";
import { computeCoverage, setupCoverage, type CoverageOptions } from "../../src/coverage/compute.js";
import { signalAt } from "../../src/coverage/signal-at.js";
import { computeTile, tilesOf } from "../../src/coverage/tiles.js";
import { GROUP_ROW_WASM } from "../../src/coverage/wasm/group-row.wasm.js";
import { assembleGroupRow } from "../../src/coverage/wasm/assemble.js";
import { mulberry32 } from "../../src/math.js";
import { createSite } from "../../src/model/create.js";
import { pixelCentre } from "../../src/raster/grid.js";
import type { BBox } from "../../src/units.js";
import { expectProblem } from "../fixtures/errors.js";

/** The WebAssembly group kernel against the JavaScript one: the same bits in every layer. */
const AREA: BBox = [76.88, 43.2, 76.98, 43.28];

function scene(seed: number) {
  const rand = mulberry32(seed);
  return Array.from({ length: 14 }, (_, i) =>
    createSite({
      id: `W${i}`,
      coordinates: [AREA[0] + rand() * (AREA[2] - AREA[0]), AREA[1] + rand() * (AREA[3] - AREA[1])],
      technologies: i % 3 === 0 ? ["2G", "4G"] : ["4G"],
      // 3 or 6 sectors, random azimuths; some sites with a second 4G band
      azimuthsDeg: (i % 4 === 0 ? [0, 60, 120, 180, 240, 300] : [0, 120, 240]).map((a) => (a + Math.floor(rand() * 60)) % 360),
      overrides: { "4G": { bands: i % 2 === 0 ? ["LTE1800", "LTE800"] : ["LTE1800"] } },
    }),
  );
}

const layersOf = (r: ReturnType<typeof computeCoverage>) => [r.powerDbm, r.server, r.secondDbm, r.sinrDb] as const;

describe("WebAssembly kernel", () => {
  it("is the assembly of group-row.wat (npm run wasm regenerates it)", async () => {
    const bytes = await assembleGroupRow();
    expect(Buffer.from(bytes).toString("base64")).toBe(GROUP_ROW_WASM);
  });

  const cases: [string, Partial<CoverageOptions>][] = [
    ["one band, 25 m (pixels within 50 m of masts go through the exact formulas)", { band: "LTE1800", cellSizeM: 25 }],
    ["a technology over two bands, small tiles", { technology: "4G", cellSizeM: 60, tileSize: 17 }],
    ["no culling", { band: "LTE800", cellSizeM: 120, cullMarginDb: 1000 }],
    ["GSM with load and losses", { technology: "2G", cellSizeM: 80, load: 0.3, penetrationLossDb: 12 }],
  ];
  for (const [name, o] of cases) {
    it(`gives the JavaScript kernel's bits: ${name}`, () => {
      const sites = scene(name.length);
      const wasm = computeCoverage(sites, { area: AREA, ...o, kernel: "wasm" });
      const js = computeCoverage(sites, { area: AREA, ...o, kernel: "js" });
      const served = wasm.server.filter((s) => s >= 0).length;
      expect(served).toBeGreaterThan(wasm.server.length / 2);
      layersOf(wasm).forEach((layer, k) => {
        const other = layersOf(js)[k]!;
        for (let i = 0; i < layer.length; i++) if (!Object.is(layer[i], other[i])) expect([k, i, layer[i]]).toEqual([k, i, other[i]]);
      });
    });
  }

  it("runs where WebAssembly exists (the run holds its tables) and equals signalAt at pixel centres", () => {
    const sites = scene(7);
    const run = setupCoverage(sites, { area: AREA, band: "LTE1800", cellSizeM: 90 });
    for (const t of tilesOf(run.grid, run.tileSize)) computeTile(run.ctx, t, run.layers);
    expect(run.ctx.wasm).not.toBeNull();
    expect(run.ctx.wasm!.tablesEnd).toBeGreaterThan(0);
    const rand = mulberry32(3);
    for (let k = 0; k < 200; k++) {
      const i = Math.floor(rand() * run.layers.powerDbm.length);
      const s = signalAt(sites, pixelCentre(run.grid, i), { band: "LTE1800", cellSizeM: 90 }).servers[0];
      expect(run.layers.powerDbm[i]).toBe(Math.fround(s!.powerDbm));
      expect(run.layers.sinrDb[i]).toBe(Math.fround(s!.sinrDb));
    }
  });

  it("refuses an unknown kernel", () => {
    expectProblem(() => computeCoverage([], { area: AREA, band: "LTE1800", kernel: "gpu" as never }), "INVALID_VALUE", "kernel");
  });
});
