import type { LonLat, Technology } from "../units.js";
import { SITE_DEFAULTS, type TechnologyDefaults } from "./defaults.js";
import type { Site, SiteStatus } from "./schema.js";
import { validateSite } from "./validate.js";

export interface CreateSiteOptions {
  id: string;
  coordinates: LonLat;
  technologies: Technology[];
  name?: string;
  status?: SiteStatus;
  phase?: string;
  groundElevationM?: number;
  azimuthsDeg?: number[];
  /** Per-technology overrides of `SITE_DEFAULTS.technologies`. */
  overrides?: Partial<Record<Technology, Partial<TechnologyDefaults>>>;
}

/**
 * Builds a valid site from a few options: one sector per azimuth and technology, each with that
 * technology's default antenna, height, tilt, bands and power (`SITE_DEFAULTS`). Throws
 * `CellplanError` when the result is not valid (a bad coordinate, say).
 */
export function createSite(o: CreateSiteOptions): Site {
  const azimuths = o.azimuthsDeg ?? SITE_DEFAULTS.azimuthsDeg;
  const sectors = o.technologies.flatMap((tech) => {
    const d: TechnologyDefaults = { ...SITE_DEFAULTS.technologies[tech], ...o.overrides?.[tech] };
    return azimuths.map((azimuthDeg) => ({
      azimuthDeg,
      heightM: d.heightM,
      mechanicalTiltDeg: SITE_DEFAULTS.mechanicalTiltDeg,
      electricalTiltDeg: d.electricalTiltDeg,
      antenna: { ...d.antenna },
      cells: d.bands.map((band) => ({ band, powerDbm: d.powerDbm })),
    }));
  });
  return validateSite({
    type: "Feature",
    geometry: { type: "Point", coordinates: [o.coordinates[0], o.coordinates[1]] },
    properties: {
      id: o.id,
      name: o.name ?? o.id,
      status: o.status ?? SITE_DEFAULTS.status,
      ...(o.phase === undefined ? {} : { phase: o.phase }),
      ...(o.groundElevationM === undefined ? {} : { groundElevationM: o.groundElevationM }),
      sectors,
    },
  });
}
