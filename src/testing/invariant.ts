/**
 * The error the invariant checkers throw: every violated invariant in one message, and as a list in
 * `problems`. Checkers throw rather than return a list, so a property that forgets to assert on the
 * result cannot pass by accident; catch the error to inspect `problems`.
 */
export class InvariantError extends Error {
  override readonly name = "InvariantError";
  readonly problems: readonly string[];

  constructor(subject: string, problems: readonly string[]) {
    super(`${subject}: ${problems.length} invariant${problems.length === 1 ? "" : "s"} violated\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

/**
 * Collects problems, folding per-element ones by kind ("at 120 pixels, first #5: …") so a broken
 * raster gives a short report.
 */
export class ProblemList {
  private readonly plain: string[] = [];
  private readonly folded = new Map<string, { count: number; first: string }>();

  add(problem: string): void {
    this.plain.push(problem);
  }

  /** A problem of kind `kind` at element `where` (`detail` is kept for the first occurrence only). */
  at(kind: string, where: string, detail: string): void {
    const f = this.folded.get(kind);
    if (f) f.count++;
    else this.folded.set(kind, { count: 1, first: `${where}: ${detail}` });
  }

  list(unit: string): string[] {
    const folded = [...this.folded].map(([kind, f]) => `${kind} — at ${f.count} ${unit}${f.count === 1 ? "" : "s"}, first ${f.first}`);
    return [...this.plain, ...folded];
  }

  /** Throws an `InvariantError` when any problem was found. */
  throwIfAny(subject: string, unit: string): void {
    const all = this.list(unit);
    if (all.length > 0) throw new InvariantError(subject, all);
  }
}

export function fmt(x: unknown): string {
  return typeof x === "number" && Object.is(x, -0) ? "-0" : String(x);
}
