import type { Tau2Control } from '../heterogeneity/index.js';
import type { Warning } from '../core/errors.js';
import { normalQuantile } from '../distributions/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, type ModelMethod, type ModelTest } from '../regression/models.js';
import { checkSettings } from '../regression/modelSettings.js';
import { BIAS_MESSAGES } from './messages.js';

/** Two-sided p-values of the contour-enhanced funnel (Peters et al. 2008), as metafor's example. */
export const FUNNEL_CONTOURS = [0.1, 0.05, 0.01] as const;

export interface FunnelOptions {
  /** tau² method of the pooled estimate at the centre (default 'REML'); level of the pseudo-CI (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /** Contour p-values, largest first. Default FUNNEL_CONTOURS. */
  readonly contours?: readonly number[];
  /** Iteration control of every fit (default: converged to 1e-12; METAFOR_DEFAULT_CONTROL: metafor's defaults). */
  readonly control?: Tau2Control;
}

/** The two ends of a straight boundary: effect bounds at standard error 0 and at `seMax`. */
export interface FunnelEdge {
  readonly standardError: number;
  readonly lower: number;
  readonly upper: number;
}

export interface FunnelContour {
  /** Two-sided p-value at the boundary: outside it, a study is significant at this p. */
  readonly pValue: number;
  /** z_{1−p/2}. */
  readonly critical: number;
  /** Boundary centred at 0 (no effect): ± critical × SE. */
  readonly edges: readonly [FunnelEdge, FunnelEdge];
}

export interface FunnelData {
  readonly method: ModelMethod;
  readonly level: number;
  readonly studies: readonly { readonly study: string; readonly effect: number; readonly standardError: number }[];
  /** Pooled estimate: the funnel's vertical reference line. */
  readonly estimate: number | null;
  /** Largest standard error (the bottom of the plot; the y axis runs from 0 down to it). */
  readonly seMax: number;
  /** Pseudo confidence region: estimate ± z_{1−α/2} × SE, at SE 0 and at seMax. */
  readonly pseudoCi: { readonly critical: number; readonly edges: readonly [FunnelEdge, FunnelEdge] } | null;
  /** Contour regions for significance (Peters et al. 2008), widest p first. */
  readonly contours: readonly FunnelContour[];
  readonly warnings: readonly Warning[];
}

/**
 * Data of a (contour-enhanced) funnel plot: each study's effect against its standard error, the
 * pseudo confidence region estimate ± z·SE within which 100·level % of studies would fall without
 * heterogeneity or bias, and the significance contours ± z_{1−p/2}·SE around 0. As metafor's
 * `funnel(res)` and `funnel(res, level = c(90, 95, 99), refline = 0)`.
 * Sterne, J. A. C., & Egger, M. (2001). Funnel plots for detecting bias in meta-analysis. J Clin
 * Epidemiol, 54, 1046–1055. Peters, J. L., et al. (2008). Contour-enhanced meta-analysis funnel
 * plots help distinguish publication bias from other causes of asymmetry. J Clin Epidemiol, 61, 991–996.
 * @example funnelData({ effect: [0.1, 0.5], variance: [0.04, 0.01] }, { method: 'EE' }).estimate // 0.42
 */
export function funnelData(data: EffectData, options: FunnelOptions = {}): FunnelData {
  const settings = checkSettings('funnelData', options);
  const { yi, vi, study } = readStudies(data, 'funnelData');
  const k = yi.length;
  const studies = Array.from({ length: k }, (_, i) => ({ study: study[i]!, effect: yi[i]!, standardError: Math.sqrt(vi[i]!) }));
  let seMax = 0;
  for (const s of studies) seMax = Math.max(seMax, s.standardError);
  const fit = fitInterceptModel(yi, vi, settings);
  const estimate = finiteOrNull(fit.estimate);
  const warnings: Warning[] = estimate === null ? [{ code: 'not_estimable', message: BIAS_MESSAGES.not_estimable_funnel().text }] : [];
  const band = (centre: number, critical: number): [FunnelEdge, FunnelEdge] => [
    { standardError: 0, lower: centre, upper: centre },
    { standardError: seMax, lower: centre - critical * seMax, upper: centre + critical * seMax },
  ];
  const ciCritical = -normalQuantile((1 - settings.level / 100) / 2);
  const contours = (options.contours ?? FUNNEL_CONTOURS).map((p) => {
    const critical = -normalQuantile(p / 2);
    return { pValue: p, critical, edges: band(0, critical) };
  });
  return {
    method: settings.method,
    level: settings.level,
    studies,
    estimate,
    seMax,
    pseudoCi: estimate === null ? null : { critical: ciCritical, edges: band(estimate, ciCritical) },
    contours,
    warnings,
  };
}
