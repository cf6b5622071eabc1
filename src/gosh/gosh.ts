// GOSH: the graphical display of study heterogeneity (Olkin, Dahabreh & Trikalinos 2012, Res
// Synth Methods 3:214), as metafor's gosh.rma: the intercept-only model fitted to every subset of
// the studies (or a random sample of subsets when there are too many), keeping per subset the
// pooled estimate, Q, I², H² and tau². This file is the single-threaded, browser-safe core;
// src/gosh/node.ts spreads the same work over worker threads in Node.
import { readStudies, type EffectData } from '../pool/effectData.js';
import { MetasynthError, type Warning } from '../core/errors.js';
import { progressTicker, type ProgressCallback } from '../core/progress.js';
import type { Tau2Control } from '../heterogeneity/tau2/types.js';
import { fitIntercept } from '../pool/fitIntercept.js';
import type { FitInterceptOptions } from '../pool/types.js';
import { isPoolManyMethod, POOL_MANY_METHODS, type PoolManyMethod } from '../batch/poolMany.js';
import { isSeed, seededRandom } from '../permutation/random.js';
import { GOSH_MESSAGES } from './messages.js';

/** Default number of subsets: all of them up to k = 16 (2¹⁶ − 1 = 65,535), a random sample of this many above. */
export const GOSH_DEFAULT_SUBSETS = 65535;

/** The largest number of subsets fitted (memory: about 50 bytes plus k bytes per subset). */
export const GOSH_MAX_SUBSETS = 2 ** 24;

export interface GoshOptions {
  /** tau² method of every fit (default 'REML'). */
  readonly method?: PoolManyMethod;
  readonly control?: Tau2Control;
  /**
   * Number of subsets: all 2^k − 1 non-empty subsets when there are at most this many (metafor's
   * rule), otherwise this many random ones. Default 65,535 (every subset up to k = 16; metafor's
   * default is 10⁶).
   */
  readonly subsets?: number;
  /** Seed of the random subsets (integer 0 … 2³² − 1, default 1). */
  readonly seed?: number;
  readonly onProgress?: ProgressCallback;
}

/** The fitted subsets: entry s of every array describes subset s. */
export interface GoshResult {
  /** Studies in the analysis. */
  readonly k: number;
  readonly method: PoolManyMethod;
  /** True when every non-empty subset was fitted (in metafor's order: subset s holds study j when bit j of s is set). */
  readonly exact: boolean;
  /** Number of subsets fitted. */
  readonly subsets: number;
  /** The seed of the random sample; null when exact. */
  readonly seed: number | null;
  /** Row-major subsets × k membership matrix (1 = study j is in subset s): `incl[s * k + j]`. */
  readonly incl: Uint8Array;
  /** Number of studies in each subset. */
  readonly subsetK: Int32Array;
  readonly estimate: Float64Array;
  /** Cochran's Q of the subset. */
  readonly q: Float64Array;
  /** I² in percent. */
  readonly i2: Float64Array;
  readonly h2: Float64Array;
  readonly tau2: Float64Array;
  readonly warnings: readonly Warning[];
}

/** The output arrays a range of fits writes into (may live on a SharedArrayBuffer). */
export interface GoshArrays {
  readonly subsetK: Int32Array;
  readonly estimate: Float64Array;
  readonly q: Float64Array;
  readonly i2: Float64Array;
  readonly h2: Float64Array;
  readonly tau2: Float64Array;
}

/** A validated GOSH run: data, settings and the subsets to fit. */
export interface GoshPlan {
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  readonly k: number;
  readonly method: PoolManyMethod;
  readonly control: Tau2Control | undefined;
  readonly exact: boolean;
  readonly subsets: number;
  readonly seed: number | null;
}

/**
 * Validates data and options and decides the subsets (throws `invalid_input` / `invalid_option`).
 * Shared by {@link gosh} and the Node worker-thread version.
 * @example goshPlan({ effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015] }).subsets // 7
 */
