import { NUMBER_RULES, type NumberRule } from "../../src/model/rules.js";
import { SITE_DEFAULTS } from "../../src/model/defaults.js";
import { VALIDATE_DEFAULTS } from "../../src/model/validate.js";
import { TECHNOLOGIES } from "../../src/model/bands.js";

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
  return {
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
