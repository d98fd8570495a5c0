import type { Feature, FeatureCollection, Polygon } from "geojson";
import { wedgePolygon } from "../geo/wedge.js";
import type { Technology } from "../units.js";
import { technologyOf } from "./bands.js";
import { SITE_DEFAULTS } from "./defaults.js";
import type { Sector, Site, SiteCollection } from "./schema.js";

export interface WedgeOptions {
  /** Wedge radius in metres (display only; default `SITE_DEFAULTS.wedgeRadiusM`). */
  radiusM?: number;
  /** Largest angle between arc vertices, degrees (default 5). */
  stepDeg?: number;
}

export interface WedgeProperties {
  siteId: string;
  sectorIndex: number;
  azimuthDeg: number;
  beamwidthDeg: number;
  technologies: Technology[];
  status: string;
  phase: string | null;
}

/** Horizontal −3 dB beamwidth shown for a sector (360 for omni). */
export function displayBeamwidthDeg(sector: Sector): number {
  const a = sector.antenna;
  return a.pattern === "3gpp-sector" ? a.hBeamwidthDeg : a.pattern === "omni" ? 360 : SITE_DEFAULTS.fileBeamwidthDeg;
}

/** One wedge polygon per sector, for maps: apex at the site, opening the antenna's beamwidth. */
export function sectorWedges(sites: SiteCollection | readonly Site[], options: WedgeOptions = {}): FeatureCollection<Polygon, WedgeProperties> {
  const radiusM = options.radiusM ?? SITE_DEFAULTS.wedgeRadiusM;
  const features: Feature<Polygon, WedgeProperties>[] = [];
  for (const site of "features" in sites ? sites.features : sites) {
    site.properties.sectors.forEach((sector, sectorIndex) => {
      const beamwidthDeg = displayBeamwidthDeg(sector);
      features.push({
        type: "Feature",
        properties: {
          siteId: site.properties.id,
          sectorIndex,
          azimuthDeg: sector.azimuthDeg,
          beamwidthDeg,
          technologies: [...new Set(sector.cells.map((c) => technologyOf(c.band)))],
          status: site.properties.status,
          phase: site.properties.phase ?? null,
        },
        geometry: wedgePolygon(site.geometry.coordinates, sector.azimuthDeg, beamwidthDeg, radiusM, options.stepDeg),
      });
    });
  }
  return { type: "FeatureCollection", features };
}
