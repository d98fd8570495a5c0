import type { ProblemCode } from "../../src/errors.js";
import { collection, minimalSite, type Json } from "../fixtures/minimal-site.js";

/**
 * Malformed site collections, one per rule: each names the code and field the rejection must
 * carry. Built from the minimal site so that exactly one thing is wrong in each.
 */
export interface BadCase {
  name: string;
  input: () => unknown;
  code: ProblemCode;
  /** Field path within the feature (or the document when `featureIndex` is undefined). */
  field: string;
  featureIndex?: number;
  featureId?: string;
}

function mutated(fn: (site: Json) => void, featureId: string | null = "ALA-001"): Pick<BadCase, "input" | "featureIndex" | "featureId"> {
  return {
    input: () => {
      const s = minimalSite();
      fn(s);
      return collection(s);
    },
    featureIndex: 0,
    ...(featureId === null ? {} : { featureId }),
  };
}

const sector = (s: Json) => s.properties.sectors[0];

export const BAD_CASES: BadCase[] = [
  { name: "longitude above 180", ...mutated((s) => (s.geometry.coordinates[0] = 180.5)), code: "COORDINATE_OUT_OF_RANGE", field: "geometry.coordinates[0]" },
  { name: "latitude below -90", ...mutated((s) => (s.geometry.coordinates[1] = -91)), code: "COORDINATE_OUT_OF_RANGE", field: "geometry.coordinates[1]" },
  { name: "longitude NaN", ...mutated((s) => (s.geometry.coordinates[0] = NaN)), code: "NOT_FINITE", field: "geometry.coordinates[0]" },
  { name: "latitude Infinity", ...mutated((s) => (s.geometry.coordinates[1] = Infinity)), code: "NOT_FINITE", field: "geometry.coordinates[1]" },
  { name: "latitude as a string", ...mutated((s) => (s.geometry.coordinates[1] = "43.2")), code: "WRONG_TYPE", field: "geometry.coordinates[1]" },
  { name: "3D position", ...mutated((s) => s.geometry.coordinates.push(850)), code: "WRONG_GEOMETRY", field: "geometry.coordinates" },
  { name: "Polygon geometry", ...mutated((s) => (s.geometry = { type: "Polygon", coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] })), code: "WRONG_GEOMETRY", field: "geometry.type" },
  { name: "null geometry", ...mutated((s) => (s.geometry = null)), code: "WRONG_GEOMETRY", field: "geometry" },
  {
    name: "duplicate site id",
    input: () => collection(minimalSite(), minimalSite()),
    code: "DUPLICATE_ID",
    field: "properties.id",
    featureIndex: 1,
    featureId: "ALA-001",
  },
  { name: "empty id", ...mutated((s) => (s.properties.id = ""), null), code: "INVALID_ID", field: "properties.id" },
  { name: "numeric id", ...mutated((s) => (s.properties.id = 7), null), code: "INVALID_ID", field: "properties.id" },
  { name: "azimuth 360", ...mutated((s) => (sector(s).azimuthDeg = 360)), code: "AZIMUTH_OUT_OF_RANGE", field: "properties.sectors[0].azimuthDeg" },
  { name: "negative azimuth", ...mutated((s) => (sector(s).azimuthDeg = -10)), code: "AZIMUTH_OUT_OF_RANGE", field: "properties.sectors[0].azimuthDeg" },
  { name: "negative antenna height", ...mutated((s) => (sector(s).heightM = -5)), code: "NEGATIVE_HEIGHT", field: "properties.sectors[0].heightM" },
  { name: "antenna height 5 km", ...mutated((s) => (sector(s).heightM = 5000)), code: "HEIGHT_OUT_OF_RANGE", field: "properties.sectors[0].heightM" },
  { name: "unknown band", ...mutated((s) => (sector(s).cells[1].band = "LTE2600")), code: "UNKNOWN_BAND", field: "properties.sectors[0].cells[1].band" },
  { name: "band in lower case", ...mutated((s) => (sector(s).cells[0].band = "gsm900")), code: "UNKNOWN_BAND", field: "properties.sectors[0].cells[0].band" },
  { name: "mechanical tilt 95°", ...mutated((s) => (sector(s).mechanicalTiltDeg = 95)), code: "TILT_OUT_OF_RANGE", field: "properties.sectors[0].mechanicalTiltDeg" },
  { name: "electrical tilt −91°", ...mutated((s) => (sector(s).electricalTiltDeg = -91)), code: "TILT_OUT_OF_RANGE", field: "properties.sectors[0].electricalTiltDeg" },
  { name: "power NaN", ...mutated((s) => (sector(s).cells[0].powerDbm = NaN)), code: "NOT_FINITE", field: "properties.sectors[0].cells[0].powerDbm" },
  { name: "power −Infinity", ...mutated((s) => (sector(s).cells[0].powerDbm = -Infinity)), code: "NOT_FINITE", field: "properties.sectors[0].cells[0].powerDbm" },
  { name: "power 100 dBm", ...mutated((s) => (sector(s).cells[0].powerDbm = 100)), code: "POWER_OUT_OF_RANGE", field: "properties.sectors[0].cells[0].powerDbm" },
  { name: "no sectors field", ...mutated((s) => delete s.properties.sectors), code: "MISSING_SECTORS", field: "properties.sectors" },
  { name: "empty sectors", ...mutated((s) => (s.properties.sectors = [])), code: "MISSING_SECTORS", field: "properties.sectors" },
  { name: "sector without cells", ...mutated((s) => (sector(s).cells = [])), code: "MISSING_CELLS", field: "properties.sectors[0].cells" },
  { name: "unknown antenna pattern", ...mutated((s) => (sector(s).antenna = { pattern: "yagi", gainDbi: 10 })), code: "UNKNOWN_ANTENNA", field: "properties.sectors[0].antenna.pattern" },
  { name: "antenna without gain", ...mutated((s) => delete sector(s).antenna.gainDbi), code: "MISSING_FIELD", field: "properties.sectors[0].antenna.gainDbi" },
  { name: "zero beamwidth", ...mutated((s) => (sector(s).antenna.hBeamwidthDeg = 0)), code: "BEAMWIDTH_OUT_OF_RANGE", field: "properties.sectors[0].antenna.hBeamwidthDeg" },
  { name: "unknown status", ...mutated((s) => (s.properties.status = "live")), code: "UNKNOWN_STATUS", field: "properties.status" },
  { name: "missing status", ...mutated((s) => delete s.properties.status), code: "MISSING_FIELD", field: "properties.status" },
  { name: "misspelt field", ...mutated((s) => (sector(s).azimuth = 10)), code: "UNKNOWN_FIELD", field: "properties.sectors[0].azimuth" },
  {
    name: "__proto__ key",
    ...mutated((s) => Object.defineProperty(s.properties, "__proto__", { value: { polluted: true }, enumerable: true })),
    code: "FORBIDDEN_KEY",
    field: "properties.__proto__",
  },
  { name: "constructor key", ...mutated((s) => (sector(s).constructor = { prototype: {} })), code: "FORBIDDEN_KEY", field: "properties.sectors[0].constructor" },
  { name: "feature type misspelt", ...mutated((s) => (s.type = "feature")), code: "WRONG_TYPE", field: "type" },
  { name: "not a collection", input: () => ({ type: "Topology" }), code: "WRONG_TYPE", field: "" },
  { name: "null document", input: () => null, code: "WRONG_TYPE", field: "" },
];
