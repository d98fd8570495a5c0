import type { Feature, Polygon } from "geojson";
import { fail } from "../errors.js";
import { technologyOf, TECHNOLOGIES } from "../model/bands.js";
import type { Site, SiteStatus } from "../model/schema.js";
import { sectorWedges, type WedgeProperties } from "../model/wedges.js";
import type { Technology } from "../units.js";
import { wedgeSwatch, type LegendRow } from "./legend.js";
import type { ResolvedRenderOptions } from "./options.js";
import type { FittedProjection } from "./projection.js";
import { NO_PHASE, phaseColours, phaseKey, phaseOrder } from "./phases.js";
import { el } from "./svg.js";

/** How each site status is drawn: planned sites solid, existing ones muted, candidates as dashed outlines. */
export const STATUS_STYLES: Readonly<Record<SiteStatus, { fillOpacity: number; dashed: boolean; label: string }>> = {
  planned: { fillOpacity: 1, dashed: false, label: "planned (solid)" },
  existing: { fillOpacity: 0.4, dashed: false, label: "existing, on air (light)" },
  candidate: { fillOpacity: 0, dashed: true, label: "candidate (outline)" },
};
const STATUS_ORDER: readonly SiteStatus[] = ["planned", "existing", "candidate"];

/** The sites with only the sectors carrying `technology` (sites left without a sector are omitted). */
export function sitesWithTechnology(sites: readonly Site[], technology: Technology | undefined): Site[] {
  if (technology === undefined) return [...sites];
  const out: Site[] = [];
  for (const s of sites) {
    const sectors = s.properties.sectors.filter((sec) => sec.cells.some((c) => technologyOf(c.band) === technology));
    if (sectors.length > 0) out.push({ ...s, properties: { ...s.properties, sectors } });
  }
  return out;
}

export interface SiteLayer {
  svg: string;
  phaseRows: LegendRow[];
  statusRows: LegendRow[];
  siteCount: number;
}

/**
 * Sites as sector wedges (one per distinct azimuth and beamwidth, `wedgeRadiusPx` long whatever
 * the scale) with a dot at the mast, coloured by phase and styled by status, earlier phases
 * drawn first. Also returns the legend rows: one per phase (with its site count and
 * technologies) and, when any site is not "planned", one per status.
 */
export function siteLayer(sites: readonly Site[], proj: FittedProjection, o: ResolvedRenderOptions): SiteLayer {
  const shown = sitesWithTechnology(sites, o.technology);
  for (const s of shown) {
    const lat = s.geometry.coordinates[1];
    if (lat < -85 || lat > 85) fail("COORDINATE_OUT_OF_RANGE", "geometry.coordinates[1]", lat, "−85 ≤ lat ≤ 85 (a Mercator map)", s.properties.id);
  }
  const order = phaseOrder(shown, o.phases);
  const colourOf = phaseColours(order, o.phases, o.phaseColours, o.noPhaseColour);
  const radiusM = o.wedgeRadiusPx * proj.metresPerPixel;
  const parts: string[] = [];
  const dots: string[] = [];
  for (const phase of order) {
    const group = shown.filter((s) => phaseKey(s) === phase);
    const colour = colourOf.get(phase)!;
    const wedges = dedupe(sectorWedges(group, { radiusM }).features);
    for (const w of wedges) {
      const style = STATUS_STYLES[w.properties.status as SiteStatus];
      parts.push(
        el("path", {
          d: proj.path(w) ?? "",
          fill: style.fillOpacity === 0 ? "none" : colour,
          "fill-opacity": style.fillOpacity === 0 ? undefined : style.fillOpacity * o.wedgeOpacity,
          stroke: style.dashed ? colour : o.colours.outline,
          "stroke-width": style.dashed ? 1.2 : 0.6,
          "stroke-dasharray": style.dashed ? "2.5 1.5" : undefined,
          "stroke-linejoin": "round",
        }),
      );
    }
    for (const s of group) {
      const [x, y] = proj.project(s.geometry.coordinates);
      dots.push(el("circle", { cx: x, cy: y, r: 1.8, fill: o.colours.outline }));
    }
  }
  const phaseRows = order.map((phase): LegendRow => {
    const group = shown.filter((s) => phaseKey(s) === phase);
    const techs = TECHNOLOGIES.filter((t) => group.some((s) => s.properties.sectors.some((sec) => sec.cells.some((c) => technologyOf(c.band) === t))));
    const name = phase === NO_PHASE ? "no phase" : (o.phaseLabels[phase] ?? phase);
    return {
      swatch: wedgeSwatch(colourOf.get(phase)!, o.wedgeOpacity, o.colours.outline, false),
      label: `${name} — ${techs.join(", ")}`,
      note: `${group.length} site${group.length === 1 ? "" : "s"}`,
    };
  });
  const statuses = STATUS_ORDER.filter((st) => shown.some((s) => s.properties.status === st));
  const statusRows =
    statuses.length === 0 || (statuses.length === 1 && statuses[0] === "planned")
      ? []
      : statuses.map((st): LegendRow => {
          const style = STATUS_STYLES[st];
          const grey = o.noPhaseColour;
          return {
            swatch: style.dashed ? wedgeSwatch("none", 1, grey, true) : wedgeSwatch(grey, style.fillOpacity * o.wedgeOpacity, o.colours.outline, false),
            label: style.label,
            note: String(shown.filter((s) => s.properties.status === st).length),
          };
        });
  return { svg: el("g", { class: "sites" }, [...parts, ...dots]), phaseRows, statusRows, siteCount: shown.length };
}

/** One wedge per site, azimuth and beamwidth: co-sited sectors of several technologies draw once. */
function dedupe(wedges: readonly Feature<Polygon, WedgeProperties>[]): Feature<Polygon, WedgeProperties>[] {
  const seen = new Set<string>();
  return wedges.filter((w) => {
    const key = `${w.properties.siteId}\u0000${w.properties.azimuthDeg}\u0000${w.properties.beamwidthDeg}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

