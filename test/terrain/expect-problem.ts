import { expect } from "vitest";
import { CellplanError } from "../../src/errors.js";

/** Expects `f` to throw a CellplanError with this code and field, saying what is allowed. */
export function expectProblem(f: () => unknown, code: string, field: string): void {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(CellplanError);
  const err = caught as CellplanError;
  expect(err.code).toBe(code);
  expect(err.problems[0]!.field).toBe(field);
  expect(err.problems[0]!.allowed.length).toBeGreaterThan(0);
  expect(err.message).toContain(field);
}
