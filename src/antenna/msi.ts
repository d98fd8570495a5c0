import { fail } from "../errors.js";
import { FORBIDDEN_KEYS } from "../model/rules.js";
import { ANTENNA_DEFAULTS, type MsiDefaults } from "./defaults.js";
import { checkPattern, DBI_PER_DBD, type AntennaPattern } from "./pattern.js";

/**
 * MSI / Planet antenna pattern files (`.msi`, `.pln`, `.prn`): a text header of `KEYWORD value`
 * lines (NAME, MAKE, FREQUENCY, H_WIDTH, V_WIDTH, FRONT_TO_BACK, GAIN, TILT, POLARIZATION, COMMENT,
 * vendor keywords), then `HORIZONTAL n` and `VERTICAL n`, each followed by n lines `angle loss`.
 *
 * Conventions (Planet format descriptions: the Radio Mobile "MSI" definition page, the "Description
 * of Planet antenna database" sheet, and how CRC-COVLIB reads the format):
 * - losses are positive dB below the maximum (the file never writes the minus sign);
 * - GAIN is in dBd unless followed by `dBi` (dBi = dBd + 2.15);
 * - horizontal angles: 0° = boresight; read clockwise seen from above unless told otherwise
 *   (option `horizontalAngles`; the descriptions do not state the direction);
 * - vertical angles: 0° = front horizon, 90° = straight down, 180° = back horizon, 270° = straight
 *   up — the same convention as `AntennaPattern.vertical`, so no conversion is needed;
 * - angles in [0°, 360°), increasing, each once; steps may be uneven (e.g. 0.5°) and are
 *   interpolated linearly (circularly) onto the 1° grid.
 */

export interface ParseMsiOptions extends Partial<MsiDefaults> {
  /** File name quoted in error messages. */
  source?: string;
  /** Antenna name to use when the file has no `NAME` line and no bare name on its first line. */
  name?: string;
}

export interface WriteMsiOptions {
  /** Direction in which the written horizontal angles grow (default: clockwise, as `parseMsi` reads). */
  horizontalAngles?: "clockwise" | "counterclockwise";
  lineEnding?: "\n" | "\r\n";
}

const KNOWN_KEYWORDS = ["NAME", "MAKE", "FREQUENCY", "H_WIDTH", "V_WIDTH", "FRONT_TO_BACK", "GAIN", "TILT", "POLARIZATION", "COMMENT"];
const SECTIONS = ["HORIZONTAL", "VERTICAL"] as const;
type Section = (typeof SECTIONS)[number];
type Bad = (line: number, value: unknown, allowed: string) => never;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const KEYWORD = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const NUMBER_ALLOWED = "a decimal number such as 12.5 ('.' as the decimal separator)";
const HEADER_ALLOWED = "a header line `KEYWORD value` (e.g. `GAIN 17.1 dBi`) or a section header `HORIZONTAL 360` / `VERTICAL 360`";

