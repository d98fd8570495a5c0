import { fail } from "../errors.js";
import type { SiteCollection, SiteCollectionInput, SiteInput, Site } from "../model/schema.js";
import { validateSites } from "../model/validate.js";
import type { BBox } from "../units.js";
import { coverageLayer } from "./coverage-layer.js";
import { areaFeatures, extendBBox, isobandFeatures, type AreaFeature, type AreaLayer, type IsobandLayer } from "./layers.js";
import { legendSectionSvg, type LegendSection } from "./legend.js";
import { northArrowSvg } from "./north-arrow.js";
import { resolveRenderOptions, type RenderOptions, type ResolvedRenderOptions } from "./options.js";
import { fitProjection, type FittedProjection, type Frame } from "./projection.js";
import { scaleBarSvg } from "./scale-bar.js";
import { siteLayer } from "./site-layer.js";
import { el, escapeXml, textEl } from "./svg.js";
import { wrapText } from "./text.js";

/** What a map shows; every layer is optional, but at least one must have a feature to fit. */
export interface MapInput {
  /** The study area's outline (the projection is fitted to it and everything else). */
  boundary?: AreaLayer;
  /** Districts, outlined and labelled (see `districtLabelKeys`). */
  districts?: AreaLayer;
  /** Coverage isobands as written by `coverageContours` (`thresholdDbm`, `upperDbm`, `quantity`, `bands`, `areaKm2`). */
  isobands?: IsobandLayer;
  /** Sites (validated here; a bad site is a `CellplanError`). */
  sites?: SiteCollection | SiteCollectionInput | readonly Site[] | readonly SiteInput[];
}

/** Height of the sidebar's bottom block holding the north arrow and the scale bar. */
const FURNITURE_HEIGHT = 64;

/**
 * Renders a map as a standalone SVG document: title, a Mercator map fitted to the layers
 * (boundary, districts, coverage isobands in the viridis ramp, sites as sector wedges coloured by
 * rollout phase), a legend column with a north arrow and a scale bar measured at the map centre,
 * and the attribution line. Pure and deterministic: same input and options, same bytes
 * (coordinates rounded to `digits`). Options and their defaults: `RENDER_DEFAULTS`.
 */
