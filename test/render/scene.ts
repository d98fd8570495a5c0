import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { createSite } from "../../src/model/create.js";
import type { Site } from "../../src/model/schema.js";
import type { IsobandProperties } from "../../src/render/layers.js";

/** A small hand-made scene (no coverage engine involved), so the snapshot guards the renderer only. */
const box = (w: number, s: number, e: number, n: number): number[][] => [[w, s], [e, s], [e, n], [w, n], [w, s]];

export const BOUNDARY: Feature<Polygon> = {
  type: "Feature",
  properties: { id: "town", nameEn: "Town" },
  geometry: { type: "Polygon", coordinates: [[[76.9, 43.2], [77.0, 43.2], [77.0, 43.28], [76.95, 43.3], [76.9, 43.28], [76.9, 43.2]]] },
};

export const DISTRICTS: FeatureCollection<Polygon> = {
  type: "FeatureCollection",
  features: [
    { type: "Feature", properties: { id: "west", nameEn: "West <& Co>" }, geometry: { type: "Polygon", coordinates: [[[76.9, 43.2], [76.95, 43.2], [76.95, 43.3], [76.9, 43.28], [76.9, 43.2]]] } },
    { type: "Feature", properties: { id: "east", name: "East" }, geometry: { type: "Polygon", coordinates: [[[76.95, 43.2], [77.0, 43.2], [77.0, 43.28], [76.95, 43.3], [76.95, 43.2]]] } },
  ],
};

function band(thresholdDbm: number, upperDbm: number | null, rings: number[][][], areaKm2: number): Feature<MultiPolygon, IsobandProperties> {
  return { type: "Feature", properties: { thresholdDbm, upperDbm, quantity: "RSRP", bands: ["LTE1800"], areaKm2 }, geometry: { type: "MultiPolygon", coordinates: [rings] } };
}

/** Three nested isobands with holes, as `coverageContours` writes them. */
export const ISOBANDS: FeatureCollection<MultiPolygon, IsobandProperties> = {
  type: "FeatureCollection",
  features: [
    band(-110, -95, [box(76.91, 43.21, 76.99, 43.27), box(76.93, 43.225, 76.97, 43.255)], 38.2),
    band(-95, -80, [box(76.93, 43.225, 76.97, 43.255), box(76.94, 43.235, 76.96, 43.245)], 9.6),
    band(-80, null, [box(76.94, 43.235, 76.96, 43.245)], 1.8),
  ],
};

export const SITES: Site[] = [
  createSite({ id: "S-1", coordinates: [76.95, 43.24], technologies: ["2G", "4G"], phase: "2019-2020" }),
  createSite({ id: "S-2", coordinates: [76.92, 43.26], technologies: ["4G"], phase: "2019-2020", status: "existing" }),
  createSite({ id: "S-3", coordinates: [76.98, 43.22], technologies: ["5G"], phase: "2021-pilot", azimuthsDeg: [45, 165, 285] }),
  createSite({ id: "S-4", coordinates: [76.97, 43.27], technologies: ["4G"], status: "candidate" }),
];

export const PHASES = ["2019-2020", "2021-pilot"];
