// cellplan/node: Node-only helpers (file I/O; later worker threads and the CLI's commands).
export { loadScenario, readSites } from "./scenario.js";
export { almatyDir, packageRoot, readBytes, readJson } from "./files.js";
export { computeCoverageParallel, PARALLEL_DEFAULTS } from "./parallel.js";
export type { ParallelCoverageOptions } from "./parallel.js";
export { coverageToGeoTiff, writeGeoTiff, GEOTIFF_DEFAULTS } from "./geotiff.js";
export type { GeoTiffLayer, GeoTiffOptions, GeoTiffSource } from "./geotiff.js";
export { readGeoTiffDem } from "./dem-geotiff.js";
export { PNG_DEFAULTS, svgToPng } from "./png.js";
export type { PngOptions } from "./png.js";
export { readSiteList, readSitesCsv, writeSitesCsv, writeSitesKml } from "./exports/sites.js";
export { writeMap } from "./exports/map.js";
export { writeOutput } from "./exports/write.js";
