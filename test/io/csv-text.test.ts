import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CellplanError } from "../../src/errors.js";
import { cellRef, columnLetter, csvField, formatCsv, parseCsv } from "../../src/io/csv-text.js";

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    if (e instanceof CellplanError) return e.problems[0]!;
    throw e;
  }
  throw new Error("expected a CellplanError");
}

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted fields, doubled quotes, embedded commas and line breaks, CRLF or LF", () => {
    const recs = parseCsv('a,b,c\r\n"x, y","say ""hi""","two\r\nlines"\n1,,3');
    expect(recs.map((r) => r.fields)).toEqual([["a", "b", "c"], ["x, y", 'say "hi"', "two\r\nlines"], ["1", "", "3"]]);
    expect(recs.map((r) => r.row)).toEqual([1, 2, 4]);
  });

  it("skips a byte-order mark and blank lines, keeps a record of one quoted empty field", () => {
    expect(parseCsv("\uFEFFa\r\n\r\nb\r\n").map((r) => r.fields)).toEqual([["a"], ["b"]]);
    expect(parseCsv('""\n').map((r) => r.fields)).toEqual([[""]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("names row and column of malformed text", () => {
    expect(problemOf(() => parseCsv('a,b\n1,x"y'))).toMatchObject({ field: "row 2, column B" });
    expect(problemOf(() => parseCsv('a,b\n1,"x"y'))).toMatchObject({ field: "row 2, column B" });
    expect(problemOf(() => parseCsv('a\n"open'))).toMatchObject({ field: "row 2, column A", allowed: "a closing quote before the end of the file" });
  });

  it("round-trips any table of strings through formatCsv", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", "b", ",", '"', "\r", "\n", " ", "é", "\u2212"), maxLength: 6 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (width, rows) => {
        const table = rows.map((r) => r.slice(0, width));
        expect(parseCsv(formatCsv(table)).map((r) => r.fields)).toEqual(table);
      }),
    );
  });

  it("quotes only when needed", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('q"')).toBe('"q"""');
    expect(csvField(" pad")).toBe('" pad"');
  });

  it("spells spreadsheet columns", () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    expect(cellRef(3, 2, "heightM")).toBe("row 3, column C (heightM)");
  });
});
