// The session area: the browser-safe facade the web page calls (run an analysis on pasted or uploaded
// data, the settings and their address form, the CLI command and metafor call that reproduce a result).
export { ANALYSES, isAnalysis, analysisSettingsSchema } from './settings.js';
export type { Analysis, AnalysisSettings } from './settings.js';
export { QUERY_KEYS, settingsToQuery, settingsFromQuery, deltaText, deltaValues } from './query.js';
export { runAnalysis, problemsOf } from './runAnalysis.js';
export type { AnalysisOutcome } from './runAnalysis.js';
export { TEXT_FORMATS, rawTableOf, datasetRawTable } from './readInput.js';
export type { AnalysisInput, TextFormat } from './readInput.js';
export { parsedTable, columnOfField } from './parsedTable.js';
export type { ParsedTable, CellProblem } from './parsedTable.js';
export { analysisPlots, LEAVE_ONE_OUT_PLOT_MAX_K } from './analyses/runners.js';
export type { AnalysisPlot } from './analyses/runners.js';
export { labelDocument } from './document.js';
export { studiesOfTable, effectTableOf } from './input.js';
export type { LoadedStudies } from './input.js';
export { poolAnalysis } from './analyses/pool.js';
export type { PoolAnalysis, PoolAnalysisOptions } from './analyses/pool.js';
export { buildPlotSpec, PLOT_KINDS } from './plotSpecs.js';
export type { PlotKind, PlotRequest, PlotSettings } from './plotSpecs.js';
export { cliCommandFor, permutestCommandFor, shellQuote } from './cliCommand.js';
export { metaforCallFor } from './metaforCall.js';
export { MISSING, formatFixed, formatPValue } from './printedDigits.js';
export { permutestAnalysis, permutestJob, PERMUTEST_OF, PERMUTEST_MAX_ITERATIONS } from './permutestAnalysis.js';
export { runPermutestJob } from './permutestJob.js';
export type { PermutestJob } from './permutestJob.js';
export type { PermutestRequest } from './permutestAnalysis.js';
