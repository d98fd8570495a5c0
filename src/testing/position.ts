import fc from "fast-check";
import type { BBox, LonLat } from "../units.js";
import { ARBITRARY_DEFAULTS } from "./defaults.js";
import { checkBBox } from "./options.js";

export interface LonLatOptions {
  /** Area the positions lie in, edges included (default: Almaty, `ALMATY_BBOX`). */
  bbox?: BBox;
}

/** A finite double in `[min, max]` (it shrinks toward the end nearest 0). */
export function finiteIn(min: number, max: number): fc.Arbitrary<number> {
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Positions `[lon, lat]` inside `bbox`; they shrink toward its south-west corner (or 0 when inside). */
export function arbLonLat(options: LonLatOptions = {}): fc.Arbitrary<LonLat> {
  const [w, s, e, n] = checkBBox("bbox", options.bbox ?? ARBITRARY_DEFAULTS.bbox);
  return fc.tuple(finiteIn(w, e), finiteIn(s, n)) as fc.Arbitrary<LonLat>;
}
