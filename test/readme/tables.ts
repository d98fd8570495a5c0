import { NUMBER_RULES, type NumberRule } from "../../src/model/rules.js";
import { SITE_DEFAULTS } from "../../src/model/defaults.js";
import { VALIDATE_DEFAULTS } from "../../src/model/validate.js";
import { TECHNOLOGIES } from "../../src/model/bands.js";
import { PATH_LOSS_MODELS } from "../../src/propagation/registry.js";
import { COVERAGE_DEFAULTS } from "../../src/coverage/defaults.js";
import { TABLE_DEFAULTS } from "../../src/coverage/tables.js";
import { RADIO_DEFAULTS } from "../../src/radio/defaults.js";
import { BAND_TABLE } from "../../src/radio/bands.js";
import { moreDefaultsTable } from "./more-defaults.js";

/** The README's generated tables, keyed by marker name (`<!-- name:start -->` … `<!-- name:end -->`). */
export function readmeTables(): Record<string, string> {
  const rules = Object.entries(NUMBER_RULES as Record<string, NumberRule>).map(([field, r]) => {
    const lo = r.minExclusive ? "<" : "≤";
    const hi = r.maxExclusive ? "<" : "≤";
    return `| \`${field}\` | ${r.min} ${lo} x ${hi} ${r.max} | ${r.unit} | \`${r.lowCode && r.lowCode !== r.code ? `${r.lowCode}\` / \`` : ""}${r.code}\` |`;
  });
  const tech = TECHNOLOGIES.map((t) => {
    const d = SITE_DEFAULTS.technologies[t];
    const a = d.antenna;
    return `| ${t} | ${d.bands.join(", ")} | ${d.powerDbm} | ${d.heightM} | ${d.electricalTiltDeg} | ${a.hBeamwidthDeg}° × ${a.vBeamwidthDeg}°, ${a.gainDbi} dBi |`;
  });
  const range = (r: readonly [number, number] | undefined, scale = 1, unit = "") =>
    r === undefined ? "–" : r[0] === r[1] ? `${r[0] * scale}${unit}` : `${r[0] * scale}–${r[1] * scale}${unit}`;
  const models = Object.values(PATH_LOSS_MODELS).map((m) => {
    const v = m.validity;
    return `| \`${m.id}\` | ${m.title} | ${range(v.freqMHz)} | ${range(v.distanceM)} | ${range(v.txHeightM)} | ${range(v.rxHeightM)} | ${m.source} |`;
  });
  const radio = TECHNOLOGIES.map((t) => {
    const d = RADIO_DEFAULTS[t];
    const th = d.thresholds;
    return `| ${t} | ${d.txPowerDbm} | ${d.pilotShareDb} | ${d.antennaGainDbi} | ${d.cableLossDb} | ${d.noiseFigureDb} | ${th.outdoorDbm} / ${th.inCarDbm} / ${th.indoorDbm} |`;
  });
  const bands = Object.values(BAND_TABLE).map(
    (b) => `| \`${b.band}\` | ${b.technology} | ${b.name} | ${b.downlinkLowMHz}–${b.downlinkHighMHz} | ${b.downlinkCentreMHz} | ${b.channelBandwidthMHz} | ${b.subcarriers ?? "–"} | ${b.quantity} |`,
  );
  const coverage = Object.entries({ ...COVERAGE_DEFAULTS, ...Object.fromEntries(Object.entries(TABLE_DEFAULTS).map(([k, v]) => [`tables.${k}`, v])) }).map(
    ([k, v]) => `| \`${k}\` | ${v} |`,
  );
  return {
    "more-defaults": moreDefaultsTable(),
    coverage: ["| option (`COVERAGE_DEFAULTS`, `TABLE_DEFAULTS`) | default |", "|---|---|", ...coverage].join("\n"),
    models: [
      "| model | name | f (MHz) | d (m) | h_BS (m) | h_UT (m) | source |",
      "|---|---|---|---|---|---|---|",
      ...models,
    ].join("\n"),
    bands: [
      "| band | tech | 3GPP band | downlink (MHz) | planned at (MHz) | channel (MHz) | subcarriers | measured |",
      "|---|---|---|---|---|---|---|---|",
      ...bands,
    ].join("\n"),
    radio: [
      "| tech | power dBm | pilot share dB | antenna dBi | cable dB | UE noise figure dB | thresholds outdoor / in-car / indoor dBm |",
      "|---|---|---|---|---|---|---|",
      ...radio,
    ].join("\n"),
    rules: ["| field | allowed | unit | code when outside |", "|---|---|---|---|", ...rules].join("\n"),
    defaults: [
      "| technology | bands | power dBm | height m | electrical tilt ° | antenna (3gpp-sector) |",
      "|---|---|---|---|---|---|",
      ...tech,
      "",
      `Every site: status \`${SITE_DEFAULTS.status}\`, azimuths ${SITE_DEFAULTS.azimuthsDeg.join("/")}°, mechanical tilt ${SITE_DEFAULTS.mechanicalTiltDeg}°. ` +
        `Validation limits (\`VALIDATE_DEFAULTS\`): at most ${VALIDATE_DEFAULTS.maxSites.toLocaleString("en-GB")} sites, nesting ${VALIDATE_DEFAULTS.maxDepth} levels, ${VALIDATE_DEFAULTS.maxProblems} problems listed.`,
    ].join("\n"),
  };
}

/** Replaces each marked block of `text` with its freshly generated table. */
export function fillReadme(text: string): string {
  let out = text;
  for (const [name, table] of Object.entries(readmeTables())) {
    const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`README has no <!-- ${name}:start/end --> block`);
    out = out.replace(re, `$1${table}\n$2`);
  }
  return out;
}
