import type { GeneralisedQParts } from './generalisedQParts.js';

// The one weighted-least-squares model every tau² estimator is written against. With weights
// w_i = 1/(v_i + tau²), W = diag(w), design X (k×p) and the residual projection
// P = W − W·X·(XᵀWX)⁻¹·XᵀW (metafor rma.uni), each estimator needs only a few scalars of P.
// Two implementations: the intercept-only model (p = 1) computes them by O(k) sums with no
// matrix at all (interceptModel.ts, the fast path of pool()); the general design reduces every
// trace to p×p products (designModel.ts, meta-regression). An estimator is written once.

/** Scalars of the fit at one tau² (see the file comment for P). */
export interface WeightedSums {
  /** Σ w_i = tr(W) */
  sumWeights: number;
  /** Σ w_i² = tr(WW) */
  sumSquaredWeights: number;
  /** Generalised Q: yᵀPy, the weighted residual sum of squares (Cochran's Q at tau² = 0). */
  q: number;
  /** yᵀPPy = Σ (w_i r_i)²: the data part of the ML/REML score; also −dQ/dtau². */
  sumSquaredWeightedResiduals: number;
  /** tr(P) (NaN when not asked for, see {@link Tau2Model.sums}). */
  traceP: number;
  /** tr(PP) (NaN when not asked for). */
  tracePP: number;
}

/** The unweighted (OLS) parts of the Hedges estimator: P₁ = I − X(XᵀX)⁻¹Xᵀ, V = diag(v). */
export interface HedgesParts {
  /** yᵀP₁y, the OLS residual sum of squares. */
  readonly rss: number;
  /** tr(P₁V) */
  readonly tracePV: number;
  /** tr(P₁VP₁V) */
  readonly tracePVPV: number;
}

/** The traces of metafor's Sidik–Jonkman standard error, at one tau². */
export interface SquareTraces {
  /** yᵀPy at that tau² */
  readonly q: number;
  /** tr(PP) */
  readonly pp: number;
  /** Σ (PV ∘ P) = tr(PVP) */
  readonly pvp: number;
  /** tr(PVPV) */
  readonly pvpv: number;
}

/**
 * A random- or mixed-effects model y = Xβ + u + e, u ~ N(0, tau²), e ~ N(0, v), seen through the
 * scalars the tau² estimators need. Implementations never throw: data that do not allow a fit
 * give NaN.
 */
export interface Tau2Model {
  /** Number of studies. */
  readonly k: number;
  /** Number of coefficients (1 for the intercept-only model). */
  readonly p: number;
  /** The effect sizes yi (metafor sizes its default PM search interval, tau2.max, with their mad). */
  readonly effects: ArrayLike<number>;
  /**
   * The scalars at `tau2`; tr(P) and tr(PP) only when `traces` is true (the p×p model pays for
   * them, the intercept model always has them). `out`, when given, is filled and returned (so
   * that hot loops do not allocate); the model may ignore it.
   */
  sums(tau2: number, traces: boolean, out?: WeightedSums): WeightedSums;
  /** yᵀPy at `tau2` alone (the cheapest figure: Paule–Mandel and Q-profile root searches). */
  q(tau2: number): number;
  /** The Hedges (OLS) parts; also the start of the Fisher-scoring estimators. */
  hedgesParts(): HedgesParts;
  /** The Sidik–Jonkman traces at `tau2`. */
  squareTraces(tau2: number): SquareTraces;
  /**
   * ML or REML log-likelihood at `tau2` (metafor `logLik`: REML includes ½·log|XᵀX|), given the
   * sums at that tau² when the caller already has them.
   */
  logLikelihood(tau2: number, kind: 'ML' | 'REML', at?: WeightedSums): number;
  /** Σ(y − ȳ)², ȳ the plain mean: the Sidik–Jonkman starting value is this divided by k. */
  readonly centredSumOfSquares: number;
  /** A bound B with yᵀPy·tau² ≤ B for every tau² > 0, so that Q(tau²) = c has its root below B/c. */
  readonly qBound: number;
  /**
   * The generalised Q parts at the user weights (metafor `rma(..., weights = )`; GENQ and GENQM
   * need them), computed on first use; undefined when the model has no user weights, null when
   * XᵀAX is not positive definite.
   */
  readonly generalised?: GeneralisedQParts | null;
}

/**
 * A record of NaN sums to be filled. It is laid out as the intercept kernel's record (the same
 * fields in the same order, `mean` included), so that the kernel's writes always meet one object
 * shape: a second shape made V8 discard the kernel's optimised code after each garbage collection
 * (3–6× slower fits at k = 100,000 in bench/run.mjs).
 * @example emptyWeightedSums().q // NaN
 */
export function emptyWeightedSums(): WeightedSums {
  const sums: WeightedSums & { mean: number } = {
    sumWeights: NaN,
    mean: NaN,
    q: NaN,
    sumSquaredWeightedResiduals: NaN,
    sumSquaredWeights: NaN,
    traceP: NaN,
    tracePP: NaN,
  };
  return sums;
}
