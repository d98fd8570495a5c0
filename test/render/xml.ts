/**
 * A small, strict XML 1.0 well-formedness checker for tests (no dependency): one root element,
 * matching tags, quoted and unique attributes, valid names, character and entity references,
 * comments, CDATA and processing instructions, and only XML characters. Returns a tiny tree so
 * tests can also look inside. Not supported (rejected): DOCTYPE declarations.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element, references decoded. */
  text: string;
}

const NAME_START = /[A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NAME_CHAR = /[-.0-9\u00B7\u0300-\u036F\u203F-\u2040A-Za-z_:\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]/;
const NOT_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export class XmlError extends Error {}

export function parseXml(src: string): XmlElement {
  const bad = NOT_CHAR.exec(src);
  if (bad) throw new XmlError(`character U+${bad[0].codePointAt(0)!.toString(16)} not allowed in XML at ${bad.index}`);
  let i = 0;
  const err = (msg: string): never => {
    throw new XmlError(`${msg} at offset ${i}: ${JSON.stringify(src.slice(i, i + 30))}`);
  };
  const ws = () => {
    while (i < src.length && " \t\r\n".includes(src[i]!)) i++;
  };
  const name = (): string => {
    const start = i;
    if (i >= src.length || !NAME_START.test(src[i]!)) err("expected a name");
    i++;
    while (i < src.length && NAME_CHAR.test(src[i]!)) i++;
    return src.slice(start, i);
  };
  const reference = (): string => {
    // at '&'
    const end = src.indexOf(";", i);
    if (end < 0) err("unterminated reference");
    const body = src.slice(i + 1, end);
    let out: string;
    if (/^#[0-9]+$/.test(body) || /^#x[0-9a-fA-F]+$/.test(body)) {
      const cp = body[1] === "x" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (cp > 0x10ffff) err("character reference out of range");
      out = String.fromCodePoint(cp);
      if (NOT_CHAR.test(out)) err("character reference to a non-XML character");
    } else if (Object.hasOwn(PREDEFINED, body)) out = PREDEFINED[body]!;
    else return err(`unknown entity &${body};`);
    i = end + 1;
    return out;
  };
  const misc = () => {
    for (;;) {
      ws();
      if (src.startsWith("<!--", i)) comment();
      else if (src.startsWith("<?", i)) pi();
      else return;
    }
  };
  const comment = () => {
    const end = src.indexOf("-->", i + 4);
    if (end < 0) err("unterminated comment");
    if (src.slice(i + 4, end).includes("--") || src[end - 1] === "-") err("'--' inside a comment");
    i = end + 3;
  };
  const pi = () => {
    i += 2;
    const target = name();
    if (target.toLowerCase() === "xml") err("XML declaration not at the start");
    const end = src.indexOf("?>", i);
    if (end < 0) err("unterminated processing instruction");
    i = end + 2;
  };
  const element = (): XmlElement => {
    if (src[i] !== "<") err("expected '<'");
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: "" };
    for (;;) {
      const before = i;
      ws();
      if (src.startsWith("/>", i)) {
        i += 2;
        return el;
      }
      if (src[i] === ">") {
        i++;
        break;
      }
      if (i === before) err("expected whitespace before an attribute");
      const an = name();
      ws();
      if (src[i] !== "=") err("expected '='");
      i++;
      ws();
      const q = src[i];
      if (q !== '"' && q !== "'") err("attribute value must be quoted");
      i++;
      let v = "";
      while (src[i] !== q) {
        if (i >= src.length) err("unterminated attribute value");
        if (src[i] === "<") err("'<' in an attribute value");
        if (src[i] === "&") v += reference();
        else v += src[i++];
      }
      i++;
      if (Object.hasOwn(el.attrs, an)) err(`duplicate attribute ${an}`);
      el.attrs[an] = v;
    }
    for (;;) {
      if (i >= src.length) err(`unclosed element <${el.name}>`);
      if (src.startsWith("</", i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) err(`</${closing}> closes <${el.name}>`);
        ws();
        if (src[i] !== ">") err("expected '>'");
        i++;
        return el;
      }
      if (src.startsWith("<!--", i)) comment();
      else if (src.startsWith("<![CDATA[", i)) {
        const end = src.indexOf("]]>", i);
        if (end < 0) err("unterminated CDATA");
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src.startsWith("<?", i)) pi();
      else if (src[i] === "<") el.children.push(element());
      else if (src[i] === "&") el.text += reference();
      else {
        if (src.startsWith("]]>", i)) err("']]>' in character data");
        el.text += src[i++];
      }
    }
  };

  if (src.startsWith("<?xml", i)) {
    const end = src.indexOf("?>", i);
    if (end < 0) err("unterminated XML declaration");
    if (!/^<\?xml\s+version\s*=\s*(["'])1\.[0-9]+\1(\s+encoding\s*=\s*(["'])[A-Za-z][\w.-]*\3)?(\s+standalone\s*=\s*(["'])(yes|no)\5)?\s*$/.test(src.slice(i, end))) err("malformed XML declaration");
    i = end + 2;
  }
  misc();
  if (src.startsWith("<!DOCTYPE", i)) err("DOCTYPE not supported");
  const root = element();
  misc();
  if (i !== src.length) err("content after the root element");
  return root;
}

/** Every element named `name` in the tree, in document order. */
export function findAll(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    if (e.name === name) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}
