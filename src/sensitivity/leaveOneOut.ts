import type { Tau2Control } from '../heterogeneity/index.js';
import type { Warning } from '../core/errors.js';
import { readStudies, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { toStep, type SensitivityStep } from './step.js';
import { SENSITIVITY_MESSAGES } from './messages.js';

export interface LeaveOneOutOptions {
  /** tau² method (default 'REML'), test (default 'z'), level in percent (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

export interface LeaveOneOutResult {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly k: number;
  /** One refit per study, in input order, each without that study. */
  readonly steps: readonly SensitivityStep[];
  readonly warnings: readonly Warning[];
}

/**
 * Leave-one-out analysis: the model refitted k times, each time without one study, with the same
 * method, test and level. Every refit starts from the full-data tau² (a warm start: one or two
 * iterations of O(k) each instead of a cold fit) and reuses one work buffer. As metafor's `leave1out(res)`.
 * Viechtbauer, W., & Cheung, M. W.-L. (2010). Outlier and influence diagnostics for meta-analysis.
 * Research Synthesis Methods, 1, 112–125.
 * @example
 * // metafor: leave1out(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg)))
 * leaveOneOut(bcgRR).steps[0].estimate // -0.70708378469926
 */
export function leaveOneOut(data: EffectData, options: LeaveOneOutOptions = {}): LeaveOneOutResult {
  const settings = checkSettings('leaveOneOut', options);
  const { yi, vi, study } = readStudies(data, 'leaveOneOut');
  const k = yi.length;
  const base = { ...settings, k };
  if (k < 2) {
    return { ...base, steps: [], warnings: [{ code: 'too_few_studies', message: SENSITIVITY_MESSAGES.too_few_studies_leave(k).text }] };
  }
  const full = fitInterceptModel(yi, vi, settings);
  const steps = new Array<SensitivityStep>(k);
  const ys = new Float64Array(k - 1);
  const vs = new Float64Array(k - 1);
  // Buffer holds all studies but i; moving from i to i + 1 only copies study i back into slot i.
  ys.set(yi.subarray(1));
  vs.set(vi.subarray(1));
  const warnings: Warning[] = [];
  for (let i = 0; i < k; i++) {
    if (i > 0) {
      ys[i - 1] = yi[i - 1]!;
      vs[i - 1] = vi[i - 1]!;
    }
    const fit = fitInterceptModel(ys, vs, settings, {}, full.tau2);
    if (!fit.converged) warnings.push({ code: 'not_converged', study: study[i]!, message: SENSITIVITY_MESSAGES.not_converged_leave(study[i]!).text });
    steps[i] = toStep(study[i]!, fit);
  }
  return { ...base, steps, warnings };
}
