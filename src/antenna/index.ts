// Public API of the antenna module (re-exported from src/index.ts).
export { ANTENNA_DEFAULTS } from "./defaults.js";
export type { MsiDefaults } from "./defaults.js";
export { ANTENNA_PRESETS } from "./presets.js";
export type { AntennaPresetName } from "./presets.js";
export { horizontalLossRaw, sectorAttenuationDb, sectorAttenuationRaw, verticalLossRaw, wrapOffsetDeg } from "./sector.js";
export type { SectorAttenuationInput } from "./sector.js";
export { antennaFrameRaw, mechanicalTiltDirection } from "./tilt.js";
export type { TiltedDirection } from "./tilt.js";
export { DBI_PER_DBD, checkPattern, deepestLossDb, lerp360, patternAttenuationDb, patternLossRaw } from "./pattern.js";
export type { AntennaPattern } from "./pattern.js";
export { createPatternLibrary, resolvePattern } from "./library.js";
export type { PatternLibrary } from "./library.js";
export { parseMsi, writeMsi } from "./msi.js";
export type { ParseMsiOptions, WriteMsiOptions } from "./msi.js";
export { antennaGainDbi, prepareAntennaGain } from "./gain.js";
export type { AntennaSetup, GainFn } from "./gain.js";
