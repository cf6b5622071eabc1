export {
  fitMetaRegression,
  metaRegressionCoefficients,
  REGRESSION_TESTS,
  isRegressionTest,
  COLLINEARITY_THRESHOLD,
  META_REGRESSION_METHODS,
  isMetaRegressionMethod,
} from './fitMetaRegression.js';
export type {
  FitMetaRegressionInput,
  MetaRegressionFit,
  RegressionCoefficient,
  FitStatistics,
  RegressionTest,
  MetaRegressionMethod,
  Tau2Control,
} from './fitMetaRegression.js';
export { metaRegression } from './metaRegression.js';
export type { MetaRegressionOptions, MetaRegressionResult, LabelledCoefficient } from './metaRegression.js';
export { predictMetaRegression } from './predictMetaRegression.js';
export type { RegressionPrediction, NewModeratorRow } from './predictMetaRegression.js';
export { buildDesign, designRow, factorLevels, parseModeratorTerm } from './design.js';
export type { Design, DesignColumnInfo, ModeratorSpec } from './design.js';
export { subgroupAnalysis } from './subgroupAnalysis.js';
export type { SubgroupOptions, SubgroupResult, SubgroupAnalysisResult } from './subgroupAnalysis.js';
export { MODEL_METHODS, MODEL_TESTS, isModelMethod, isModelTest } from './models.js';
export type { ModelMethod, ModelTest, ModelSettings } from './models.js';
export { isFormula, compareC } from './design.js';
export { formulaDesign, formulaDesignRow } from './formula/formulaDesign.js';
export type { FormulaDesign, FormulaSpec, FormulaColumn } from './formula/formulaDesign.js';
export { parseFormula } from './formula/parseFormula.js';
export type { ParsedFormula } from './formula/parseFormula.js';
export { FORMULA_FUNCTIONS, FORMULA_WRAPPERS } from './formula/variables.js';
