/**
 * Notebook-style example: the README's 4G coverage map of the planned Almaty rollout, step by step
 * with the library (`cellplan` and `cellplan/node`), the same picture `npm run plan` draws as
 * out/almaty/map-4g.png.
 *
 *   npm run example                       # writes out/examples/almaty-4g.svg and .png
 *   npm run example -- DIR OUT [SPACING]  # another scenario folder, output folder, candidate spacing (m)
 *
 * In this repository `cellplan` resolves to the sources (examples/tsconfig.json); in a project
 * that installed cellplan, the same imports load the package.
 */
import { computeCoverage, coverageContours, planRollout, RADIO_DEFAULTS, renderMapSvg } from "cellplan";
import { loadScenario, svgToPng, writeOutput } from "cellplan/node";

const [scenarioDir, outDir = "out/examples", spacing] = process.argv.slice(2);

// 1. The scenario: city boundary, 8 districts, population grid and the 2019–2021 programme.
const almaty = loadScenario(scenarioDir);

// 2. Plan the rollout: where each phase's sites go (maximal coverage of people, with a proven bound).
const plan = planRollout(almaty, spacing === undefined ? {} : { candidateSpacingM: Number(spacing) });
for (const p of plan.phases) console.log(`${p.phase}: ${p.sites.length} new sites, within ${p.gapPct.toFixed(2)} % of the best possible`);

// 3. The sites that carry 4G, and their best-server RSRP over the city at 100 m.
const isLte = (band: string) => band.startsWith("LTE");
const lteSites = plan.sites.features.filter((s) => s.properties.sectors.some((x) => x.cells.some((c) => isLte(c.band))));
const bands = [...new Set(lteSites.flatMap((s) => s.properties.sectors.flatMap((x) => x.cells.map((c) => c.band))))].filter(isLte);
const cellSizeM = 100;
const rsrp = computeCoverage(lteSites, { area: almaty.boundary, technology: "4G", cellSizeM });

// 4. Isobands at 4G's outdoor, in-car and indoor thresholds (−110 / −102 / −95 dBm RSRP).
const t = RADIO_DEFAULTS["4G"].thresholds;
const isobands = coverageContours(rsrp, [t.outdoorDbm, t.inCarDbm, t.indoorDbm]);

// 5. The map: districts, isobands in viridis, sector wedges coloured by phase, scale bar, north arrow, credits.
const svg = renderMapSvg(
  { boundary: almaty.boundary, districts: almaty.districts, isobands, sites: lteSites },
  {
    title: `${almaty.area.name}: 4G coverage of the planned rollout`,
    subtitle: `${lteSites.length} sites (${bands.join(", ")}); best-server ${rsrp.quantity} at ${cellSizeM} m, flat earth; placements by cellplan (seed ${plan.seed}), not operator records`,
    technology: "4G",
    phases: plan.phases.map((p) => p.phase),
    phaseLabels: Object.fromEntries(plan.phases.map((p) => [p.phase, `${p.phase}: ${p.label}`])),
    attribution: almaty.attribution,
    idPrefix: "cellplan-4g",
  },
);
writeOutput(`${outDir}/almaty-4g.svg`, svg);
writeOutput(`${outDir}/almaty-4g.png`, svgToPng(svg));
console.log(`Wrote ${outDir}/almaty-4g.svg and .png`);
