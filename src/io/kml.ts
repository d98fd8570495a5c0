import { fail } from "../errors.js";
import { technologyOf } from "../model/bands.js";
import { technologiesOf } from "../model/cells.js";
import { SITE_DEFAULTS } from "../model/defaults.js";
import type { Sector, Site, SiteCollection, SiteCollectionInput, SiteInput } from "../model/schema.js";
import { validateSites } from "../model/validate.js";
import { sectorWedges } from "../model/wedges.js";
import { NO_PHASE, phaseColours, phaseKey, phaseOrder } from "../render/phases.js";
import { NO_PHASE_COLOUR, OKABE_ITO } from "../render/ramp.js";
import { escapeXml } from "../render/svg.js";
import { formatCsvNumber as numText } from "./csv.js";

/** Defaults of `sitesToKml`. */
export const KML_DEFAULTS = {
  /** Document name shown in Google Earth's sidebar. */
  name: "cellplan sites",
  /** Add one polygon per sector (a wedge of the antenna's beamwidth) in a "Sectors" folder. */
  wedges: false,
  /** Radius of those wedges, m. */
  wedgeRadiusM: SITE_DEFAULTS.wedgeRadiusM,
  /** Opacity of wedge fills (0–1). */
  wedgeOpacity: 0.6,
  /** Point icon (a Google Earth stock shape, tinted per phase). */
  iconHref: "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png",
};

export interface KmlOptions extends Partial<typeof KML_DEFAULTS> {
  /** Phase ids in programme order (colours and folder order); others follow, sorted. */
  phases?: readonly string[];
  /** Folder names per phase id (default: "Phase <id>"). */
  phaseLabels?: Readonly<Record<string, string>>;
}

/**
 * The sites as a KML 2.2 document (opens in Google Earth and most GIS tools): one folder per
 * rollout phase, one Placemark per site with its fields in ExtendedData (id, name, status, phase,
 * ground elevation, technologies, bands, one entry per sector, `meta.*`), points tinted by phase
 * as on the maps; optionally a polygon per sector. Well-formed XML with every text escaped.
 * Sites are validated first; a bad site is a `CellplanError`.
 */
export function sitesToKml(sites: SiteCollection | SiteCollectionInput | readonly Site[] | readonly SiteInput[], options: KmlOptions = {}): string {
  const o = { ...KML_DEFAULTS, ...options };
  if (typeof o.name !== "string") fail("WRONG_TYPE", "options.name", o.name, "a string");
  if (typeof o.wedges !== "boolean") fail("WRONG_TYPE", "options.wedges", o.wedges, "true or false");
  if (!(typeof o.wedgeRadiusM === "number" && o.wedgeRadiusM > 0 && o.wedgeRadiusM <= 100_000)) fail("INVALID_VALUE", "options.wedgeRadiusM", o.wedgeRadiusM, "0 < radius ≤ 100000 m");
  if (!(typeof o.wedgeOpacity === "number" && o.wedgeOpacity >= 0 && o.wedgeOpacity <= 1)) fail("INVALID_VALUE", "options.wedgeOpacity", o.wedgeOpacity, "a number from 0 to 1");
  if (typeof o.iconHref !== "string") fail("WRONG_TYPE", "options.iconHref", o.iconHref, "a URL string");
  const listed = options.phases ?? [];
  if (!Array.isArray(listed) || listed.some((p) => typeof p !== "string")) fail("WRONG_TYPE", "options.phases", listed, "an array of phase ids");
  const valid = validateSites(sites).features;

  const order = phaseOrder(valid, listed);
  const colours = phaseColours(order, listed, OKABE_ITO, NO_PHASE_COLOUR);
  const styleId = (phase: string) => `phase-${order.indexOf(phase)}`;
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<kml xmlns="http://www.opengis.net/kml/2.2">',
    "<Document>",
    `<name>${escapeXml(o.name)}</name>`,
  ];
  for (const phase of order) {
    const c = colours.get(phase)!;
    out.push(
      `<Style id="${styleId(phase)}"><IconStyle><color>${kmlColour(c, 1)}</color><scale>0.9</scale><Icon><href>${escapeXml(o.iconHref)}</href></Icon></IconStyle>` +
        `<LabelStyle><scale>0.75</scale></LabelStyle><LineStyle><color>${kmlColour("#1f1f1f", 1)}</color><width>1</width></LineStyle>` +
        `<PolyStyle><color>${kmlColour(c, o.wedgeOpacity)}</color></PolyStyle></Style>`,
    );
  }
  for (const phase of order) {
    const group = valid.filter((s) => phaseKey(s) === phase);
    const label = phase === NO_PHASE ? "No phase" : (options.phaseLabels?.[phase] ?? `Phase ${phase}`);
    out.push(`<Folder><name>${escapeXml(label)}</name>`);
    for (const site of group) out.push(sitePlacemark(site, `#${styleId(phase)}`));
    if (o.wedges) {
      out.push("<Folder><name>Sectors</name>");
      for (const w of sectorWedges(group, { radiusM: o.wedgeRadiusM }).features) {
        const p = w.properties;
        const ring = w.geometry.coordinates[0]!.map((q) => `${numText(q[0]!)},${numText(q[1]!)}`).join(" ");
        out.push(
          `<Placemark><name>${escapeXml(`${p.siteId} sector ${p.sectorIndex} · ${numText(p.azimuthDeg)}° · ${p.technologies.join("/")}`)}</name>` +
            `<styleUrl>#${styleId(phase)}</styleUrl>` +
            `<Polygon><tessellate>1</tessellate><outerBoundaryIs><LinearRing><coordinates>${ring}</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>`,
        );
      }
      out.push("</Folder>");
    }
    out.push("</Folder>");
  }
  out.push("</Document>", "</kml>");
  return out.join("\n") + "\n";
}

