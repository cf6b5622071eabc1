// The page's one link to the analyses: src/session's runAnalysis, whose `json` is exactly the
// document the CLI's `--json` prints for the same analysis and settings, so the page's numbers are the
// CLI's by construction. No statistic is computed in web/src.
export {
  ANALYSES,
  analysisSettingsSchema,
  cliCommandFor,
  metaforCallFor,
  runAnalysis,
  settingsFromQuery,
  settingsToQuery,
} from '../../src/session/index.js';
export type { AnalysisInput, AnalysisOutcome, AnalysisPlot, AnalysisSettings, CellProblem, ParsedTable } from '../../src/session/index.js';
