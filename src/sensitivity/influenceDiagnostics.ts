import type { Tau2Control } from '../heterogeneity/index.js';
import type { Warning } from '../core/errors.js';
import { chiSquareCdf } from '../distributions/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { SENSITIVITY_MESSAGES } from './messages.js';

export interface InfluenceOptions {
  /** tau² method (default 'REML'), test (default 'z'), level in percent (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

/** Case-deletion diagnostics of one study (metafor: one row of `influence(res)`). */
export interface StudyInfluence {
  readonly study: string;
  /** Externally standardised (deleted) residual. */
  readonly rstudent: number | null;
  readonly dffits: number | null;
  readonly cooksDistance: number | null;
  /** Covariance ratio: Var(μ̂ without the study) / Var(μ̂). */
  readonly covRatio: number | null;
  /** tau² and Cochran's Q of the model without the study. */
  readonly tau2Deleted: number | null;
  readonly qDeleted: number | null;
  /** Hat value wᵢ/Σw. */
  readonly hat: number | null;
  /** Weight in percent. */
  readonly weight: number | null;
  /** DFBETAS of the intercept. */
  readonly dfbetas: number | null;
  /** metafor's rule (see influenceDiagnostics). */
  readonly influential: boolean;
}

export interface InfluenceResult {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly k: number;
  readonly studies: readonly StudyInfluence[];
  readonly warnings: readonly Warning[];
}

const EPS = 2.220446049250313e-16;

/**
 * Influence diagnostics of an intercept-only model by deleting each study in turn (Viechtbauer &
 * Cheung 2010), as metafor's `influence(res)`. With μ̂, Var(μ̂) (Knapp–Hartung scaled under 'knha'),
 * wᵢ = 1/(vᵢ + τ̂²) from the full fit and μ̂₍ᵢ₎, Var(μ̂₍ᵢ₎), τ̂²₍ᵢ₎, s²₍ᵢ₎ (the Knapp–Hartung factor of
 * the deleted fit, 1 under 'z') from the fit without study i:
 * - rstudent = (yᵢ − μ̂₍ᵢ₎) / √(s²₍ᵢ₎(vᵢ + τ̂²₍ᵢ₎) + Var(μ̂₍ᵢ₎));
 * - hat = wᵢ/Σw; DFFITS = (μ̂ − μ̂₍ᵢ₎) / √(s²₍ᵢ₎ · hat · (τ̂²₍ᵢ₎ + vᵢ));
 * - DFBETAS = (μ̂ − μ̂₍ᵢ₎) / √(s²₍ᵢ₎ / Σⱼ 1/(vⱼ + τ̂²₍ᵢ₎)) (all k studies, deleted τ̂²);
 * - Cook's distance = (μ̂ − μ̂₍ᵢ₎)² / Var(μ̂); covariance ratio = Var(μ̂₍ᵢ₎)/Var(μ̂);
 * - influential when |DFFITS| > 3√(1/(k − 1)), or P(χ²₁ ≤ Cook's distance) > 0.5, or
 *   hat > 3/k, or |DFBETAS| > 1.
 * Every deleted fit is warm-started from the full-data tau² and reuses one work buffer.
 * Viechtbauer, W., & Cheung, M. W.-L. (2010). Outlier and influence diagnostics for meta-analysis.
 * Research Synthesis Methods, 1, 112–125.
 * @example
 * // metafor: influence(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg)))
 * influenceDiagnostics(bcgRR).studies[0].rstudent // -0.218142485736
 */
export function influenceDiagnostics(data: EffectData, options: InfluenceOptions = {}): InfluenceResult {
  const settings = checkSettings('influenceDiagnostics', options);
  const { yi, vi, study } = readStudies(data, 'influenceDiagnostics');
  const k = yi.length;
  const base = { ...settings, k };
  if (k < 2) {
    return { ...base, studies: [], warnings: [{ code: 'too_few_studies', message: SENSITIVITY_MESSAGES.too_few_studies_influence(k).text }] };
  }
  const knha = settings.test === 'knha' || settings.test === 'adhoc';
  const full = fitInterceptModel(yi, vi, settings);
  const mu = full.estimate;
  const varMu = full.standardError * full.standardError;
  let sumW = 0;
  for (let i = 0; i < k; i++) sumW += 1 / (vi[i]! + full.tau2);

  const ys = new Float64Array(k - 1);
  const vs = new Float64Array(k - 1);
  ys.set(yi.subarray(1));
  vs.set(vi.subarray(1));
  const studies = new Array<StudyInfluence>(k);
  const warnings: Warning[] = [];
  const dffitsCut = 3 * Math.sqrt(1 / (k - 1));
  for (let i = 0; i < k; i++) {
    if (i > 0) {
      ys[i - 1] = yi[i - 1]!;
      vs[i - 1] = vi[i - 1]!;
    }
    const del = fitInterceptModel(ys, vs, settings, {}, full.tau2);
    if (!del.converged) warnings.push({ code: 'not_converged', study: study[i]!, message: SENSITIVITY_MESSAGES.not_converged_influence(study[i]!).text });
    const tau2d = del.tau2;
    const mud = del.estimate;
    const varMud = del.standardError * del.standardError;
    // s²: weighted residual sum of squares / (k − 1 − 1) of the deleted fit under Knapp–Hartung.
    let s2w = 1;
    let sumWdel = 0;
    let rssDel = 0;
    for (let j = 0; j < k; j++) {
      const w = 1 / (vi[j]! + tau2d);
      sumWdel += w;
      if (knha && j !== i) rssDel += w * (yi[j]! - mud) ** 2;
    }
    if (knha) s2w = settings.test === 'adhoc' ? Math.max(1, rssDel / (k - 2)) : rssDel / (k - 2);
    const w = 1 / (vi[i]! + full.tau2);
    const hat = w / sumW;
    const change = mu - mud;
    let resid = yi[i]! - mud;
    if (Math.abs(resid) < 100 * EPS) resid = 0;
    const rstudent = resid / Math.sqrt(vi[i]! * s2w + varMud + tau2d * s2w);
    const dffits = change / Math.sqrt(s2w * hat * (tau2d + vi[i]!));
    const dfbetas = change / Math.sqrt(s2w / sumWdel);
    const cook = (change * change) / varMu;
    const covRatio = varMud / varMu;
    const influential = Math.abs(dffits) > dffitsCut || chiSquareCdf(cook, 1) > 0.5 || hat > 3 / k || Math.abs(dfbetas) > 1;
    studies[i] = {
      study: study[i]!,
      rstudent: finiteOrNull(rstudent),
      dffits: finiteOrNull(dffits),
      cooksDistance: finiteOrNull(cook),
      covRatio: finiteOrNull(covRatio),
      tau2Deleted: finiteOrNull(tau2d),
      qDeleted: finiteOrNull(del.q),
      hat: finiteOrNull(hat),
      weight: finiteOrNull(100 * hat),
      dfbetas: finiteOrNull(dfbetas),
      influential,
    };
  }
  return { ...base, studies, warnings };
}