export function renderMapSvg(input: MapInput, options: RenderOptions = {}): string {
  const o = resolveRenderOptions(options);
  if (input === null || typeof input !== "object") fail("WRONG_TYPE", "input", input, "{ boundary?, districts?, isobands?, sites? }");
  const boundary = input.boundary === undefined ? [] : areaFeatures(input.boundary, "boundary");
  const districts = input.districts === undefined ? [] : areaFeatures(input.districts, "districts");
  const isobands = input.isobands === undefined ? [] : isobandFeatures(input.isobands, "isobands");
  const sites = input.sites === undefined ? [] : validateSites(input.sites).features;

  const bbox: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  extendBBox(bbox, [...boundary, ...districts, ...isobands]);
  for (const { geometry: { coordinates: [lon, lat] } } of sites) {
    bbox[0] = Math.min(bbox[0], lon);
    bbox[1] = Math.min(bbox[1], lat);
    bbox[2] = Math.max(bbox[2], lon);
    bbox[3] = Math.max(bbox[3], lat);
  }
  if (!(bbox[0] <= bbox[2])) fail("INVALID_VALUE", "input", "no features", "at least one feature in boundary, districts, isobands or sites");

  const W = o.width;
  const H = o.height;
  const m = o.marginPx;
  const parts: string[] = [el("rect", { x: 0, y: 0, width: W, height: H, fill: o.colours.background })];

  // Header: title and subtitle, wrapped to the page width.
  let y = m;
  for (const line of wrapText(o.title, W - 2 * m, o.titleSizePx)) {
    y += o.titleSizePx * 1.15;
    parts.push(textEl(m, y, line, { "font-size": o.titleSizePx, "font-weight": "bold", fill: o.colours.text }));
  }
  if (o.subtitle !== "") {
    for (const line of wrapText(o.subtitle, W - 2 * m, o.subtitleSizePx)) {
      y += o.subtitleSizePx * 1.3;
      parts.push(textEl(m, y, line, { "font-size": o.subtitleSizePx, fill: o.colours.mutedText }));
    }
  }
  const top = y + m * 0.75;

  // Footer: attribution, wrapped.
  const attribution = typeof o.attribution === "string" ? o.attribution : o.attribution.join(" · ");
  const attrLines = attribution === "" ? [] : wrapText(attribution, W - 2 * m, o.attributionSizePx);
  const lineH = o.attributionSizePx * 1.35;
  const bottom = H - m * 0.75 - attrLines.length * lineH;
  attrLines.forEach((line, k) => {
    parts.push(textEl(m, bottom + (k + 1) * lineH - o.attributionSizePx * 0.3, line, { "font-size": o.attributionSizePx, fill: o.colours.mutedText }));
  });

  const frame: Frame = { x: m, y: top, width: W - 3 * m - o.sidebarWidthPx, height: bottom - top - m * 0.5 };
  if (frame.width < 100 || frame.height < 100) {
    fail("LIMIT_EXCEEDED", "options.width/height", `${W}×${H}`, `a page leaving the map at least 100 × 100 px after title, legend column (${o.sidebarWidthPx} px) and attribution`);
  }
  const side: Frame = { x: frame.x + frame.width + m, y: frame.y, width: o.sidebarWidthPx, height: frame.height };
  const proj = fitProjection(bbox, frame, o.mapPaddingPx, o.minSpanM, o.digits);

  const clipId = `${o.idPrefix}-map-clip`;
  const coverage = isobands.length > 0 ? coverageLayer(isobands, proj, o) : undefined;
  const siteL = sites.length > 0 ? siteLayer(sites, proj, o) : undefined;
  const mapParts: string[] = [
    el("rect", { x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: o.colours.outside }),
    areaPaths(boundary.length > 0 ? boundary : districts, proj, { fill: o.colours.inside, stroke: "none" }),
    coverage?.svg ?? "",
    areaPaths(districts, proj, { fill: "none", stroke: o.colours.districtStroke, "stroke-width": 0.8, "stroke-linejoin": "round" }),
    areaPaths(boundary, proj, { fill: "none", stroke: o.colours.boundaryStroke, "stroke-width": 1.6, "stroke-linejoin": "round" }),
    siteL?.svg ?? "",
    o.districtLabels ? districtLabels(districts, proj, o) : "",
  ];
  parts.push(
    el("defs", {}, el("clipPath", { id: clipId }, el("rect", { x: frame.x, y: frame.y, width: frame.width, height: frame.height }))),
    el("g", { class: "map", "clip-path": `url(#${clipId})` }, mapParts),
    el("rect", { x: frame.x, y: frame.y, width: frame.width, height: frame.height, fill: "none", stroke: "#b5b5b5", "stroke-width": 1 }),
  );

  // Legend column: sections stacked from the top, furniture at the bottom.
  const sections: LegendSection[] = [];
  if (coverage) sections.push(coverage.legend);
  if (siteL) {
    sections.push({
      heading: "Sites by rollout phase",
      subheading: `sector wedges: azimuth and beamwidth${o.technology ? `; sectors carrying ${o.technology}` : ""}`,
      rows: siteL.phaseRows,
    });
    if (siteL.statusRows.length > 0) sections.push({ heading: "Site status", rows: siteL.statusRows });
  }
  const lines: LegendSection["rows"][number][] = [];
  if (boundary.length > 0) lines.push({ swatch: lineSwatch(o.colours.boundaryStroke, 1.6), label: "boundary" });
  if (districts.length > 0) lines.push({ swatch: lineSwatch(o.colours.districtStroke, 0.8), label: "districts" });
  if (lines.length > 0) sections.push({ heading: "Areas", rows: lines });
  const style = { fontSizePx: o.fontSizePx, colour: o.colours.text, mutedColour: o.colours.mutedText };
  let sy = side.y;
  for (const s of sections) {
    const r = legendSectionSvg(s, side.x, sy, side.width, style);
    parts.push(r.svg);
    sy += r.height + o.fontSizePx;
  }
  const furnitureTop = side.y + side.height - FURNITURE_HEIGHT;
  if (sy > furnitureTop) {
    fail("LIMIT_EXCEEDED", "options.height", H, `a page tall enough for the legend (about ${Math.ceil(H + sy - furnitureTop)} px), or fewer isobands and phases`);
  }
  parts.push(furniture(side, proj, o));

  const title = escapeXml(o.title);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="${escapeXml(o.fontFamily)}" font-size="${o.fontSizePx}">` +
    `<title>${title}</title>${parts.join("\n")}</svg>\n`
  );
}

/**
 * The phase overview: the same map without coverage, every site's sectors drawn and coloured by
 * rollout phase, with the phase legend (site counts and technologies per phase).
 */
export function renderPhaseMapSvg(input: Omit<MapInput, "isobands">, options: RenderOptions = {}): string {
  const { boundary, districts, sites } = input ?? {};
  return renderMapSvg({ ...(boundary ? { boundary } : {}), ...(districts ? { districts } : {}), ...(sites ? { sites } : {}) }, { title: "Rollout phases", ...options });
}

function areaPaths(features: readonly AreaFeature[], proj: FittedProjection, a: Record<string, string | number>): string {
  if (features.length === 0) return "";
  return el("g", { "fill-rule": "evenodd", ...a }, features.map((f) => el("path", { d: proj.path(f) ?? "" })));
}

function lineSwatch(colour: string, width: number): string {
  return el("line", { x1: 1, y1: 7, x2: 23, y2: 7, stroke: colour, "stroke-width": width });
}

function districtLabels(districts: readonly AreaFeature[], proj: FittedProjection, o: ResolvedRenderOptions): string {
  const labels: string[] = [];
  for (const d of districts) {
    const props = d.properties ?? {};
    const key = o.districtLabelKeys.find((k) => typeof props[k] === "string" && props[k] !== "");
    if (key === undefined) continue;
    const [x, y] = proj.path.centroid(d);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    labels.push(
      textEl(x, y, props[key] as string, {
        "text-anchor": "middle",
        "font-size": o.districtLabelSizePx,
        fill: o.colours.text,
        stroke: o.colours.halo,
        "stroke-width": 2.5,
        "stroke-linejoin": "round",
        "paint-order": "stroke",
      }),
    );
  }
  return el("g", { class: "district-labels" }, labels);
}

/** North arrow and scale bar at the bottom of the legend column. */
function furniture(side: Frame, proj: FittedProjection, o: ResolvedRenderOptions): string {
  const arrowSize = 34;
  const top = side.y + side.height - FURNITURE_HEIGHT;
  const arrow = northArrowSvg({
    cx: side.x + arrowSize / 3 + 2,
    cy: top + 14 + arrowSize / 2,
    sizePx: arrowSize,
    angleDeg: proj.northAngleDeg,
    fontSizePx: o.fontSizePx,
    colour: o.colours.text,
    background: o.colours.background,
  });
  const barX = side.x + arrowSize + 16;
  const bar = scaleBarSvg({
    x: barX,
    y: top + 30,
    metresPerPixel: proj.metresPerPixel,
    maxWidthPx: Math.min(o.scaleBarMaxPx, side.width - (barX - side.x) - 24),
    fontSizePx: o.fontSizePx * 0.92,
    colour: o.colours.text,
    background: o.colours.background,
  });
  const note = textEl(barX, top + 30 + bar.height + o.fontSizePx * 1.3, "Mercator; scale at map centre", { "font-size": o.fontSizePx * 0.85, fill: o.colours.mutedText });
  return el("g", { class: "furniture" }, [arrow, bar.svg, note]);
}

