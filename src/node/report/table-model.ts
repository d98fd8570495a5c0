/** A table to print in the terminal or as Markdown: header, rows, and which columns align right. */
export interface TableModel {
  header: string[];
  rows: string[][];
  /** Per column: true aligns right (numbers). */
  right: boolean[];
}

/** Plain text: columns padded to their widest cell, a dashed rule under the header. */
export function tableText(t: TableModel): string {
  const widths = t.header.map((h, c) => Math.max(h.length, ...t.rows.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) => r.map((v, c) => (t.right[c] ? v.padStart(widths[c]!) : v.padEnd(widths[c]!))).join("  ").trimEnd();
  return [line(t.header), widths.map((w) => "-".repeat(w)).join("  "), ...t.rows.map(line)].join("\n");
}

/** GitHub-flavoured Markdown, with `|` in cells escaped. */
export function tableMarkdown(t: TableModel): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  return [
    `| ${t.header.map(esc).join(" | ")} |`,
    `|${t.right.map((r) => (r ? "---:" : "---")).join("|")}|`,
    ...t.rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

const grouped = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
/** 1234567 → "1,234,567". */
export const int = (x: number): string => (Number.isFinite(x) ? grouped.format(x) : "–");
/** Fixed decimals, "–" for a non-finite value. */
export const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : "–");
/** A percentage with one decimal. */
export const pct = (x: number): string => `${fixed(x, 1)}%`;
/** An optimality gap: two decimals, "0" for a closed gap. */
export const gap = (x: number): string => (x === 0 ? "0" : x < 0.005 ? "< 0.01%" : `${x.toFixed(2)}%`);
