import { MetasynthError, type Warning } from '../core/errors.js';
import { normalCdf, normalQuantile, normalTwoSidedP } from '../distributions/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { BIAS_MESSAGES } from './messages.js';

export const FAIL_SAFE_TYPES = ['Rosenthal', 'Orwin', 'Rosenberg'] as const;
export type FailSafeType = (typeof FAIL_SAFE_TYPES)[number];
/**
 * True for a fail-safe N method (FAIL_SAFE_TYPES).
 * @example isFailSafeType('Orwin') // true
 */
export function isFailSafeType(x: unknown): x is FailSafeType {
  return typeof x === 'string' && (FAIL_SAFE_TYPES as readonly string[]).includes(x);
}

export interface FailSafeOptions {
  /** Default 'Rosenthal' (metafor's default). */
  readonly type?: FailSafeType;
  /** Significance level the added null studies must bring the result to. Default 0.05. */
  readonly alpha?: number;
  /** Orwin only: the effect to reduce the mean to. Default: half the unweighted mean effect. */
  readonly target?: number;
}

export interface FailSafeResult {
  readonly type: FailSafeType;
  readonly k: number;
  /** Number of studies with null results needed (metafor `fsnum`); null when unreachable. */
  readonly failSafeN: number | null;
  readonly alpha: number;
  /** p-value of the observed data (Rosenthal: one-sided Stouffer; Rosenberg: two-sided weighted z); null for Orwin. */
  readonly pValue: number | null;
  /** Mean effect (Orwin: unweighted; Rosenberg: inverse-variance weighted); null for Rosenthal. */
  readonly meanEffect: number | null;
  /** Orwin's target effect; null otherwise. */
  readonly target: number | null;
  readonly warnings: readonly Warning[];
}

/**
 * Fail-safe N: how many unpublished studies averaging a null result would overturn the finding.
 * - Rosenthal (1979): the number of z = 0 studies that brings Stouffer's combined
 *   z̄ = |Σ zᵢ|/√k, zᵢ = yᵢ/√vᵢ, down to the one-sided critical value z_α:
 *   N = ⌈k (z̄/z_α)² − k⌉.
 * - Orwin (1983): the number of zero-effect studies that brings the unweighted mean ȳ down to a
 *   target (default ȳ/2): N = ⌈k (ȳ − target)/target⌉.
 * - Rosenberg (2005): the number of zero-effect studies of average weight that makes the
 *   inverse-variance weighted mean non-significant at two-sided α:
 *   N = ⌈k ((Σwᵢyᵢ/z_{α/2})² − Σwᵢ) / Σwᵢ⌉.
 * As metafor's `fsn(yi, vi, type = ...)`.
 * @example
 * // metafor: fsn(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg))
 * failSafeN(bcgRR, { type: 'Rosenthal' }).failSafeN // 598
 */
export function failSafeN(data: EffectData, options: FailSafeOptions = {}): FailSafeResult {
  const type = options.type ?? 'Rosenthal';
  const alpha = options.alpha ?? 0.05;
  if (!isFailSafeType(type)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.fail_safe_n_type(FAIL_SAFE_TYPES, type));
  }
  if (!(alpha > 0 && alpha < 1)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.fail_safe_n_alpha(alpha));
  }
  if (options.target !== undefined && (type !== 'Orwin' || !Number.isFinite(options.target))) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.fail_safe_n_target(options.target, type));
  }
  const { yi, vi } = readStudies(data, 'failSafeN');
  const k = yi.length;
  const warnings: Warning[] = [];

  if (type === 'Rosenthal') {
    let sumZ = 0;
    for (let i = 0; i < k; i++) sumZ += yi[i]! / Math.sqrt(vi[i]!);
    const zAvg = Math.abs(sumZ / Math.sqrt(k));
    const zAlpha = -normalQuantile(alpha); // upper-tail critical value, from the accurate lower tail
    const n = Math.ceil(Math.max(0, k * (zAvg / zAlpha) ** 2 - k));
    return { type, k, failSafeN: finiteOrNull(n), alpha, pValue: normalCdf(-zAvg), meanEffect: null, target: null, warnings };
  }

  if (type === 'Orwin') {
    let sum = 0;
    for (let i = 0; i < k; i++) sum += yi[i]!;
    const mean = sum / k;
    const target = options.target ?? mean / 2;
    let n: number | null;
    if (target === 0 || Math.sign(target) !== Math.sign(mean)) {
      n = null;
      warnings.push({ code: 'unreachable', message: BIAS_MESSAGES.unreachable(mean, target).text });
    } else {
      n = Math.ceil(Math.max(0, (k * (mean - target)) / target));
    }
    return { type, k, failSafeN: n, alpha, pValue: null, meanEffect: mean, target, warnings };
  }

  let sw = 0;
  let swy = 0;
  for (let i = 0; i < k; i++) {
    sw += 1 / vi[i]!;
    swy += yi[i]! / vi[i]!;
  }
  const mean = swy / sw;
  const z = mean * Math.sqrt(sw);
  const zHalfAlpha = -normalQuantile(alpha / 2);
  const addedWeight = (swy / zHalfAlpha) ** 2 - sw;
  const n = Math.ceil(Math.max(0, (k * addedWeight) / sw));
  return { type, k, failSafeN: finiteOrNull(n), alpha, pValue: normalTwoSidedP(z), meanEffect: mean, target: null, warnings };
}
