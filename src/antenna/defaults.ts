/** Every default of the antenna module, in one place (listed in the README's defaults table). */
export const ANTENNA_DEFAULTS = {
  /**
   * Am and SLAv of an omni antenna's vertical pattern when it has a `vBeamwidthDeg`: 20 dB, the
   * TR 36.814 Table A.2.1.1-2 side-lobe limit (an omni has no front-to-back ratio of its own, so Am
   * is set equal to SLAv: the vertical pattern alone is capped at 20 dB).
   */
  omniVerticalCapDb: 20,
  msi: {
    /**
     * Unit of a `GAIN` line without one. The Planet format's default is dBd ("the antenna gain unit
     * is dBd; if the gain is in dBi, it must be indicated after the value").
     */
    defaultGainUnit: "dBd" as "dBd" | "dBi",
    /**
     * Direction in which the file's horizontal angles grow, seen from above. The format
     * descriptions do not say; cellplan reads them clockwise like a bearing ("0° represents North
     * for the horizontal pattern"). Irrelevant for symmetric patterns.
     */
    horizontalAngles: "clockwise" as "clockwise" | "counterclockwise",
    /** Widest allowed step between consecutive samples of a cut; a wider gap is reported as missing angles. */
    maxGapDeg: 10,
  },
};

export type MsiDefaults = typeof ANTENNA_DEFAULTS.msi;
