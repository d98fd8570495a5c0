import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { CellplanError } from "../../errors.js";

/**
 * Writes text (UTF-8) or bytes to `path`, creating missing parent folders; a file-system failure
 * becomes a `CellplanError` (`IO_ERROR`) naming the path and the system's error code.
 */
export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data);
  } catch (e) {
    throw new CellplanError("IO_ERROR", [
      { code: "INVALID_VALUE", field: path, value: (e as NodeJS.ErrnoException).code ?? String(e), allowed: "a writable file path" },
    ]);
  }
}
