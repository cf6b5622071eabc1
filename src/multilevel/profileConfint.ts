// Profile-likelihood confidence intervals of the variance components of a multilevel fit, as
// metafor's confint() on an rma.mv fit computes them: the bounds are the values of one
// component where the profile (restricted) log-likelihood, maximised over the other
// components, falls χ²₁(level)/2 below its maximum. A bound that is not reached inside the
// parameter's range is reported as the range's limit (0 for a variance, ±1 for a correlation);
// an upper bound of a variance that is never reached is null.
import { chiSquareQuantile } from '../distributions/index.js';
import { estimateVariances } from './estimate.js';
import type { MultilevelFit } from './multilevelFit.js';
import { parameterKinds } from './varianceStructure.js';

export interface ProfileInterval {
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Root of a monotone-crossing function on [a, b] with f(a), f(b) of opposite signs (Illinois regula falsi with bisection safeguard). */
function findRoot(f: (x: number) => number, a: number, b: number, fa: number, fb: number, tol: number): number {
  let side = 0;
  for (let it = 0; it < 200 && Math.abs(b - a) > tol * Math.max(1, Math.abs(a) + Math.abs(b)); it++) {
    let c = (a * fb - b * fa) / (fb - fa);
    if (!(c > Math.min(a, b) && c < Math.max(a, b))) c = (a + b) / 2;
    const fc = f(c);
    if (fc === 0) return c;
    if (Math.sign(fc) === Math.sign(fb)) {
      b = c;
      fb = fc;
      if (side === -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side === 1) fb /= 2;
      side = 1;
    }
  }
  return (a + b) / 2;
}

/**
 * Profile-likelihood interval of parameter j of θ = [sigma2..., tau2..., rho...].
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * const fit = fitMultilevelModel(data, 'REML');
 * profileInterval(fit, 0, 95) // { estimate: 0.0406, lower: 0, upper: 1.2423 }
 */
export function profileInterval(fit: MultilevelFit, j: number, level = 95): ProfileInterval {
  const kind = parameterKinds(fit.data.structure)[j]!;
  const target = fit.logLik - chiSquareQuantile(level / 100, 1) / 2;
  let warm: Float64Array = Float64Array.from(fit.theta);
  const profile = (x: number) => {
    const fixed = new Float64Array(fit.theta.length).fill(NaN);
    fixed[j] = x;
    const est = estimateVariances(fit.data, fit.plan, { method: fit.method, fixed, start: warm });
    if (Number.isFinite(est.logLik)) warm = est.theta;
    return est.logLik - target;
  };
  const at = fit.theta[j]!;
  const lowLimit = kind === 'rho' ? -1 : 0;
  const tol = 1e-10;
  const edge = (limit: number) => (kind === 'rho' ? limit - Math.sign(limit) * 1e-9 : limit);
  warm = Float64Array.from(fit.theta);
  const fLow = profile(edge(lowLimit));
  const lower = !(fLow < 0) ? lowLimit : findRoot(profile, edge(lowLimit), at, fLow, fit.logLik - target, tol);
  warm = Float64Array.from(fit.theta);
  let upper: number | null;
  if (kind === 'rho') {
    const fHigh = profile(edge(1));
    upper = !(fHigh < 0) ? 1 : findRoot(profile, at, edge(1), fit.logLik - target, fHigh, tol);
  } else {
    let hi = Math.max(at, 1e-4) * 2;
    let fHi = profile(hi);
    for (let n = 0; fHi > 0 && n < 40; n++) {
      hi *= 2;
      fHi = profile(hi);
    }
    upper = fHi > 0 ? null : findRoot(profile, at, hi, fit.logLik - target, fHi, tol);
  }
  return { estimate: at, lower, upper };
}

/**
 * Profile intervals of every variance component, grouped as metafor's confint() prints them.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * const fit = fitMultilevelModel(data, 'REML');
 * profileConfint(fit).sigma2[1] // { estimate: 0.2864, lower: 0.0994, upper: 0.9452 }
 */
export function profileConfint(
  fit: MultilevelFit,
  level = 95,
): { sigma2: ProfileInterval[]; tau2: ProfileInterval[]; rho: ProfileInterval | ProfileInterval[] | null } {
  const kinds = parameterKinds(fit.data.structure);
  const all = kinds.map((_, j) => profileInterval(fit, j, level));
  const rho = all.filter((_, j) => kinds[j] === 'rho');
  return {
    sigma2: all.filter((_, j) => kinds[j] === 'sigma2'),
    tau2: all.filter((_, j) => kinds[j] === 'tau2'),
    rho: rho.length === 0 ? null : rho.length === 1 ? rho[0]! : rho,
  };
}
