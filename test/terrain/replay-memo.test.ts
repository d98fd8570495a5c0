import { describe, expect, it } from "vitest";
import { replayed, ReplayMemo } from "../../src/terrain/replay-memo.js";
import type { TerrainTerm } from "../../src/terrain/term.js";

describe("ReplayMemo", () => {
  it("hands a group's later members the first member's values, over passes longer than its first arrays", () => {
    let calls = 0;
    const term: TerrainTerm = (lon, lat, _g, _dx, _dy, d) => {
      calls++;
      return lon * 1000 + lat + d / 7;
    };
    const memo = new ReplayMemo();
    const a = replayed(memo, 0, 0, term);
    const b = replayed(memo, 0, 1, term);
    const c = replayed(memo, 1, 2, term); // another group
    for (const n of [10, 3000, 70_000]) {
      calls = 0;
      for (let i = 0; i < n; i++) expect(a(i, 0.5, 0, 0, 0, i + 1)).toBe(term(i, 0.5, 0, 0, 0, i + 1));
      const recorded = Math.min(n, 1 << 16);
      expect(calls).toBe(2 * n);
      calls = 0;
      // the second member replays the record (calls beyond its capacity are computed)
      for (let i = 0; i < n; i++) expect(b(i, 0.5, 0, 0, 0, i + 1)).toBe(i * 1000 + 0.5 + (i + 1) / 7);
      expect(calls).toBe(n - recorded);
      // a call off the record is computed
      calls = 0;
      expect(b(-1, 0, 0, 0, 0, 3)).toBe(-1000 + 3 / 7);
      expect(calls).toBe(1);
      // another group starts its own record
      expect(c(1, 2, 0, 0, 0, 3)).toBe(1000 + 2 + 3 / 7);
    }
  });
});
