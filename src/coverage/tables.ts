import { horizontalLossRaw, verticalLossRaw } from "../antenna/sector.js";
import { fromDb } from "../math.js";

/**
 * Lookup tables that replace the per-evaluation transcendental maths for the common antennas
 * (3GPP sector and omni patterns without mechanical tilt): path loss and vertical-pattern loss by
 * squared distance on a logarithmic scale (`distanceSubsteps` samples per octave of d², indexed
 * from the float's exponent and mantissa bits, so no logarithm is taken), and horizontal-pattern
 * loss by the cosine of the angle off boresight. Without terrain they hold power ratios
 * (10^(−loss/10)), so a pixel's power in mW is a product of table reads and the raster needs no
 * logarithm or exponential per evaluation; with terrain (elevation and loss per point) they hold
 * dB. Linear interpolation;
 * `test/coverage/tables.test.ts` holds them within `TABLE_DEFAULTS.toleranceDb` of the exact
 * formulas. Points closer than `exactBelowM` use the exact formulas.
 */
export const TABLE_DEFAULTS = {
  /** Samples per octave of d² in the path-loss and vertical tables. */
  distanceSubsteps: 64,
  /** Below this distance the exact formulas are used (the curves are steepest near the mast). */
  exactBelowM: 50,
  /** Samples of the horizontal table over cos φ ∈ [−1, 1] (the table is shared by sectors with the same beam). */
  cosineSamples: 1024,
  /** The accuracy the tables are tested to, dB. */
  toleranceDb: 0.05,
};

export interface FastAntenna {
  gainDbi: number;
  /** A_m: cap on the combined horizontal + vertical loss. */
  capDb: number;
  /** SLA_v: cap on the vertical loss, applied after interpolation. */
  sideLobeDb: number;
  /** Vertical pattern, for evaluating it exactly when terrain sets the elevation per point (NaN beamwidth: none). */
  electricalTiltDeg: number;
  vBeamwidthDeg: number;
  sinAz: number;
  cosAz: number;
  /**
   * Linear tables (`linear`: the raster path without terrain) or dB tables (with terrain, where the
   * vertical pattern is evaluated per point and a terrain loss in dB is subtracted).
   */
  linear: boolean;
  /** Horizontal loss by cos φ — dB, or as a power ratio 10^(−loss/10) when `linear` — index (cos φ + 1)·scale; one extra sample so boresight needs no branch. */
  horizontal: Float32Array;
  hScale: number;
  /** Path loss, vertical loss (dB, or as ratios 10^(−loss/10) when `linear`) and 1/d interleaved (stride 3), by position in log2(d²). */
  byDistance: Float64Array;
  /** A_m and SLA_v as power ratios 10^(−x/10) (the linear tables' caps become floors). */
  capRatio: number;
  sideLobeRatio: number;
  /** Smallest exponent of d² in the table. */
  e0: number;
  /** Per-cell scratch for reading a double's bits (no module-level state). */
  bits: Float64Array;
  words: Uint32Array;
}

/** Antenna parameters the fast path understands. */
export interface FastPattern {
  gainDbi: number;
  azimuthDeg: number;
  electricalTiltDeg: number;
  /** 3GPP horizontal beamwidth, or null for an omni. */
  hBeamwidthDeg: number | null;
  /** Vertical beamwidth, or null for none (isotropic in elevation). */
  vBeamwidthDeg: number | null;
  capDb: number;
  sideLobeDb: number;
}

const R2D = 180 / Math.PI;
export const SUB = TABLE_DEFAULTS.distanceSubsteps;
export const MANTISSA_SCALE = SUB / 2 ** 20;
/** Index of the high 32-bit word of a float64 in a Uint32Array view. */
export const HI_WORD = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1 ? 1 : 0;
const HI = HI_WORD;

/**
 * Horizontal tables by beam width, shared by the sectors of one coverage run. They hold the
 * *uncapped* loss 12·(φ/φ3dB)²: the cap A_m is applied once to the sum with the vertical loss
 * (min(min(H, A_m) + V, A_m) = min(H + V, A_m) for V ≥ 0), so no interpolation straddles a cap's
 * corner. The loss is convex in cos φ, so interpolation never undercuts a capped value.
 */
