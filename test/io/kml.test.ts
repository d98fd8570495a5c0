import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { describeSector, kmlColour, sitesToKml } from "../../src/io/kml.js";
import { createSite } from "../../src/model/create.js";
import { validateSites } from "../../src/model/validate.js";
import { OKABE_ITO } from "../../src/render/ramp.js";
import { arbSiteCollection, arbSiteId } from "../../src/testing/arbitraries.js";
import { findAll, parseXml, type XmlElement } from "../render/xml.js";

const SITES = [
  createSite({ id: "ALA-001", name: 'Abay <12> & "Co"', coordinates: [76.9457, 43.2383], technologies: ["2G", "4G"], phase: "2019-2020" }),
  createSite({ id: "ALA-002", coordinates: [76.95, 43.25], technologies: ["5G"], phase: "2021-pilot" }),
  createSite({ id: "ALA-003", coordinates: [76.96, 43.26], technologies: ["3G"], status: "existing" }),
];
SITES[0]!.properties.meta = { owner: "KT <x>", floors: 9 };

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
const data = (placemark: XmlElement) =>
  Object.fromEntries(findAll(placemark, "Data").map((d) => [d.attrs.name!, child(d, "value")!.text]));

describe("sitesToKml", () => {
  const kml = sitesToKml(SITES, { phases: ["2019-2020", "2021-pilot"], name: "Almaty & co" });
  const root = parseXml(kml);

  it("is well-formed KML 2.2 with one placemark per site, in phase folders", () => {
    expect(root.name).toBe("kml");
    expect(root.attrs.xmlns).toBe("http://www.opengis.net/kml/2.2");
    const doc = child(root, "Document")!;
    expect(child(doc, "name")!.text).toBe("Almaty & co");
    const folders = doc.children.filter((c) => c.name === "Folder");
    expect(folders.map((f) => child(f, "name")!.text)).toEqual(["Phase 2019-2020", "Phase 2021-pilot", "No phase"]);
    const placemarks = findAll(root, "Placemark");
    expect(placemarks.map((p) => child(p, "name")!.text)).toEqual(['Abay <12> & "Co"', "ALA-002", "ALA-003"]);
  });

  it("puts lon,lat in the Point and the site's fields in ExtendedData", () => {
    const p = findAll(root, "Placemark")[0]!;
    expect(findAll(p, "coordinates")[0]!.text).toBe("76.9457,43.2383");
    const d = data(p);
    expect(d).toMatchObject({ id: "ALA-001", status: "planned", phase: "2019-2020", technologies: "2G, 4G", bands: "GSM900, GSM1800, LTE1800, LTE800", sectors: "6", "meta.owner": "KT <x>", "meta.floors": "9" });
    expect(d["sector 0"]).toBe(describeSector(SITES[0]!.properties.sectors[0]!));
    expect(d["sector 0"]).toContain("azimuth 0°, height 30 m");
  });

  it("tints points by phase with the map colours (KML aabbggrr)", () => {
    const styles = findAll(root, "Style");
    expect(styles.map((s) => s.attrs.id)).toEqual(["phase-0", "phase-1", "phase-2"]);
    expect(findAll(styles[0]!, "color")[0]!.text).toBe(kmlColour(OKABE_ITO[0]!, 1));
    expect(kmlColour("#d55e00", 1)).toBe("ff005ed5");
    expect(kmlColour("#0072b2", 0.6)).toBe("99b27200");
    expect(() => kmlColour("red", 1)).toThrow(CellplanError);
  });

  it("adds a closed wedge polygon per sector when asked", () => {
    const withWedges = parseXml(sitesToKml(SITES, { wedges: true, wedgeRadiusM: 200 }));
    const polygons = findAll(withWedges, "Polygon");
    expect(polygons).toHaveLength(SITES.reduce((n, s) => n + s.properties.sectors.length, 0));
    const ring = findAll(polygons[0]!, "coordinates")[0]!.text.split(" ").map((p) => p.split(",").map(Number));
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(ring.length).toBeGreaterThanOrEqual(4);
  });

  it("stays well-formed for any valid sites (any id, name and annotation text)", () => {
    fc.assert(
      fc.property(arbSiteCollection({ maxSites: 5, id: arbSiteId() }), (input) => {
        const sites = validateSites(input);
        const doc = parseXml(sitesToKml(sites, { wedges: true }));
        expect(findAll(doc, "Point")).toHaveLength(sites.features.length);
        const ids = findAll(doc, "Placemark")
          .filter((p) => child(p, "Point"))
          .map((p) => data(p).id);
        expect(new Set(ids)).toEqual(new Set(sites.features.map((s) => s.properties.id)));
      }),
      { numRuns: 100 },
    );
  });

  it("fails clearly on bad sites or options", () => {
    expect(() => sitesToKml([{ ...SITES[0]!, properties: { ...SITES[0]!.properties, sectors: [] } }])).toThrow(CellplanError);
    expect(() => sitesToKml(SITES, { wedgeRadiusM: -1 })).toThrow(/wedgeRadiusM/);
    expect(() => sitesToKml(SITES, { wedgeOpacity: 2 })).toThrow(/wedgeOpacity/);
    expect(() => sitesToKml(SITES, { phases: [1] as never })).toThrow(/phases/);
    expect(() => sitesToKml(SITES, { name: 1 as never })).toThrow(/options\.name/);
    expect(() => sitesToKml(SITES, { wedges: "yes" as never })).toThrow(/options\.wedges/);
    expect(() => sitesToKml(SITES, { iconHref: null as never })).toThrow(/options\.iconHref/);
  });
});
