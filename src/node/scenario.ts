import { join } from "node:path";
import { validateSites } from "../model/validate.js";
import type { SiteCollection } from "../model/schema.js";
import { parseScenario, type Scenario } from "../rollout/scenario.js";
import { almatyDir, readBytes, readJson } from "./files.js";

/**
 * Reads a scenario folder (`scenario.json` and the files it names) and returns it checked and
 * typed. Without an argument: the embedded Almaty scenario shipped in `data/almaty/`, whose `sites`
 * are cellplan's planned placement of the programme (`npm run data:sites`).
 */
export function loadScenario(dir: string = almatyDir()): Scenario {
  const scenario = readJson(join(dir, "scenario.json"));
  const files = (scenario as { files?: Record<string, unknown> } | null)?.files ?? {};
  const path = (key: string) => (typeof files[key] === "string" ? join(dir, files[key] as string) : undefined);
  const read = (key: string) => {
    const p = path(key);
    return p === undefined ? undefined : readJson(p);
  };
  const terrainPath = path("terrain");
  const sites = Array.isArray(files["sites"]) ? (files["sites"] as unknown[]).map((f) => (typeof f === "string" ? readJson(join(dir, f)) : f)) : undefined;
  return parseScenario({
    scenario,
    boundary: read("boundary"),
    districts: read("districts"),
    population: read("population"),
    ...(terrainPath === undefined ? {} : { terrain: readBytes(terrainPath) }),
    ...(sites === undefined ? {} : { sites }),
  });
}

/** Reads a GeoJSON site file and validates it (`validateSites`). */
export function readSites(path: string): SiteCollection {
  return validateSites(readJson(path));
}
