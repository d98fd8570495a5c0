import fc from "fast-check";
import { encodeDem } from "../terrain/codec.js";
import type { Dem } from "../terrain/dem.js";
import { BANDS, bandsOf, TECHNOLOGIES, technologyOf } from "../model/bands.js";
import type { SiteCollectionInput } from "../model/schema.js";
import type { ScenarioFiles } from "../rollout/scenario.js";
import type { BBox, Technology } from "../units.js";
import { arbDem } from "./dem.js";
import { ARBITRARY_DEFAULTS, type Bounds } from "./defaults.js";
import { bounds, checkBBox, checkSubset } from "./options.js";
import { boundaryLayer, districtsLayer, populationLayer } from "./scenario-layers.js";
import { arbSiteCollection, type SiteCollectionOptions } from "./site.js";

export interface ScenarioOptions {
  /** Area the scenario lies in (default: Almaty); the boundary is a rectangle inside it. */
  bbox?: BBox;
  /** Districts (default 1–4). */
  districts?: Bounds;
  /** Population cells per side of the demand lattice (default 0–6). */
  populationSide?: Bounds;
  /** Programme phases (default 1–3). */
  phases?: Bounds;
  /** Technologies the programme deploys (default: all four). */
  technologies?: readonly Technology[];
  /** Ship a terrain file covering the boundary and a fifth of its size around it (default false). */
  terrain?: boolean;
  /** Options of the sites (their `bbox` is the boundary's). */
  sites?: Omit<SiteCollectionOptions, "bbox">;
}

/** A generated scenario: the files `parseScenario` reads, and a network of sites inside the boundary. */
export interface GeneratedScenario {
  files: ScenarioFiles;
  /** Sites inside the boundary rectangle (not part of the scenario files; a study's input). */
  sites: SiteCollectionInput;
  /** The boundary rectangle. */
  boundaryBBox: BBox;
}

const MONTH0 = 2019 * 12; // months are counted from January 2019

function month(k: number): string {
  const m = MONTH0 + k;
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
}

/**
 * Scenarios that `parseScenario` accepts: a rectangular boundary inside `bbox` (at least 1 % of it a
 * side), districts as strips, a population lattice (the demand), a programme of phases in time order
 * whose deployments' bands and technologies agree, optionally a terrain file, and sites. Shrinks
 * toward the whole box as one district, no population cells, and one phase of one deployment.
 */
