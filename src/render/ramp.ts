/**
 * Colour ramps. `viridis` is a perceptually uniform, colour-blind-safe sequential ramp: lightness
 * rises monotonically from dark purple to yellow, so a stronger signal always reads as a lighter
 * colour, also in greyscale print.
 */

/**
 * Viridis anchors: every 16th entry of the 256-entry viridis table (entries 0, 16, …, 240 and
 * 255), 8-bit sRGB. Source: the viridis colormap by van der Walt, Smith and Firing for matplotlib
 * 2.0 (BIDS/colormap `option_d.py`, CC0; "A better default colormap for Matplotlib", SciPy 2015).
 */
export const VIRIDIS_ANCHORS: readonly string[] = [
  "#440154", "#48186a", "#472d7b", "#424086", "#3b528b", "#33638d", "#2c728e", "#26828e", "#21918c",
  "#1fa088", "#28ae80", "#3fbc73", "#5ec962", "#84d44b", "#addc30", "#d8e219", "#fde725",
];
/** Position of each anchor on [0, 1] (table index / 255). */
const VIRIDIS_POSITIONS: readonly number[] = VIRIDIS_ANCHORS.map((_, k) => Math.min(16 * k, 255) / 255);

function rgbOf(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hexOf(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/**
 * Viridis at `t` in [0, 1] (clamped) as `#rrggbb`: linear interpolation in sRGB between the
 * anchors (between two anchors the table bends little: a few 8-bit levels at most).
 */
export function viridis(t: number): string {
  if (Number.isNaN(t)) throw new RangeError("cellplan viridis: t is NaN");
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t;
  let k = 0;
  while (k < VIRIDIS_POSITIONS.length - 2 && x > VIRIDIS_POSITIONS[k + 1]!) k++;
  const p0 = VIRIDIS_POSITIONS[k]!;
  const p1 = VIRIDIS_POSITIONS[k + 1]!;
  const u = (x - p0) / (p1 - p0);
  const a = rgbOf(VIRIDIS_ANCHORS[k]!);
  const b = rgbOf(VIRIDIS_ANCHORS[k + 1]!);
  return hexOf(a.map((c, i) => c + (b[i]! - c) * u));
}

/**
 * `n` colours spread evenly over `[from, to]` of the viridis ramp, weakest first. One colour
 * takes the ramp's top end.
 */
export function rampColours(n: number, from = 0, to = 1): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`cellplan rampColours: n must be a non-negative integer, got ${n}`);
  if (n === 1) return [viridis(to)];
  return Array.from({ length: n }, (_, k) => viridis(from + ((to - from) * k) / (n - 1)));
}

/**
 * Okabe–Ito qualitative palette, distinguishable under the common colour-vision deficiencies
 * (Okabe & Ito, "Color Universal Design", 2008; the order here puts the colours that stand out
 * best against viridis first). Used for rollout phases.
 */
export const OKABE_ITO: readonly string[] = ["#d55e00", "#0072b2", "#cc79a7", "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#000000"];

/** Grey for sites without a phase. */
export const NO_PHASE_COLOUR = "#8c8c8c";
