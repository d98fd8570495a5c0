import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { deygoutCore, deygoutScratch, vOf, type GapTest } from "../../src/terrain/deygout-core.js";
import { deygoutHull3 } from "../../src/terrain/deygout-hull.js";
import { KNIFE_EDGE_V_MIN, knifeEdgeLossDb, knifeEdgeLossRaw } from "../../src/terrain/knife-edge.js";

/**
 * `deygoutHull3` is `deygoutCore` with the distinct rule and an edge budget of 3, bit for bit:
 * every property compares the two with Object.is (or compares the errors both throw).
 */

/** The samples between consecutive points, as the radial sweep's gap test reads them. */
class SampleGaps implements GapTest {
  constructor(
    /** Every sample of the path (x, z), the points among them. */
    private readonly xs: Float64Array,
    private readonly zs: Float64Array,
    /** Point i is sample steps[i]. */
    private readonly steps: Int32Array,
  ) {}

  dips(g: number, xa: number, za: number, xb: number, zb: number, k2: number, minV: number, fromEnd: boolean): boolean {
    const first = this.steps[g]! + 1;
    const last = this.steps[g + 1]! - 1;
    const span = xb - xa;
    for (let i = 0; i <= last - first; i++) {
      const k = fromEnd ? last - i : first + i;
      if (!(vOf(this.zs[k]!, this.xs[k]!, xa, za, xb, zb, span, k2) > minV)) return true;
    }
    return false;
  }
}

/** A gap test that ignores the geometry: gap g dips when bit g of `mask` is set (tests the bookkeeping alone). */
class MaskGaps implements GapTest {
  constructor(private readonly mask: number) {}
  dips(g: number): boolean {
    return ((this.mask >>> g) & 1) === 1;
  }
}

interface Case {
  x: Float64Array;
  z: Float64Array;
  n: number;
  gaps: GapTest | null;
  lambda: number;
  minV: number;
}

type Outcome = { loss: number } | { code: string; problems: unknown };

function outcome(fn: () => number): Outcome {
  try {
    return { loss: fn() };
  } catch (e) {
    if (e instanceof CellplanError) return { code: e.code, problems: e.problems };
    throw e;
  }
}

const core = (c: Case) => () => deygoutCore({ x: c.x, z: c.z, n: c.n, gaps: c.gaps }, c.lambda, c.minV, true, deygoutScratch(3));
const hull = (c: Case) => () => deygoutHull3(c.x, c.z, c.n, c.gaps, c.lambda, c.minV);

/** Both give the same bits, or both throw the same problem. */
function expectSame(c: Case): void {
  const want = outcome(core(c));
  const got = outcome(hull(c));
  if ("loss" in want && "loss" in got) {
    if (!Object.is(got.loss, want.loss)) expect(got.loss).toBe(want.loss); // Object.is failed: show both
    expect(Object.is(got.loss, want.loss)).toBe(true);
  } else expect(got).toEqual(want);
}

const arbMinV = fc.constantFrom(0, -0, KNIFE_EDGE_V_MIN, -0.5, 0.3);
const arbLambda = fc.constantFrom(0.0375, 0.1, 0.3331, 1, 2.5);

/**
 * The upper hull of the antenna tips and the samples between them (vertices on the line from
 * their predecessor to the next are dropped, as the radial sweep drops them): the points of a
 * radial query, every interior point above the line between the tips.
 */
function hullCase(ground: number[], stepM: number, txH: number, rxH: number, rxFrac: number, bulge: number, lambda: number, minV: number): Case {
  const m = ground.length; // samples 0 … m−1; sample 0 the Tx tip, then m−2 terrain samples, then the Rx tip
  const xs = new Float64Array(m);
  const zs = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    xs[k] = k === m - 1 ? (m - 2 + rxFrac) * stepM : k * stepM;
    zs[k] = ground[k]! - xs[k]! * xs[k]! * bulge;
  }
  zs[0] = zs[0]! + txH;
  zs[m - 1] = zs[m - 1]! + rxH;
  const stack: number[] = [];
  for (let k = 0; k < m; k++) {
    while (stack.length >= 2) {
      const a = stack[stack.length - 2]!;
      const b = stack[stack.length - 1]!;
      // b on or below the line a → k: drop it
      if ((zs[b]! - zs[a]!) * (xs[k]! - xs[a]!) <= (zs[k]! - zs[a]!) * (xs[b]! - xs[a]!)) stack.pop();
      else break;
    }
    stack.push(k);
  }
  const n = stack.length;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const steps = new Int32Array(n);
  stack.forEach((k, i) => {
    x[i] = xs[k]!;
    z[i] = zs[k]!;
    steps[i] = k;
  });
  return { x, z, n, gaps: new SampleGaps(xs, zs, steps), lambda, minV };
}

