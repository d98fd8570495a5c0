import fc from "fast-check";
import { BANDS, bandsOf, type Band } from "../model/bands.js";
import { NUMBER_RULES } from "../model/rules.js";
import type { SiteCollectionInput, SiteInput } from "../model/schema.js";
import type { BBox, LonLat, Technology } from "../units.js";

/** Almaty's bounding box: the default area for generated networks. */
export const ALMATY_BBOX: BBox = [76.742, 43.0328, 77.1668, 43.4038];

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

export interface LonLatOptions {
  bbox?: BBox;
}

/** Positions inside `bbox` (default: Almaty). */
export function arbLonLat({ bbox = ALMATY_BBOX }: LonLatOptions = {}): fc.Arbitrary<LonLat> {
  return fc.tuple(finite(bbox[0], bbox[2]), finite(bbox[1], bbox[3])) as fc.Arbitrary<LonLat>;
}

export interface CellOptions {
  bands?: readonly Band[];
}

export function arbCell({ bands = BANDS }: CellOptions = {}) {
  return fc.record({
    band: fc.constantFrom(...bands),
    powerDbm: finite(NUMBER_RULES.powerDbm.min, NUMBER_RULES.powerDbm.max),
  });
}

export function arbAntenna() {
  return fc.oneof(
    fc.record({
      pattern: fc.constant("3gpp-sector" as const),
      hBeamwidthDeg: finite(10, 120),
      vBeamwidthDeg: finite(3, 30),
      gainDbi: finite(0, 25),
    }),
    fc.record({ pattern: fc.constant("omni" as const), gainDbi: finite(-5, 12) }),
  );
}

export interface SectorOptions extends CellOptions {
  maxCells?: number;
}

export function arbSector({ bands = BANDS, maxCells = 3 }: SectorOptions = {}) {
  return fc.record(
    {
      azimuthDeg: fc.integer({ min: 0, max: 359 }),
      heightM: finite(0, 100),
      mechanicalTiltDeg: finite(-10, 15),
      electricalTiltDeg: finite(0, 12),
      antenna: arbAntenna(),
      cells: fc.array(arbCell({ bands }), { minLength: 1, maxLength: maxCells }),
    },
    { requiredKeys: ["azimuthDeg", "heightM", "antenna", "cells"] },
  );
}

export interface SiteOptions extends LonLatOptions {
  technologies?: readonly Technology[];
  sectors?: { min?: number; max?: number };
  id?: fc.Arbitrary<string>;
}

/** Valid site features (as written in a file: optional fields may be absent). */
export function arbSite(o: SiteOptions = {}): fc.Arbitrary<SiteInput> {
  const bands = o.technologies ? o.technologies.flatMap(bandsOf) : BANDS;
  return fc
    .record({
      coordinates: arbLonLat(o),
      id: o.id ?? fc.stringMatching(/^[A-Z]{3}-[0-9]{3}$/),
      status: fc.constantFrom("existing" as const, "planned" as const, "candidate" as const),
      phase: fc.option(fc.constantFrom("2019-2020", "2021-pilot"), { nil: undefined }),
      sectors: fc.array(arbSector({ bands }), { minLength: o.sectors?.min ?? 1, maxLength: o.sectors?.max ?? 3 }),
    })
    .map(({ coordinates, id, status, phase, sectors }) => ({
      type: "Feature" as const,
      geometry: { type: "Point" as const, coordinates },
      properties: { id, status, ...(phase === undefined ? {} : { phase }), sectors },
    }));
}

export interface SiteCollectionOptions extends SiteOptions {
  minSites?: number;
  maxSites?: number;
  /** Give every site a distinct id (default true; false lets a suite test duplicate handling). */
  uniqueIds?: boolean;
}

export function arbSiteCollection(o: SiteCollectionOptions = {}): fc.Arbitrary<SiteCollectionInput> {
  const { minSites = 0, maxSites = 10, uniqueIds = true } = o;
  const sites = fc.array(arbSite(o), { minLength: minSites, maxLength: maxSites });
  return sites.map((features) => ({
    type: "FeatureCollection" as const,
    features: uniqueIds ? features.map((f, i) => ({ ...f, properties: { ...f.properties, id: `${f.properties.id}-${i}` } })) : features,
  }));
}
