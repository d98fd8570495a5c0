/**
 * Shared shapes of the path-loss models. A model is a plain record kept in the registry
 * (`registry.ts`); the engine only ever calls `prepare(link)` and the returned distance → dB
 * function.
 */

/** `"formula"`: evaluate outside the validity range, never below free-space loss (each model says more). */
export type ExtrapolatePolicy = "formula";

export interface LinkBase {
  freqMHz: number;
  /** Evaluate outside the model's validity range instead of throwing `OUT_OF_VALIDITY`. */
  extrapolate?: ExtrapolatePolicy;
}

export interface FsplLink extends LinkBase {
  model: "fspl";
}

export interface HataLinkBase extends LinkBase {
  txHeightM: number;
  rxHeightM: number;
  citySize: "medium" | "large";
}

export interface OkumuraHataLink extends HataLinkBase {
  model: "okumura-hata";
  environment: "urban" | "suburban" | "open";
}

export interface Cost231HataLink extends HataLinkBase {
  model: "cost231-hata";
  environment: "urban" | "metropolitan" | "suburban";
}

export interface Tr38901Link extends LinkBase {
  model: "3gpp-uma" | "3gpp-umi" | "3gpp-rma";
  los: boolean;
  txHeightM: number;
  rxHeightM: number;
  /** Average building height h, RMa only (default 5 m). */
  buildingHeightM?: number;
  /** Average street width W, RMa only (default 20 m). */
  streetWidthM?: number;
  /** Use the optional simplified NLOS formula of Table 7.4.1-1 (UMa, UMi). */
  nlosOptional?: boolean;
}

/** A link without its distance: what `prepare` takes. */
export type Link = FsplLink | OkumuraHataLink | Cost231HataLink | Tr38901Link;
export type ModelId = Link["model"];
/** A link with its distance (2D ground distance for every model): what `pathLossDb` takes. */
export type PathLossParams = Link & { distanceM: number };

/** Closed intervals; a missing entry means the parameter is not used by the model. */
export interface Validity {
  freqMHz: readonly [number, number];
  distanceM: readonly [number, number];
  txHeightM?: readonly [number, number];
  rxHeightM?: readonly [number, number];
  buildingHeightM?: readonly [number, number];
  streetWidthM?: readonly [number, number];
}

export interface PathLossModel<L extends Link = Link> {
  id: L["model"];
  title: string;
  /** The standard and section the formulas follow. */
  source: string;
  /** Validity of the link's parameters; LOS/NLOS-dependent models give the widest and check the rest in `prepare`. */
  validity: Validity;
  /** What `extrapolate: "formula"` does for this model. */
  extrapolation: string;
  /** Checks the link once and returns a fast (2D distance in m) → path loss in dB function. */
  prepare(link: L): (distanceM: number) => number;
  /** Standard deviation of log-normal shadow fading for this link, dB. */
  shadowFadingDb(link: L, distanceM?: number): number;
}
