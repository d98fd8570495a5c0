import fc from "fast-check";
import { fail } from "../errors.js";
import type { Dem } from "../terrain/dem.js";
import type { BBox } from "../units.js";
import { ARBITRARY_DEFAULTS, type Bounds } from "./defaults.js";
import { bounds, checkBBox } from "./options.js";

export interface DemOptions {
  /** Area the DEM's samples lie in (default: Almaty). */
  bbox?: BBox;
  /** Samples per side (default 2–12). */
  side?: Bounds;
  /** Sample spacing, degrees (default 1″–30″; narrowed so the DEM fits in `bbox`). */
  stepDeg?: Bounds;
  /** Heights, m (default −50–3500). */
  heightM?: Bounds;
  /** Sample type (default: either). */
  type?: "int16" | "float32" | "either";
  /**
   * A box the DEM's samples must cover (with at least one sample beyond each edge) instead of lying
   * inside `bbox`; `stepDeg` is then ignored and the side is at least 4.
   */
  cover?: BBox;
  /** Mark some samples as voids (`nodata` −32768 for int16, NaN for float32); never all of them (default false). */
  voids?: boolean;
}

const INT16_NODATA = -32768;

/**
 * A DEM (`Dem`) whose samples all lie inside `bbox`: 2–12 samples a side of random heights by
 * default. Shrinks toward a 2 × 2 int16 DEM at the box's north-west corner.
 */
export function arbDem(options: DemOptions = {}): fc.Arbitrary<Dem> {
  const [w, s, e, n] = checkBBox("bbox", options.bbox ?? ARBITRARY_DEFAULTS.bbox);
  const cover = options.cover === undefined ? undefined : checkBBox("cover", options.cover);
  const side = bounds("side", options.side, cover ? { min: 4, max: 8 } : ARBITRARY_DEFAULTS.demSide, cover ? 4 : 2, 4096, true);
  const step = bounds("stepDeg", options.stepDeg, ARBITRARY_DEFAULTS.demStepDeg, 1e-9, 180);
  const height = bounds("heightM", options.heightM, ARBITRARY_DEFAULTS.demHeightM, -32767, 32767);
  const type = options.type ?? "either";
  if (type !== "int16" && type !== "float32" && type !== "either") fail("INVALID_VALUE", "type", type, '"int16", "float32" or "either"');
  const types = type === "either" ? (["int16", "float32"] as const) : ([type] as const);
  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const shape = fc.record({ width: fc.integer(side), height: fc.integer(side), type: fc.constantFrom(...types), uLon: unit, uLat: unit, uX: unit, uY: unit });
  return shape.chain((sh) => {
    const count = sh.width * sh.height;
    const sample = sh.type === "int16" ? fc.integer({ min: Math.ceil(height.min), max: Math.floor(height.max) }) : fc.double({ min: Math.fround(height.min), max: Math.fround(height.max), noNaN: true });
    const heights = fc.array(sample, { minLength: count, maxLength: count });
    const voids = options.voids ? fc.array(fc.boolean(), { minLength: count, maxLength: count }) : fc.constant([] as boolean[]);
    return fc.tuple(heights, voids).map(([hs, vs]) => {
      const { originLon, originLat, stepLonDeg, stepLatDeg } = cover ? covering(cover, sh) : inside([w, s, e, n], step, sh);
      const nodata = sh.type === "int16" ? INT16_NODATA : NaN;
      const values = hs.map((h, i) => (vs[i] && i !== 0 ? nodata : h)); // sample 0 is never a void
      return {
        originLon,
        originLat,
        stepLonDeg,
        stepLatDeg,
        width: sh.width,
        height: sh.height,
        heights: sh.type === "int16" ? Int16Array.from(values) : Float32Array.from(values),
        nodata,
      };
    });
  });
}

/** A spacing in `range` no larger than `fit`, picked by `u` ∈ [0, 1]. */
function within(range: Required<Bounds>, fit: number, u: number): number {
  const hi = Math.min(range.max, fit);
  const lo = Math.min(range.min, hi);
  return lo + u * (hi - lo);
}

interface Shape {
  width: number;
  height: number;
  uLon: number;
  uLat: number;
  uX: number;
  uY: number;
}

/**
 * The largest spacing that keeps every sample inside the box (less 1e-8 of it, so rounding never puts
 * an edge sample outside), then a spacing within the option's range and an origin in the room left.
 */
function inside([w, s, e, n]: BBox, step: Required<Bounds>, sh: Shape) {
  const margin = 1e-8;
  const spanLon = (e - w) * (1 - 2 * margin);
  const spanLat = (n - s) * (1 - 2 * margin);
  const stepLonDeg = within(step, spanLon / (sh.width - 1), sh.uLon);
  const stepLatDeg = within(step, spanLat / (sh.height - 1), sh.uLat);
  return {
    stepLonDeg,
    stepLatDeg,
    originLon: w + (e - w) * margin + sh.uX * Math.max(0, spanLon - (sh.width - 1) * stepLonDeg),
    originLat: n - (n - s) * margin - sh.uY * Math.max(0, spanLat - (sh.height - 1) * stepLatDeg),
  };
}

/** Spacing so that width − 3 steps span the box, and an origin half a step to one step beyond its west / north edge. */
function covering([w, s, e, n]: BBox, sh: Shape) {
  const stepLonDeg = ((e - w) / (sh.width - 3)) * (1 + sh.uLon);
  const stepLatDeg = ((n - s) / (sh.height - 3)) * (1 + sh.uLat);
  return { stepLonDeg, stepLatDeg, originLon: w - stepLonDeg * (0.5 + sh.uX / 2), originLat: n + stepLatDeg * (0.5 + sh.uY / 2) };
}
