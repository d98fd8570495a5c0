import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The real sources beside the checkout (../shared/data/almaty-sources), as in CI. */
export const SOURCES = fileURLToPath(new URL("../../../shared/data/almaty-sources/", import.meta.url));

/**
 * Tests that compare the shipped dataset with its sources need ../shared. In CI it must be there
 * (a missing folder fails); on a machine without it they are skipped.
 */
export const haveSources = existsSync(SOURCES) || process.env["CI"] === "true";