function sitePlacemark(site: Site, styleUrl: string): string {
  const p = site.properties;
  const [lon, lat] = site.geometry.coordinates;
  const techs = technologiesOf(site);
  const bands = [...new Set(p.sectors.flatMap((s) => s.cells.map((c) => c.band)))];
  const data: [string, string][] = [
    ["id", p.id],
    ["name", p.name],
    ["status", p.status],
    ["phase", p.phase ?? ""],
    ["groundElevationM", p.groundElevationM === undefined ? "" : numText(p.groundElevationM)],
    ["technologies", techs.join(", ")],
    ["bands", bands.join(", ")],
    ["sectors", String(p.sectors.length)],
    ...p.sectors.map((s, k): [string, string] => [`sector ${k}`, describeSector(s)]),
    ...Object.entries(p.meta ?? {}).map(([k, v]): [string, string] => [`meta.${k}`, v === null ? "null" : String(v)]),
  ];
  const description = `${p.status}${p.phase ? ` · phase ${p.phase}` : ""} · ${techs.join(", ")} · ${p.sectors.length} sector${p.sectors.length === 1 ? "" : "s"}`;
  return (
    `<Placemark><name>${escapeXml(p.name)}</name><description>${escapeXml(description)}</description><styleUrl>${styleUrl}</styleUrl>` +
    `<ExtendedData>${data.map(([k, v]) => `<Data name="${escapeXml(k)}"><value>${escapeXml(v)}</value></Data>`).join("")}</ExtendedData>` +
    `<Point><coordinates>${numText(lon)},${numText(lat)}</coordinates></Point></Placemark>`
  );
}

/** "azimuth 120°, height 30 m, tilt 0° + 4° electrical, 3gpp-sector 65°/8° 17.5 dBi; LTE1800 46 dBm, LTE800 46 dBm" */
export function describeSector(s: Sector): string {
  const a = s.antenna;
  const antenna =
    a.pattern === "3gpp-sector"
      ? `3gpp-sector ${numText(a.hBeamwidthDeg)}°/${numText(a.vBeamwidthDeg)}° ${numText(a.gainDbi)} dBi`
      : a.pattern === "omni"
        ? `omni ${numText(a.gainDbi)} dBi`
        : `pattern file ${a.id}`;
  const cells = s.cells.map((c) => `${c.band} (${technologyOf(c.band)}) ${numText(c.powerDbm)} dBm`).join(", ");
  return `azimuth ${numText(s.azimuthDeg)}°, height ${numText(s.heightM)} m, tilt ${numText(s.mechanicalTiltDeg)}° mechanical + ${numText(s.electricalTiltDeg)}° electrical, ${antenna}; ${cells}`;
}

/** `#rrggbb` and an opacity as KML's `aabbggrr`. */
export function kmlColour(hex: string, opacity: number): string {
  if (!/^#[0-9a-fA-F]{6}$/.test(hex)) fail("INVALID_VALUE", "colour", hex, "#rrggbb");
  const a = Math.round(opacity * 255).toString(16).padStart(2, "0");
  return `${a}${hex.slice(5, 7)}${hex.slice(3, 5)}${hex.slice(1, 3)}`.toLowerCase();
}
