import type { Site } from "../model/schema.js";

/** Key of sites without a phase. */
export const NO_PHASE = "";

/** A site's phase as a string key ("" for none); phases given as numbers read as their decimal text. */
export function phaseKey(site: Site): string {
  const p: unknown = site.properties.phase;
  return p === undefined || p === null ? NO_PHASE : String(p);
}

/** `listed` first (in order), then every other phase present, sorted (numbers numerically); no phase last. */
export function phaseOrder(sites: readonly Site[], listed: readonly string[]): string[] {
  const present = new Set(sites.map(phaseKey));
  const rest = [...present].filter((p) => p !== NO_PHASE && !listed.includes(p));
  rest.sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const out = [...listed.filter((p) => present.has(p)), ...rest];
  if (present.has(NO_PHASE)) out.push(NO_PHASE);
  return out;
}


/**
 * Colour of each phase in `order`: a listed phase takes the colour of its place in `listed`, even
 * on a map where earlier phases are absent, so one phase keeps one colour across a set of maps;
 * unlisted phases follow; sites without a phase take `noPhaseColour`.
 */
export function phaseColours(order: readonly string[], listed: readonly string[], palette: readonly string[], noPhaseColour: string): Map<string, string> {
  const slots = [...listed, ...order.filter((p) => !listed.includes(p) && p !== NO_PHASE)];
  return new Map(order.map((p) => [p, p === NO_PHASE ? noPhaseColour : palette[slots.indexOf(p) % palette.length]!]));
}