export function goshPlan(data: EffectData, options: GoshOptions = {}): GoshPlan {
  const method = options.method ?? 'REML';
  const requested = options.subsets ?? GOSH_DEFAULT_SUBSETS;
  const seed = options.seed ?? 1;
  const problems: string[] = [];
  if (!isPoolManyMethod(method)) problems.push(GOSH_MESSAGES.method_one(method, POOL_MANY_METHODS).text);
  if (!(Number.isInteger(requested) && requested >= 2 && requested <= GOSH_MAX_SUBSETS))
    problems.push(GOSH_MESSAGES.subsets_integer_from(requested, GOSH_MAX_SUBSETS).text);
  if (!isSeed(seed)) problems.push(GOSH_MESSAGES.seed_integer_from(seed).text);
  if (problems.length > 0)
    throw new MetasynthError(
      'invalid_option',
      GOSH_MESSAGES.gosh_invalid_options(),
      problems.map((message) => ({ code: 'invalid_option', message })),
    );
  const { yi, vi } = readStudies(data, 'gosh');
  const k = yi.length;
  if (k < 2) throw new MetasynthError('invalid_input', GOSH_MESSAGES.gosh_needs_least_studies(k));
  const all = 2 ** k - 1;
  const exact = all <= requested;
  return { yi, vi, k, method, control: options.control, exact, subsets: exact ? all : requested, seed: exact ? null : seed };
}

/**
 * The membership matrix of the plan's subsets (row-major, subsets × k). Exact: subset s (0-based)
 * is the binary expansion of s + 1. Random: each study joins with probability ½, redrawn when the
 * subset is empty (the distribution of metafor's sample: size m with weight C(k, m), m ≥ 1).
 * @example goshMemberships(goshPlan({ effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015] })).slice(0, 9) // [1, 0, 0, 0, 1, 0, 1, 1, 0] (subsets {1}, {2}, {1, 2})
 */
export function goshMemberships(plan: GoshPlan, into: Uint8Array = new Uint8Array(plan.subsets * plan.k)): Uint8Array {
  const { k, subsets } = plan;
  if (plan.exact) {
    for (let s = 0; s < subsets; s++) {
      const bits = s + 1;
      for (let j = 0; j < k; j++) into[s * k + j] = Math.floor(bits / 2 ** j) & 1;
    }
    return into;
  }
  const random = seededRandom(plan.seed ?? 1);
  for (let s = 0; s < subsets; s++) {
    let size = 0;
    while (size === 0) {
      let word = 0;
      for (let j = 0; j < k; j++) {
        if (j % 32 === 0) word = random.nextUint32();
        const bit = (word >>> (j % 32)) & 1;
        into[s * k + j] = bit;
        size += bit;
      }
    }
  }
  return into;
}

/**
 * Fits subsets `from` … `to − 1` of a plan into `out` (the kernel both the browser core and the
 * worker threads run). Subsets of one study get metafor's convention: tau² = 0, Q = 0, I² = 0,
 * H² = 1. `onFitted(n)` is called with the number of subsets done in this range.
 * @example
 * const plan = goshPlan({ effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015] });
 * const out = goshArrays(plan.subsets);
 * goshFitRange(plan, goshMemberships(plan), out, 0, plan.subsets);
 * out.estimate // [0.1, 0.3, 0.175, 0.2, 0.14, 0.242857, 0.176923]
 */
