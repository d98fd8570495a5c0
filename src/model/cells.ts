import type { Technology } from "../units.js";
import { technologyOf, TECHNOLOGIES, type Band } from "./bands.js";
import type { Site, SiteCollection } from "./schema.js";

/** One cell with everything needed to place it: a flat row, the shape planners exchange as CSV. */
export interface CellRef {
  siteId: string;
  sectorIndex: number;
  cellIndex: number;
  band: Band;
  technology: Technology;
  powerDbm: number;
  lon: number;
  lat: number;
  azimuthDeg: number;
  heightM: number;
  mechanicalTiltDeg: number;
  electricalTiltDeg: number;
}

export interface CellFilter {
  technology?: Technology;
  band?: Band;
}

/** Every cell of every site, in site / sector / cell order, optionally filtered. */
export function listCells(sites: SiteCollection | readonly Site[], filter: CellFilter = {}): CellRef[] {
  const out: CellRef[] = [];
  const features = "features" in sites ? sites.features : sites;
  for (const site of features) {
    const [lon, lat] = site.geometry.coordinates;
    site.properties.sectors.forEach((sector, sectorIndex) => {
      sector.cells.forEach((cell, cellIndex) => {
        const technology = technologyOf(cell.band);
        if (filter.band !== undefined && cell.band !== filter.band) return;
        if (filter.technology !== undefined && technology !== filter.technology) return;
        out.push({
          siteId: site.properties.id,
          sectorIndex,
          cellIndex,
          band: cell.band,
          technology,
          powerDbm: cell.powerDbm,
          lon,
          lat,
          azimuthDeg: sector.azimuthDeg,
          heightM: sector.heightM,
          mechanicalTiltDeg: sector.mechanicalTiltDeg,
          electricalTiltDeg: sector.electricalTiltDeg,
        });
      });
    });
  }
  return out;
}

/** Cells grouped by technology (every technology present as a key, possibly empty). */
export function cellsByTechnology(sites: SiteCollection | readonly Site[]): Record<Technology, CellRef[]> {
  const out = Object.fromEntries(TECHNOLOGIES.map((t) => [t, [] as CellRef[]])) as Record<Technology, CellRef[]>;
  for (const c of listCells(sites)) out[c.technology].push(c);
  return out;
}

/** The technologies a site carries, in 2G → 5G order. */
export function technologiesOf(site: Site): Technology[] {
  const present = new Set(site.properties.sectors.flatMap((s) => s.cells.map((c) => technologyOf(c.band))));
  return TECHNOLOGIES.filter((t) => present.has(t));
}
