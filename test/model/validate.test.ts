import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { checkSites, validateSite, validateSites } from "../../src/model/validate.js";
import { arbSiteCollection } from "../../src/testing/arbitraries.js";
import { collection, minimalSite, MINIMAL_SITE_JSON } from "../fixtures/minimal-site.js";
import { BAD_CASES } from "./bad-sites.cases.js";

function rejection(input: unknown): CellplanError {
  try {
    validateSites(input);
  } catch (e) {
    expect(e).toBeInstanceOf(CellplanError);
    return e as CellplanError;
  }
  throw new Error("expected validateSites to throw");
}

describe("validateSites — the minimal site", () => {
  it("validates the issue's example verbatim and fills defaults", () => {
    const sites = validateSites(collection(JSON.parse(MINIMAL_SITE_JSON)));
    const p = sites.features[0]!.properties;
    expect(p.name).toBe("ALA-001");
    expect(p.sectors[0]!.mechanicalTiltDeg).toBe(0);
    expect(p.sectors[0]!.electricalTiltDeg).toBe(0);
    expect(p.sectors[0]!.antenna).toEqual({
      pattern: "3gpp-sector",
      hBeamwidthDeg: 65,
      vBeamwidthDeg: 10,
      gainDbi: 17,
      frontToBackDb: 30,
      sideLobeDb: 20,
    });
    expect(sites.features[0]!.geometry.coordinates).toEqual([76.9457, 43.2383]);
  });

  it("accepts an array of features and a pattern-file id string", () => {
    const s = minimalSite();
    s.properties.sectors[0].antenna = "KATHREIN-80010622";
    const sites = validateSites([s]);
    expect(sites.type).toBe("FeatureCollection");
    expect(sites.features[0]!.properties.sectors[0]!.antenna).toEqual({ pattern: "file", id: "KATHREIN-80010622" });
  });

  it("does not mutate its input", () => {
    const input = collection(minimalSite());
    const before = JSON.stringify(input);
    validateSites(input);
    expect(JSON.stringify(input)).toBe(before);
  });

  it("accepts boundary values: azimuth 0 and 359.999, height 0, tilt ±90, lon ±180", () => {
    const s = minimalSite();
    s.geometry.coordinates = [-180, 90];
    Object.assign(s.properties.sectors[0], { azimuthDeg: 359.999, heightM: 0, mechanicalTiltDeg: -90, electricalTiltDeg: 90 });
    expect(() => validateSite(s)).not.toThrow();
  });
});

describe("validateSites — bad input suite", () => {
  it.each(BAD_CASES)("rejects $name with $code at $field", (c) => {
    const err = rejection(c.input());
    expect(err.code).toBe("INVALID_SITES");
    const match = err.problems.find((p) => p.code === c.code && p.field === c.field);
    expect(match, `problems: ${err.message}`).toBeDefined();
    expect(match!.featureIndex).toBe(c.featureIndex);
    expect(match!.featureId).toBe(c.featureId);
    expect(match!.allowed.length).toBeGreaterThan(0);
    // The message names the feature and the field.
    if (c.featureId !== undefined) expect(err.message).toContain(`"${c.featureId}"`);
    if (c.featureIndex !== undefined) expect(err.message).toContain(`#${c.featureIndex}`);
    if (c.field) expect(err.message).toContain(c.field);
    expect(err.message).toContain(c.code);
  });

  it("has at least 20 cases", () => {
    expect(BAD_CASES.length).toBeGreaterThanOrEqual(20);
  });

  it("lists every problem of every site in one error, never dropping a site", () => {
    const a = minimalSite();
    a.properties.sectors[0].azimuthDeg = 400;
    a.properties.sectors[0].cells[0].band = "LTE2600";
    const b = minimalSite();
    b.properties.id = "ALA-002";
    b.geometry.coordinates = [200, 43];
    const c = minimalSite();
    c.properties.id = "ALA-003";
    const err = rejection(collection(a, b, c));
    expect(err.problems.map((p) => [p.featureId, p.code])).toEqual([
      ["ALA-001", "AZIMUTH_OUT_OF_RANGE"],
      ["ALA-001", "UNKNOWN_BAND"],
      ["ALA-002", "COORDINATE_OUT_OF_RANGE"],
    ]);
    expect(err.message.split("\n")).toHaveLength(4);
  });

  it("reports the offending value as given, never a clamped one", () => {
    const s = minimalSite();
    s.properties.sectors[0].azimuthDeg = 361.5;
    const r = checkSites(collection(s));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.value).toBe(361.5);
  });

  it("does not pollute Object.prototype through __proto__ keys", () => {
    const input = JSON.parse(`{"type":"FeatureCollection","features":[{"__proto__":{"polluted":1}}]}`);
    expect(() => validateSites(input)).toThrow(CellplanError);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("refuses collections larger than maxSites before parsing them", () => {
    const big = collection(...Array.from({ length: 11 }, () => ({})));
    const err = (() => {
      try {
        validateSites(big, { maxSites: 10 });
      } catch (e) {
        return e as CellplanError;
      }
    })();
    expect(err?.problems[0]).toMatchObject({ code: "LIMIT_EXCEEDED", value: 11 });
  });

  it("refuses absurdly deep nesting with LIMIT_EXCEEDED", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { x: deep };
    const s = minimalSite();
    s.properties.meta = deep;
    const err = rejection(collection(s));
    expect(err.problems.some((p) => p.code === "LIMIT_EXCEEDED")).toBe(true);
  });
});

