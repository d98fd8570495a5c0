import { el, num, textEl } from "./svg.js";

/** The largest 1, 2 or 5 × 10ⁿ metres not above `maxM` (a "nice" scale-bar length). */
export function niceScaleLengthM(maxM: number): number {
  if (!(maxM > 0) || !Number.isFinite(maxM)) throw new RangeError(`cellplan niceScaleLengthM: maxM must be positive, got ${maxM}`);
  const p = 10 ** Math.floor(Math.log10(maxM));
  for (const m of [5, 2, 1]) if (m * p <= maxM * (1 + 1e-12)) return m * p;
  return p;
}

/** A distance as a label: metres below 1 km, else kilometres ("250 m", "2.5 km"). */
export function formatDistance(m: number, unit: "m" | "km" = m >= 1000 ? "km" : "m"): string {
  return unit === "km" ? `${num(m / 1000, 3)} km` : `${num(m, 1)} m`;
}

export interface ScaleBarOptions {
  x: number;
  /** Baseline of the bar's labels; the bar sits just below it. */
  y: number;
  metresPerPixel: number;
  maxWidthPx: number;
  fontSizePx: number;
  colour: string;
  background: string;
}

/**
 * A scale bar of four alternating segments, labelled at 0, half and full length. The length is
 * the largest nice distance that fits `maxWidthPx` at the given scale. Returns the SVG and its
 * size.
 */
export function scaleBarSvg(o: ScaleBarOptions): { svg: string; width: number; height: number; lengthM: number } {
  const lengthM = niceScaleLengthM(o.maxWidthPx * o.metresPerPixel);
  const widthPx = lengthM / o.metresPerPixel;
  const unit = lengthM >= 1000 ? "km" : "m";
  const barY = o.y + 4;
  const barH = 6;
  const parts: string[] = [];
  for (let k = 0; k < 4; k++) {
    parts.push(el("rect", { x: o.x + (k * widthPx) / 4, y: barY, width: widthPx / 4, height: barH, fill: k % 2 === 0 ? o.colour : o.background }));
  }
  parts.push(el("rect", { x: o.x, y: barY, width: widthPx, height: barH, fill: "none", stroke: o.colour, "stroke-width": 1 }));
  const label = (m: number, at: number, anchor: string, withUnit: boolean) =>
    textEl(at, o.y, withUnit ? formatDistance(m, unit) : num(unit === "km" ? m / 1000 : m, 3), { "text-anchor": anchor, "font-size": o.fontSizePx });
  parts.push(label(0, o.x, "start", false), label(lengthM / 2, o.x + widthPx / 2, "middle", false), label(lengthM, o.x + widthPx, "middle", true));
  return { svg: el("g", { class: "scale-bar" }, parts), width: widthPx, height: barH + 4, lengthM };
}
