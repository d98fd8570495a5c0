import { el, num, textEl } from "./svg.js";

export interface NorthArrowOptions {
  /** Centre of the arrow. */
  cx: number;
  cy: number;
  /** Height of the arrow, px. */
  sizePx: number;
  /** Direction of true north, degrees clockwise from up (0 on a Mercator map). */
  angleDeg: number;
  fontSizePx: number;
  colour: string;
  background: string;
}

/** A north arrow: a split arrowhead (dark and light halves) with an "N" above, turned to true north. */
export function northArrowSvg(o: NorthArrowOptions): string {
  const h = o.sizePx / 2;
  const w = o.sizePx / 4;
  const p = (pts: [number, number][]) => pts.map(([x, y]) => `${num(x)},${num(y)}`).join(" ");
  const stroke = { stroke: o.colour, "stroke-width": 1, "stroke-linejoin": "round" };
  return el("g", { class: "north-arrow", transform: `translate(${num(o.cx)} ${num(o.cy)}) rotate(${num(o.angleDeg)})` }, [
    el("polygon", { points: p([[0, -h], [-w, h], [0, h * 0.55]]), fill: o.colour, ...stroke }),
    el("polygon", { points: p([[0, -h], [w, h], [0, h * 0.55]]), fill: o.background, ...stroke }),
    textEl(0, -h - 4, "N", { "text-anchor": "middle", "font-size": o.fontSizePx, "font-weight": "bold" }),
  ]);
}
