import { bearing as turfBearing, booleanPointInPolygon, distance as turfDistance } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import { localFrame } from "../src/geo/frame.js";
import type { Site } from "../src/model/schema.js";
import type { Grid } from "../src/raster/grid.js";
import { gridNorth } from "../src/raster/grid.js";

/**
 * Baselines for the coverage benchmarks: the same maths as the engine (COST-231 Hata metropolitan
 * path loss, 3GPP sector pattern, best server and the mW sum for SINR) written the obvious way.
 */

interface FlatSector {
  lon: number;
  lat: number;
  x: number;
  y: number;
  azimuthDeg: number;
  h: number;
  g: number;
  hbw: number;
  vbw: number;
  am: number;
  sla: number;
  tilt: number;
  rs: number;
  /** COST-231 Hata (metropolitan, 1842.5 MHz, 1.5 m receiver) as a + b·log10(d_km): hoisted per sector. */
  a: number;
  b: number;
}

export function flatten(sites: readonly Site[], lat0: number, lon0: number): FlatSector[] {
  const f = localFrame(lat0);
  return sites.flatMap((s) =>
    s.properties.sectors.flatMap((sec) => {
      const a = sec.antenna;
      if (a.pattern !== "3gpp-sector") return [];
      const [lon, lat] = s.geometry.coordinates;
      return sec.cells.map((c) => ({
        lon,
        lat,
        x: (lon - lon0) * f.kx,
        y: (lat - lat0) * f.ky,
        azimuthDeg: sec.azimuthDeg,
        h: sec.heightM,
        g: a.gainDbi,
        hbw: a.hBeamwidthDeg,
        vbw: a.vBeamwidthDeg,
        am: a.frontToBackDb,
        sla: a.sideLobeDb,
        tilt: sec.electricalTiltDeg,
        rs: c.powerDbm - 10 * Math.log10(1200),
        a: cost231(1842.5, sec.heightM, 1.5, 1),
        b: 44.9 - 6.55 * Math.log10(sec.heightM),
      }));
    }),
  );
}

function cost231(freqMHz: number, hb: number, hm: number, dKm: number): number {
  const lf = Math.log10(freqMHz);
  const ahm = (1.1 * lf - 0.7) * hm - (1.56 * lf - 0.8);
  return 46.3 + 33.9 * lf - 13.82 * Math.log10(hb) - ahm + (44.9 - 6.55 * Math.log10(hb)) * Math.log10(dKm) + 3;
}

function pattern(s: FlatSector, bearingDeg: number, elevDeg: number): number {
  let phi = (bearingDeg - s.azimuthDeg) % 360;
  if (phi > 180) phi -= 360;
  else if (phi <= -180) phi += 360;
  const ah = Math.min(12 * (phi / s.hbw) ** 2, s.am);
  const av = Math.min(12 * ((elevDeg - s.tilt) / s.vbw) ** 2, s.sla);
  return s.g - Math.min(ah + av, s.am);
}

/**
 * Straightforward typed-array kernel: per-sector constants hoisted, local metres, one Math.log10
 * for path loss and two Math.atan2 for the antenna per evaluation, 10 ** (p/10) for the SINR sum;
 * no culling, no tables.
 */
export function straightforwardKernel(grid: Grid, mask: Uint8Array, sectors: FlatSector[], step = 1): { best: Float32Array; evaluations: number } {
  const lat0 = grid.south + (grid.height * grid.cellLatDeg) / 2;
  const lon0 = grid.west + (grid.width * grid.cellLonDeg) / 2;
  const f = localFrame(lat0);
  const north = gridNorth(grid);
  const best = new Float32Array(grid.width * grid.height).fill(NaN);
  const r2d = 180 / Math.PI;
  let evaluations = 0;
  for (let i = 0; i < best.length; i += step) {
    if (mask[i] === 0) continue;
    const col = i % grid.width;
    const row = (i - col) / grid.width;
    const x = (grid.west + (col + 0.5) * grid.cellLonDeg - lon0) * f.kx;
    const y = (north - (row + 0.5) * grid.cellLatDeg - lat0) * f.ky;
    let b = -Infinity;
    let sum = 0;
    for (const s of sectors) {
      const dx = x - s.x;
      const dy = y - s.y;
      const d = Math.max(1, Math.sqrt(dx * dx + dy * dy));
      const p = s.rs + pattern(s, Math.atan2(dx, dy) * r2d, Math.atan2(s.h - 1.5, d) * r2d) - (s.a + s.b * Math.log10(d / 1000));
      sum += 10 ** (p / 10);
      if (p > b) b = p;
    }
    best[i] = b + 0 * sum;
    evaluations += sectors.length;
  }
  return { best, evaluations };
}

/**
 * The obvious Turf kernel, as the issue defines it: the mask by `booleanPointInPolygon` per pixel,
 * then `turf.distance` + `turf.bearing` per pixel–sector; on every `step`-th pixel (extrapolate).
 * Its mask cost is part of its time, as the engine's scanline mask is part of the engine's.
 */
export function turfKernel(grid: Grid, area: Polygon | MultiPolygon, sectors: FlatSector[], step: number): { evaluations: number } {
  const north = gridNorth(grid);
  let evaluations = 0;
  let acc = 0;
  for (let i = 0; i < grid.width * grid.height; i += step) {
    const col = i % grid.width;
    const row = (i - col) / grid.width;
    const p: [number, number] = [grid.west + (col + 0.5) * grid.cellLonDeg, north - (row + 0.5) * grid.cellLatDeg];
    if (!booleanPointInPolygon(p, area)) continue;
    let b = -Infinity;
    let sum = 0;
    for (const s of sectors) {
      const d = Math.max(1, turfDistance([s.lon, s.lat], p, { units: "meters" }));
      const brg = turfBearing([s.lon, s.lat], p);
      const v = s.rs + pattern(s, brg, (Math.atan2(s.h - 1.5, d) * 180) / Math.PI) - (s.a + s.b * Math.log10(d / 1000));
      sum += 10 ** (v / 10);
      if (v > b) b = v;
    }
    acc += b + 0 * sum;
    evaluations += sectors.length;
  }
  return { evaluations: evaluations + 0 * acc };
}

/** The obvious mask: booleanPointInPolygon at every `step`-th pixel centre. */
export function turfMask(grid: Grid, area: Polygon | MultiPolygon, step: number): { tested: number; inside: number } {
  const north = gridNorth(grid);
  let tested = 0;
  let inside = 0;
  for (let i = 0; i < grid.width * grid.height; i += step) {
    const col = i % grid.width;
    const row = (i - col) / grid.width;
    if (booleanPointInPolygon([grid.west + (col + 0.5) * grid.cellLonDeg, north - (row + 0.5) * grid.cellLatDeg], area)) inside++;
    tested++;
  }
  return { tested, inside };
}