/** Parses the text of an MSI/Planet file. Throws `CellplanError` (`INVALID_PATTERN`) naming the line. */
export function parseMsi(text: string, options?: ParseMsiOptions): AntennaPattern {
  if (typeof text !== "string") fail("INVALID_PATTERN", "text", text, "the text of an MSI/Planet antenna file");
  const opts = checkOptions(options);
  const where = (line: number): string => `${opts.source === undefined ? "" : `${opts.source} `}line ${line}`;
  const bad: Bad = (line, value, allowed) => fail("INVALID_PATTERN", where(line), value, allowed);

  const lines = text.split(/\r\n|\r|\n/);
  const hasNameLine = lines.some((l) => /^\s*name(\s|$)/i.test(l));
  const seen = new Map<string, number>();
  const comments: string[] = [];
  const meta: Record<string, string> = {};
  const cuts: Partial<Record<Section, Float32Array>> = {};
  const out: Partial<AntennaPattern> = {};
  let gainDbi: number | undefined;
  let first = true;

  let i = 0;
  while (i < lines.length) {
    const lineNo = i + 1;
    const line = lines[i++]!.trim();
    if (line === "") continue;
    const sp = line.search(/\s/);
    const key = sp < 0 ? line : line.slice(0, sp);
    const value = sp < 0 ? "" : line.slice(sp).trim();
    const KEY = key.toUpperCase();

    if (KEY === "HORIZONTAL" || KEY === "VERTICAL") {
      if (cuts[KEY]) bad(lineNo, line, `one ${KEY} section (another one starts on line ${seen.get(KEY)})`);
      seen.set(KEY, lineNo);
      if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 36000) {
        bad(lineNo, line, `\`${KEY} n\` with n the number of data lines that follow (1 … 36000, usually 360)`);
      }
      const section = readSection(lines, i, KEY, Number(value), lineNo, opts.maxGapDeg, bad);
      cuts[KEY] = section.table;
      i = section.next;
      first = false;
      continue;
    }
    if (cuts.HORIZONTAL && cuts.VERTICAL) bad(lineNo, line, "nothing after the HORIZONTAL and VERTICAL sections but blank lines");
    if (cuts.HORIZONTAL || cuts.VERTICAL) {
      bad(lineNo, line, `the ${cuts.HORIZONTAL ? "VERTICAL" : "HORIZONTAL"} section header (header lines go before the data)`);
    }
    if (first && !hasNameLine && !KNOWN_KEYWORDS.includes(KEY)) {
      out.name = line; // some vendors write the bare antenna name as the first line
      first = false;
      continue;
    }
    first = false;
    if (!KEYWORD.test(key)) bad(lineNo, line, HEADER_ALLOWED);
    if (KEY !== "COMMENT" && seen.has(KEY)) bad(lineNo, line, `${KEY} once (already given on line ${seen.get(KEY)})`);
    seen.set(KEY, lineNo);

    switch (KEY) {
      case "NAME":
        if (value === "") bad(lineNo, line, "NAME followed by the antenna name");
        out.name = value;
        break;
      case "MAKE":
        if (value !== "") out.make = value;
        break;
      case "POLARIZATION":
        if (value !== "") out.polarization = value;
        break;
      case "COMMENT":
        comments.push(value);
        break;
      case "FREQUENCY":
        if (value !== "") out.frequencyMHz = parseFrequency(value, lineNo, bad);
        break;
      case "H_WIDTH":
      case "V_WIDTH":
      case "FRONT_TO_BACK": {
        if (value === "") break;
        const max = KEY === "H_WIDTH" ? 360 : KEY === "V_WIDTH" ? 180 : 100;
        const v = parseNumber(value);
        const ok = v !== undefined && (KEY === "FRONT_TO_BACK" ? v >= 0 : v > 0) && v <= max;
        if (!ok) bad(lineNo, line, `${KEY} followed by ${KEY === "FRONT_TO_BACK" ? `0 … ${max} (dB)` : `a beamwidth in degrees, 0 < w ≤ ${max}`}`);
        if (KEY === "H_WIDTH") out.hBeamwidthDeg = v;
        else if (KEY === "V_WIDTH") out.vBeamwidthDeg = v;
        else out.frontToBackDb = v;
        break;
      }
      case "GAIN":
        gainDbi = parseGain(value, opts.defaultGainUnit, lineNo, bad);
        break;
      case "TILT":
        parseTilt(value, lineNo, out, bad);
        break;
      default:
        if (FORBIDDEN_KEYS.includes(key)) bad(lineNo, line, `a keyword other than ${FORBIDDEN_KEYS.join(", ")}`);
        meta[key] = value;
    }
  }

  const end = lines.length;
  for (const s of SECTIONS) {
    if (!cuts[s]) bad(end, "end of file", `a \`${s} n\` section followed by n lines \`angle loss\` (the file has no ${s} section)`);
  }
  if (gainDbi === undefined) bad(end, "end of file", "a GAIN line before the data, e.g. `GAIN 17.1 dBi` (dBd when no unit is given)");
  const name = out.name ?? opts.name;
  if (name === undefined) bad(1, lines[0], "a `NAME <antenna name>` line (or the bare name on the first line, or option name)");

  let horizontal = cuts.HORIZONTAL!;
  if (opts.horizontalAngles === "counterclockwise") horizontal = mirror(horizontal);
  return {
    ...out,
    name,
    gainDbi,
    ...(comments.length > 0 ? { comment: comments.join("\n") } : {}),
    horizontal,
    vertical: cuts.VERTICAL!,
    meta,
  };
}

