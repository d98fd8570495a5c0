/**
 * Small helpers for writing SVG as text: XML escaping, fixed-precision numbers and elements. Pure
 * string building, so maps render the same in Node and in a browser, byte for byte.
 */

/** Characters XML 1.0 does not allow anywhere in a document (§2.2 Char), including lone surrogates. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Escapes text for XML character data and attribute values (`&`, `<`, `>`, `"`, `'`); characters
 * XML 1.0 forbids (control characters, lone surrogates) become U+FFFD so the document stays
 * well-formed.
 */
export function escapeXml(s: string): string {
  return s
    .replace(NOT_XML_CHAR, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** `x` rounded to `digits` decimals, without trailing zeros and never "-0" (deterministic output). */
export function num(x: number, digits = 2): string {
  if (!Number.isFinite(x)) throw new RangeError(`cellplan render: cannot write ${x} into SVG`);
  const s = x.toFixed(digits);
  const t = s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
  return t === "-0" ? "0" : t;
}

export type AttrValue = string | number | undefined;
export type Attrs = Readonly<Record<string, AttrValue>>;

/** Attributes in the given order; numbers with 2 decimals, undefined values left out. */
export function attrs(a: Attrs): string {
  let out = "";
  for (const [k, v] of Object.entries(a)) {
    if (v === undefined) continue;
    out += ` ${k}="${typeof v === "number" ? num(v) : escapeXml(v)}"`;
  }
  return out;
}

/** An element; `children` are already-serialised SVG (use `text` for character data). */
export function el(name: string, a: Attrs = {}, children: string | readonly string[] = ""): string {
  const body = typeof children === "string" ? children : children.join("");
  return body === "" ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;
}

/** A `<text>` element with escaped content. */
export function textEl(x: number, y: number, content: string, a: Attrs = {}): string {
  return `<text${attrs({ x, y, ...a })}>${escapeXml(content)}</text>`;
}
