import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeCoverage } from "../../src/coverage/compute.js";
import { coverageContours } from "../../src/coverage/contours.js";
import { RENDER_DEFAULTS } from "../../src/render/defaults.js";
import { renderMapSvg, renderPhaseMapSvg } from "../../src/render/map.js";
import { viridis } from "../../src/render/ramp.js";
import { BOUNDARY, DISTRICTS, ISOBANDS, PHASES, SITES } from "./scene.js";
import { findAll, parseXml, type XmlElement } from "./xml.js";
import { cellplanErrorOf as thrown } from "../fixtures/errors.js";

const INPUT = { boundary: BOUNDARY, districts: DISTRICTS, isobands: ISOBANDS, sites: SITES };
const OPTIONS = { width: 800, height: 600, title: "Test map: 4G <coverage> & sites", subtitle: "hand-made scene", phases: PHASES };

const texts = (root: XmlElement) => findAll(root, "text").map((t) => t.text);


describe("renderMapSvg", () => {
  const svg = renderMapSvg(INPUT, OPTIONS);
  const root = parseXml(svg);

  it("is a well-formed SVG document of the requested size", () => {
    expect(root.name).toBe("svg");
    expect(root.attrs).toMatchObject({ xmlns: "http://www.w3.org/2000/svg", width: "800", height: "600", viewBox: "0 0 800 600" });
    expect(findAll(root, "title")[0]!.text).toBe(OPTIONS.title);
  });

  it("is deterministic and writes coordinates with the configured precision", () => {
    expect(renderMapSvg(INPUT, OPTIONS)).toBe(svg);
    const numbers = findAll(root, "path").flatMap((p) => p.attrs.d!.match(/-?\d+(\.\d+)?/g) ?? []);
    expect(numbers.length).toBeGreaterThan(100);
    for (const n of numbers) expect(n.split(".")[1]?.length ?? 0).toBeLessThanOrEqual(RENDER_DEFAULTS.digits);
  });

  it("draws each isoband in the viridis ramp, weakest first, and lists them strongest first", () => {
    const bands = findAll(root, "g").find((g) => g.attrs.class === "isobands")!;
    expect(bands.children.map((p) => p.attrs.fill)).toEqual([viridis(0), viridis(0.5), viridis(1)]);
    const t = texts(root);
    expect(t).toContain("Coverage: RSRP, dBm");
    const rows = ["≥ −80", "−95 to −80", "−110 to −95", "< −110: not covered"].map((r) => t.indexOf(r));
    expect(rows.every((k) => k >= 0)).toBe(true);
    expect([...rows].sort((a, b) => a - b)).toEqual(rows);
    expect(t).toContain("38.2 km²");
  });

  it("draws one wedge per distinct sector of each site, coloured by phase, and a legend row per phase and status", () => {
    const sites = findAll(root, "g").find((g) => g.attrs.class === "sites")!;
    const wedges = sites.children.filter((c) => c.name === "path");
    // S-1 has 2G and 4G sectors at the same three azimuths: drawn once each.
    expect(wedges).toHaveLength(12);
    expect(sites.children.filter((c) => c.name === "circle")).toHaveLength(4);
    const fills = new Set(wedges.map((w) => w.attrs.fill));
    expect(fills).toEqual(new Set([RENDER_DEFAULTS.phaseColours[0], RENDER_DEFAULTS.phaseColours[1], "none"]));
    const t = texts(root);
    expect(t).toContain("2019-2020 — 2G, 4G");
    expect(t).toContain("2 sites");
    expect(t).toContain("no phase — 4G");
    expect(t).toContain("candidate (outline)");
  });

  it("escapes text: titles and district names with markup characters stay text", () => {
    expect(svg).toContain("Test map: 4G &lt;coverage&gt; &amp; sites");
    expect(texts(root)).toContain("West <& Co>");
    expect(texts(root)).toContain("East");
  });

  it("has a scale bar with a round length and a north arrow", () => {
    const bar = findAll(root, "g").find((g) => g.attrs.class === "scale-bar")!;
    const labels = findAll(bar, "text").map((t) => t.text);
    expect(labels[2]).toMatch(/^(1|2|5)(0*) (m|km)$/);
    expect(findAll(root, "g").some((g) => g.attrs.class === "north-arrow")).toBe(true);
    expect(texts(root)).toContain("N");
  });

  it("prints the attribution, wrapped on narrow pages", () => {
    expect(texts(root).join(" ")).toContain("© OpenStreetMap contributors (ODbL)");
    const narrow = parseXml(renderMapSvg({ boundary: BOUNDARY }, { ...OPTIONS, width: 500, sidebarWidthPx: 150, attribution: ["Source A, a long credit line", "Source B, another long credit line", "Source C"] }));
    const lines = texts(narrow).filter((l) => /Source/.test(l));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(" ")).toBe("Source A, a long credit line · Source B, another long credit line · Source C");
  });

  it("filters sectors by technology", () => {
    const only5g = parseXml(renderMapSvg(INPUT, { ...OPTIONS, technology: "5G" }));
    const sites = findAll(only5g, "g").find((g) => g.attrs.class === "sites")!;
    expect(sites.children.filter((c) => c.name === "path")).toHaveLength(3);
    // The 5G phase keeps its colour although the first phase is absent from this map.
    expect(sites.children[0]!.attrs.fill).toBe(RENDER_DEFAULTS.phaseColours[1]);
  });

  it("renders real coverageContours output", () => {
    const raster = computeCoverage(SITES, { area: BOUNDARY, technology: "4G", cellSizeM: 250 });
    const isobands = coverageContours(raster, [-110, -100, -90, -80]);
    const doc = parseXml(renderMapSvg({ ...INPUT, isobands }, OPTIONS));
    const bands = findAll(doc, "g").find((g) => g.attrs.class === "isobands")!;
    expect(bands.children).toHaveLength(isobands.features.length);
    expect(texts(doc)).toContain(`bands: ${isobands.features[0]!.properties.bands.join(", ")}`);
  });

  it("fails clearly on bad input", () => {
    expect(thrown(() => renderMapSvg({}, OPTIONS)).code).toBe("INVALID_VALUE");
    expect(thrown(() => renderMapSvg(INPUT, { width: 10 })).problems[0]!.field).toBe("options.width");
    expect(thrown(() => renderMapSvg(INPUT, { widht: 800 } as never)).code).toBe("UNKNOWN_FIELD");
    expect(thrown(() => renderMapSvg(INPUT, { technology: "6G" as never })).problems[0]!.field).toBe("options.technology");
    expect(thrown(() => renderMapSvg(INPUT, { colours: { inisde: "#fff" } as never })).code).toBe("UNKNOWN_FIELD");
    expect(thrown(() => renderMapSvg(INPUT, { rampFrom: 0.8, rampTo: 0.2 })).problems[0]!.field).toBe("options.rampFrom");
    expect(thrown(() => renderMapSvg(INPUT, { idPrefix: "1 bad" })).code).toBe("INVALID_VALUE");
    const badBand = { ...ISOBANDS, features: [{ ...ISOBANDS.features[0]!, properties: { thresholdDbm: Number.NaN } }] };
    expect(thrown(() => renderMapSvg({ isobands: badBand })).problems[0]!.field).toBe("isobands.features[0].properties.thresholdDbm");
    const line = { type: "Feature", properties: {}, geometry: { type: "LineString", coordinates: [[0, 0], [1, 1]] } };
    expect(thrown(() => renderMapSvg({ boundary: line as never })).code).toBe("WRONG_GEOMETRY");
    const far = { type: "Polygon" as const, coordinates: [[[0, 0], [1, 0], [1, 200], [0, 0]]] };
    expect(thrown(() => renderMapSvg({ boundary: far })).code).toBe("COORDINATE_OUT_OF_RANGE");
    const badSite = { ...SITES[0]!, properties: { ...SITES[0]!.properties, sectors: [] } };
    expect(thrown(() => renderMapSvg({ sites: [badSite] })).code).toBe("INVALID_SITES");
    const mixed = { ...ISOBANDS, features: [ISOBANDS.features[0]!, { ...ISOBANDS.features[1]!, properties: { ...ISOBANDS.features[1]!.properties, quantity: "RSCP" } }] };
    expect(thrown(() => renderMapSvg({ isobands: mixed })).code).toBe("INVALID_VALUE");
    expect(renderMapSvg({ isobands: mixed }, { quantityLabel: "signal" })).toContain("Coverage: signal, dBm");
  });

  it("refuses a legend taller than the page rather than overlapping it", () => {
    const many = Array.from({ length: 40 }, (_, k) => ({ ...ISOBANDS.features[0]!, properties: { thresholdDbm: -140 + k, areaKm2: 1 } }));
    const e = thrown(() => renderMapSvg({ isobands: { type: "FeatureCollection", features: many } }, { width: 800, height: 400 }));
    expect(e.code).toBe("LIMIT_EXCEEDED");
    expect(e.problems[0]!.field).toBe("options.height");
  });

  it("fits a single site (grown to minSpanM)", () => {
    const doc = parseXml(renderMapSvg({ sites: [SITES[0]!] }, { width: 600, height: 400 }));
    const bar = findAll(doc, "g").find((g) => g.attrs.class === "scale-bar")!;
    // About 2 km of ground across the map: the bar is at most 1 km.
    expect(findAll(bar, "text")[2]!.text).toMatch(/^(1 km|[125]00 m)$/);
  });
});

