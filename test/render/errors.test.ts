import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { renderMapSvg } from "../../src/render/map.js";
import type { RenderOptions } from "../../src/render/options.js";
import { BOUNDARY, ISOBANDS, SITES } from "./scene.js";

const ring = BOUNDARY.geometry.coordinates[0]!;
const band0 = ISOBANDS.features[0]!;
const withProps = (properties: object) => ({ type: "FeatureCollection", features: [{ ...band0, properties }] }) as never;

/** [case, input, options, code, field] — every refusal of the renderer, one row each. */
const CASES: [string, unknown, RenderOptions, string, string][] = [
  ["options not an object", { boundary: BOUNDARY }, 7 as never, "WRONG_TYPE", "options"],
  ["height not an integer", { boundary: BOUNDARY }, { height: 500.5 }, "INVALID_VALUE", "options.height"],
  ["digits too many", { boundary: BOUNDARY }, { digits: 9 }, "INVALID_VALUE", "options.digits"],
  ["opacity above 1", { boundary: BOUNDARY }, { isobandOpacity: 1.2 }, "INVALID_VALUE", "options.isobandOpacity"],
  ["title not a string", { boundary: BOUNDARY }, { title: 3 as never }, "WRONG_TYPE", "options.title"],
  ["empty phase colours", { boundary: BOUNDARY }, { phaseColours: [] }, "INVALID_VALUE", "options.phaseColours"],
  ["phase ids not strings", { boundary: BOUNDARY }, { phases: [2019] as never }, "WRONG_TYPE", "options.phases"],
  ["attribution a number", { boundary: BOUNDARY }, { attribution: 1 as never }, "WRONG_TYPE", "options.attribution"],
  ["districtLabels a string", { boundary: BOUNDARY }, { districtLabels: "yes" as never }, "WRONG_TYPE", "options.districtLabels"],
  ["noPhaseColour empty", { boundary: BOUNDARY }, { noPhaseColour: "" }, "WRONG_TYPE", "options.noPhaseColour"],
  ["phase label a number", { boundary: BOUNDARY }, { phaseLabels: { a: 1 } as never }, "WRONG_TYPE", "options.phaseLabels.a"],
  ["colour not a string", { boundary: BOUNDARY }, { colours: { inside: 0 } as never }, "WRONG_TYPE", "options.colours.inside"],
  ["page too small for the map", { boundary: BOUNDARY }, { width: 300, height: 300 }, "LIMIT_EXCEEDED", "options.width/height"],
  ["input not an object", null, {}, "WRONG_TYPE", "input"],
  ["boundary a string", { boundary: "town" }, {}, "WRONG_TYPE", "boundary"],
  ["features not an array", { districts: { type: "FeatureCollection", features: {} } }, {}, "WRONG_TYPE", "districts.features"],
  ["feature without type", { districts: { type: "FeatureCollection", features: [{ geometry: BOUNDARY.geometry }] } }, {}, "WRONG_TYPE", "districts.features[0]"],
  ["properties a string", { boundary: { ...BOUNDARY, properties: "x" } }, {}, "WRONG_TYPE", "boundary.properties"],
  ["coordinates missing", { boundary: { type: "Polygon" } }, {}, "WRONG_TYPE", "boundary.coordinates"],
  ["empty polygon", { boundary: { type: "MultiPolygon", coordinates: [[]] } }, {}, "WRONG_GEOMETRY", "boundary.coordinates[0]"],
  ["ring of 3 positions", { boundary: { type: "Polygon", coordinates: [ring.slice(0, 3)] } }, {}, "WRONG_GEOMETRY", "boundary.coordinates[0]"],
  ["position of one number", { boundary: { type: "Polygon", coordinates: [[[1], ...ring.slice(1)]] } }, {}, "WRONG_TYPE", "boundary.coordinates[0][0]"],
  ["NaN longitude", { boundary: { type: "Polygon", coordinates: [[[Number.NaN, 43], ...ring.slice(1)]] } }, {}, "NOT_FINITE", "boundary.coordinates[0][0][0]"],
  ["latitude a string", { boundary: { type: "Polygon", coordinates: [[[76, "43"], ...ring.slice(1)]] } }, {}, "NOT_FINITE", "boundary.coordinates[0][0][1]"],
  ["longitude out of range", { boundary: { type: "Polygon", coordinates: [[[190, 43], ...ring.slice(1)]] } }, {}, "COORDINATE_OUT_OF_RANGE", "boundary.coordinates[0][0][0]"],
  ["isobands not a collection", { isobands: band0 }, {}, "WRONG_TYPE", "isobands"],
  ["upper not above threshold", { isobands: withProps({ thresholdDbm: -90, upperDbm: -95 }) }, {}, "INVALID_VALUE", "isobands.features[0].properties.upperDbm"],
  ["quantity a number", { isobands: withProps({ thresholdDbm: -90, quantity: 1 }) }, {}, "WRONG_TYPE", "isobands.features[0].properties.quantity"],
  ["negative area", { isobands: withProps({ thresholdDbm: -90, areaKm2: -1 }) }, {}, "INVALID_VALUE", "isobands.features[0].properties.areaKm2"],
  ["bands not strings", { isobands: withProps({ thresholdDbm: -90, bands: [1] }) }, {}, "WRONG_TYPE", "isobands.features[0].properties.bands"],
];

describe("renderMapSvg refusals", () => {
  it.each(CASES)("%s", (_, input, options, code, field) => {
    let error: unknown;
    try {
      renderMapSvg(input as never, options);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CellplanError);
    expect((error as CellplanError).problems[0]).toMatchObject({ code, field });
  });

  it("a site beyond the Mercator limit is named", () => {
    const polar = { ...SITES[0]!, geometry: { type: "Point" as const, coordinates: [10, 88] as [number, number] } };
    expect(() => renderMapSvg({ sites: [polar] })).toThrow(/S-1.*lat ≤ 85/);
  });
});