export function goshFitRange(plan: GoshPlan, incl: Uint8Array, out: GoshArrays, from: number, to: number, onFitted?: (done: number) => void): void {
  const { yi, vi, k } = plan;
  const fitOptions: FitInterceptOptions = { method: plan.method, ...(plan.control ? { control: plan.control } : {}) };
  const ys = new Float64Array(k);
  const vs = new Float64Array(k);
  // One view per subset size, so that the loop allocates nothing but the fits themselves.
  const yViews = Array.from({ length: k + 1 }, (_, m) => ys.subarray(0, m));
  const vViews = Array.from({ length: k + 1 }, (_, m) => vs.subarray(0, m));
  for (let s = from; s < to; s++) {
    let m = 0;
    const row = s * k;
    for (let j = 0; j < k; j++) {
      if (incl[row + j] === 1) {
        ys[m] = yi[j] as number;
        vs[m] = vi[j] as number;
        m++;
      }
    }
    out.subsetK[s] = m;
    if (m === 1) {
      out.estimate[s] = ys[0] as number;
      out.q[s] = 0;
      out.i2[s] = 0;
      out.h2[s] = 1;
      out.tau2[s] = 0;
    } else {
      const fit = fitIntercept(yViews[m] as Float64Array, vViews[m] as Float64Array, fitOptions);
      out.estimate[s] = fit.estimate;
      out.q[s] = fit.q;
      out.i2[s] = fit.i2;
      out.h2[s] = fit.h2;
      out.tau2[s] = fit.tau2;
    }
    if (onFitted !== undefined && (s - from) % 1024 === 1023) onFitted(s - from + 1);
  }
  if (onFitted !== undefined) onFitted(to - from);
}

/**
 * Output arrays for `n` subsets, on `buffer` when given (e.g. a SharedArrayBuffer of {@link goshArraysBytes} bytes).
 * @example goshArrays(7).estimate.length // 7
 */
export function goshArrays(n: number, buffer?: ArrayBufferLike): GoshArrays {
  const b = buffer ?? new ArrayBuffer(goshArraysBytes(n));
  return {
    estimate: new Float64Array(b, 0, n),
    q: new Float64Array(b, 8 * n, n),
    i2: new Float64Array(b, 16 * n, n),
    h2: new Float64Array(b, 24 * n, n),
    tau2: new Float64Array(b, 32 * n, n),
    subsetK: new Int32Array(b, 40 * n, n),
  };
}

/**
 * Bytes of the output arrays of `n` subsets.
 * @example goshArraysBytes(7) // 308
 */
export function goshArraysBytes(n: number): number {
  return 44 * n;
}

/**
 * Assembles the result of a finished plan.
 * @example
 * const plan = goshPlan({ effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015] });
 * const incl = goshMemberships(plan);
 * const out = goshArrays(plan.subsets);
 * goshFitRange(plan, incl, out, 0, plan.subsets);
 * goshResult(plan, incl, out).estimate[6] // 0.176923 (all three studies)
 */
export function goshResult(plan: GoshPlan, incl: Uint8Array, out: GoshArrays): GoshResult {
  let failed = 0;
  for (let s = 0; s < plan.subsets; s++) if (!Number.isFinite(out.estimate[s] as number)) failed++;
  const warnings: Warning[] = failed > 0 ? [{ code: 'fit_failed', message: GOSH_MESSAGES.fit_failed(failed, plan.subsets).text }] : [];
  return { k: plan.k, method: plan.method, exact: plan.exact, subsets: plan.subsets, seed: plan.seed, incl, ...out, warnings };
}

/**
 * GOSH analysis (Olkin et al. 2012) as metafor's `gosh(rma(yi, vi, method))`: the intercept-only
 * model fitted to all 2^k − 1 non-empty subsets of the studies when there are at most `subsets`
 * of them (default: every subset up to k = 16), otherwise to `subsets` random subsets drawn with a
 * seeded generator. Returns per subset the estimate, Q, I², H², tau² and size as typed arrays.
 * Single-threaded (browsers, Deno); in Node `goshParallel` from 'src/gosh/node.ts' uses both cores.
 * @example gosh({ effect: bcgYi.slice(0, 3), variance: bcgVi.slice(0, 3) }).estimate // [-0.889, -1.585, -1.325, -1.348, -1.091, -1.510, -1.330] (metafor's order)
 */
export function gosh(data: EffectData, options: GoshOptions = {}): GoshResult {
  const plan = goshPlan(data, options);
  const incl = goshMemberships(plan);
  const out = goshArrays(plan.subsets);
  const ticker = progressTicker(plan.subsets, options.onProgress);
  goshFitRange(plan, incl, out, 0, plan.subsets, (done) => ticker.tick(done));
  ticker.finish();
  return goshResult(plan, incl, out);
}
