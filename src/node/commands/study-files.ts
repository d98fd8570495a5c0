import { join } from "node:path";
import { bestServerAreas } from "../../coverage/best-server-areas.js";
import { coverageContours } from "../../coverage/contours.js";
import { renderMapSvg, renderPhaseMapSvg } from "../../render/map.js";
import type { RenderOptions } from "../../render/options.js";
import { writeMap } from "../exports/map.js";
import { writeSitesCsv, writeSitesKml } from "../exports/sites.js";
import { writeOutput } from "../exports/write.js";
import { writeGeoTiff } from "../geotiff.js";
import { studyReport, type StudyReport } from "../report/report-data.js";
import { reportMarkdown } from "../report/report-md.js";
import { planSummaryMarkdown } from "../report/summary.js";
import type { Study, TechnologyStudy } from "./study.js";

export interface StudyFileOptions {
  /** Also write each map as PNG (default true). */
  png?: boolean;
  /** Called before each file is written (for progress). */
  onFile?: (name: string) => void;
}

/** File-name stem of a technology: `4g` in `coverage-4g.geojson`. */
export const techStem = (t: TechnologyStudy["technology"]): string => t.toLowerCase();

/**
 * Writes a study's outputs into `dir` (created if missing) and returns the report with the list of
 * files, in the order written:
 * `sites.geojson`, `sites.csv`, `sites.kml`; per technology `coverage-<t>.geojson` (isobands at
 * its outdoor / in-car / indoor thresholds), `best-server-<t>.geojson` (areas served above the
 * outdoor threshold), `coverage-<t>.tif` (best-server power, EPSG:4326, nodata −9999) and
 * `map-<t>.svg` / `.png`; `map-phases.svg` / `.png`; `summary.md` (the README's table),
 * `report.md` and `report.json`. Deterministic: same study, same bytes.
 */
export function writeStudy(study: Study, dir: string, options: StudyFileOptions = {}): StudyReport {
  const png = options.png ?? true;
  const files: string[] = [];
  const write = (name: string, data: string | Uint8Array) => {
    options.onFile?.(name);
    writeOutput(join(dir, name), data);
    files.push(name);
  };
  const { scenario, plan } = study;
  const sites = plan.sites;
  const phaseIds = plan.phases.map((p) => p.phase);
  const phaseLabels = Object.fromEntries(plan.phases.map((p) => [p.phase, `${p.phase}: ${p.label}`]));
  const kmlLabels = Object.fromEntries(plan.phases.map((p) => [p.phase, `Phase ${p.phase}: ${p.label}`]));

  write("sites.geojson", `${JSON.stringify(sites)}\n`);
  options.onFile?.("sites.csv");
  writeSitesCsv(join(dir, "sites.csv"), sites);
  files.push("sites.csv");
  options.onFile?.("sites.kml");
  writeSitesKml(join(dir, "sites.kml"), sites, { name: `${scenario.name}: planned sites`, wedges: true, phases: phaseIds, phaseLabels: kmlLabels });
  files.push("sites.kml");

  const mapBase: RenderOptions = { phases: phaseIds, phaseLabels, attribution: scenario.attribution };
  const maps = (stem: string, svg: string) => {
    write(`${stem}.svg`, svg);
    if (png) {
      options.onFile?.(`${stem}.png`);
      writeMap(join(dir, `${stem}.png`), svg);
      files.push(`${stem}.png`);
    }
  };
  for (const t of study.technologies) {
    if (t.raster === null) continue;
    const stem = techStem(t.technology);
    const isobands = coverageContours(t.raster, t.isobandThresholdsDbm);
    write(`coverage-${stem}.geojson`, `${JSON.stringify(isobands)}\n`);
    write(`best-server-${stem}.geojson`, `${JSON.stringify(bestServerAreas(t.raster, { thresholdDbm: t.isobandThresholdsDbm[0]! }))}\n`);
    options.onFile?.(`coverage-${stem}.tif`);
    writeGeoTiff(join(dir, `coverage-${stem}.tif`), t.raster);
    files.push(`coverage-${stem}.tif`);
    const carrying = sites.features.filter((s) => s.properties.sectors.some((x) => x.cells.some((c) => t.bands.includes(c.band))));
    const svg = renderMapSvg(
      { boundary: scenario.boundary, districts: scenario.districts, isobands, sites: carrying },
      {
        ...mapBase,
        technology: t.technology,
        idPrefix: `cellplan-${stem}`,
        title: `${scenario.area.name}: ${t.technology} coverage of the planned rollout`,
        subtitle: `${carrying.length} sites (${t.bands.join(", ")}); best-server ${t.raster.quantity} at ${study.cellSizeM} m, ${study.terrain ? "over SRTM terrain" : "flat earth"}; placements by cellplan (seed ${plan.seed}), not operator records`,
      },
    );
    maps(`map-${stem}`, svg);
  }
  maps(
    "map-phases",
    renderPhaseMapSvg(
      { boundary: scenario.boundary, districts: scenario.districts, sites },
      {
        ...mapBase,
        idPrefix: "cellplan-phases",
        title: `${scenario.area.name}: planned rollout by phase`,
        subtitle: `${sites.features.length} sites in ${plan.phases.length} phases; placements by cellplan planRollout (seed ${plan.seed}), not operator records`,
      },
    ),
  );

  const names = [...files, "summary.md", "report.md", "report.json"];
  const report = studyReport(study, names);
  write("summary.md", planSummaryMarkdown(report));
  write("report.md", reportMarkdown(report));
  write("report.json", `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