/** Writes a pattern as MSI/Planet text that `parseMsi` reads back to an equal pattern. */
export function writeMsi(pattern: AntennaPattern, options?: WriteMsiOptions): string {
  checkPattern(pattern);
  const ccw = options?.horizontalAngles === "counterclockwise";
  const eol = options?.lineEnding ?? "\n";
  const out: string[] = [];
  const text = (key: string, v: string | undefined): void => {
    if (v === undefined || v === "") return;
    if (/[\r\n]/.test(v)) fail("INVALID_PATTERN", `pattern.${key}`, v, "a single line of text");
    out.push(`${key.toUpperCase()} ${v}`);
  };
  const num = (key: string, field: string, v: number | undefined): void => {
    if (v === undefined) return;
    if (!Number.isFinite(v)) fail("NOT_FINITE", `pattern.${field}`, v, "a finite number");
    out.push(`${key} ${String(v)}`);
  };
  text("NAME", pattern.name.trim());
  text("MAKE", pattern.make);
  num("FREQUENCY", "frequencyMHz", pattern.frequencyMHz);
  num("H_WIDTH", "hBeamwidthDeg", pattern.hBeamwidthDeg);
  num("V_WIDTH", "vBeamwidthDeg", pattern.vBeamwidthDeg);
  num("FRONT_TO_BACK", "frontToBackDb", pattern.frontToBackDb);
  out.push(`GAIN ${String(pattern.gainDbi)} dBi`);
  out.push(...tiltLine(pattern));
  text("POLARIZATION", pattern.polarization);
  if (pattern.comment !== undefined) for (const c of pattern.comment.split("\n")) out.push(c === "" ? "COMMENT" : `COMMENT ${c}`);
  for (const [key, v] of Object.entries(pattern.meta)) {
    const reserved = [...KNOWN_KEYWORDS, ...SECTIONS].includes(key.toUpperCase());
    if (!KEYWORD.test(key) || reserved || FORBIDDEN_KEYS.includes(key)) {
      fail("INVALID_PATTERN", "pattern.meta", key, "vendor keywords (letters, digits, _ . -) other than the standard MSI keywords");
    }
    if (/[\r\n]/.test(v)) fail("INVALID_PATTERN", `pattern.meta.${key}`, v, "a single line of text");
    out.push(v === "" ? key : `${key} ${v}`);
  }
  const h = ccw ? mirror(pattern.horizontal) : pattern.horizontal;
  out.push("HORIZONTAL 360");
  for (let k = 0; k < 360; k++) out.push(`${k} ${formatFloat32(h[k]!)}`);
  out.push("VERTICAL 360");
  for (let k = 0; k < 360; k++) out.push(`${k} ${formatFloat32(pattern.vertical[k]!)}`);
  return out.join(eol) + eol;
}

