import { MetasynthError, type Warning } from '../core/errors.js';
import { METAFOR_DEFAULT_CONTROL, type Tau2Control } from '../heterogeneity/index.js';
import { pool, type PoolResult } from '../pool/index.js';
import { readStudies, finiteOrNull, type EffectData } from '../pool/effectData.js';
import { fitInterceptModel, fitOneModerator, type ModelMethod, type ModelSettings, type ModelTest } from '../regression/models.js';
import { estimateMissing, isTrimFillEstimator, roundHalfEven, type TrimFillEstimator } from './trimFillRanks.js';
import { checkSettings } from '../regression/modelSettings.js';
import { countOf } from '../core/plural.js';
import { BIAS_MESSAGES } from './messages.js';

export const TRIM_FILL_SIDES = ['left', 'right'] as const;
export type TrimFillSide = (typeof TRIM_FILL_SIDES)[number];

export interface TrimAndFillOptions {
  /** 'L0' (default, as metafor), 'R0' or 'Q0'. */
  readonly estimator?: TrimFillEstimator;
  /**
   * Side on which studies are missing. Default: chosen as metafor does, from the sign of the slope
   * of a meta-regression on the standard errors (negative slope: missing on the right).
   */
  readonly side?: TrimFillSide;
  /** tau² method of every fit (default 'REML'), test (default 'z') and level (default 95). */
  readonly method?: ModelMethod;
  readonly test?: ModelTest;
  readonly level?: number;
  /**
   * Test of the refit to the filled data. Default 'z': metafor 3.8-1's trimfill() refits with
   * rma.uni's default test whatever the model's (`trimfill(rma(..., test = "knha"))$test` is "z");
   * 'knha' refits with Knapp–Hartung. With nothing imputed the model itself is returned, as metafor does.
   */
  readonly refitTest?: ModelTest;
  /** Maximum trim-and-fill iterations. Default 100 (metafor's maxiter). */
  readonly maxIterations?: number;
  /**
   * Control of every internal fit (iterative tau² methods only). Default METAFOR_DEFAULT_CONTROL
   * ({ threshold: 1e-5, maxIterations: 100 }): metafor 3.8's trimfill() refits with rma.uni's
   * default control whatever the control of the model it is given, so its printed k0, tau² and
   * refitted estimate are those of that iterate; this default reproduces them. Pass
   * `{ tolerance: 1e-12 }` for fully converged fits (they can differ from metafor's output by
   * about 1e-3 relative in tau²).
   */
  readonly control?: Tau2Control;
}

export interface FilledStudy {
  readonly study: string;
  readonly effect: number;
  readonly variance: number;
  /** True for an imputed (mirror-image) study. */
  readonly imputed: boolean;
}

export interface TrimAndFillResult {
  readonly estimator: TrimFillEstimator;
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly k: number;
  /** Estimated number of missing studies (metafor `k0`); null when the method could not run. */
  readonly k0: number | null;
  /** Its standard error (metafor `se.k0`). */
  readonly k0StandardError: number | null;
  readonly side: TrimFillSide | null;
  readonly iterations: number;
  readonly converged: boolean;
  /** All studies, the imputed ones appended (metafor's `yi`, `vi`, `fill` of the trimfill object). */
  readonly filled: readonly FilledStudy[];
  /** The model refitted to `filled` with the same method, test and level (null when not run). */
  readonly model: PoolResult | null;
  /** The test of `model` (metafor `trimfill(res)$test`). */
  readonly refitTest: ModelTest;
  readonly warnings: readonly Warning[];
}

/**
 * Duval and Tweedie's trim-and-fill: estimate the number k0 of studies missing on one side of the
 * funnel (L0 or R0), by iterating: fit the model to the k − k0 studies that remain after trimming
 * the k0 most extreme on the other side, rank the centred effects, re-estimate k0; until k0 repeats.
 * The k0 trimmed studies are then mirrored about the last centre (2μ̂ − yᵢ, same variance) and the
 * model is refitted to all k + k0 studies with the same method. As metafor's `trimfill(res)`.
 * Duval, S., & Tweedie, R. (2000). Trim and fill: a simple funnel-plot-based method of testing and
 * adjusting for publication bias in meta-analysis. Biometrics, 56, 455–463.
 * @example
 * // metafor: trimfill(rma(yi, vi, data = escalc("RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data = dat.bcg), method = "EE"))
 * trimAndFill(bcgRR, { method: 'EE' }) // { k0: 4, side: 'right', model: { estimate: -0.2910259921063531, ... }, ... }
 */