describe("renderPhaseMapSvg", () => {
  it("draws every sector coloured by phase, without isobands", () => {
    const root = parseXml(renderPhaseMapSvg({ boundary: BOUNDARY, districts: DISTRICTS, sites: SITES }, { phases: PHASES, phaseLabels: { "2021-pilot": "5G pilot" } }));
    expect(findAll(root, "g").some((g) => g.attrs.class === "isobands")).toBe(false);
    expect(findAll(root, "title")[0]!.text).toBe("Rollout phases");
    expect(texts(root)).toContain("5G pilot — 5G");
  });
});

describe("map snapshot", () => {
  const file = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/render/small-map.svg");

  it("matches test/fixtures/render/small-map.svg (written when missing, never in CI)", () => {
    const svg = renderMapSvg(INPUT, OPTIONS);
    if (!existsSync(file)) {
      if (process.env.CI) throw new Error(`snapshot ${file} is missing; CI never writes snapshots — render it locally and commit it`);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, svg);
    }
    const saved = readFileSync(file, "utf8");
    const a = svg.split("\n");
    const b = saved.split("\n");
    const k = a.findIndex((line, i) => line !== b[i]);
    // Report the first differing line, not two 10 kB strings; delete the file to accept a change.
    expect(k === -1 && a.length === b.length ? null : { line: k + 1, rendered: a[k]?.slice(0, 300), snapshot: b[k]?.slice(0, 300) }).toBeNull();
  });
});
