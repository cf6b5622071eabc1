// The sensitivity analyses (leave-one-out, cumulative, influence) and the JSON document
// `metasynth sensitivity --json` prints.
import type { Warning } from '../../core/errors.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import type { ModelMethod, ModelTest } from '../../bias/index.js';
import {
  cumulative,
  influenceDiagnostics,
  leaveOneOut,
  type CumulativeResult,
  type InfluenceResult,
  type LeaveOneOutResult,
  type SensitivityStep,
} from '../../sensitivity/index.js';
import { transformedJson } from '../transformed.js';

/** The three sensitivity analyses of `metasynth sensitivity`, with the settings they ran under. */
export interface SensitivityAnalyses {
  readonly table: EffectTable;
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly leaveOneOut: LeaveOneOutResult;
  readonly cumulative: CumulativeResult;
  readonly influence: InfluenceResult;
}

/**
 * Leave-one-out (metafor leave1out), cumulative (cumul, in `order` of a column when given) and influence
 * diagnostics (influence) under one model.
 * @example runSensitivity(bcgTable, { method: 'REML', test: 'z', level: 95 }).leaveOneOut.steps.length // 13
 */
export function runSensitivity(table: EffectTable, settings: { method: ModelMethod; test: ModelTest; level: number }, order?: string): SensitivityAnalyses {
  return {
    table,
    ...settings,
    leaveOneOut: leaveOneOut(table, settings),
    cumulative: cumulative(table, { ...settings, ...(order ? { orderBy: order } : {}) }),
    influence: influenceDiagnostics(table, settings),
  };
}

function stepJson(s: SensitivityStep, measure: Measure) {
  return {
    study: s.study,
    estimate: s.estimate,
    standardError: s.standardError,
    statistic: s.statistic,
    pValue: s.pValue,
    ciLower: s.ciLower,
    ciUpper: s.ciUpper,
    q: s.q,
    qPValue: s.qPValue,
    tau2: s.tau2,
    i2: s.i2,
    h2: s.h2,
    transformed: transformedJson(measure, s),
  };
}

/**
 * Every warning of the three analyses, tagged with the analysis it came from.
 * @example sensitivityWarnings(runSensitivity(bcgTable, { method: 'REML', test: 'z', level: 95 })) // []
 */
export function sensitivityWarnings(a: SensitivityAnalyses): (Warning & { analysis: string })[] {
  const tag = (analysis: string, ws: readonly Warning[]) => ws.map((w) => ({ analysis, ...w }));
  return [...tag('leaveOneOut', a.leaveOneOut.warnings), ...tag('cumulative', a.cumulative.warnings), ...tag('influence', a.influence.warnings)];
}

/**
 * The JSON document of `sensitivity --json` (a public contract; see README, section json).
 * @example sensitivityJson(runSensitivity(bcgTable, { method: 'REML', test: 'z', level: 95 })).k // 13
 */
export function sensitivityJson(a: SensitivityAnalyses) {
  return {
    k: a.table.studies.length,
    measure: a.table.measure,
    method: a.method,
    test: a.test,
    level: a.level,
    cumulativeOrder: a.cumulative.orderBy,
    leaveOneOut: a.leaveOneOut.steps.map((s) => stepJson(s, a.table.measure)),
    cumulative: a.cumulative.steps.map((s) => stepJson(s, a.table.measure)),
    influence: a.influence.studies.map((s) => ({
      study: s.study,
      rstudent: s.rstudent,
      dffits: s.dffits,
      cooksDistance: s.cooksDistance,
      covRatio: s.covRatio,
      tau2Deleted: s.tau2Deleted,
      qDeleted: s.qDeleted,
      hat: s.hat,
      weight: s.weight,
      dfbetas: s.dfbetas,
      influential: s.influential,
    })),
    warnings: sensitivityWarnings(a),
  };
}