export function trimAndFill(data: EffectData, options: TrimAndFillOptions = {}): TrimAndFillResult {
  const estimator = checkTrimFillOptions(options);
  const settings: ModelSettings = checkSettings('trimAndFill', options);
  const control: Tau2Control = options.control ?? METAFOR_DEFAULT_CONTROL;
  const { yi, vi, study, measure } = readStudies(data, 'trimAndFill');
  const k = yi.length;
  const original: FilledStudy[] = Array.from({ length: k }, (_, i) => ({ study: study[i]!, effect: yi[i]!, variance: vi[i]!, imputed: false }));
  const base = { estimator, method: settings.method, test: settings.test, level: settings.level, k };
  const notRun = (code: string, message: string, side: TrimFillSide | null = null): TrimAndFillResult => ({
    ...base,
    k0: null,
    k0StandardError: null,
    side,
    iterations: 0,
    converged: false,
    filled: original,
    model: null,
    refitTest: settings.test,
    warnings: [{ code, message }],
  });
  if (k < 3) return notRun('too_few_studies', `trim-and-fill: needs at least 3 studies, got ${k}`);
  const side = options.side ?? missingSide(yi, vi, settings);
  if (side === null)
    return notRun('not_estimable', 'trim-and-fill: the regression on the standard errors that chooses the side could not be fitted; give side explicitly');
  // Work on the side where studies are missing as if it were the left.
  const sign = side === 'right' ? -1 : 1;
  const { ys, vs } = flippedSorted(yi, vi, sign);
  const it = iterateK0(ys, vs, settings, control, estimator, options.maxIterations ?? 100);
  if ('failure' in it) return notRun('not_estimable', it.failure, side);
  const { k0, centre } = it;
  const filled = original.slice();
  for (let r = k - k0; r < k; r++) {
    // Mirror about the centre in the flipped scale, then flip back: 2μ̂ − yᵢ on the original scale.
    filled.push({ study: `Filled ${r - (k - k0) + 1}`, effect: sign * (2 * centre - ys[r]!), variance: vs[r]!, imputed: true });
  }
  const refitTest = k0 > 0 ? (options.refitTest ?? 'z') : settings.test;
  const model = pool(
    { effect: filled.map((s) => s.effect), variance: filled.map((s) => s.variance), study: filled.map((s) => s.study), ...(measure ? { measure } : {}) },
    // With nothing imputed metafor returns the model it was given (fitted to convergence), not a refit.
    { method: settings.method, test: refitTest, level: settings.level, control: k0 > 0 ? control : {} },
  );
  return {
    ...base,
    k0,
    k0StandardError: finiteOrNull(it.k0se),
    side,
    iterations: it.iterations,
    converged: it.warnings.length === 0,
    filled,
    model,
    refitTest,
    warnings: it.warnings,
  };
}

function checkTrimFillOptions(options: TrimAndFillOptions): TrimFillEstimator {
  const estimator = options.estimator ?? 'L0';
  if (!isTrimFillEstimator(estimator)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.trim_and_fill_estimator(estimator));
  }
  if (options.side !== undefined && !(TRIM_FILL_SIDES as readonly string[]).includes(options.side)) {
    throw new MetasynthError('invalid_option', BIAS_MESSAGES.trim_and_fill_side(options.side));
  }
  return estimator;
}

/** metafor's default side: opposite to the sign of the slope of yi on sei; null when that regression cannot be fitted. */
function missingSide(yi: Float64Array, vi: Float64Array, settings: ModelSettings): TrimFillSide | null {
  const k = yi.length;
  const sei = new Float64Array(k);
  for (let i = 0; i < k; i++) sei[i] = Math.sqrt(vi[i]!);
  const reg = fitOneModerator(yi, vi, sei, settings);
  if (reg === null || !Number.isFinite(reg.slope.estimate)) return null;
  return reg.slope.estimate < 0 ? 'right' : 'left';
}

/** sign·yi sorted increasingly (stable, so tied effects keep input order as R's sort(index.return = TRUE)), with their variances. */
function flippedSorted(yi: Float64Array, vi: Float64Array, sign: number): { ys: Float64Array; vs: Float64Array } {
  const k = yi.length;
  const order = Array.from({ length: k }, (_, i) => i);
  order.sort((a, b) => sign * yi[a]! - sign * yi[b]! || a - b);
  const ys = new Float64Array(k);
  const vs = new Float64Array(k);
  for (let r = 0; r < k; r++) {
    ys[r] = sign * yi[order[r]!]!;
    vs[r] = vi[order[r]!]!;
  }
  return { ys, vs };
}

/**
 * Iterate: fit the model to the k − k0 least extreme studies, re-estimate k0 from the ranks of
 * the effects centred there, until k0 repeats (or `maxIterations`, with a warning).
 */
function iterateK0(
  ys: Float64Array,
  vs: Float64Array,
  settings: ModelSettings,
  control: Tau2Control,
  estimator: TrimFillEstimator,
  maxIterations: number,
): { k0: number; centre: number; k0se: number; iterations: number; warnings: Warning[] } | { failure: string } {
  const k = ys.length;
  let k0 = 0;
  let previous = -1;
  let iterations = 0;
  let centre = NaN;
  let k0se = NaN;
  let tau2Start: number | undefined;
  const warnings: Warning[] = [];
  while (k0 !== previous) {
    if (iterations >= maxIterations) {
      warnings.push({ code: 'not_converged', message: BIAS_MESSAGES.not_converged_trim(maxIterations).text });
      break;
    }
    iterations++;
    previous = k0;
    const fit = fitInterceptModel(ys.subarray(0, k - k0), vs.subarray(0, k - k0), settings, control, tau2Start);
    // Warm starts change the iterate metafor's threshold stops at, so only converged fits use them.
    if (control.threshold === undefined) tau2Start = fit.tau2;
    centre = fit.estimate;
    if (!Number.isFinite(centre))
      return { failure: `trim-and-fill: the model could not be fitted to the ${countOf(k - k0, 'study', 'studies')} left after trimming` };
    const est = estimateMissing(ys, centre, estimator);
    k0 = Math.max(0, roundHalfEven(est.raw));
    k0se = Math.max(0, est.standardError);
    if (k0 >= k) return { failure: `trim-and-fill: the ${estimator} estimator put all ${k} studies among the missing` };
  }
  return { k0, centre, k0se, iterations, warnings };
}
