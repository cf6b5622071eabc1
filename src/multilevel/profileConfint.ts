// Profile-likelihood confidence intervals of the variance components of a multilevel fit, as
// metafor's confint() on an rma.mv fit computes them: the bounds are the values of one
// component where the profile (restricted) log-likelihood, maximised over the other
// components, falls χ²₁(level)/2 below its maximum. A bound that is not reached inside the
// parameter's range is reported as the range's limit (0 for a variance, ±1 for a correlation);
// an upper bound of a variance that is never reached is null.
//
// Each bound is a root of the signed root of the likelihood ratio, r(x) = √(2·(ℓ̂ − ℓ_p(x))),
// at r = √χ²₁(level): nearly linear in x, so Newton steps (safeguarded inside a bracket) find it
// in a few profile fits. The slope of the profile is the partial derivative of ℓ in that component
// at the profile's optimum (the envelope theorem), analytic from the fit's last scoring pass
// (nestedScore.ts, blockScore.ts) and a central difference only where that pass did not end at the
// answer; the first step comes from the information at the estimate, and each
// profile fit starts from the other components extrapolated from the previous fits.
import { chiSquareQuantile } from '../distributions/index.js';
import { inverseSpd } from './blockAlgebra.js';
import { estimateVariances, logDetCrossProduct, parameterBounds } from './estimate.js';
import { logLikelihoodAt } from './likelihood.js';
import type { MultilevelFit } from './multilevelFit.js';
import { nestedScore } from './nestedScore.js';
import { finiteDifferenceDerivatives } from './optimise.js';
import { parameterKinds } from './varianceStructure.js';

