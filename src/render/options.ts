import { fail } from "../errors.js";
import { TECHNOLOGIES } from "../model/bands.js";
import type { Technology } from "../units.js";
import { RENDER_DEFAULTS, type RenderColours } from "./defaults.js";

/** Options of `renderMapSvg`: any `RENDER_DEFAULTS` entry, plus what only a caller can know. */
export interface RenderOptions extends Partial<Omit<typeof RENDER_DEFAULTS, "colours">> {
  colours?: Partial<RenderColours>;
  /** Draw only the sectors carrying this technology (a per-technology coverage map). */
  technology?: Technology;
  /** Phase ids in programme order; phases found on sites but not listed follow, sorted. */
  phases?: readonly string[];
  /** Legend text per phase id (default: the id). */
  phaseLabels?: Readonly<Record<string, string>>;
  /** Legend heading's quantity, e.g. "RSRP" (default: the isobands' `quantity` property). */
  quantityLabel?: string;
}

export type ResolvedRenderOptions = Omit<typeof RENDER_DEFAULTS, "colours"> & {
  colours: RenderColours;
  technology: Technology | undefined;
  phases: readonly string[];
  phaseLabels: Readonly<Record<string, string>>;
  quantityLabel: string | undefined;
};

type Range = readonly [min: number, max: number, integer?: "integer"];

const NUMBER_OPTIONS: Readonly<Record<string, Range>> = {
  width: [200, 20000, "integer"],
  height: [200, 20000, "integer"],
  digits: [0, 6, "integer"],
  marginPx: [0, 500],
  sidebarWidthPx: [120, 2000],
  mapPaddingPx: [0, 500],
  fontSizePx: [4, 200],
  titleSizePx: [4, 200],
  subtitleSizePx: [4, 200],
  attributionSizePx: [4, 200],
  districtLabelSizePx: [4, 200],
  rampFrom: [0, 1],
  rampTo: [0, 1],
  isobandOpacity: [0, 1],
  wedgeRadiusPx: [1, 500],
  wedgeOpacity: [0, 1],
  minSpanM: [1, 20_000_000],
  scaleBarMaxPx: [40, 5000],
};
const STRING_OPTIONS = ["title", "subtitle", "fontFamily", "quantityLabel"];
const STRING_LIST_OPTIONS = ["phaseColours", "districtLabelKeys", "phases"];
const OTHER_OPTIONS = ["attribution", "districtLabels", "colours", "technology", "phaseLabels", "idPrefix", "noPhaseColour"];
const KNOWN = new Set([...Object.keys(NUMBER_OPTIONS), ...STRING_OPTIONS, ...STRING_LIST_OPTIONS, ...OTHER_OPTIONS]);

/** Checks render options (every problem is a `CellplanError` naming the option) and fills defaults. */
export function resolveRenderOptions(options: RenderOptions = {}): ResolvedRenderOptions {
  if (options === null || typeof options !== "object" || Array.isArray(options)) fail("WRONG_TYPE", "options", options, "an options object");
  const o = options as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!KNOWN.has(key)) fail("UNKNOWN_FIELD", `options.${key}`, o[key], `one of ${[...KNOWN].sort().join(", ")}`);
  }
  for (const [key, [min, max, integer]] of Object.entries(NUMBER_OPTIONS)) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      fail("INVALID_VALUE", `options.${key}`, v, `a finite ${integer ? "integer" : "number"} from ${min} to ${max}`);
    }
  }
  for (const key of STRING_OPTIONS) {
    if (o[key] !== undefined && typeof o[key] !== "string") fail("WRONG_TYPE", `options.${key}`, o[key], "a string");
  }
  for (const key of STRING_LIST_OPTIONS) {
    const v = o[key];
    if (v === undefined) continue;
    if (!Array.isArray(v) || v.some((s) => typeof s !== "string" || s === "")) fail("WRONG_TYPE", `options.${key}`, v, "an array of non-empty strings");
    if (key === "phaseColours" && v.length === 0) fail("INVALID_VALUE", `options.${key}`, v, "at least one colour");
  }
  const a = o.attribution;
  if (a !== undefined && typeof a !== "string" && !(Array.isArray(a) && a.every((s) => typeof s === "string"))) {
    fail("WRONG_TYPE", "options.attribution", a, "a string or an array of strings");
  }
  if (o.districtLabels !== undefined && typeof o.districtLabels !== "boolean") fail("WRONG_TYPE", "options.districtLabels", o.districtLabels, "true or false");
  if (o.technology !== undefined && !(TECHNOLOGIES as readonly unknown[]).includes(o.technology)) {
    fail("INVALID_VALUE", "options.technology", o.technology, TECHNOLOGIES.join(", "));
  }
  if (o.idPrefix !== undefined && (typeof o.idPrefix !== "string" || !/^[A-Za-z][\w-]{0,63}$/.test(o.idPrefix))) {
    fail("INVALID_VALUE", "options.idPrefix", o.idPrefix, "a letter then up to 63 letters, digits, _ or - (an XML id)");
  }
  if (o.noPhaseColour !== undefined && (typeof o.noPhaseColour !== "string" || o.noPhaseColour === "")) fail("WRONG_TYPE", "options.noPhaseColour", o.noPhaseColour, "a colour string");
  checkStringRecord(o.phaseLabels, "options.phaseLabels");
  checkStringRecord(o.colours, "options.colours", Object.keys(RENDER_DEFAULTS.colours));
  const merged = { ...RENDER_DEFAULTS, ...stripUndefined(o) } as typeof RENDER_DEFAULTS & RenderOptions;
  if (merged.rampFrom > merged.rampTo) fail("INVALID_VALUE", "options.rampFrom", merged.rampFrom, `at most rampTo (${merged.rampTo})`);
  return {
    ...merged,
    colours: { ...RENDER_DEFAULTS.colours, ...stripUndefined((options.colours ?? {}) as Record<string, unknown>) },
    technology: options.technology,
    phases: options.phases ?? [],
    phaseLabels: options.phaseLabels ?? {},
    quantityLabel: options.quantityLabel,
  };
}

function checkStringRecord(v: unknown, field: string, keys?: readonly string[]): void {
  if (v === undefined) return;
  if (v === null || typeof v !== "object" || Array.isArray(v)) fail("WRONG_TYPE", field, v, "an object of strings");
  for (const [k, s] of Object.entries(v)) {
    if (keys && !keys.includes(k)) fail("UNKNOWN_FIELD", `${field}.${k}`, s, `one of ${keys.join(", ")}`);
    if (typeof s !== "string") fail("WRONG_TYPE", `${field}.${k}`, s, "a string");
  }
}

function stripUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