/** Reads the n data lines of a section and resamples them onto the 1° grid. */
function readSection(
  lines: readonly string[],
  start: number,
  section: Section,
  count: number,
  headerLine: number,
  maxGapDeg: number,
  bad: Bad,
): { table: Float32Array; next: number } {
  const angles = new Float64Array(count);
  const losses = new Float64Array(count);
  const lineOf = new Int32Array(count);
  let i = start;
  for (let k = 0; k < count; k++) {
    while (i < lines.length && lines[i]!.trim() === "") i++;
    if (i >= lines.length) {
      bad(lines.length, "end of file", `${count} data lines after \`${section} ${count}\` on line ${headerLine} (the file ends after ${k})`);
    }
    const lineNo = i + 1;
    const line = lines[i++]!.trim();
    const tokens = line.split(/\s+/);
    if (tokens.length !== 2 || !NUMBER.test(tokens[0]!)) {
      const note = KEYWORD.test(tokens[0]!) ? ` — only ${k} of the ${count} lines announced on line ${headerLine} were found` : "";
      bad(lineNo, line, `a data line \`angle loss\` (two numbers) in the ${section} section${note}`);
    }
    const angle = parseNumber(tokens[0]!)!;
    const loss = parseNumber(tokens[1]!);
    if (!(angle >= 0 && angle < 360)) bad(lineNo, line, `an angle 0 ≤ angle < 360 (degrees) in the ${section} section`);
    if (loss === undefined || !Number.isFinite(loss) || loss < 0) {
      bad(lineNo, line, `a loss ${NUMBER_ALLOWED}, ≥ 0 dB (MSI stores attenuation without a minus sign)`);
    }
    if (k > 0 && angle <= angles[k - 1]!) {
      const what = angle === angles[k - 1]! ? `angle ${angle} given twice (also on line ${lineOf[k - 1]})` : `increasing angles (line ${lineOf[k - 1]} has ${angles[k - 1]})`;
      bad(lineNo, line, `each angle once, in increasing order — ${what}`);
    }
    if (k > 0 && angle - angles[k - 1]! > maxGapDeg) {
      bad(lineNo, line, `angles at most ${maxGapDeg}° apart (option maxGapDeg): nothing between ${angles[k - 1]}° and ${angle}° in ${section}`);
    }
    angles[k] = angle;
    losses[k] = loss;
    lineOf[k] = lineNo;
  }
  const wrapGap = angles[0]! + 360 - angles[count - 1]!;
  if (wrapGap > maxGapDeg) {
    bad(headerLine, `${section} ${count}`, `angles covering the full circle at most ${maxGapDeg}° apart (option maxGapDeg): nothing between ${angles[count - 1]}° and ${angles[0]! + 360}°`);
  }
  return { table: resample(angles, losses), next: i };
}

/** Linear, circular interpolation of sorted samples in [0, 360) onto 0°, 1°, …, 359°. */
function resample(angles: Float64Array, losses: Float64Array): Float32Array {
  const n = angles.length;
  const table = new Float32Array(360);
  let j = 0; // first sample with angle ≥ k
  for (let k = 0; k < 360; k++) {
    while (j < n && angles[j]! < k) j++;
    if (j < n && angles[j] === k) {
      table[k] = losses[j]!;
      continue;
    }
    const lo = j === 0 ? n - 1 : j - 1;
    const hi = j === n ? 0 : j;
    const a0 = j === 0 ? angles[lo]! - 360 : angles[lo]!;
    const a1 = j === n ? angles[hi]! + 360 : angles[hi]!;
    const t = (k - a0) / (a1 - a0);
    table[k] = losses[lo]! + (losses[hi]! - losses[lo]!) * t;
  }
  return table;
}

/** h'[k] = h[−k]: converts between clockwise and counter-clockwise horizontal angles. */
function mirror(h: Float32Array): Float32Array {
  const m = new Float32Array(360);
  for (let k = 0; k < 360; k++) m[k] = h[(360 - k) % 360]!;
  return m;
}

function parseNumber(s: string): number | undefined {
  if (!NUMBER.test(s)) return undefined;
  const v = Number(s);
  return v === 0 ? 0 : v; // no −0
}

function parseFrequency(value: string, line: number, bad: Bad): number {
  const m = /^(\S+?)\s*(mhz|ghz|khz)?$/i.exec(value);
  const v = m ? parseNumber(m[1]!) : undefined;
  if (!m || v === undefined || !(v > 0) || !Number.isFinite(v)) {
    bad(line, `FREQUENCY ${value}`, "FREQUENCY followed by one frequency > 0 in MHz, optionally with a unit (MHz, GHz, kHz)");
  }
  const unit = (m[2] ?? "mhz").toLowerCase();
  return unit === "ghz" ? v * 1000 : unit === "khz" ? v / 1000 : v;
}

