import type { Polygon, MultiPolygon } from "geojson";
import { bboxOf } from "../src/geo/bbox.js";
import { mulberry32 } from "../src/math.js";
import { createSite } from "../src/model/create.js";
import type { Site } from "../src/model/schema.js";
import { loadScenario } from "../src/node/scenario.js";
import type { BBox } from "../src/units.js";

/**
 * The seeded Almaty-sized scene the coverage benchmarks share: the city outline, and `count`
 * three-sector LTE1800 sites placed uniformly at random (seeded) inside the city's bounding box.
 */
export function almatyScene(count = 64, seed = 2019): { boundary: Polygon | MultiPolygon; bbox: BBox; sites: Site[] } {
  const scenario = loadScenario();
  const boundary = scenario.boundary.geometry;
  const bbox = bboxOf(boundary);
  const rand = mulberry32(seed);
  const sites = Array.from({ length: count }, (_, i) =>
    createSite({
      id: `B${i}`,
      coordinates: [bbox[0] + rand() * (bbox[2] - bbox[0]), bbox[1] + rand() * (bbox[3] - bbox[1])],
      technologies: ["4G"],
      azimuthsDeg: [0, 120, 240].map((a) => (a + Math.floor(rand() * 120)) % 360),
      overrides: { "4G": { bands: ["LTE1800"] } },
    }),
  );
  return { boundary, bbox, sites };
}
