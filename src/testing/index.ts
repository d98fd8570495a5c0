// cellplan/testing: fast-check arbitraries for downstream property-based suites.
export {
  ALMATY_BBOX,
  arbAntenna,
  arbCell,
  arbLonLat,
  arbSector,
  arbSite,
  arbSiteCollection,
} from "./arbitraries.js";
export type { CellOptions, LonLatOptions, SectorOptions, SiteCollectionOptions, SiteOptions } from "./arbitraries.js";
