import { describe, expect, it } from "vitest";
import { findAll, parseXml, XmlError } from "./xml.js";

describe("parseXml (the tests' well-formedness checker)", () => {
  it("accepts a well-formed document and decodes references", () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>\n<!-- c --><a x="1 &amp; 2" y='&#60;'><b/><b>t&lt;&#x41;<![CDATA[<raw>]]></b><?pi data?></a>\n`);
    expect(root.name).toBe("a");
    expect(root.attrs).toEqual({ x: "1 & 2", y: "<" });
    expect(findAll(root, "b")[1]!.text).toBe("t<A<raw>");
  });

  it.each([
    ["unclosed element", "<a><b></a>"],
    ["mismatched tag", "<a></b>"],
    ["two roots", "<a/><b/>"],
    ["bare ampersand", "<a>x & y</a>"],
    ["unknown entity", "<a>&nbsp;</a>"],
    ["less-than in attribute", '<a x="<"/>'],
    ["unquoted attribute", "<a x=1/>"],
    ["duplicate attribute", '<a x="1" x="2"/>'],
    ["attributes without space", '<a x="1"y="2"/>'],
    ["control character", "<a>\u0001</a>"],
    ["reference to a control character", "<a>&#1;</a>"],
    ["double dash in comment", "<a><!-- a -- b --></a>"],
    ["text after root", "<a/>x"],
    ["bad name", "<1a/>"],
    ["declaration not first", ' <?xml version="1.0"?><a/>'],
    ["]]> in text", "<a>]]></a>"],
    ["lone surrogate", "<a>\uD800</a>"],
  ])("rejects %s", (_, doc) => {
    expect(() => parseXml(doc)).toThrow(XmlError);
  });
});
