/**
 * `CellplanError`: the one error type cellplan throws on bad input or impossible requests.
 *
 * Every error carries a stable `code` and one or more `problems`, each naming the feature (id or
 * index), the field path, the offending value and what is allowed. Validation collects *every*
 * problem in the input before throwing, so a planner fixes a file in one pass.
 */

/** Codes of individual problems. Stable: tools switch on them. */
export type ProblemCode =
  | "WRONG_TYPE"
  | "MISSING_FIELD"
  | "UNKNOWN_FIELD"
  | "FORBIDDEN_KEY"
  | "NOT_FINITE"
  | "COORDINATE_OUT_OF_RANGE"
  | "WRONG_GEOMETRY"
  | "DUPLICATE_ID"
  | "INVALID_ID"
  | "AZIMUTH_OUT_OF_RANGE"
  | "NEGATIVE_HEIGHT"
  | "HEIGHT_OUT_OF_RANGE"
  | "TILT_OUT_OF_RANGE"
  | "BEAMWIDTH_OUT_OF_RANGE"
  | "GAIN_OUT_OF_RANGE"
  | "POWER_OUT_OF_RANGE"
  | "UNKNOWN_BAND"
  | "UNKNOWN_ANTENNA"
  | "UNKNOWN_STATUS"
  | "MISSING_SECTORS"
  | "MISSING_CELLS"
  | "INVALID_VALUE"
  | "LIMIT_EXCEEDED"
  | "INVALID_DEM"
  | "INVALID_PATTERN"
  | "OUT_OF_VALIDITY"
  | "UNKNOWN_MODEL"
  | "GRID_TOO_LARGE"
  | "SOLVER_FAILED";

/** Codes of thrown errors: an aggregate for whole-document validation, or a single problem's code. */
export type CellplanErrorCode = "INVALID_SITES" | "INVALID_SCENARIO" | "IO_ERROR" | ProblemCode;

export interface Problem {
  code: ProblemCode;
  /** The site/feature id when the input has a usable one. */
  featureId?: string;
  /** Position of the feature in its collection. */
  featureIndex?: number;
  /** Path of the field inside the feature or document, e.g. `properties.sectors[0].azimuthDeg`. */
  field: string;
  /** The offending value (as given; may be `undefined` for a missing field). */
  value: unknown;
  /** What is allowed, in words a planner understands. */
  allowed: string;
}

export class CellplanError extends Error {
  override readonly name = "CellplanError";
  readonly code: CellplanErrorCode;
  readonly problems: readonly Problem[];

  /**
   * @param summary first line of the message (default: the problem count)
   * @param listed most problems written into the message; all of them stay in `problems`
   */
  constructor(code: CellplanErrorCode, problems: readonly Problem[], summary?: string, listed = Infinity) {
    const head = summary ?? (problems.length === 1 ? "" : `${problems.length} problems`);
    const lines = problems.slice(0, listed).map(formatProblem);
    if (problems.length > lines.length) lines.push(`… and ${problems.length - lines.length} more (see error.problems)`);
    const message =
      problems.length === 1 && !summary ? lines[0]! : [head, ...lines.map((l) => `  - ${l}`)].join("\n");
    super(message);
    this.code = code;
    this.problems = problems;
  }

  /** A single-problem error, the usual way to fail fast at an API boundary. */
  static of(problem: Problem): CellplanError {
    return new CellplanError(problem.code, [problem]);
  }
}

/** Throws a single-problem `CellplanError`. Typed `never` so it narrows at call sites. */
export function fail(code: ProblemCode, field: string, value: unknown, allowed: string, featureId?: string): never {
  throw CellplanError.of({ code, field, value, allowed, ...(featureId === undefined ? {} : { featureId }) });
}

export function isCellplanError(e: unknown): e is CellplanError {
  return e instanceof CellplanError;
}

export function formatProblem(p: Problem): string {
  const who =
    p.featureId !== undefined
      ? `feature "${truncate(p.featureId, 60)}"${p.featureIndex !== undefined ? ` (#${p.featureIndex})` : ""}`
      : p.featureIndex !== undefined
        ? `feature #${p.featureIndex}`
        : "";
  const where = who ? `${who} ${p.field || "(root)"}` : p.field || "(root)";
  return `${where}: ${describeValue(p.value)} — allowed: ${p.allowed} [${p.code}]`;
}

/** A short, safe rendering of any value for an error message (never throws, never huge). */
export function describeValue(value: unknown): string {
  if (value === undefined) return "missing";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(truncate(value, 80));
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === "object") {
    const keys = Object.keys(value);
    return `object {${keys.slice(0, 5).map((k) => truncate(k, 20)).join(", ")}${keys.length > 5 ? ", …" : ""}}`;
  }
  return typeof value;
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
