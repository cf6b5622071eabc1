// The subgroup analysis: per-subgroup pooled effects, the test of subgroup differences and the
// moderator test, and the JSON document `metasynth subgroup --json` prints.
import type { EffectTable, Measure } from '../../effects/types.js';
import { subgroupAnalysis, type SubgroupAnalysisResult, type SubgroupOptions } from '../../regression/index.js';
import { withInputWarnings } from '../input.js';
import { transformedJson } from '../transformed.js';

/**
 * The JSON document of `subgroup --json` (a public contract; see README, section json).
 * @example subgroupJson(subgroupAnalysis(bcgTable, { by: 'alloc' }), 'RR').subgroups.length // 3
 */
export function subgroupJson(res: SubgroupAnalysisResult, measure: Measure) {
  return {
    by: res.by,
    method: res.method,
    test: res.test,
    level: res.level,
    commonTau2: res.commonTau2,
    k: res.k,
    subgroups: res.subgroups.map((s) => ({
      level: s.level,
      k: s.k,
      estimate: s.estimate,
      standardError: s.standardError,
      statistic: s.statistic,
      pValue: s.pValue,
      ciLower: s.ciLower,
      ciUpper: s.ciUpper,
      tau2: s.tau2,
      i2: s.i2,
      h2: s.h2,
      q: s.q,
      qPValue: s.qPValue,
      transformed: transformedJson(measure, s),
    })),
    between: res.between,
    moderatorTest: { qm: res.moderatorTest.qm, df: res.moderatorTest.df, pValue: res.moderatorTest.pValue },
    excluded: res.excluded.map((e) => ({ study: e.study, ...(e.row === undefined ? {} : { row: e.row }), reason: e.reason })),
    kExcluded: res.kExcluded,
    warnings: res.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}

/**
 * Runs the subgroup analysis as `metasynth subgroup` does, with its JSON document.
 * @example subgroupRun(bcgTable, { by: 'alloc' }).result.subgroups.length // 3
 */
export function subgroupRun(table: EffectTable, options: SubgroupOptions) {
  const result = subgroupAnalysis(table, options);
  return { result, json: withInputWarnings({ measure: table.measure, ...subgroupJson(result, table.measure) }, table) };
}
