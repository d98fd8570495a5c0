// The site arbitraries under their first module name (kept for existing imports); the entry is index.ts.
export { ALMATY_BBOX } from "./defaults.js";
export { arbLonLat } from "./position.js";
export type { LonLatOptions } from "./position.js";
export { arbAntenna, arbCell, arbSector } from "./sector.js";
export type { AntennaOptions, CellOptions, SectorOptions } from "./sector.js";
export { arbSite, arbSiteCollection, arbSiteId } from "./site.js";
export type { SiteCollectionOptions, SiteOptions } from "./site.js";
