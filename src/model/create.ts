import { fail } from "../errors.js";
import type { LonLat, Technology } from "../units.js";
import { TECHNOLOGIES } from "./bands.js";
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
  checkOptions(o);
  const azimuths = o.azimuthsDeg ?? SITE_DEFAULTS.azimuthsDeg;
  const sectors = o.technologies.flatMap((tech) => {
    const d: TechnologyDefaults = { ...SITE_DEFAULTS.technologies[tech], ...o.overrides?.[tech] };
    if (!Array.isArray(d.bands)) fail("WRONG_TYPE", `overrides.${tech}.bands`, d.bands, `a list of ${tech} bands`);
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

/** The options' shape; the values themselves are checked by `validateSite` on the built site. */
function checkOptions(o: CreateSiteOptions): void {
  if (o === null || typeof o !== "object") fail("WRONG_TYPE", "options", o, "{ id, coordinates: [lon, lat], technologies, … }");
  if (!Array.isArray(o.coordinates) || o.coordinates.length !== 2) fail("WRONG_GEOMETRY", "coordinates", o.coordinates, "a position [lon, lat]");
  const known: readonly unknown[] = TECHNOLOGIES;
  if (!Array.isArray(o.technologies) || !o.technologies.every((t) => known.includes(t))) {
    fail("INVALID_VALUE", "technologies", o.technologies, `a list of technologies from ${TECHNOLOGIES.join(", ")}`);
  }
  if (o.azimuthsDeg !== undefined && !Array.isArray(o.azimuthsDeg)) fail("WRONG_TYPE", "azimuthsDeg", o.azimuthsDeg, "a list of azimuths in degrees");
  const overrides: unknown = o.overrides;
  if (overrides !== undefined && (overrides === null || typeof overrides !== "object" || Array.isArray(overrides))) {
    fail("WRONG_TYPE", "overrides", overrides, "an object of per-technology overrides, e.g. { \"4G\": { heightM: 35 } }");
  }
  for (const t of o.technologies) {
    const v: unknown = o.overrides?.[t];
    if (v !== undefined && (v === null || typeof v !== "object" || Array.isArray(v))) fail("WRONG_TYPE", `overrides.${t}`, v, "an object of TechnologyDefaults fields");
  }
}
