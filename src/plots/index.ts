export { forestPlotSpec, forestPlotPages } from './forest.js';
export { clusterForestPlotSpec } from './clusterForest.js';
export { heterogeneityText, overallTestText, subgroupTestText, subgroupI2 } from './forestAnnotations.js';
export { funnelPlotSpec } from './funnel.js';
export { funnelPetPeese, funnelSelectionEstimate, selectionModelLabel } from './funnelOverlays.js';
export type { PetPeeseFigures, SelectionFigures } from './funnelOverlays.js';
export { FUNNEL_LINE_STYLES } from './funnelLines.js';
export { baujatPlotSpec, labbePlotSpec } from './diagnostics.js';
export type { BaujatPlotOptions } from './diagnostics.js';
export { radialPlotSpec } from './radial.js';
export { influencePlotSpec, INFLUENTIAL_COLOUR } from './influence.js';
export type { InfluencePlotInput, InfluencePlotStudy } from './influence.js';
export { selectionFunctionPlotSpec, selectionFunctionPoints } from './selectionFunction.js';
export { forestInput, sensitivityForestInput, funnelInput, baujatData, radialInput, labbeInput, methodLabel } from './adapters.js';
export { modelDescription, labbeArm } from './adapters.js';
export { LABBE_SCALES } from './types.js';
export type { RadialPlotInput, LabbePlotInput, LabbeScale } from './types.js';
export type { PooledFigures, SubgroupFigures, ForestAdapterOptions, SensitivityRow, TrimFillFigures, EggerFigures } from './adapters.js';
export { FOREST_PRESETS, isForestPreset, MEASURE_NAMES } from './format.js';
export type { ForestPreset } from './format.js';
export { FOREST_SORTS, SUBGROUP_TESTS, ROB_DOMAINS, ROB_JUDGEMENTS } from './types.js';
export type {
  ForestStudy,
  ForestPooled,
  ForestHeterogeneity,
  ForestOverallTest,
  ForestSubgroup,
  ForestSubgroupTest,
  SubgroupTestKind,
  ForestArms,
  ForestEventArm,
  ForestMeanArm,
  RobDomain,
  RobJudgement,
  ForestPlotInput,
  ForestPlotOptions,
  ForestSortKey,
  ForestColumn,
  FunnelPoint,
  FunnelPlotInput,
  FunnelPlotOptions,
  FunnelEstimate,
  FunnelRegressionLine,
  FunnelPetPeese,
  FunnelAdjustedEstimate,
  BaujatPoint,
  RadialPoint,
  LabbePoint,
  PlotOptions,
} from './types.js';
export { VEGALITE_MIME_TYPES, plotMimeBundle, plotDisplay, PlotDisplay } from './jupyter.js';
export { FONT_FAMILY } from './textMetrics.js';
export { VEGA_LITE_SCHEMA } from './spec.js';
export { goshPlotSpec, GOSH_AXES } from './gosh.js';
export type { GoshPlotOptions, GoshAxis } from './gosh.js';
export { bayesDensitySpec, bayesForestSpec, bayesJointSpec } from './bayes.js';
export type { BayesPlotOptions } from './bayes.js';
export { bubblePlotSpec } from './bubble.js';
export { caterpillarPlotSpec } from './caterpillar.js';
export { orchardPlotSpec } from './orchard.js';
export { bubbleInput, orchardInput } from './modelAdapters.js';
export type { BubblePoint, BubbleLinePoint, BubblePlotInput, OrchardGroup, OrchardPlotInput } from './types.js';