export function arbScenario(options: ScenarioOptions = {}): fc.Arbitrary<GeneratedScenario> {
  const [w, s, e, n] = checkBBox("bbox", options.bbox ?? ARBITRARY_DEFAULTS.bbox);
  const districts = bounds("districts", options.districts, ARBITRARY_DEFAULTS.districts, 1, 100, true);
  const side = bounds("populationSide", options.populationSide, ARBITRARY_DEFAULTS.populationSide, 0, 100, true);
  const phases = bounds("phases", options.phases, ARBITRARY_DEFAULTS.phases, 1, 50, true);
  const technologies = checkSubset("technologies", options.technologies ?? TECHNOLOGIES, TECHNOLOGIES);
  const bands = BANDS.filter((b) => technologies.includes(technologyOf(b)));

  // the boundary on a 100 × 100 lattice of the box: offset from the south-west, and 100 − size
  const edge = fc.tuple(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }));
  const layout = fc.record({ x: edge, y: edge, districts: fc.integer(districts), rows: fc.integer(side), cols: fc.integer(side) });

  const deployment = fc.record(
    {
      bands: fc.subarray(bands, { minLength: 1 }),
      sites: fc.integer({ min: 1, max: 50 }),
      cluster: fc.boolean(),
      why: fc.string({ maxLength: 30 }),
    },
    { requiredKeys: ["bands", "sites"], noNullPrototype: true },
  );
  const phase = fc.record({ startsAfter: fc.nat({ max: 24 }), months: fc.nat({ max: 24 }), deployments: fc.array(deployment, { minLength: 1, maxLength: 2 }) });
  const programme = fc.array(phase, { minLength: phases.min, maxLength: phases.max }).map((list) => {
    let start = 0;
    return list.map((p, i) => {
      start += p.startsAfter;
      return {
        id: `p${i + 1}`,
        label: `Phase ${i + 1}`,
        from: month(start),
        to: month(start + p.months),
        deployments: p.deployments.map(({ bands: bs, ...rest }) => ({
          technologies: technologies.filter((t) => bs.some((b) => bandsOf(t).includes(b))),
          bands: bs,
          ...rest,
        })),
      };
    });
  });

  // sites and terrain are drawn in the unit square and mapped onto the boundary, so nothing but the
  // population lattice depends on the layout (building arbitraries inside a chain is slow)
  const unitSites = arbSiteCollection({ ...options.sites, bbox: [0, 0, 1, 1] });
  const unitTerrain = options.terrain ? arbDem({ cover: [-0.2, -0.2, 1.2, 1.2] }) : fc.constant(undefined);
  const id = fc.nat({ max: 9999 }).map((k) => `scenario-${k}`); // (fc.stringMatching takes ~20 ms to build)
  const drawn = fc.record({ layout, programme, id, sites: unitSites, terrain: unitTerrain });
  return drawn.chain((g) => {
    const count = g.layout.rows * g.layout.cols;
    return fc.array(fc.nat({ max: 5000 }), { minLength: count, maxLength: count }).map((people) => build(box(g.layout), g, people));
  });

  function box(l: { x: [number, number]; y: [number, number] }): BBox {
    const at = (a: number, b: number, k: number) => (k >= 100 ? b : Math.min(b, a + ((b - a) * k) / 100));
    const x1 = Math.min(100, l.x[0] + 100 - l.x[1]);
    const y1 = Math.min(100, l.y[0] + 100 - l.y[1]);
    return [at(w, e, l.x[0]), at(s, n, l.y[0]), at(w, e, Math.max(x1, l.x[0] + 1)), at(s, n, Math.max(y1, l.y[0] + 1))];
  }
}

interface Drawn {
  layout: { districts: number; rows: number; cols: number };
  programme: unknown[];
  id: string;
  sites: SiteCollectionInput;
  terrain: Dem | undefined;
}

function build(box: BBox, g: Drawn, people: number[]): GeneratedScenario {
  const [w, s, e, n] = box;
  const l = g.layout;
  const population = populationLayer(box, l.districts, { rows: l.rows, cols: l.cols, people });
  const sites: SiteCollectionInput = {
    ...g.sites,
    features: g.sites.features.map((f) => {
      const [x, y] = f.geometry.coordinates;
      return { ...f, geometry: { ...f.geometry, coordinates: [Math.min(e, w + x! * (e - w)), Math.min(n, s + y! * (n - s))] } };
    }),
  };
  const t = g.terrain;
  const terrain = t && {
    ...t,
    originLon: w + t.originLon * (e - w),
    originLat: s + t.originLat * (n - s),
    stepLonDeg: t.stepLonDeg * (e - w),
    stepLatDeg: t.stepLatDeg * (n - s),
  };
  const files: ScenarioFiles = {
    scenario: {
      id: g.id,
      name: "Generated scenario",
      area: { name: "Generated area" },
      files: { boundary: "boundary.geojson", districts: "districts.geojson", population: "population.geojson", ...(terrain ? { terrain: "terrain.cpdem" } : {}) },
      programme: { source: { date: "2019-11-01", statement: "Generated by cellplan/testing", verbatim: false }, phases: g.programme },
      attribution: [],
    },
    boundary: boundaryLayer(box),
    districts: districtsLayer(box, l.districts, population),
    population,
    ...(terrain ? { terrain: encodeDem(terrain, { source: "cellplan/testing" }) } : {}),
  };
  return { files, sites, boundaryBBox: box };
}

