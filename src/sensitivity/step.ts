import { finiteOrNull } from '../pool/effectData.js';
import type { InterceptFit } from '../regression/models.js';

/** One refit of a leave-one-out or cumulative analysis (metafor: one row of its list.rma). */
export interface SensitivityStep {
  /** Leave-one-out: the study left out; cumulative: the study added at this step. */
  readonly study: string;
  readonly k: number;
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly statistic: number | null;
  readonly pValue: number | null;
  readonly ciLower: number | null;
  readonly ciUpper: number | null;
  readonly q: number | null;
  readonly qPValue: number | null;
  readonly tau2: number | null;
  /** Percent. */
  readonly i2: number | null;
  readonly h2: number | null;
}

export function toStep(study: string, fit: InterceptFit): SensitivityStep {
  return {
    study,
    k: fit.k,
    estimate: finiteOrNull(fit.estimate),
    standardError: finiteOrNull(fit.standardError),
    statistic: finiteOrNull(fit.statistic),
    pValue: finiteOrNull(fit.pValue),
    ciLower: finiteOrNull(fit.ciLower),
    ciUpper: finiteOrNull(fit.ciUpper),
    q: finiteOrNull(fit.q),
    qPValue: finiteOrNull(fit.qPValue),
    tau2: finiteOrNull(fit.tau2),
    i2: finiteOrNull(fit.i2),
    h2: finiteOrNull(fit.h2),
  };
}
