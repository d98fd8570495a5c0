import { CellplanError, type Problem } from "../errors.js";

/**
 * RFC 4180 CSV text: reading into records and writing fields. Pure string handling; the site
 * table on top of it lives in `csv.ts`.
 */

/**
 * One record and the line it starts on (the header is row 1): the spreadsheet's row number,
 * unless an earlier quoted field holds line breaks.
 */
export interface CsvRecord {
  row: number;
  fields: string[];
  /** Which fields were in quotes: an empty quoted field `""` is an empty string, an unquoted one is "no value". */
  quoted: boolean[];
}

/** A field to write: text, or `{ text, quoted: true }` to force quotes (an empty string that is a value). */
export type CsvCell = string | { text: string; quoted: true };

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Where a problem is in a CSV file, as a problem's `field`: `row 7, column C (azimuthDeg)`. */
export function cellRef(row: number, column: number, name?: string): string {
  return `row ${row}, column ${columnLetter(column)}${name === undefined ? "" : ` (${name})`}`;
}

/**
 * Splits CSV text into records (RFC 4180): fields separated by commas, records by CRLF or LF,
 * fields optionally in double quotes with `""` for a quote, and line breaks allowed inside quotes.
 * A leading UTF-8 byte-order mark is skipped, and so are blank lines. A quote inside an unquoted
 * field, text after a closing quote or an unterminated quote is a `CellplanError` naming the row
 * and column.
 */
export function parseCsv(text: string): CsvRecord[] {
  if (typeof text !== "string") throw CellplanError.of({ code: "WRONG_TYPE", field: "csv", value: text, allowed: "CSV text" });
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let quotes: boolean[] = [];
  let field = "";
  let row = 1;
  let recordRow = 1;
  let quoted = false; // the current field started with a quote
  let anyQuoted = false;
  let fieldQuoted = false;
  const bad = (allowed: string, value: string): never => {
    const problem: Problem = { code: "INVALID_VALUE", field: cellRef(recordRow, fields.length), value, allowed };
    throw new CellplanError("INVALID_SITES", [problem], "Malformed CSV");
  };
  const endField = () => {
    fields.push(field);
    quotes.push(fieldQuoted);
    field = "";
    fieldQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (!(fields.length === 1 && fields[0] === "" && !anyQuoted)) records.push({ row: recordRow, fields, quoted: quotes });
    fields = [];
    quotes = [];
    quoted = false;
    anyQuoted = false;
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = s[i];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") bad('a comma or line break after a closing quote (RFC 4180: write "" for a quote)', s.slice(i, i + 10));
        continue;
      }
      if (c === "\n") row++;
      field += c;
      i++;
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" || c === "\n") {
      endRecord();
      i += c === "\r" && s[i + 1] === "\n" ? 2 : 1;
      row++;
      recordRow = row;
    } else if (c === '"') {
      if (field !== "") bad('a field that starts with the quote (RFC 4180: quote the whole field, "" for a quote)', field + c);
      quoted = true;
      anyQuoted = true;
      fieldQuoted = true;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) bad("a closing quote before the end of the file", field.slice(0, 20));
  if (field !== "" || fields.length > 0 || anyQuoted) endRecord();
  return records;
}

/** One field, quoted when asked to or when it holds a comma, quote, line break or leading/trailing space. */
export function csvField(cell: CsvCell): string {
  const value = typeof cell === "string" ? cell : cell.text;
  return typeof cell !== "string" || /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Records as CSV text: CRLF line breaks (RFC 4180 §2), one after the last record too. A record
 * of one empty field is written `""`, so it does not read back as a blank line.
 */
export function formatCsv(records: readonly (readonly CsvCell[])[]): string {
  return records.map((r) => (r.length === 1 && r[0] === "" ? '""' : r.map(csvField).join(","))).join("\r\n") + "\r\n";
}
