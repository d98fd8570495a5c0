/**
 * The shared output layers of `computeCoverageParallel` (16 bytes per pixel), kept for the next
 * call. Memory written for the first time costs a page fault per 4 KB page — a few hundred ms of a
 * worker's time for a 9-million-pixel raster, measured on 2 cores — which a call reusing the
 * previous call's layers skips. Reuse cannot leak old values into a result: a tile's pixels are all
 * written before the tile is reported finished, and only finished tiles are read.
 * One set is kept (the largest when calls overlap) until `SPARE_LAYERS_MS` after the last call
 * returned it, or `closeCoverageWorkers()`; the timer never keeps a process alive.
 */
export interface SharedLayerBuffers {
  powerDbm: SharedArrayBuffer;
  server: SharedArrayBuffer;
  secondDbm: SharedArrayBuffer;
  sinrDb: SharedArrayBuffer;
}

/** How long spare layers outlive the call that returned them, ms. */
export const SPARE_LAYERS_MS = 5000;

let spare: SharedLayerBuffers | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;

/** Pixels the layers hold (each layer has 4 bytes per pixel). */
function capacity(b: SharedLayerBuffers): number {
  return b.powerDbm.byteLength / 4;
}

/** Layers for `pixels` pixels or more: the spare set when it is large enough, else new ones. */
export function takeSharedLayers(pixels: number): SharedLayerBuffers {
  if (spare !== null && capacity(spare) >= pixels) {
    const b = spare;
    spare = null;
    return b;
  }
  const layer = () => new SharedArrayBuffer(pixels * 4);
  return { powerDbm: layer(), server: layer(), secondDbm: layer(), sinrDb: layer() };
}

/** Keeps `b` for the next call (the larger set when another was returned meanwhile). */
export function returnSharedLayers(b: SharedLayerBuffers): void {
  if (spare === null || capacity(b) > capacity(spare)) spare = b;
  clearTimeout(timer);
  timer = setTimeout(dropSharedLayers, SPARE_LAYERS_MS);
  timer.unref();
}

/** Lets the spare layers go. */
export function dropSharedLayers(): void {
  clearTimeout(timer);
  timer = undefined;
  spare = null;
}
