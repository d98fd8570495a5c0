import type { Problem } from "../errors.js";
import { problem, valueAt } from "./issues.js";
import { FORBIDDEN_KEYS } from "./rules.js";

/**
 * Own keys such as `__proto__` anywhere in a parsed document, and nesting beyond `maxDepth`. JSON.parse
 * keeps `"__proto__"` as an own key, which a later merge (`Object.assign`, spread into a class) turns
 * into a prototype; and zod drops such keys without a word. So documents are refused outright.
 */
export function forbiddenKeyProblems(root: object, maxDepth: number): Problem[] {
  const out: Problem[] = [];
  const forbidden = new Set(FORBIDDEN_KEYS);
  const path: PropertyKey[] = []; // the current path, materialised only when a problem is found
  const walk = (v: object): void => {
    if (path.length > maxDepth) {
      out.push(problem(root, [...path], "LIMIT_EXCEEDED", v, `nesting at most ${maxDepth} levels deep`));
      return;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (child === null || typeof child !== "object") continue;
        path.push(i);
        walk(child);
        path.pop();
      }
      return;
    }
    for (const k of Object.keys(v)) {
      path.push(k);
      if (forbidden.has(k)) {
        out.push(problem(root, [...path], "FORBIDDEN_KEY", valueAt(root, path), `no key named ${FORBIDDEN_KEYS.join(", ")}`));
      } else {
        const child = (v as Record<string, unknown>)[k];
        if (child !== null && typeof child === "object") walk(child);
      }
      path.pop();
    }
  };
  walk(root);
  return out;
}