const arbHull = fc.oneof(
  fc
    .record({
      ground: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 4, maxLength: 48 }),
      stepM: fc.constantFrom(1, 30, 90, 12.5),
      txH: fc.integer({ min: 0, max: 15 }),
      rxH: fc.integer({ min: 0, max: 10 }),
      rxFrac: fc.constantFrom(1, 1.5, 2, 1.25),
      bulge: fc.constantFrom(0, 1 / (2 * (4 / 3) * 6_371_000)),
      lambda: arbLambda,
      minV: arbMinV,
    })
    .map((r) => hullCase(r.ground, r.stepM, r.txH, r.rxH, r.rxFrac, r.bulge, r.lambda, r.minV)),
  // mirror images about the middle sample: ties in v between the left and right sub-paths
  fc
    .record({
      half: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 24 }),
      middle: fc.integer({ min: 0, max: 50 }),
      stepM: fc.constantFrom(1, 30, 12.5),
      h: fc.integer({ min: 0, max: 10 }),
      lambda: arbLambda,
      minV: arbMinV,
    })
    .map((r) => hullCase([...r.half, r.middle, ...[...r.half].reverse()], r.stepM, r.h, r.h, 1, 0, r.lambda, r.minV)),
);

/** Any points in increasing x (a zero step makes v non-finite); no gaps, or a mask gap test (all set: every point its own obstacle). */
const arbAny = fc
  .record({
    dx: fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 20, arbitrary: fc.double({ min: 1e-3, max: 5e3, noNaN: true }) }), { minLength: 2, maxLength: 9 }),
    z: fc.array(fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -500, max: 500, noNaN: true })), { minLength: 10, maxLength: 10 }),
    gaps: fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 1023 }).map((m) => new MaskGaps(m)), fc.constant(new MaskGaps(1023))),
    lambda: arbLambda,
    minV: fc.oneof(arbMinV, fc.double({ min: -3, max: 3, noNaN: true })),
  })
  .map((r): Case => {
    const n = r.dx.length + 1;
    const x = new Float64Array(n);
    for (let i = 1; i < n; i++) x[i] = x[i - 1]! + r.dx[i - 1]!;
    const z = Float64Array.from(r.z.slice(0, n));
    return { x, z, n, gaps: r.gaps, lambda: r.lambda, minV: r.minV };
  });

describe("deygoutHull3 — the same bits as deygoutCore(…, true, deygoutScratch(3))", () => {
  it("on radial hulls with the samples between the points as gaps", () => {
    fc.assert(fc.property(arbHull, expectSame), { numRuns: 3000 });
  });

  it("on any points, without gaps or with a gap test that ignores the geometry, errors included", () => {
    fc.assert(fc.property(arbAny, expectSame), { numRuns: 3000 });
  });

  it("on three points, grazing ones included", () => {
    const arb = fc.record({
      x1: fc.constantFrom(1, 500, 999),
      z: fc.tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 })),
      lambda: arbLambda,
      minV: arbMinV,
    });
    fc.assert(
      fc.property(arb, ({ x1, z, lambda, minV }) => {
        expectSame({ x: Float64Array.of(0, x1, 1000), z: Float64Array.from(z), n: 3, gaps: null, lambda, minV });
      }),
    );
  });
});