export type HorizontalTables = Map<string, Float32Array>;

/**
 * Tables shared by the cells of one coverage run: horizontal tables by beam width, and distance
 * tables by everything they depend on (the caller's key for the path-loss link, the heights, the
 * vertical beam and tilt, the reach): a site's sectors usually share one, built once.
 */
export interface SharedTables {
  horizontal: HorizontalTables;
  distance: Map<string, Float64Array>;
}

export function sharedTables(): SharedTables {
  return { horizontal: new Map(), distance: new Map() };
}

function horizontalTable(p: FastPattern, linear: boolean, shared: HorizontalTables): Float32Array {
  const { cosineSamples } = TABLE_DEFAULTS;
  const key = `${p.hBeamwidthDeg} ${linear}`;
  const hit = shared.get(key);
  if (hit) return hit;
  const table = new Float32Array(cosineSamples + 2);
  const hScale = cosineSamples / 2;
  if (p.hBeamwidthDeg !== null) {
    for (let k = 0; k <= cosineSamples; k++) {
      const c = Math.min(1, Math.max(-1, k / hScale - 1));
      const loss = horizontalLossRaw(Math.acos(c) * R2D, p.hBeamwidthDeg, Infinity);
      table[k] = linear ? fromDb(-loss) : loss; // far off boresight the ratio underflows to 0: A_m floors it
    }
    table[cosineSamples + 1] = table[cosineSamples]!;
  } else if (linear) table.fill(1);
  shared.set(key, table);
  return table;
}

/**
 * The tables of one cell: `linear` (the raster path without terrain: power ratios, so a pixel's
 * power and its mW are one product, no logarithm or exponential per evaluation) or in dB (with
 * terrain, `fastGainMinusLoss`).
 */
export function buildFastAntenna(
  p: FastPattern,
  dh: number,
  maxDistanceM: number,
  pathLoss: (d: number) => number,
  linear = false,
  shared: SharedTables = sharedTables(),
  pathLossKey?: string,
): FastAntenna {
  const { exactBelowM, cosineSamples } = TABLE_DEFAULTS;
  const horizontal = horizontalTable(p, linear, shared.horizontal);
  const hScale = cosineSamples / 2;
  const e0 = Math.floor(Math.log2(exactBelowM * exactBelowM));
  const key = pathLossKey === undefined ? undefined : JSON.stringify([pathLossKey, dh, maxDistanceM, linear, p.vBeamwidthDeg, p.electricalTiltDeg]);
  const byDistance = (key === undefined ? undefined : shared.distance.get(key)) ?? distanceTable(p, dh, maxDistanceM, pathLoss, linear, e0);
  if (key !== undefined) shared.distance.set(key, byDistance);
  const az = (p.azimuthDeg * Math.PI) / 180;
  const bits = new Float64Array(1);
  return {
    gainDbi: p.gainDbi,
    capDb: p.capDb,
    sideLobeDb: p.sideLobeDb,
    electricalTiltDeg: p.electricalTiltDeg,
    vBeamwidthDeg: p.vBeamwidthDeg ?? NaN,
    sinAz: Math.sin(az),
    cosAz: Math.cos(az),
    linear,
    horizontal,
    hScale,
    byDistance,
    capRatio: fromDb(-p.capDb),
    sideLobeRatio: fromDb(-p.sideLobeDb),
    e0,
    bits,
    words: new Uint32Array(bits.buffer),
  };
}

