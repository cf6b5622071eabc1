// Baujat's coordinates under any intercept-only model: each study's squared Pearson residual under
// the full fit (its contribution to Q under the common-effect model) and the squared standardised
// change of the pooled estimate when the study is left out (tau² re-estimated in every refit).
import type { Tau2Control } from '../heterogeneity/index.js';
import { readStudies, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { leaveOneOut } from './leaveOneOut.js';

export interface BaujatOptions {
  /** tau² method (default 'REML'; 'EE' gives Baujat et al.'s original common-effect plot), test (default 'z'). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  readonly control?: Tau2Control;
}

/** One study's point; null where its leave-one-out refit failed. */
export interface BaujatStudy {
  readonly study: string;
  /** (yᵢ − μ̂)² / (vᵢ + τ̂²): the contribution to Q (common effect), the squared Pearson residual (random effects). */
  readonly contributionQ: number;
  /** (μ̂₍₋ᵢ₎ − μ̂)² / SE(μ̂₍₋ᵢ₎)². */
  readonly influence: number | null;
}

export interface BaujatResult {
  readonly method: ModelMethod;
  readonly test: ModelTest;
  /** The full-data fit the residuals are taken from. */
  readonly estimate: number;
  readonly tau2: number;
  readonly studies: readonly BaujatStudy[];
}

/**
 * Baujat plot coordinates for an intercept-only model under `method`, as metafor's `baujat(res)`:
 * x = (yᵢ − μ̂)²/(vᵢ + τ̂²) from the full fit, y = (μ̂₍₋ᵢ₎ − μ̂)²/Var(μ̂₍₋ᵢ₎) from the refit without
 * study i (same method, test and control; tau² re-estimated). With method 'EE' these are Baujat
 * et al.'s (2002, Stat Med 21:2641) contribution to Cochran's Q and influence on the overall result.
 * @example baujat(bcgRR, { method: 'EE' }).studies[0].contributionQ // 0.6472
 */
export function baujat(data: EffectData, options: BaujatOptions = {}): BaujatResult {
  const settings = checkSettings('baujat', options);
  const { yi, vi, study } = readStudies(data, 'baujat');
  const full = fitInterceptModel(yi, vi, settings);
  const tau2 = settings.method === 'EE' || settings.method === 'FE' || !Number.isFinite(full.tau2) ? 0 : full.tau2;
  const loo = leaveOneOut(data, { ...settings });
  const studies = Array.from(yi, (y, i): BaujatStudy => {
    const step = loo.steps[i];
    const se = step?.standardError ?? null;
    const est = step?.estimate ?? null;
    return {
      study: study[i]!,
      contributionQ: (y - full.estimate) ** 2 / (vi[i]! + tau2),
      influence: est !== null && se !== null && se > 0 ? (est - full.estimate) ** 2 / se ** 2 : null,
    };
  });
  return { method: settings.method, test: settings.test, estimate: full.estimate, tau2, studies };
}
