export { leaveOneOut } from './leaveOneOut.js';
export type { LeaveOneOutOptions, LeaveOneOutResult } from './leaveOneOut.js';
export { cumulative } from './cumulative.js';
export type { CumulativeOptions, CumulativeResult } from './cumulative.js';
export { influenceDiagnostics } from './influenceDiagnostics.js';
export type { InfluenceOptions, InfluenceResult, StudyInfluence } from './influenceDiagnostics.js';
export type { SensitivityStep } from './step.js';
export { baujat } from './baujat.js';
export type { BaujatOptions, BaujatResult, BaujatStudy } from './baujat.js';