/** Path loss, vertical loss (dB or ratios) and 1/d by position in log2(d²) from 2^e0 out past `maxDistanceM`. */
function distanceTable(p: FastPattern, dh: number, maxDistanceM: number, pathLoss: (d: number) => number, linear: boolean, e0: number): Float64Array {
  const { exactBelowM } = TABLE_DEFAULTS;
  const e1 = Math.ceil(Math.log2(Math.max(maxDistanceM, exactBelowM * 2) ** 2)) + 1;
  const n = (e1 - e0) * SUB + 2;
  const byDistance = new Float64Array(3 * n);
  for (let k = 0; k < n; k++) {
    // sample k sits at d² = 2^(e0 + ⌊k/SUB⌋) · (1 + (k mod SUB)/SUB)
    const d = Math.sqrt(2 ** (e0 + Math.floor(k / SUB)) * (1 + (k % SUB) / SUB));
    const pl = pathLoss(d);
    // uncapped: SLA_v is applied after interpolation, so no sample pair straddles the cap's corner
    const av = p.vBeamwidthDeg === null ? 0 : verticalLossRaw(Math.atan2(dh, d) * R2D, p.electricalTiltDeg, p.vBeamwidthDeg, Infinity);
    byDistance[3 * k] = linear ? fromDb(-pl) : pl;
    byDistance[3 * k + 1] = linear ? fromDb(-av) : av;
    byDistance[3 * k + 2] = 1 / d;
  }
  return byDistance;
}

/** Position of d² in a distance table: SUB samples per octave, linear in the mantissa within an octave (no logarithm). */
export function tablePosition(f: FastAntenna, d2: number): number {
  f.bits[0] = d2;
  const hi = f.words[HI]!;
  return ((hi >>> 20) - 1023 - f.e0) * SUB + (hi & 0xfffff) * MANTISSA_SCALE;
}

/**
 * Gain − path loss toward (dx east, dy north), d² = dx² + dy² ≥ exactBelowM², from the dB tables
 * (terrain runs). With `elevationDeg` (terrain sets it per point) the vertical pattern is
 * evaluated exactly there instead of read from the distance table. `terrainGroupOverTile`
 * (tile-terrain.ts) repeats these expressions inline, in the same order (bit-identical results).
 */
export function fastGainMinusLoss(f: FastAntenna, dx: number, dy: number, d2: number, elevationDeg?: number): number {
  const x = tablePosition(f, d2);
  const i = x | 0;
  const t = x - i;
  const b = f.byDistance;
  const q = 3 * i;
  const pl = b[q]! + (b[q + 3]! - b[q]!) * t;
  const invD = b[q + 2]! + (b[q + 5]! - b[q + 2]!) * t;
  const y = ((dx * f.sinAz + dy * f.cosAz) * invD + 1) * f.hScale;
  const j = y | 0;
  const h = f.horizontal;
  const ah = h[j]! + (h[j + 1]! - h[j]!) * (y - j);
  const av =
    elevationDeg === undefined
      ? Math.min(b[q + 1]! + (b[q + 4]! - b[q + 1]!) * t, f.sideLobeDb)
      : Number.isNaN(f.vBeamwidthDeg)
        ? 0
        : verticalLossRaw(elevationDeg, f.electricalTiltDeg, f.vBeamwidthDeg, f.sideLobeDb);
  return f.gainDbi - Math.min(ah + av, f.capDb) - pl;
}

/**
 * Received power as a ratio to the cell's `scale` (10^((base + gain)/10), mW), from the linear
 * tables, toward (dx east, dy north), d² = dx² + dy² ≥ exactBelowM²:
 * max(H · max(V, SLA_v), A_m) / L(d), the 3GPP combination min(H + min(V, SLA_v), A_m) in ratios.
 * `groupOverTile` (tile-groups.ts) repeats these expressions inline, in the same order, so the
 * raster and `signalAt` agree bit for bit.
 */
export function fastPowerMw(f: FastAntenna, scale: number, dx: number, dy: number, d2: number): number {
  const x = tablePosition(f, d2);
  const i = x | 0;
  const t = x - i;
  const b = f.byDistance;
  const q = 3 * i;
  const pl = b[q]! + (b[q + 3]! - b[q]!) * t;
  const av = b[q + 1]! + (b[q + 4]! - b[q + 1]!) * t;
  const invD = b[q + 2]! + (b[q + 5]! - b[q + 2]!) * t;
  const y = ((dx * f.sinAz + dy * f.cosAz) * invD + 1) * f.hScale;
  const j = y | 0;
  const h = f.horizontal;
  const ah = h[j]! + (h[j + 1]! - h[j]!) * (y - j);
  return scale * (Math.max(ah * Math.max(av, f.sideLobeRatio), f.capRatio) * pl);
}
