import { basename, dirname, extname } from "node:path";
import { CellplanError, formatProblem, type Problem } from "../../errors.js";
import { checkSites } from "../../model/validate.js";
import { readSitesCsv } from "../exports/sites.js";
import { readJson } from "../files.js";
import { loadScenario } from "../scenario.js";

export interface FileReport {
  file: string;
  kind: "sites" | "scenario";
  ok: boolean;
  problems: Problem[];
  sites?: number;
}

/**
 * `cellplan validate FILE...`: every problem of every file; a scenario.json checks its whole
 * folder, a `.csv` is read as the site spreadsheet (problems name its row and column), anything
 * else as a GeoJSON site collection.
 */
export function validateFiles(files: string[]): FileReport[] {
  return files.map((file): FileReport => {
    const kind = basename(file) === "scenario.json" ? "scenario" : "sites";
    try {
      if (kind === "scenario") {
        loadScenario(dirname(file));
        return { file, kind, ok: true, problems: [] };
      }
      if (extname(file).toLowerCase() === ".csv") {
        const sites = readSitesCsv(file);
        return { file, kind, ok: true, problems: [], sites: sites.features.length };
      }
      const r = checkSites(readJson(file));
      return r.ok
        ? { file, kind, ok: true, problems: [], sites: r.sites.features.length }
        : { file, kind, ok: false, problems: r.problems };
    } catch (e) {
      if (!(e instanceof CellplanError)) throw e;
      return { file, kind, ok: false, problems: [...e.problems] };
    }
  });
}

export function formatReports(reports: FileReport[]): string {
  return reports
    .map((r) =>
      r.ok
        ? `${r.file}: ok (${r.kind}${r.sites !== undefined ? `, ${r.sites} sites` : ""})`
        : [
            `${r.file}: ${r.problems.length} problem${r.problems.length === 1 ? "" : "s"}`,
            ...r.problems.map((p) => `  - ${formatProblem(p)}`),
          ].join("\n"),
    )
    .join("\n");
}
