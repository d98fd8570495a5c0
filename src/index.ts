// cellplan: the pure, browser-safe entry. Node-only helpers live in `cellplan/node`,
// fast-check arbitraries in `cellplan/testing`.

export type { BBox, Dbi, Dbm, Decibels, Degrees, Kilometres, LonLat, Metres, MHz, Radians, SquareKm, Technology } from "./units.js";
export { CellplanError, describeValue, formatProblem, isCellplanError } from "./errors.js";
export type { CellplanErrorCode, Problem, ProblemCode } from "./errors.js";
export { DEG, EARTH_MEAN_RADIUS_M, ITU_EARTH_RADIUS_M, RAD, SPEED_OF_LIGHT_M_PER_S, WGS84_A, WGS84_E2, WGS84_F, clamp, dbmToMw, fromDb, mulberry32, mwToDbm, sumDbm, toDb, wrapDeg180, wrapDeg360 } from "./math.js";

// geo
export { authalicQ, geometryAreaKm2, geometryAreaM2, ringSignedAreaM2 } from "./geo/area.js";
export { bboxContains, bboxOf, eachPosition, expandBBox } from "./geo/bbox.js";
export { frameDestination, frameDistanceM, localFrame } from "./geo/frame.js";
export type { LocalFrame } from "./geo/frame.js";
export { wedgePolygon } from "./geo/wedge.js";

// model
export { BANDS, BAND_TECHNOLOGY, TECHNOLOGIES, bandsOf, isBand, technologyOf } from "./model/bands.js";
export type { Band } from "./model/bands.js";
export { NUMBER_RULES, describeRule } from "./model/rules.js";
export {
  AntennaSchema,
  CellSchema,
  SectorSchema,
  SiteCollectionSchema,
  SitePropertiesSchema,
  SiteSchema,
} from "./model/schema.js";
export type {
  Antenna,
  Cell,
  OmniAntenna,
  PatternFileAntenna,
  Sector,
  SectorAntenna,
  Site,
  SiteCollection,
  SiteCollectionInput,
  SiteInput,
  SiteProperties,
  SiteStatus,
} from "./model/schema.js";
export { VALIDATE_DEFAULTS, checkSites, validateSite, validateSites } from "./model/validate.js";
export type { CheckResult, ValidateOptions } from "./model/validate.js";
export { SITE_DEFAULTS } from "./model/defaults.js";
export type { TechnologyDefaults } from "./model/defaults.js";
export { createSite } from "./model/create.js";
export type { CreateSiteOptions } from "./model/create.js";
export { cellsByTechnology, listCells, technologiesOf } from "./model/cells.js";
export type { CellFilter, CellRef } from "./model/cells.js";
export { displayBeamwidthDeg, sectorWedges } from "./model/wedges.js";
export type { WedgeOptions, WedgeProperties } from "./model/wedges.js";
export { SITES_SCHEMA_ID, sitesJsonSchema } from "./model/json-schema.js";

// terrain
export { DEM_LIMITS, countVoids, cropDem, demBBox, fillVoids, sampleDem, sampleRay } from "./terrain/dem.js";
export type { Dem } from "./terrain/dem.js";
export { decodeDem, encodeDem } from "./terrain/codec.js";
export type { DemFileHeader } from "./terrain/codec.js";
export { HGT_VOID, hgtTileOf, parseHgt } from "./terrain/hgt.js";

// rollout
export { parseScenario } from "./rollout/scenario.js";
export type { AreaGeometry, Scenario, ScenarioFiles } from "./rollout/scenario.js";
export type { BoundaryProperties, Deployment, DistrictProperties, Phase, PopulationCellProperties, Programme } from "./rollout/schema.js";
export { ringCentroid, summariseScenario } from "./rollout/summary.js";
export type { DeploymentSummary, DistrictSummary, ScenarioSummary } from "./rollout/summary.js";

// radio
export { BAND_TABLE, bandInfo } from "./radio/bands.js";
export type { BandInfo, MeasuredQuantity } from "./radio/bands.js";
export { DOWNLINK_SHANNON, RADIO_DEFAULTS, UPLINK_SHANNON } from "./radio/defaults.js";
export type { CoverageThresholds, RadioDefaults } from "./radio/defaults.js";
export { BOLTZMANN, T0_K, THERMAL_NOISE_DBM_PER_HZ, eirpDbm, referenceSignalPowerDbm, sinrDb, thermalNoiseDbm } from "./radio/link-budget.js";
export type { SinrInput } from "./radio/link-budget.js";
export { shannonSinrMaxDb, shannonThroughputBpsHz } from "./radio/throughput.js";
export type { ShannonParams } from "./radio/throughput.js";
export { areaCoverageProbability, edgeCoverageProbability, erf, erfc, marginForEdgeProbability, normalQuantile, qFunction } from "./radio/probability.js";

