import { fail } from "../errors.js";
import { ID_PATTERN } from "../model/rules.js";
import { checkPattern, type AntennaPattern } from "./pattern.js";

/**
 * The pattern files a study knows, by the id site files use in `{ pattern: "file", id }` (or the
 * bare-string shorthand). A plain read-only map: build it with `createPatternLibrary` or `new Map`.
 */
export type PatternLibrary = ReadonlyMap<string, AntennaPattern>;

/** Builds a checked library from `{ id: pattern }` or `[id, pattern]` pairs; ids must be unique. */
export function createPatternLibrary(
  entries: Readonly<Record<string, AntennaPattern>> | Iterable<readonly [string, AntennaPattern]>,
): PatternLibrary {
  const pairs: Iterable<readonly [string, AntennaPattern]> =
    Symbol.iterator in entries ? (entries as Iterable<readonly [string, AntennaPattern]>) : Object.entries(entries);
  const map = new Map<string, AntennaPattern>();
  for (const [id, pattern] of pairs) {
    if (typeof id !== "string" || !ID_PATTERN.test(id)) fail("INVALID_ID", "patterns", id, "a pattern id of 1–128 printable characters");
    if (map.has(id)) fail("DUPLICATE_ID", `patterns["${id}"]`, id, "each pattern id once");
    map.set(id, checkPattern(pattern, `patterns["${id}"]`));
  }
  return map;
}

/** The pattern registered under `id`; throws `UNKNOWN_ANTENNA` naming the id and the known ids. */
export function resolvePattern(library: PatternLibrary | undefined, id: string): AntennaPattern {
  const p = library?.get(id);
  if (p !== undefined) return p;
  const known = library ? [...library.keys()] : [];
  const shown = known.slice(0, 20).map((k) => JSON.stringify(k)).join(", ");
  const more = known.length > 20 ? `, … (${known.length} in all)` : "";
  fail(
    "UNKNOWN_ANTENNA",
    "antenna.id",
    id,
    known.length === 0
      ? "the id of a pattern in the pattern library (no library given, or it is empty)"
      : `one of the pattern library's ids: ${shown}${more}`,
  );
}
