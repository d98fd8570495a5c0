import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { CellplanError } from "../errors.js";

/** Reads a file, turning a file-system failure into a `CellplanError` (`IO_ERROR`). */
export function readBytes(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new CellplanError("IO_ERROR", [
      { code: "INVALID_VALUE", field: path, value: (e as NodeJS.ErrnoException).code ?? String(e), allowed: "a readable file" },
    ]);
  }
}

/** Reads and parses a JSON file; a syntax error names the file and what the parser said. */
export function readJson(path: string): unknown {
  const text = new TextDecoder().decode(readBytes(path));
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new CellplanError("IO_ERROR", [{ code: "WRONG_TYPE", field: path, value: (e as Error).message, allowed: "JSON text" }]);
  }
}

/** The installed package's root (the folder holding cellplan's package.json), from src/ or dist/. */
export function packageRoot(): string {
  const here = fileURLToPath(import.meta.url);
  let dir = dirname(here);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "cellplan") return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`cellplan: cannot find the package root above ${here}`);
    dir = up;
  }
}

/** Folder of the embedded Almaty scenario. */
export function almatyDir(): string {
  return resolve(packageRoot(), "data", "almaty");
}