export interface ProfileInterval {
  readonly estimate: number;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** One profile fit: the component held at x, the others at their optimum there. */
interface ProfilePoint {
  readonly x: number;
  /** ℓ̂ − ℓ_p(x) (Infinity where the likelihood is undefined). */
  readonly drop: number;
  /** dℓ_p/dx (NaN when unknown). */
  readonly slope: number;
  readonly theta: Float64Array;
}

/** The profile of component j of a fit, with the warm starts of its fits. */
interface Profile {
  readonly fit: MultilevelFit;
  readonly j: number;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** dθ/dx at the estimate (the others' optimum as x moves: −I₋ⱼ₋ⱼ⁻¹·I₋ⱼⱼ; component j: 1). */
  readonly tangent: Float64Array;
  /** The standard error of component j from the information, NaN when not available. */
  readonly se: number;
  /** χ²₁(level)/2: the drop of the log-likelihood at a bound. */
  readonly crit: number;
  /** A typical size of component j (its finite-difference scale). */
  readonly scale: number;
}

/** The information matrix at the estimate: the average information of a nested model, else minus a finite-difference Hessian. */
function informationAt(fit: MultilevelFit): Float64Array | null {
  const n = fit.theta.length;
  const reml = fit.method === 'REML';
  const logDetXtX = logDetCrossProduct(fit.data);
  if (fit.plan.tree) return nestedScore(fit.data, fit.plan.tree, fit.theta, reml, logDetXtX)?.information ?? null;
  const f = (t: Float64Array) => logLikelihoodAt(fit.data, fit.plan, t, reml, logDetXtX);
  const d = finiteDifferenceDerivatives(f, fit.theta, fit.logLik, parameterBounds(fit.data), new Array<boolean>(n).fill(true));
  return d.hessian.map((x) => -x);
}

function makeProfile(fit: MultilevelFit, j: number, crit: number, info: Float64Array | null): Profile {
  const n = fit.theta.length;
  const bounds = parameterBounds(fit.data);
  const tangent = new Float64Array(n);
  tangent[j] = 1;
  const inv = info && inverseSpd(info, n);
  const se = inv ? Math.sqrt(inv[j * n + j]!) : NaN;
  // dθ₋ⱼ/dx = −I₋ⱼ₋ⱼ⁻¹·I₋ⱼⱼ = (I⁻¹)₋ⱼⱼ/(I⁻¹)ⱼⱼ (the partitioned inverse).
  if (inv && inv[j * n + j]! > 0) for (let i = 0; i < n; i++) if (i !== j) tangent[i] = inv[i * n + j]! / inv[j * n + j]!;
  return { fit, j, lower: bounds.lower, upper: bounds.upper, tangent, se: Number.isFinite(se) && se > 0 ? se : NaN, crit, scale: bounds.scale[j]! };
}

/** Starting values of the others at x: linear through the two profile points nearest x (the tangent at the estimate with one). */
function warmStart(pr: Profile, pts: readonly ProfilePoint[], x: number): Float64Array {
  const near = [...pts].sort((a, b) => Math.abs(a.x - x) - Math.abs(b.x - x));
  const a = near[0]!;
  const b = near[1];
  const t = Float64Array.from(a.theta);
  for (let i = 0; i < t.length; i++) {
    const slope = b && b.x !== a.x ? (b.theta[i]! - a.theta[i]!) / (b.x - a.x) : pr.tangent[i]!;
    t[i] = Math.min(pr.upper[i]!, Math.max(pr.lower[i]!, a.theta[i]! + slope * (x - a.x)));
  }
  t[pr.j] = x;
  return t;
}

/** dℓ/dθⱼ at θ by a central difference (a one-sided one next to a bound). */
function numericSlope(pr: Profile, theta: Float64Array, value: number): number {
  const { fit, j } = pr;
  const h = 1e-5 * Math.max(Math.abs(theta[j]!), pr.scale);
  const reml = fit.method === 'REML';
  const logDetXtX = logDetCrossProduct(fit.data);
  const at = (d: number) => {
    const t = Float64Array.from(theta);
    t[j] = t[j]! + d;
    return logLikelihoodAt(fit.data, fit.plan, t, reml, logDetXtX);
  };
  if (theta[j]! - h < pr.lower[j]!) return (at(h) - value) / h;
  if (theta[j]! + h > pr.upper[j]!) return (value - at(-h)) / h;
  return (at(h) - at(-h)) / (2 * h);
}

/**
 * Fit the profile at x (component j held there). `edge`: only whether the drop exceeds crit is
 * wanted, so a coarse fit first (the likelihood only rises along the fit, so a coarse drop at
 * most crit is final); a fit that ends near crit is finished to full precision.
 */
function profileAt(pr: Profile, pts: ProfilePoint[], x: number, edge = false): ProfilePoint {
  const { fit, j } = pr;
  const fixed = new Float64Array(fit.theta.length).fill(NaN);
  fixed[j] = x;
  let est = estimateVariances(fit.data, fit.plan, {
    method: fit.method,
    fixed,
    start: warmStart(pr, pts, x),
    ...(edge ? { control: { tolerance: 1e-4 } } : {}),
  });
  if (edge && fit.logLik - est.logLik > pr.crit && fit.logLik - est.logLik < 4 * pr.crit)
    est = estimateVariances(fit.data, fit.plan, { method: fit.method, fixed, start: est.theta });
  const ok = Number.isFinite(est.logLik);
  const slope = !ok ? NaN : est.gradient ? est.gradient[j]! : numericSlope(pr, est.theta, est.logLik);
  const point = { x, drop: ok ? fit.logLik - est.logLik : Infinity, slope, theta: est.theta };
  // The edge, far from the bound, would spoil the local extrapolation of the warm starts.
  if (ok && !edge) pts.push(point);
  return point;
}

/** The first trial point: the quadratic approximation's bound, z·se from the estimate (without an se, a step of the parameter's own size). */
function firstPoint(pr: Profile, dir: -1 | 1, crit: number, edge: number): number {
  const at = pr.fit.theta[pr.j]!;
  const scale = Math.max(Math.abs(at), pr.scale);
  const x = at + dir * (Number.isNaN(pr.se) ? 0.5 * scale : Math.sqrt(2 * crit) * pr.se);
  return dir * (x - edge) >= 0 ? edge : x;
}

/** The next trial point: the Newton step on r(x) = √(2·drop) toward r = √(2·crit) when it stays inside the bracket; else bisection, or an expansion toward the edge. */
function nextPoint(p: ProfilePoint, inside: number, outside: number, dir: -1 | 1, crit: number, edge: number, at: number): number {
  const r = Math.sqrt(2 * Math.max(p.drop, 0));
  // dr/dx = −slope/r, so the Newton step is (r − √(2·crit))·r/slope.
  const newton = r > 0 && Number.isFinite(r) && p.slope !== 0 ? p.x + ((r - Math.sqrt(2 * crit)) * r) / p.slope : NaN;
  const beyondInside = dir * (newton - inside) > 0;
  if (!Number.isNaN(outside)) return beyondInside && dir * (outside - newton) > 0 ? newton : 0.5 * (inside + outside);
  // No point beyond the bound yet: at most four times the distance covered so far, and not past the edge.
  const reach = 4 * Math.max(Math.abs(inside - at), Math.abs(p.x - at), 1e-4);
  const x = beyondInside ? p.x + Math.max(-reach, Math.min(reach, newton - p.x)) : inside + dir * reach;
  return dir * (x - edge) >= 0 ? edge : x;
}

/**
 * The bound below (dir −1) or above (dir +1) the estimate: where the drop ℓ̂ − ℓ_p(x) reaches
 * crit, searched up to `edge`; `limit` when the drop at the edge stays below crit (null: an
 * unbounded side on which it is never reached).
 */
function sideBound(pr: Profile, dir: -1 | 1, crit: number, edge: number, limit: number | null): number | null {
  const at = pr.fit.theta[pr.j]!;
  if (dir * (edge - at) <= 0) return limit;
  const tol = 1e-10;
  const giveUp = Math.max(Math.abs(at), 1e-4) * 2 ** 41;
  const pts: ProfilePoint[] = [{ x: at, drop: 0, slope: 0, theta: Float64Array.from(pr.fit.theta) }];
  let inside = at;
  let outside = NaN;
  // A bounded side is tried at its edge first, as metafor's confint() does: the profile need not
  // fall monotonically (a fit can run into another component's bound), and the limit is the
  // answer whenever the edge itself stays within crit.
  if (Number.isFinite(edge)) {
    if (!(profileAt(pr, pts, edge, true).drop > crit)) return limit;
    outside = edge;
  }
  let x = firstPoint(pr, dir, crit, edge);
  if (x === edge) x = 0.5 * (at + edge);
  for (let it = 0; it < 100; it++) {
    const p = profileAt(pr, pts, x);
    if (p.drop > crit) outside = x;
    else inside = x;
    if (!Number.isNaN(outside) && Math.abs(outside - inside) <= tol * Math.max(1, Math.abs(inside) + Math.abs(outside))) return 0.5 * (inside + outside);
    if (Math.abs(inside) > giveUp) return limit;
    const next = nextPoint(p, inside, outside, dir, crit, edge, at);
    // Newton converges quadratically (on r, nearly linear, with a small constant): after a step
    // below 1e-6 of the parameter's size the root is known to about 1e-12 of it, so that step is the last.
    if (Math.abs(next - x) <= Math.max(tol * Math.max(1, Math.abs(x)), 1e-6 * Math.max(Math.abs(x), pr.scale))) return next;
    x = next;
  }
  return Number.isNaN(outside) ? limit : 0.5 * (inside + outside);
}

function intervalOf(fit: MultilevelFit, j: number, level: number, info: Float64Array | null): ProfileInterval {
  const kind = parameterKinds(fit.data.structure)[j]!;
  const crit = chiSquareQuantile(level / 100, 1) / 2;
  const pr = makeProfile(fit, j, crit, info);
  const rho = kind === 'rho';
  // A correlation is searched up to 1e-9 inside ±1 (where its structure is still positive definite).
  const lower = sideBound(pr, -1, crit, rho ? -1 + 1e-9 : 0, rho ? -1 : 0);
  const upper = sideBound(pr, 1, crit, rho ? 1 - 1e-9 : Infinity, rho ? 1 : null);
  return { estimate: fit.theta[j]!, lower, upper };
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
  return intervalOf(fit, j, level, informationAt(fit));
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
  const info = informationAt(fit);
  const all = kinds.map((_, j) => intervalOf(fit, j, level, info));
  const rho = all.filter((_, j) => kinds[j] === 'rho');
  return {
    sigma2: all.filter((_, j) => kinds[j] === 'sigma2'),
    tau2: all.filter((_, j) => kinds[j] === 'tau2'),
    rho: rho.length === 0 ? null : rho.length === 1 ? rho[0]! : rho,
  };
}
