import { describe, expect, it } from "vitest";
import { attempt, prototypeKeys } from "./boundaries.js";
import { buildArg, loadFixtures } from "./fixture-args.js";

const fixtures = loadFixtures();

describe("found-and-fixed regressions (test/fixtures/robustness)", () => {
  it("has a fixture for each fix, each naming what it guards and how it failed before", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    for (const f of fixtures) {
      expect(f.guards, f.name).toMatch(/\S/);
      expect(f.before, f.name).toMatch(/\S/);
      expect(f.fixedIn, f.name).toMatch(/^src\//);
    }
  });

  for (const f of fixtures) {
    it(`${f.name}: ${f.guards}`, () => {
      const before = prototypeKeys();
      const err = attempt(f.boundary, f.args.map(buildArg));
      expect(err, `${f.boundary} accepted it`).toBeDefined();
      expect(err!.code).toBe(f.expect.code);
      expect(err!.problems).toEqual(expect.arrayContaining(f.expect.problems.map((p) => expect.objectContaining(p))));
      if (f.expect.maxMessageLength !== undefined) expect(err!.message.length).toBeLessThan(f.expect.maxMessageLength);
      expect(prototypeKeys()).toEqual(before);
      expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    });
  }
});
