import { area as turfArea, sector as turfSector } from "@turf/turf";
import { bench, describe } from "vitest";
import { geometryAreaM2 } from "../src/geo/area.js";
import { wedgePolygon } from "../src/geo/wedge.js";
import { mulberry32 } from "../src/math.js";
import { loadScenario } from "../src/node/scenario.js";
import type { LonLat } from "../src/units.js";

/**
 * Foundation geometry against Turf in the same run: ellipsoidal area of the district polygons
 * (cellplan) vs spherical area (Turf), and sector wedges for display (local frame vs geodesic).
 * Compare the hz columns: the ratio is what matters.
 */
const districts = loadScenario().districts.features;
const rand = mulberry32(2019);
const centres: LonLat[] = Array.from({ length: 1000 }, () => [76.8 + rand() * 0.3, 43.15 + rand() * 0.25]);
const azimuths = centres.map(() => Math.floor(rand() * 360));

describe("area of the 8 Almaty districts", () => {
  bench("cellplan geometryAreaM2 (WGS84 ellipsoid)", () => {
    for (const d of districts) geometryAreaM2(d.geometry);
  });
  bench("turf area (sphere)", () => {
    for (const d of districts) turfArea(d);
  });
});

describe("1000 sector wedges, 65°, 300 m", () => {
  bench("cellplan wedgePolygon (local metric frame)", () => {
    for (let i = 0; i < centres.length; i++) wedgePolygon(centres[i]!, azimuths[i]!, 65, 300, 5);
  });
  bench("turf sector", () => {
    for (let i = 0; i < centres.length; i++) {
      const a = azimuths[i]!;
      turfSector(centres[i]!, 0.3, a - 32.5, a + 32.5, { steps: 64 });
    }
  });
});
