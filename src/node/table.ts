/** Plain-text tables for the terminal: right-aligned numbers, left-aligned text. */
export function formatTable(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const numeric = header.map((_, c) => rows.every((r) => typeof r[c] === "number" || /^[\d,.\s−-]+%?$/.test(String(r[c]))));
  const widths = header.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    r.map((v, c) => (numeric[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

const grouped = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
export const int = (x: number): string => (Number.isFinite(x) ? grouped.format(x) : "–");
export const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "–");
