import { describe, expect, it } from "vitest";
import { frameDistanceM, localFrame } from "../../src/geo/frame.js";
import { technologiesOf } from "../../src/model/cells.js";
import { validateSites } from "../../src/model/validate.js";
import { loadScenario } from "../../src/node/scenario.js";
import { provisionalPlacement } from "../../src/rollout/placement.js";

const scenario = loadScenario();
const sites = provisionalPlacement(scenario);

describe("provisional placement of the programme", () => {
  it("refuses a programme with more sites than the population grid has places", () => {
    const big = structuredClone(scenario);
    big.programme.phases[0]!.deployments[0]!.sites = 5000;
    expect(() => provisionalPlacement(big)).toThrow(expect.objectContaining({ code: "INVALID_VALUE" }));
  });

  it("places 37 2G/3G, 26 4G and a 7-site 5G cluster, valid and labelled", () => {
    expect(validateSites(sites).features).toHaveLength(70);
    const by = (phase: string, tech: string) => sites.features.filter((s) => s.properties.phase === phase && technologiesOf(s).join("+") === tech).length;
    expect([by("2019-2020", "2G+3G"), by("2019-2020", "4G"), by("2021-pilot", "5G")]).toEqual([37, 26, 7]);
    for (const s of sites.features) expect(String(s.properties.meta?.["placement"])).toMatch(/not the programme's real sites/);
    const nr = sites.features.find((s) => technologiesOf(s).includes("5G"))!;
    expect(nr.properties.sectors.flatMap((x) => x.cells.map((c) => c.band))).toEqual(["NR3500", "NR3500", "NR3500"]);
  });

  it("is deterministic and keeps each deployment's sites apart", () => {
    expect(JSON.stringify(provisionalPlacement(scenario))).toBe(JSON.stringify(sites));
    const f = localFrame(43.25);
    for (const prefix of ["ALA-2019-2020-1-", "ALA-2019-2020-2-"]) {
      const layer = sites.features.filter((s) => s.properties.id.startsWith(prefix));
      let min = Infinity;
      for (let i = 0; i < layer.length; i++) for (let j = i + 1; j < layer.length; j++) min = Math.min(min, frameDistanceM(f, layer[i]!.geometry.coordinates, layer[j]!.geometry.coordinates));
      expect(min, prefix).toBeGreaterThan(1500);
    }
    const cluster = sites.features.filter((s) => s.properties.phase === "2021-pilot");
    const centre = cluster[0]!.geometry.coordinates;
    for (const s of cluster.slice(1)) expect(frameDistanceM(f, centre, s.geometry.coordinates)).toBeCloseTo(400, -1);
  });
});