// propagation
export { MODEL_IDS, PATH_LOSS_MODELS, pathLossDb, pathLossModel, preparePathLoss, shadowFadingDb } from "./propagation/registry.js";
export type { Cost231HataLink, ExtrapolatePolicy, FsplLink, Link, ModelId, OkumuraHataLink, PathLossModel, PathLossParams, Tr38901Link, Validity } from "./propagation/types.js";
export { FSPL_CONSTANT_DB, fsplDb } from "./propagation/fspl.js";
export { okumuraHataDb } from "./propagation/okumura-hata.js";
export { cost231HataDb } from "./propagation/cost231-hata.js";
export { hataMobileCorrectionDb } from "./propagation/hata-common.js";
export { breakpointPrimeM, distance3dM, losProbability, rmaBreakpointM } from "./propagation/tr38901-common.js";
export type { Tr38901Scenario } from "./propagation/tr38901-common.js";
export { umaLosDb, umaNlosDb } from "./propagation/tr38901-uma.js";
export { umiLosDb, umiNlosDb } from "./propagation/tr38901-umi.js";
export { RMA_DEFAULTS, rmaLosDb, rmaNlosDb } from "./propagation/tr38901-rma.js";
export { PHYSICAL_LIMITS } from "./propagation/validity.js";

// antenna
export {
  ANTENNA_DEFAULTS,
  ANTENNA_PRESETS,
  DBI_PER_DBD,
  antennaFrameRaw,
  antennaGainDbi,
  checkPattern,
  createPatternLibrary,
  deepestLossDb,
  horizontalLossRaw,
  lerp360,
  mechanicalTiltDirection,
  parseMsi,
  patternAttenuationDb,
  patternLossRaw,
  prepareAntennaGain,
  resolvePattern,
  sectorAttenuationDb,
  sectorAttenuationRaw,
  verticalLossRaw,
  wrapOffsetDeg,
  writeMsi,
} from "./antenna/index.js";
export type {
  AntennaPattern,
  AntennaPresetName,
  AntennaSetup,
  GainFn,
  MsiDefaults,
  ParseMsiOptions,
  PatternLibrary,
  SectorAttenuationInput,
  TiltedDirection,
  WriteMsiOptions,
} from "./antenna/index.js";

// terrain: diffraction
export { KNIFE_EDGE_V_MIN, fresnelV, fresnelVRaw, knifeEdgeLossDb } from "./terrain/knife-edge.js";
export type { FresnelVOptions } from "./terrain/knife-edge.js";
export { DIFFRACTION_DEFAULTS, bulgeCoefficient, checkTerrainProfile, earthBulgeM, obstacleHeightAboveLineM, wavelengthOf } from "./terrain/profile-geometry.js";
export type { LineClearanceOptions, TerrainProfile, WaveOptions } from "./terrain/profile-geometry.js";
export { deygoutDiffraction } from "./terrain/deygout.js";
export type { DeygoutOptions, DeygoutResult, DiffractionEdge } from "./terrain/deygout.js";
export { bullingtonDiffraction } from "./terrain/bullington.js";
export type { BullingtonEdge, BullingtonOptions, BullingtonResult } from "./terrain/bullington.js";

// coverage
export { COVERAGE_DEFAULTS, defaultModel } from "./coverage/defaults.js";
export { computeCoverage } from "./coverage/compute.js";
export type { CoverageArea, CoverageOptions, CoverageRaster, ResolvedCoverageOptions } from "./coverage/compute.js";
export type { CoverageCell, SkippedSite } from "./coverage/cells.js";
export { prepareSignalAt, signalAt } from "./coverage/signal-at.js";
export type { ServerAtPoint, SignalAtOptions, SignalAtResult } from "./coverage/signal-at.js";
export { coverageStats, populationRaster } from "./coverage/stats.js";
export type { CoverageFigures, CoverageStats, ServerFigures, StatsOptions, ZoneFigures } from "./coverage/stats.js";

