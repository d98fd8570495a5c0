import fc from "fast-check";

/** Structured mutations of a valid document: one field replaced, removed or added, anywhere in it. */

export type Path = (string | number)[];

/** Every path to a value inside `doc` (objects and arrays), the root excluded, at most `limit`. */
export function pathsOf(doc: unknown, limit = 5000): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path) => {
    if (out.length >= limit || v === null || typeof v !== "object") return;
    for (const k of Array.isArray(v) ? v.keys() : Object.keys(v)) {
      const p = [...path, k];
      out.push(p);
      walk((v as Record<string | number, unknown>)[k], p);
    }
  };
  walk(doc, []);
  return out;
}

export type Mutation =
  | { op: "set"; value: unknown }
  | { op: "delete" }
  | { op: "add"; key: string; value: unknown }
  | { op: "wrap" };

/** Keys worth adding: prototype-polluting ones, Object.prototype names, and GeoJSON field names. */
const KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "type", "id", "bbox", "extra"];

const hostileNumber = fc.constantFrom(NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, 2 ** 53, -1);
export const arbMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("set" as const), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), hostileNumber, fc.constant(undefined), fc.string({ minLength: 10_000, maxLength: 10_000 })) }),
  fc.record({ op: fc.constant("delete" as const) }),
  fc.record({ op: fc.constant("add" as const), key: fc.constantFrom(...KEYS), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ op: fc.constant("wrap" as const) }),
);

/** A deep copy of JSON-like data that keeps own `__proto__` keys as data (structuredClone would too, but not undefined-free). */
export function clone<T>(v: T): T {
  if (v === null || typeof v !== "object") return v;
  if (ArrayBuffer.isView(v)) return (v as unknown as Uint8Array).slice() as T;
  if (Array.isArray(v)) return v.map(clone) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) define(out, k, clone((v as Record<string, unknown>)[k]));
  return out as T;
}

/** Sets an own data property, even one named `__proto__`. */
export function define(o: object, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `doc` with `m` applied at `path` (a copy; `doc` is untouched). */
export function mutate<T>(doc: T, path: Path, m: Mutation): T {
  const copy = clone(doc);
  let parent: unknown = copy;
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[k];
  const key = path[path.length - 1]!;
  const p = parent as Record<string | number, unknown>;
  switch (m.op) {
    case "set":
      define(p, key, m.value);
      break;
    case "delete":
      if (Array.isArray(p) && typeof key === "number") p.splice(key, 1);
      else delete p[key];
      break;
    case "add": {
      const target = p[key];
      if (target !== null && typeof target === "object" && !Array.isArray(target)) define(target, m.key, m.value);
      else define(p, key, { [m.key]: m.value });
      break;
    }
    case "wrap":
      define(p, key, [p[key]]);
      break;
  }
  return copy;
}
