import type { Feature, FeatureCollection, Polygon } from "geojson";
import { geometryAreaKm2 } from "../geo/area.js";
import type { BBox } from "../units.js";

/**
 * GeoJSON layers of a generated scenario, built from a few numbers so that they are consistent by
 * construction: the boundary is a rectangle, the districts split it into vertical strips, the
 * population lattice covers it and each of its cells belongs to the strip holding its centre.
 */

/** The rectangle as a closed, counter-clockwise ring (RFC 7946 right-hand rule). */
export function rectPolygon([w, s, e, n]: BBox): Polygon {
  return { type: "Polygon", coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] };
}

/** `k` + 1 edges splitting [a, b] into k equal parts; the ends are exactly a and b. */
export function splits(a: number, b: number, k: number): number[] {
  return Array.from({ length: k + 1 }, (_, j) => (j === 0 ? a : j === k ? b : a + ((b - a) * j) / k));
}

export function boundaryLayer(box: BBox): FeatureCollection<Polygon> {
  return { type: "FeatureCollection", features: [{ type: "Feature", properties: { id: "boundary", nameEn: "Generated area" }, geometry: rectPolygon(box) }] };
}

export interface PopulationLattice {
  rows: number;
  cols: number;
  /** People per cell, row-major from the south-west. */
  people: number[];
}

export function populationLayer(box: BBox, districts: number, lattice: PopulationLattice): FeatureCollection<Polygon> {
  const [w, s, e, n] = box;
  const xs = splits(w, e, lattice.cols);
  const ys = splits(s, n, lattice.rows);
  const strips = splits(w, e, districts);
  const features: Feature<Polygon>[] = [];
  for (let r = 0; r < lattice.rows; r++) {
    for (let c = 0; c < lattice.cols; c++) {
      const centre = (xs[c]! + xs[c + 1]!) / 2;
      let d = 0;
      while (d < districts - 1 && centre >= strips[d + 1]!) d++;
      features.push({
        type: "Feature",
        properties: { district: `d${d + 1}`, population: lattice.people[r * lattice.cols + c]! },
        geometry: rectPolygon([xs[c]!, ys[r]!, xs[c + 1]!, ys[r + 1]!]),
      });
    }
  }
  return { type: "FeatureCollection", features };
}

/** Districts `d1` … `dk`, west to east; each one's population is the sum of its lattice cells. */
export function districtsLayer(box: BBox, districts: number, population: FeatureCollection<Polygon>): FeatureCollection<Polygon> {
  const [w, s, e, n] = box;
  const xs = splits(w, e, districts);
  const features = xs.slice(0, -1).map((x0, j): Feature<Polygon> => {
    const id = `d${j + 1}`;
    const geometry = rectPolygon([x0, s, xs[j + 1]!, n]);
    const people = population.features.reduce((sum, f) => sum + (f.properties?.["district"] === id ? (f.properties["population"] as number) : 0), 0);
    return { type: "Feature", properties: { id, nameEn: `District ${j + 1}`, areaKm2: geometryAreaKm2(geometry), population: people }, geometry };
  });
  return { type: "FeatureCollection", features };
}
