import type { StudyReport } from "./report-data.js";
import { gap, int, pct, tableMarkdown, tableText, type TableModel } from "./table-model.js";

/**
 * The plan's two summary tables: by phase (new sites, people covered per technology city-wide,
 * optimality gap) and by district (people covered per technology after the last phase).
 */
export function summaryTables(r: StudyReport): { phases: TableModel; districts: TableModel } {
  const techs = r.technologies.map((t) => t.technology);
  const phases: TableModel = {
    header: ["Phase", "New sites", ...techs.map((t) => `${t} people covered`), "Gap to bound"],
    right: [false, true, ...techs.map(() => true), true],
    rows: r.phases.map((p) => [
      p.phase,
      int(p.sitesBuilt),
      ...p.technologies.map((t) => (t.sitesTotal === 0 ? "–" : `${int(t.city.peopleCovered)} (${pct(t.city.peopleCoveredPct)})`)),
      gap(p.gapPct),
    ]),
  };
  const last = r.phases.at(-1);
  const districtRows = (last?.technologies[0]?.districts ?? []).map((d, k) => [
    d.name,
    int(d.population),
    ...(last?.technologies ?? []).map((t) => (t.sitesTotal === 0 ? "–" : pct(t.districts[k]!.peopleCoveredPct))),
  ]);
  const city = last?.technologies[0]?.city;
  const districts: TableModel = {
    header: ["District", "Population", ...techs],
    right: [false, true, ...techs.map(() => true)],
    rows: [...districtRows, ...(city && last ? [["City", int(city.population), ...last.technologies.map((t) => (t.sitesTotal === 0 ? "–" : pct(t.city.peopleCoveredPct)))]] : [])],
  };
  return { phases, districts };
}

/** What "covered" means in the tables: the service level and each technology's threshold. */
export function coverageDefinition(r: StudyReport): string {
  const level = { outdoor: "outdoor", inCar: "in-car", indoor: "indoor" }[r.settings.service];
  const ts = r.technologies.map((t) => `${t.technology} ${t.thresholdDbm} dBm${t.quantity ? ` ${t.quantity}` : ""}`).join(", ");
  return `Covered: best-server power at the ${level} street-level threshold (${ts}); people counted on the population grid's demand points, ${r.settings.terrain ? "over SRTM terrain" : "flat earth"}.`;
}

/** The summary `cellplan plan` prints. */
export function formatPlanSummary(r: StudyReport, outDir?: string): string {
  const t = summaryTables(r);
  const last = r.phases.at(-1);
  return [
    `${r.scenario.name}: planned rollout (seed ${r.settings.seed}, ${r.phases.reduce((s, p) => s + p.sitesBuilt, 0)} sites)`,
    "",
    tableText(t.phases),
    "",
    `By district after ${last?.phase ?? "the last phase"} (share of residents covered):`,
    tableText(t.districts),
    "",
    coverageDefinition(r),
    "Gap to bound: how far the plan's covered people can at most be below the best possible plan (Lagrangian or exact bound).",
    r.sources.sites,
    `Data: ${r.sources.attribution.join("; ")}.`,
    ...(outDir === undefined ? [] : ["", `Wrote ${r.files.length} files to ${outDir} (report.md explains them).`]),
  ].join("\n");
}

/** The summary as Markdown (`summary.md`, copied into the README by `npm run readme:plan`). */
export function planSummaryMarkdown(r: StudyReport): string {
  const t = summaryTables(r);
  const last = r.phases.at(-1);
  return [
    tableMarkdown(t.phases),
    "",
    `By district after ${last?.phase ?? "the last phase"} (share of residents covered):`,
    "",
    tableMarkdown(t.districts),
    "",
    `${coverageDefinition(r)} Seed ${r.settings.seed}; coverage maps at ${r.settings.cellSizeM} m. ${r.sources.sites}`,
    "",
  ].join("\n");
}
