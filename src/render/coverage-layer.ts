import type { Feature, MultiPolygon, Polygon } from "geojson";
import { fail } from "../errors.js";
import type { IsobandProperties } from "./layers.js";
import { boxSwatch, type LegendSection } from "./legend.js";
import type { ResolvedRenderOptions } from "./options.js";
import type { FittedProjection } from "./projection.js";
import { rampColours } from "./ramp.js";
import { el, num } from "./svg.js";

type Isoband = Feature<Polygon | MultiPolygon, IsobandProperties>;

const MINUS = "\u2212";
/** A dBm figure with a typographic minus sign. */
export function formatDbm(x: number): string {
  return num(x, 1).replace("-", MINUS);
}

/**
 * Isobands filled along the viridis ramp by threshold rank (weakest darkest), drawn weakest
 * first so nested (cumulative) contours stack, and their legend section: strongest band on top,
 * each labelled with its range and area, then the "below the lowest threshold" row.
 */
export function coverageLayer(bands: readonly Isoband[], proj: FittedProjection, o: ResolvedRenderOptions): { svg: string; legend: LegendSection } {
  const thresholds = [...new Set(bands.map((b) => b.properties.thresholdDbm))].sort((a, b) => a - b);
  const colours = rampColours(thresholds.length, o.rampFrom, o.rampTo);
  const colourOf = (t: number) => colours[thresholds.indexOf(t)]!;
  const sorted = [...bands].sort((a, b) => a.properties.thresholdDbm - b.properties.thresholdDbm);
  const paths = sorted.map((b) =>
    el("path", { d: proj.path(b) ?? "", fill: colourOf(b.properties.thresholdDbm), "fill-opacity": o.isobandOpacity, "fill-rule": "evenodd", stroke: "none" }),
  );
  const quantities = [...new Set(bands.map((b) => b.properties.quantity).filter((q): q is string => q !== undefined))];
  if (o.quantityLabel === undefined && quantities.length > 1) {
    fail("INVALID_VALUE", "isobands.features[].properties.quantity", quantities.join(", "), "one measured quantity per map (or pass options.quantityLabel)");
  }
  const quantity = o.quantityLabel ?? quantities[0] ?? "Received power";
  const bandNames = [...new Set(bands.flatMap((b) => b.properties.bands ?? []))];
  const rows = [...sorted].reverse().map((b) => {
    const p = b.properties;
    const upper = p.upperDbm ?? null;
    return {
      swatch: boxSwatch(colourOf(p.thresholdDbm), o.isobandOpacity),
      label: upper === null ? `≥ ${formatDbm(p.thresholdDbm)}` : `${formatDbm(p.thresholdDbm)} to ${formatDbm(upper)}`,
      ...(p.areaKm2 === undefined ? {} : { note: `${p.areaKm2.toFixed(1)} km²` }),
    };
  });
  if (thresholds.length > 0) {
    rows.push({ swatch: boxSwatch(o.colours.inside, 1, o.colours.districtStroke), label: `< ${formatDbm(thresholds[0]!)}: not covered` });
  }
  return {
    svg: el("g", { class: "isobands" }, paths),
    legend: {
      heading: `Coverage: ${quantity}, dBm`,
      ...(bandNames.length > 0 ? { subheading: `bands: ${bandNames.join(", ")}` } : {}),
      rows,
    },
  };
}
