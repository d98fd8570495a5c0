import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { almatyDir } from "../../src/node/files.js";

interface Fc {
  type: "FeatureCollection";
  features: { type: "Feature"; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
}

const read = (name: string) => JSON.parse(readFileSync(join(almatyDir(), name), "utf8")) as Fc;

/**
 * A small scenario cut from the Almaty data, written into `dir`: two central districts (Almaly and
 * Auezov, about 42 km² and 54 population cells), their union as the boundary, no terrain, and a
 * short programme — 3 2G/3G sites and 2 4G sites in a first phase, a 3-site 5G cluster in a second.
 * Planning and predicting it takes a second or two, so the CLI's outputs can be tested end to end.
 */
export function writeSmallScenario(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const keep = ["almaly", "auezov"];
  const districts = read("districts.geojson");
  districts.features = districts.features.filter((f) => keep.includes(f.properties["id"] as string));
  const population = read("population.geojson");
  population.features = population.features.filter((f) => keep.includes(f.properties["district"] as string));
  const polygons = districts.features.flatMap((f) => (f.geometry.type === "Polygon" ? [f.geometry.coordinates] : (f.geometry.coordinates as unknown[])));
  const boundary: Fc = {
    type: "FeatureCollection",
    features: [{ type: "Feature", properties: { id: "almaty-centre", nameEn: "Almaty centre" }, geometry: { type: "MultiPolygon", coordinates: polygons } }],
  };
  const scenario = {
    id: "almaty-centre-test",
    name: "Almaty centre (test cut)",
    area: { name: "Almaty centre", country: "KZ" },
    files: { boundary: "boundary.geojson", districts: "districts.geojson", population: "population.geojson" },
    programme: {
      source: { date: "2019-11-01", statement: "A reduced programme for tests.", verbatim: false },
      phases: [
        {
          id: "p1",
          label: "2G/3G and 4G",
          from: "2019-11",
          to: "2020-12",
          deployments: [
            { technologies: ["2G", "3G"], sites: 3, bands: ["GSM900", "GSM1800", "UMTS2100"] },
            { technologies: ["4G"], sites: 2, bands: ["LTE1800", "LTE800"] },
          ],
        },
        { id: "p2", label: "5G pilot", from: "2021-01", to: "2021-12", deployments: [{ technologies: ["5G"], sites: 3, bands: ["NR3500"], cluster: true }] },
      ],
    },
    attribution: ["Boundaries and districts © OpenStreetMap contributors, ODbL 1.0", "Population: Kontur Population Dataset 2023-11-01, CC BY 4.0"],
  };
  writeFileSync(join(dir, "scenario.json"), JSON.stringify(scenario, null, 2));
  writeFileSync(join(dir, "boundary.geojson"), JSON.stringify(boundary));
  writeFileSync(join(dir, "districts.geojson"), JSON.stringify(districts));
  writeFileSync(join(dir, "population.geojson"), JSON.stringify(population));
}