function parseGain(value: string, unitIfNone: "dBd" | "dBi", line: number, bad: Bad): number {
  const m = /^(\S+?)\s*(dbi|dbd)?$/i.exec(value);
  const v = m ? parseNumber(m[1]!) : undefined;
  if (!m || v === undefined || !Number.isFinite(v)) {
    bad(line, `GAIN ${value}`, "GAIN followed by a number and dBi or dBd, e.g. `GAIN 17.1 dBi` (no unit = dBd, option defaultGainUnit)");
  }
  const unit = (m[2] ?? unitIfNone).toLowerCase();
  return unit === "dbd" ? v + DBI_PER_DBD : v;
}

function parseTilt(value: string, line: number, out: Partial<AntennaPattern>, bad: Bad): void {
  const allowed = "TILT followed by ELECTRICAL or MECHANICAL and/or one downtilt in degrees (−90 … 90)";
  let type: "ELECTRICAL" | "MECHANICAL" | undefined;
  let deg: number | undefined;
  for (const token of value === "" ? [] : value.split(/\s+/)) {
    const T = token.toUpperCase();
    if ((T === "ELECTRICAL" || T === "MECHANICAL") && type === undefined) type = T;
    else if (deg === undefined && parseNumber(token) !== undefined && Math.abs(parseNumber(token)!) <= 90) deg = parseNumber(token);
    else bad(line, `TILT ${value}`, allowed);
  }
  if (type !== undefined) out.tiltType = type;
  if (deg !== undefined) {
    if (type === "MECHANICAL") out.mechanicalTiltDeg = deg;
    else out.electricalTiltDeg = deg;
  }
}

function tiltLine(p: AntennaPattern): string[] {
  if (p.electricalTiltDeg !== undefined && p.mechanicalTiltDeg !== undefined) {
    fail("INVALID_PATTERN", "pattern.mechanicalTiltDeg", p.mechanicalTiltDeg, "one tilt per MSI file: electricalTiltDeg or mechanicalTiltDeg, not both");
  }
  if (p.mechanicalTiltDeg !== undefined && p.tiltType === "ELECTRICAL") {
    fail("INVALID_PATTERN", "pattern.tiltType", p.tiltType, 'tiltType "MECHANICAL" (or none) with mechanicalTiltDeg');
  }
  const deg = p.electricalTiltDeg ?? p.mechanicalTiltDeg;
  if (deg !== undefined && !(Math.abs(deg) <= 90)) fail("TILT_OUT_OF_RANGE", "pattern.electricalTiltDeg", deg, "−90 … 90 degrees");
  const type = p.mechanicalTiltDeg !== undefined ? "MECHANICAL" : p.tiltType;
  const parts = [type, deg === undefined ? undefined : String(deg)].filter((s) => s !== undefined);
  return parts.length === 0 ? [] : [`TILT ${parts.join(" ")}`];
}

/** The shortest decimal that reads back to the same float32 (so files round-trip exactly). */
function formatFloat32(v: number): string {
  for (let p = 1; p < 10; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(v);
}

function checkOptions(options: ParseMsiOptions | undefined): MsiDefaults & { source?: string; name?: string } {
  const o = { ...ANTENNA_DEFAULTS.msi, ...options };
  if (o.defaultGainUnit !== "dBd" && o.defaultGainUnit !== "dBi") fail("INVALID_VALUE", "options.defaultGainUnit", o.defaultGainUnit, '"dBd" or "dBi"');
  if (o.horizontalAngles !== "clockwise" && o.horizontalAngles !== "counterclockwise") {
    fail("INVALID_VALUE", "options.horizontalAngles", o.horizontalAngles, '"clockwise" or "counterclockwise"');
  }
  if (typeof o.maxGapDeg !== "number" || !(o.maxGapDeg > 0 && o.maxGapDeg <= 360)) {
    fail("INVALID_VALUE", "options.maxGapDeg", o.maxGapDeg, "a number of degrees, 0 < maxGapDeg ≤ 360");
  }
  if (o.name !== undefined && (typeof o.name !== "string" || o.name.trim() === "")) fail("INVALID_VALUE", "options.name", o.name, "a non-empty string");
  return o;
}
