import type { Technology } from "../units.js";
import type { Band } from "./bands.js";
import type { SectorAntenna, SiteStatus } from "./schema.js";

export interface TechnologyDefaults {
  bands: Band[];
  /** Cell transmit power at the antenna connector. */
  powerDbm: number;
  /** Antenna height above ground. */
  heightM: number;
  electricalTiltDeg: number;
  antenna: Omit<SectorAntenna, "frontToBackDb" | "sideLobeDb">;
}

/**
 * Defaults used by `createSite` (and listed in the README). Values are operator convention for
 * urban macro sites unless a source is given; antenna shapes follow the 3GPP parametric sector
 * model (TR 36.814 Table A.2.1.1-2: 65–70° horizontal, ~10° vertical, 14–18 dBi).
 */
export const SITE_DEFAULTS = {
  status: "planned" as SiteStatus,
  /** Three-sector macro layout. */
  azimuthsDeg: [0, 120, 240],
  mechanicalTiltDeg: 0,
  /** Wedge radius used by `sectorWedges` for display. */
  wedgeRadiusM: 300,
  /** Horizontal beamwidth shown for pattern-file antennas, whose pattern is not known here. */
  fileBeamwidthDeg: 65,
  technologies: {
    "2G": {
      bands: ["GSM900", "GSM1800"],
      powerDbm: 43, // 20 W per TRX, a typical macro BTS carrier
      heightM: 30,
      electricalTiltDeg: 2,
      antenna: { pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 10, gainDbi: 15.5 },
    },
    "3G": {
      bands: ["UMTS2100"],
      powerDbm: 43, // 20 W NodeB carrier
      heightM: 30,
      electricalTiltDeg: 4,
      antenna: { pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 8, gainDbi: 17.5 },
    },
    "4G": {
      bands: ["LTE1800", "LTE800"],
      powerDbm: 46, // 2 × 20 W (2T2R) per carrier
      heightM: 30,
      electricalTiltDeg: 4,
      antenna: { pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 8, gainDbi: 17.5 },
    },
    "5G": {
      bands: ["NR3500"],
      powerDbm: 53, // 200 W, a 64T64R active antenna unit at 100 MHz
      heightM: 25,
      electricalTiltDeg: 6,
      antenna: { pattern: "3gpp-sector", hBeamwidthDeg: 65, vBeamwidthDeg: 10, gainDbi: 24 }, // beamformed array gain
    },
  } satisfies Record<Technology, TechnologyDefaults>,
};
