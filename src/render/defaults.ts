import { NO_PHASE_COLOUR, OKABE_ITO } from "./ramp.js";

/**
 * Every default of the map renderer (`renderMapSvg`, `renderPhaseMapSvg`), listed in the README.
 * Sizes are SVG user units (pixels at scale 1).
 */
export const RENDER_DEFAULTS = {
  width: 1200,
  height: 900,
  title: "cellplan map",
  /** Second header line (empty: none). */
  subtitle: "",
  /**
   * Source credits printed at the foot of the map (a string, or parts joined with " · "). The
   * default credits the data shipped for the Almaty scenario; pass your own for other data.
   */
  attribution: "© OpenStreetMap contributors (ODbL) · Kontur Population (CC BY 4.0) · SRTM (public domain)" as string | readonly string[],
  /** Decimals of path coordinates (d3-geo `path.digits`): 1 = 0.1 px, deterministic and compact. */
  digits: 1,
  marginPx: 16,
  /** Width of the legend column on the right of the map. */
  sidebarWidthPx: 290,
  /** Gap between the map frame and the fitted geometry. */
  mapPaddingPx: 12,
  /** CSS font list: DejaVu Sans ships with most Linux systems, Verdana/Arial elsewhere. */
  fontFamily: "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif",
  fontSizePx: 12,
  titleSizePx: 22,
  subtitleSizePx: 14,
  attributionSizePx: 11,
  districtLabelSizePx: 11,
  /** Label districts at their centroid, with the first of these properties that is a string. */
  districtLabels: true,
  districtLabelKeys: ["name", "nameEn", "id"] as readonly string[],
  /** Part of the viridis ramp used for isobands, weakest to strongest threshold. */
  rampFrom: 0,
  rampTo: 1,
  isobandOpacity: 0.72,
  /** Sector wedges are drawn with this radius on the map, whatever the map's scale. */
  wedgeRadiusPx: 10,
  wedgeOpacity: 0.92,
  /** Colours of rollout phases, in phase order (cycled when there are more phases). */
  phaseColours: OKABE_ITO,
  noPhaseColour: NO_PHASE_COLOUR,
  /** Smallest ground span fitted into the map, m (a single site still gets a readable map). */
  minSpanM: 2000,
  /** Longest scale bar, px (its length is the largest 1, 2 or 5 × 10ⁿ m that fits). */
  scaleBarMaxPx: 180,
  /** Prefix of the ids inside the SVG (clip paths), to keep several maps apart on one page. */
  idPrefix: "cellplan",
  colours: {
    background: "#ffffff",
    /** Land outside the boundary. */
    outside: "#e8e6e1",
    /** Land inside the boundary, where no isoband lies. */
    inside: "#fbfaf7",
    districtStroke: "#8f8f8f",
    boundaryStroke: "#1f1f1f",
    text: "#1f1f1f",
    mutedText: "#5a5a5a",
    outline: "#1f1f1f",
    halo: "#ffffff",
  },
};

export type RenderColours = typeof RENDER_DEFAULTS.colours;