describe("deygoutHull3 — cases worked by construction", () => {
  const scratch = deygoutScratch(3);

  it("gives 0 for a clear path and for fewer than three points", () => {
    const c: Case = { x: Float64Array.of(0, 500, 1000), z: Float64Array.of(10, -20, 10), n: 3, gaps: null, lambda: 1, minV: KNIFE_EDGE_V_MIN };
    expect(Object.is(deygoutHull3(c.x, c.z, 3, null, 1, KNIFE_EDGE_V_MIN), 0)).toBe(true);
    expect(Object.is(deygoutHull3(c.x, c.z, 2, null, 1, KNIFE_EDGE_V_MIN), 0)).toBe(true);
    expectSame(c);
  });

  it("takes a grazing principal edge (v = 0) only when minV < 0", () => {
    const x = Float64Array.of(0, 400, 1000);
    const z = Float64Array.of(0, 0, 0);
    expect(deygoutHull3(x, z, 3, null, 1, 0)).toBe(0);
    expect(deygoutHull3(x, z, 3, null, 1, KNIFE_EDGE_V_MIN)).toBe(knifeEdgeLossDb(0));
    for (const minV of [0, -0, KNIFE_EDGE_V_MIN]) expectSame({ x, z, n: 3, gaps: null, lambda: 1, minV });
  });

  it("breaks a tie in the principal edge's v by the first point", () => {
    // two equal peaks symmetric about the middle: the same v against the line between the tips
    const x = Float64Array.of(0, 300, 500, 700, 1000);
    const z = Float64Array.of(0, 20, 5, 20, 0);
    const c: Case = { x, z, n: 5, gaps: null, lambda: 1, minV: KNIFE_EDGE_V_MIN };
    deygoutCore(c, 1, c.minV, true, scratch);
    expect(scratch.edgeIdx[0]).toBe(1);
    expectSame(c);
  });

  it("sums a tie between the two sub-path edges left first", () => {
    // symmetric about x = 1000: the left and right sub-path edges have the same v (the gaps dip,
    // so points 1 and 3 are obstacles of their own, not part of the principal's run)
    const x = Float64Array.of(0, 400, 1000, 1600, 2000);
    const z = Float64Array.of(0, 25, 40, 25, 0);
    for (const minV of [0, KNIFE_EDGE_V_MIN]) {
      const c: Case = { x, z, n: 5, gaps: new MaskGaps(0b1111), lambda: 0.5, minV };
      deygoutCore(c, c.lambda, minV, true, scratch);
      expect(scratch.edges).toBe(3);
      expect(Object.is(scratch.edgeV[1], scratch.edgeV[2])).toBe(true);
      expect(scratch.edgeIdx[1]).toBe(1);
      expectSame(c);
    }
  });

  it("goes one level deeper when only one sub-path has an edge", () => {
    // every gap dips, so each point is an obstacle of its own; the principal is point 3, the left
    // sub-path's edge point 1, the right sub-path (point 4 below its line) has none: the third
    // edge is point 2, between points 1 and 3; mirrored, the same on the right
    const x = Float64Array.of(0, 200, 400, 600, 800, 1000);
    for (const [z, idx] of [
      [Float64Array.of(0, 30, 45, 50, 0, 0), [3, 1, 2]],
      [Float64Array.of(0, 0, 50, 45, 30, 0), [2, 4, 3]],
    ] as const) {
      const c: Case = { x, z, n: 6, gaps: new MaskGaps(0b11111), lambda: 1, minV: 0 };
      deygoutCore(c, 1, 0, true, scratch);
      expect(scratch.edges).toBe(3);
      expect([...scratch.edgeIdx]).toEqual(idx);
      expect([...scratch.edgeLevel]).toEqual([0, 1, 2]);
      expectSame(c);
    }
  });

  it("skips the principal edge's own run unless a gap sample dips between them", () => {
    // a rounded top: points 1–3 form one obstacle against each sub-path unless gap 1 (between
    // points 1 and 2) dips, which makes point 1 a separate edge of the left sub-path
    const x = Float64Array.of(0, 900, 1000, 1100, 2000);
    const z = Float64Array.of(0, 48, 50, 48, 0);
    for (const mask of [0, 0b10, 0b100, 0b110]) {
      const c: Case = { x, z, n: 5, gaps: new MaskGaps(mask), lambda: 1, minV: 0 };
      deygoutCore(c, 1, 0, true, scratch);
      expect(scratch.edges).toBe(1 + ((mask >> 1) & 1) + ((mask >> 2) & 1));
      expectSame(c);
    }
  });

  it("throws the core's error for the first point whose v is not finite", () => {
    // points 2 and 3 at the same x: v is infinite on the sub-path Tx → point 3
    const x = Float64Array.of(0, 200, 500, 500, 1000);
    const z = Float64Array.of(0, 30, 10, 60, 0);
    const c: Case = { x, z, n: 5, gaps: null, lambda: 1, minV: 0 };
    const want = outcome(core(c));
    expect(want).toMatchObject({ code: "INVALID_VALUE" });
    expect(outcome(hull(c))).toEqual(want);
    // and on the main line (the Rx at the Tx's distance)
    const d: Case = { x: Float64Array.of(0, 0, 0), z: Float64Array.of(0, 1, 0), n: 3, gaps: null, lambda: 1, minV: 0 };
    expect(outcome(hull(d))).toEqual(outcome(core(d)));
    expect(outcome(hull(d))).toMatchObject({ code: "INVALID_VALUE", problems: [{ field: "profile.distancesM[1]" }] });
  });
});

describe("knifeEdgeLossRaw", () => {
  it("gives the bits of knifeEdgeLossDb for every finite v", () => {
    const arbV = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ min: -2, max: 10, noNaN: true }), fc.constantFrom(KNIFE_EDGE_V_MIN, -0, 0, 0.1, 1e150, 1.0000000000000002e150));
    fc.assert(
      fc.property(arbV, (v) => {
        expect(Object.is(knifeEdgeLossRaw(v), knifeEdgeLossDb(v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
