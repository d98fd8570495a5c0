// cellplan/node: Node-only helpers (file I/O; later worker threads and the CLI's commands).
export { loadScenario, readSites } from "./scenario.js";
export { almatyDir, packageRoot, readBytes, readJson } from "./files.js";
