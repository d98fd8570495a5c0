import type { CoverageRaster } from "../coverage/compute.js";
import { fmt, ProblemList } from "./invariant.js";

export interface CoverageCheckOptions {
  /** Slack for `sinrDb ≤ powerDbm − noise` (float32 layers round), dB (default 0.001). */
  toleranceDb?: number;
}

const LAYERS = [
  ["mask", Uint8Array],
  ["powerDbm", Float32Array],
  ["server", Int32Array],
  ["secondDbm", Float32Array],
  ["sinrDb", Float32Array],
] as const;

/**
 * Checks the invariants every `CoverageRaster` holds, and throws one `InvariantError` listing all that
 * fail (per-pixel problems folded by kind, with a count and the first pixel):
 * - the grid has integer width and height ≥ 1 and positive, finite cell sizes;
 * - the five layers have the right typed-array type and width × height entries; the mask holds 0 / 1;
 * - `bands` is non-empty with one finite `noiseDbm` each; every cell's band is among them;
 * - outside the mask: `powerDbm`, `secondDbm`, `sinrDb` are NaN and `server` is −1;
 * - inside, with no server (−1): the three dB layers are −Infinity;
 * - inside, with a server: it indexes `cells`; power and SINR are finite; second ≤ power (−Infinity when
 *   no other cell reaches); SINR ≤ SNR = power − the server band's noise (interference only lowers it).
 */
export function checkCoverageRaster(raster: CoverageRaster, options: CoverageCheckOptions = {}): void {
  const tol = options.toleranceDb ?? 0.001;
  const out = new ProblemList();
  if (raster === null || typeof raster !== "object") {
    out.add(`not a coverage raster: ${fmt(raster)}`);
    return out.throwIfAny("coverage raster", "pixel");
  }
  const g = raster.grid;
  const gridOk = g !== null && typeof g === "object" && Number.isInteger(g.width) && Number.isInteger(g.height) && g.width >= 1 && g.height >= 1;
  if (!gridOk) out.add(`grid width × height must be integers ≥ 1, got ${fmt(g?.width)} × ${fmt(g?.height)}`);
  else if (!(g.cellLonDeg > 0 && g.cellLatDeg > 0 && Number.isFinite(g.cellLonDeg) && Number.isFinite(g.cellLatDeg))) {
    out.add(`grid cell sizes must be finite and > 0, got ${fmt(g.cellLonDeg)}° × ${fmt(g.cellLatDeg)}°`);
  }
  const n = gridOk ? g.width * g.height : -1;
  let layersOk = gridOk;
  for (const [name, ctor] of LAYERS) {
    const a: unknown = raster[name];
    if (!(a instanceof ctor)) {
      out.add(`${name} must be a ${ctor.name}, got ${a === null || a === undefined ? fmt(a) : (a as object).constructor?.name}`);
      layersOk = false;
    } else if (a.length !== n) {
      out.add(`${name} has ${a.length} entries, grid has ${n} pixels`);
      layersOk = false;
    }
  }
  const bands = Array.isArray(raster.bands) ? raster.bands : [];
  if (bands.length === 0) out.add("bands must be a non-empty list");
  if (!Array.isArray(raster.noiseDbm) || raster.noiseDbm.length !== bands.length || !raster.noiseDbm.every(Number.isFinite)) {
    out.add(`noiseDbm must hold one finite value per band (${bands.length}), got ${JSON.stringify(raster.noiseDbm)}`);
  }
  const cells = Array.isArray(raster.cells) ? raster.cells : [];
  if (!Array.isArray(raster.cells)) out.add("cells must be a list");
  const slot = cells.map((c) => bands.indexOf(c?.band));
  slot.forEach((s, i) => {
    if (s < 0) out.add(`cells[${i}].band ${fmt(cells[i]?.band)} is not among the raster's bands ${bands.join(", ")}`);
  });
  if (layersOk) checkPixels(raster, slot, tol, out);
  out.throwIfAny("coverage raster", "pixel");
}

function checkPixels(r: CoverageRaster, slot: number[], tol: number, out: ProblemList): void {
  const { mask, powerDbm, server, secondDbm, sinrDb } = r;
  const noise = Array.isArray(r.noiseDbm) ? r.noiseDbm : [];
  for (let i = 0; i < mask.length; i++) {
    const m = mask[i]!;
    const p = powerDbm[i]!;
    const s = server[i]!;
    const p2 = secondDbm[i]!;
    const q = sinrDb[i]!;
    const at = `#${i}`;
    if (m !== 0 && m !== 1) out.at("mask holds a value other than 0 or 1", at, `mask ${m}`);
    if (m === 0) {
      if (!(Number.isNaN(p) && Number.isNaN(p2) && Number.isNaN(q))) out.at("a dB layer is not NaN outside the mask", at, `power ${fmt(p)}, second ${fmt(p2)}, sinr ${fmt(q)}`);
      if (s !== -1) out.at("server is not −1 outside the mask", at, `server ${s}`);
      continue;
    }
    if (s === -1) {
      if (!(p === -Infinity && p2 === -Infinity && q === -Infinity)) out.at("a dB layer is not −Infinity where no cell serves", at, `power ${fmt(p)}, second ${fmt(p2)}, sinr ${fmt(q)}`);
      continue;
    }
    if (!(s >= 0 && s < slot.length)) {
      out.at("server index outside cells", at, `server ${s} of ${slot.length} cells`);
      continue;
    }
    if (!Number.isFinite(p) || !Number.isFinite(q)) out.at("power or SINR is not finite where a cell serves", at, `power ${fmt(p)}, sinr ${fmt(q)}`);
    if (!(p2 <= p)) out.at("second-best power is not ≤ best power", at, `second ${fmt(p2)} > power ${fmt(p)}`);
    const n = noise[slot[s]!];
    if (n !== undefined && q > p - n + tol) out.at("SINR exceeds SNR (power − noise)", at, `sinr ${fmt(q)} > ${fmt(p)} − ${fmt(n)}`);
  }
}
