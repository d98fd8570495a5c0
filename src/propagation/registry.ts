import { fail } from "../errors.js";
import { cost231Hata } from "./cost231-hata.js";
import { fspl } from "./fspl.js";
import { okumuraHata } from "./okumura-hata.js";
import { rma } from "./tr38901-rma.js";
import { uma } from "./tr38901-uma.js";
import { umi } from "./tr38901-umi.js";
import type { Link, ModelId, PathLossModel, PathLossParams } from "./types.js";

/** Every path-loss model by id. Swapping a model never touches the engine. */
/** The link type each model takes. */
type LinkOf<K extends ModelId> = Link extends infer L ? (L extends Link ? (K extends L["model"] ? L : never) : never) : never;

export const PATH_LOSS_MODELS: { readonly [K in ModelId]: PathLossModel<LinkOf<K>> } = {
  fspl,
  "okumura-hata": okumuraHata,
  "cost231-hata": cost231Hata,
  "3gpp-uma": uma,
  "3gpp-umi": umi,
  "3gpp-rma": rma,
};

export const MODEL_IDS = Object.keys(PATH_LOSS_MODELS) as ModelId[];

/** The model record for an id; `UNKNOWN_MODEL` otherwise. */
export function pathLossModel(id: unknown): PathLossModel {
  if (typeof id !== "string" || !Object.prototype.hasOwnProperty.call(PATH_LOSS_MODELS, id)) {
    fail("UNKNOWN_MODEL", "model", id, `one of ${MODEL_IDS.join(", ")}`);
  }
  return PATH_LOSS_MODELS[id as ModelId] as PathLossModel;
}

function linkOf(params: unknown): Link {
  if (params === null || typeof params !== "object") fail("WRONG_TYPE", "params", params, "an options object { model, freqMHz, … }");
  pathLossModel((params as { model?: unknown }).model);
  return params as Link;
}

/**
 * Checks a link once and returns a fast function of the 2D distance (m) → path loss (dB), with
 * every constant hoisted: what the coverage engine calls per pixel.
 */
export function preparePathLoss(link: Link): (distanceM: number) => number {
  const l = linkOf(link);
  return pathLossModel(l.model).prepare(l);
}

/** Path loss in dB for one link at one 2D distance (m). Throws `OUT_OF_VALIDITY` outside the model's ranges unless `extrapolate` is set. */
export function pathLossDb(params: PathLossParams): number {
  const l = linkOf(params);
  return pathLossModel(l.model).prepare(l)((params as { distanceM: number }).distanceM);
}

/** Shadow-fading standard deviation (dB) of the model for this link (RMa LOS also depends on distance). */
export function shadowFadingDb(link: Link & { distanceM?: number }): number {
  const l = linkOf(link);
  return pathLossModel(l.model).shadowFadingDb(l, link.distanceM);
}