describe("validateSites — properties", () => {
  it("random JSON never escapes as anything but CellplanError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything({ withNullPrototype: true, withObjectString: true })), (v) => {
        try {
          validateSites(v);
        } catch (e) {
          if (!(e instanceof CellplanError)) throw e;
        }
      }),
      { numRuns: 2000, seed: 20191101 },
    );
  });

  it("random JSON dropped into a valid site's fields never escapes as anything but CellplanError", () => {
    const paths = [
      ["geometry"],
      ["geometry", "coordinates"],
      ["geometry", "coordinates", 0],
      ["properties"],
      ["properties", "id"],
      ["properties", "sectors"],
      ["properties", "sectors", 0],
      ["properties", "sectors", 0, "antenna"],
      ["properties", "sectors", 0, "cells", 0],
      ["properties", "sectors", 0, "cells", 0, "powerDbm"],
    ] as const;
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.jsonValue(), (path, v) => {
        const s = minimalSite();
        let o = s;
        for (const k of path.slice(0, -1)) o = o[k];
        o[path[path.length - 1]!] = v;
        try {
          validateSite(s);
        } catch (e) {
          if (!(e instanceof CellplanError)) throw e;
          expect(e.problems.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });

  it("generated networks validate and keep every site", () => {
    fc.assert(
      fc.property(arbSiteCollection({ maxSites: 8 }), (fcInput) => {
        const sites = validateSites(fcInput);
        expect(sites.features).toHaveLength(fcInput.features.length);
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it("any azimuth outside [0, 360) is rejected, any inside accepted", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (az) => {
        const s = minimalSite();
        s.properties.sectors[0].azimuthDeg = az;
        const r = checkSites(collection(s));
        expect(r.ok).toBe(Number.isFinite(az) && az >= 0 && az < 360);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });
});

describe("validateSites — long reports", () => {
  it("keeps every problem in error.problems but lists at most maxProblems in the message", () => {
    const sites = Array.from({ length: 30 }, (_, i) => {
      const s = minimalSite();
      s.properties.id = `S${i}`;
      s.properties.sectors[0].azimuthDeg = 500;
      return s;
    });
    try {
      validateSites(sites, { maxProblems: 5 });
      throw new Error("expected a throw");
    } catch (e) {
      const err = e as CellplanError;
      expect(err.problems).toHaveLength(30);
      expect(err.message.split("\n")).toHaveLength(1 + 5 + 1);
      expect(err.message).toContain("… and 25 more");
    }
  });
});