// raster
export { GRID_DEFAULTS, gridBBox, gridForBBox, gridNorth, pixelAt, pixelCentre } from "./raster/grid.js";
export type { Grid, GridOptions } from "./raster/grid.js";
export { decodeRaster, encodeRaster } from "./raster/codec.js";
export type { LayerArray } from "./raster/codec.js";
export { fillPolygonMask, polygonMask } from "./geo/scanline.js";
export type { Lattice } from "./geo/scanline.js";
export { coverageContours } from "./coverage/contours.js";
export type { ContourOptions, ContourProperties, ContourSource } from "./coverage/contours.js";
export { bestServerAreas } from "./coverage/best-server-areas.js";
export type { BestServerAreaOptions, BestServerAreaProperties, BestServerSource } from "./coverage/best-server-areas.js";
export { PLACEMENT_DEFAULTS, provisionalPlacement } from "./rollout/placement.js";
export { TABLE_DEFAULTS } from "./coverage/tables.js";
export type { ModelChooser } from "./coverage/cells.js";
export { decodeCoverage, encodeCoverage } from "./coverage/serialise.js";
export type { SetupReuse } from "./coverage/compute.js";
export { PROFILE_LIMITS, demSpacingM, groundElevationM, terrainProfile } from "./terrain/profile.js";
export type { GroundProfile, ProfileOptions } from "./terrain/profile.js";
export { TERRAIN_LOSS_DEFAULTS, terrainLoss } from "./terrain/loss.js";
export type { TerrainLoss, TerrainLossOptions } from "./terrain/loss.js";
export { RADIAL_DEFAULTS, buildHorizon, horizonLossDb, radialLossDb, radialMeanGroundM, radialOf } from "./terrain/radial.js";
export { EFFECTIVE_HEIGHT_DEFAULTS, averagingFromM, averagingToM, effectiveHeightM, prepareHataHeightCorrection, profileMeanGroundM } from "./terrain/effective-height.js";
export type { Horizon, HorizonOptions } from "./terrain/radial.js";
export { withTerrainVoids } from "./coverage/compute.js";
export { RENDER_DEFAULTS } from "./render/defaults.js";
export { renderMapSvg, renderPhaseMapSvg } from "./render/map.js";
export type { MapInput } from "./render/map.js";
export type { RenderOptions } from "./render/options.js";
export type { AreaLayer, IsobandLayer, IsobandProperties } from "./render/layers.js";
export { NO_PHASE_COLOUR, OKABE_ITO, VIRIDIS_ANCHORS, rampColours, viridis } from "./render/ramp.js";
export { niceScaleLengthM } from "./render/scale-bar.js";
export { escapeXml } from "./render/svg.js";
export { CSV_DEFAULTS, sitesToCsv } from "./io/csv.js";
export type { CsvWriteOptions } from "./io/csv.js";
export { sitesFromCsv } from "./io/csv-read.js";
export { CSV_COLUMNS } from "./io/csv-columns.js";
export { formatCsv, parseCsv } from "./io/csv-text.js";
export type { CsvCell, CsvRecord } from "./io/csv-text.js";
export { KML_DEFAULTS, kmlColour, sitesToKml } from "./io/kml.js";
export type { KmlOptions } from "./io/kml.js";
export { DEMAND_DEFAULTS, demandPoints } from "./demand/points.js";
export type { DemandOptions, DemandPoints, DemandZone, PopulationInput, ZonesInput } from "./demand/points.js";
export { geometryCentroid, pointInGeometry } from "./demand/polygons.js";
export type { AreaInput } from "./demand/polygons.js";
export { CANDIDATE_DEFAULTS, candidateGrid, conflictPairs, slopeDegAt } from "./optimise/candidates.js";
export type { CandidateOptions, Candidates, UserCandidate } from "./optimise/candidates.js";
export { COVERAGE_SET_DEFAULTS, candidateSite, coverageSets } from "./optimise/coverage-sets.js";
export type { CoverageSetOptions, CoverageSets, SiteTemplate } from "./optimise/coverage-sets.js";
export type { DecodeDemOptions } from "./terrain/codec.js";
export type { DecodeRasterOptions } from "./raster/codec.js";
export { ROLLOUT_DEFAULTS, SHIPPED_SITES_SETTINGS, planRollout } from "./rollout/plan.js";
export type { ZoneCoverage, DeploymentPlan, PhasePlan, RolloutOptions, RolloutPlan, ServiceLevel, TechnologyCoverage } from "./rollout/plan-types.js";
export { CLUSTER_DEFAULTS, hexCluster, snapToMasts } from "./rollout/cluster.js";
export { phaseSitesFileText } from "./rollout/site-files.js";
export { OPTIMISE_DEFAULTS, SYNTHETIC_DEFAULTS, coverageInstance, coveredWeight, maxCoverage, maxCoverageExact, prepareCoverage, setCover, syntheticCoverage, transposeCsr } from "./optimise/index.js";
export type { BoundMethod, CandidateSelection, CoverageInput, CoverageInstance, CoversInput, Csr, InstanceLimits, MaxCoverageExactOptions, MaxCoverageExactResult, MaxCoverageOptions, MaxCoverageResult, OptimiseDefaults, PreparedCoverage, ReductionStats, SearchOptions, SetCoverOptions, SetCoverResult, SolveStats, SyntheticCoverage, SyntheticCoverageOptions, TraceEntry } from "./optimise/index.js";
export { checkConflicts, placeApart } from "./optimise/conflicts.js";
export type { ConflictsInput } from "./optimise/conflicts.js";
