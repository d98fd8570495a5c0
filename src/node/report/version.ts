import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "../files.js";

/** The installed cellplan's version, from its package.json. */
export function cellplanVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
