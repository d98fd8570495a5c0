/**
 * Unit aliases. They document intent in signatures (`heightM: Metres`) without runtime cost;
 * the unit also lives in every parameter and field name (`heightM`, `freqMHz`, `powerDbm`).
 */
export type Decibels = number;
export type Dbm = number;
export type Dbi = number;
export type MHz = number;
export type Metres = number;
export type Kilometres = number;
export type SquareKm = number;
export type Degrees = number;
export type Radians = number;

/** `[longitude, latitude]` in WGS84 degrees, RFC 7946 order. */
export type LonLat = [lon: Degrees, lat: Degrees];

/** `[west, south, east, north]` in WGS84 degrees, RFC 7946 §5. */
export type BBox = [west: Degrees, south: Degrees, east: Degrees, north: Degrees];

/** The four radio technologies cellplan plans for. */
export type Technology = "2G" | "3G" | "4G" | "5G";
