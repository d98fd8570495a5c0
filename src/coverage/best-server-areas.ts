import type { Feature, FeatureCollection, MultiPolygon } from "geojson";
import { fail } from "../errors.js";
import { geometryAreaKm2 } from "../geo/area.js";
import type { Band } from "../model/bands.js";
import type { CoverageRaster } from "./compute.js";
import { checkLayers, indicatorPolygons } from "./contour-rings.js";

export interface BestServerAreaOptions {
  /** Keep only pixels whose best-server power reaches this (dBm); default: every served pixel. */
  thresholdDbm?: number;
}

export interface BestServerAreaProperties {
  /** Index into `raster.cells`. */
  cell: number;
  siteId: string;
  sectorIndex: number;
  band: Band;
  areaKm2: number;
}

/** The layers `bestServerAreas` reads: a `CoverageRaster`, or anything with the same fields. */
export type BestServerSource = Pick<CoverageRaster, "grid" | "server" | "powerDbm" | "mask" | "cells">;

/**
 * The area each cell serves, as lon/lat MultiPolygons: one feature per cell that is best server of
 * at least one pixel inside the mask, in cell order.
 *
 * Each cell's outline is marching squares over its indicator (server = cell) in a window of its
 * pixels' bounding box plus a one-pixel border, so the cost is the cell's footprint, not the whole
 * grid per cell. Vertices sit halfway between pixel centres (on pixel edges, corners cut
 * diagonally): every pixel centre lies inside its own server's polygon. Neighbouring cells share
 * their boundary exactly; where three or more servers meet in one 2 × 2 block of pixels a sliver of
 * under a quarter pixel belongs to none.
 */
export function bestServerAreas(raster: BestServerSource, options: BestServerAreaOptions = {}): FeatureCollection<MultiPolygon, BestServerAreaProperties> {
  const n = checkLayers(raster, ["server", "powerDbm", "mask"]);
  if (!Array.isArray(raster.cells)) fail("WRONG_TYPE", "raster.cells", raster.cells, "the raster's array of cells");
  if (options === null || typeof options !== "object") fail("WRONG_TYPE", "options", options, "{ thresholdDbm?: number }");
  const threshold = options.thresholdDbm ?? -Infinity;
  if (options.thresholdDbm !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    fail("NOT_FINITE", "options.thresholdDbm", threshold, "a finite threshold in dBm, or leave it out");
  }
  const { grid, server, powerDbm, mask, cells } = raster;
  const w = grid.width;
  const served = (i: number): number => (mask[i] !== 0 && powerDbm[i]! >= threshold ? server[i]! : -1);

  // One pass for every cell's bounding box of pixels (columns and rows, inclusive).
  const m = cells.length;
  const box = { c0: new Int32Array(m).fill(w), c1: new Int32Array(m).fill(-1), r0: new Int32Array(m).fill(grid.height), r1: new Int32Array(m).fill(-1) };
  for (let i = 0; i < n; i++) {
    const k = served(i);
    if (k === -1) continue;
    if (!(k >= 0 && k < m)) fail("INVALID_VALUE", `raster.server[${i}]`, k, `−1 (no server) or a cell index 0–${m - 1}`);
    const col = i % w;
    const row = (i - col) / w;
    if (col < box.c0[k]!) box.c0[k] = col;
    if (col > box.c1[k]!) box.c1[k] = col;
    if (row < box.r0[k]!) box.r0[k] = row;
    if (row > box.r1[k]!) box.r1[k] = row;
  }

  const features: Feature<MultiPolygon, BestServerAreaProperties>[] = [];
  for (let k = 0; k < m; k++) {
    if (box.c1[k]! < 0) continue;
    const col0 = box.c0[k]! - 1;
    const row0 = box.r0[k]! - 1;
    const width = box.c1[k]! - col0 + 2;
    const height = box.r1[k]! - row0 + 2;
    const inside = new Uint8Array(width * height);
    for (let y = 1; y < height - 1; y++) {
      const rowStart = (row0 + y) * w + col0;
      for (let x = 1; x < width - 1; x++) if (served(rowStart + x) === k) inside[y * width + x] = 1;
    }
    const coordinates = indicatorPolygons(grid, { col0, row0, width, height, inside });
    if (coordinates.length === 0) continue;
    const geometry: MultiPolygon = { type: "MultiPolygon", coordinates };
    const c = cells[k]!;
    features.push({
      type: "Feature",
      geometry,
      properties: { cell: k, siteId: c.siteId, sectorIndex: c.sectorIndex, band: c.band, areaKm2: geometryAreaKm2(geometry) },
    });
  }
  return { type: "FeatureCollection", features };
}
