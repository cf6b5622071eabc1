// The selection models for publication bias (metafor 3.8-1 selmodel) and the JSON document
// `metasynth selection --json` prints.
import type { SelectionModelResult } from '../../selection/index.js';

/**
 * The JSON document of `selection --json` (a public contract; README, section json; metafor names in brackets there).
 * @example selectionJson(selectionModel(bcgTable, { type: 'stepfun', steps: [0.05, 1] })).type // 'stepfun'
 */
export function selectionJson(r: SelectionModelResult) {
  const single = r.coefficients.length === 1 ? r.coefficients[0]! : null;
  return {
    type: r.type,
    alternative: r.alternative,
    steps: r.steps,
    k: r.k,
    method: r.method,
    estimate: single?.estimate ?? null,
    standardError: single?.standardError ?? null,
    statistic: single?.statistic ?? null,
    pValue: single?.pValue ?? null,
    ciLower: single?.ciLower ?? null,
    ciUpper: single?.ciUpper ?? null,
    ...(single
      ? {}
      : {
          coefficients: r.coefficients.map((c) => ({
            name: c.name,
            estimate: c.estimate,
            standardError: c.standardError,
            statistic: c.statistic,
            pValue: c.pValue,
            ciLower: c.ciLower,
            ciUpper: c.ciUpper,
          })),
        }),
    tau2: r.tau2,
    tau2StandardError: r.tau2StandardError,
    delta: r.delta.map((d) => ({ estimate: d.estimate, standardError: d.standardError, ciLower: d.ciLower, ciUpper: d.ciUpper, fixed: d.fixed })),
    lrt: r.lrt,
    lrtTau2: r.lrtTau2,
    intervalCounts: r.intervalCounts,
    logLik: r.logLik,
    converged: r.converged,
    warnings: r.warnings.map((w) => ({ code: w.code, message: w.message })),
  };
}
