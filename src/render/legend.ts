import { el, num, textEl } from "./svg.js";
import { textWidthPx, wrapText } from "./text.js";

/** One legend row: a swatch (SVG drawn in a 24 × 14 box at the origin), a label and an optional note. */
export interface LegendRow {
  swatch: string;
  label: string;
  /** Right-aligned figure, e.g. an area or a site count. */
  note?: string;
}

export interface LegendSection {
  heading: string;
  /** Smaller lines under the heading (bands, units). */
  subheading?: string;
  rows: readonly LegendRow[];
}

export interface LegendStyle {
  fontSizePx: number;
  colour: string;
  mutedColour: string;
}

export const SWATCH_WIDTH = 24;
export const SWATCH_HEIGHT = 14;
const SWATCH_GAP = 8;

/** A filled box swatch. */
export function boxSwatch(fill: string, opacity: number, stroke?: string): string {
  return el("rect", { x: 0.5, y: 0.5, width: SWATCH_WIDTH - 1, height: SWATCH_HEIGHT - 1, fill, "fill-opacity": opacity === 1 ? undefined : opacity, stroke: stroke ?? "none", "stroke-width": stroke ? 1 : undefined });
}

/** A sector-wedge swatch (apex left, opening right), as sites are drawn. */
export function wedgeSwatch(fill: string, fillOpacity: number, stroke: string, dashed: boolean): string {
  const d = "M3,7 L21,1.5 A14,14 0 0 1 21,12.5 Z";
  return el("path", {
    d,
    fill,
    "fill-opacity": fillOpacity === 1 ? undefined : fillOpacity,
    stroke,
    "stroke-width": dashed ? 1.2 : 0.7,
    "stroke-dasharray": dashed ? "2.5 1.5" : undefined,
    "stroke-linejoin": "round",
  });
}

/**
 * Lays out one legend section from `(x, y)` (top-left) in a column `width` wide: heading, optional
 * subheading, then one row per entry, labels wrapped to the column. Returns the SVG and the height
 * used, so sections can be stacked and checked against the space available.
 */
export function legendSectionSvg(section: LegendSection, x: number, y: number, width: number, style: LegendStyle): { svg: string; height: number } {
  const fs = style.fontSizePx;
  const line = fs * 1.3;
  const parts: string[] = [];
  let cy = y;
  for (const h of wrapText(section.heading, width, fs * 1.1)) {
    cy += line * 1.1;
    parts.push(textEl(x, cy - fs * 0.3, h, { "font-size": fs * 1.1, "font-weight": "bold", fill: style.colour }));
  }
  if (section.subheading) {
    for (const s of wrapText(section.subheading, width, fs * 0.92)) {
      cy += line * 0.95;
      parts.push(textEl(x, cy - fs * 0.3, s, { "font-size": fs * 0.92, fill: style.mutedColour }));
    }
  }
  cy += fs * 0.45;
  for (const row of section.rows) {
    const noteWidth = row.note ? textWidthPx(row.note, fs) + SWATCH_GAP : 0;
    const labelWidth = Math.max(fs * 3, width - SWATCH_WIDTH - SWATCH_GAP - noteWidth);
    const lines = wrapText(row.label, labelWidth, fs);
    const rowHeight = Math.max(SWATCH_HEIGHT + 6, lines.length * line + 4);
    parts.push(el("g", { transform: `translate(${num(x)} ${num(cy + 1)})` }, row.swatch));
    lines.forEach((l, k) => parts.push(textEl(x + SWATCH_WIDTH + SWATCH_GAP, cy + fs + k * line - 0.5, l, { "font-size": fs, fill: style.colour })));
    if (row.note) parts.push(textEl(x + width, cy + fs - 0.5, row.note, { "font-size": fs, fill: style.mutedColour, "text-anchor": "end" }));
    cy += rowHeight;
  }
  return { svg: el("g", { class: "legend-section" }, parts), height: cy - y };
}
