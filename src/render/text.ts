/**
 * Text layout without a font engine: widths are estimated from an average advance per character,
 * so layout is deterministic and needs no DOM. The estimate suits DejaVu Sans / Verdana-like
 * faces (digits and lower case advance about 0.55–0.64 em); it errs on the wide side.
 */

/** Average advance of one character, in em. */
export const CHAR_ADVANCE_EM = 0.6;

/** Estimated width of `s` in pixels at `fontSizePx`. */
export function textWidthPx(s: string, fontSizePx: number): number {
  return [...s].length * fontSizePx * CHAR_ADVANCE_EM;
}

/**
 * Breaks `s` into lines no wider than `maxWidthPx` (estimated), at spaces; a word longer than a
 * line is cut. Existing line breaks are kept. Never returns an empty list.
 */
export function wrapText(s: string, maxWidthPx: number, fontSizePx: number): string[] {
  const perLine = Math.max(1, Math.floor(maxWidthPx / (fontSizePx * CHAR_ADVANCE_EM)));
  const lines: string[] = [];
  for (const paragraph of s.split("\n")) {
    let line = "";
    for (const word of paragraph.split(" ").filter((w) => w !== "")) {
      let w = [...word];
      const candidate = line === "" ? w.length : [...line].length + 1 + w.length;
      if (candidate <= perLine) {
        line = line === "" ? word : `${line} ${word}`;
        continue;
      }
      if (line !== "") lines.push(line);
      while (w.length > perLine) {
        lines.push(w.slice(0, perLine).join(""));
        w = w.slice(perLine);
      }
      line = w.join("");
    }
    lines.push(line);
  }
  return lines;
}
