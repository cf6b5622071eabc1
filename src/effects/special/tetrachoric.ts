// The tetrachoric correlation of a 2x2 table and its sampling variance (escalc `measure = "RTET"`).
// The model (a bivariate normal cut at two thresholds) has three parameters for the table's three
// free proportions, so its maximum likelihood estimate reproduces the observed proportions exactly:
// the thresholds are the marginal normal quantiles and ρ solves Φ₂(c, r; ρ) = ai/n. We find that
// root to machine precision; the variance is the (1,1) element of the inverse observed information
// n·Σⱼ ∇pⱼ∇pⱼᵀ/pⱼ, exact at the MLE where n·pⱼ equals each cell.
import { normalCdf, normalQuantile } from '../../distributions/normal.js';
import { bivariateNormalCdf, bivariateNormalDensity } from './bivariateNormal.js';

const normalDensity = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** ρ with Φ₂(c, r; ρ) = target, by bisection on the monotone function (to machine precision). */
function solveRho(c: number, r: number, target: number): number {
  let lo = -1;
  let hi = 1;
  for (let i = 0; i < 200 && hi - lo > 1e-16; i++) {
    const mid = (lo + hi) / 2;
    if (bivariateNormalCdf(c, r, mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function inverse3(m: readonly number[][]): number[][] {
  const [a, b, c] = m[0]!;
  const [d, e, f] = m[1]!;
  const [g, h, i] = m[2]!;
  const A = e! * i! - f! * h!;
  const B = -(d! * i! - f! * g!);
  const C = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * C;
  return [
    [A / det, -(b! * i! - c! * h!) / det, (b! * f! - c! * e!) / det],
    [B / det, (a! * i! - c! * g!) / det, -(a! * f! - c! * d!) / det],
    [C / det, -(a! * h! - b! * g!) / det, (a! * e! - b! * d!) / det],
  ];
}

/**
 * Tetrachoric correlation and its variance for a 2x2 table with every cell > 0 (Pearson 1900;
 * Kirk 1973). NaN when a cell is not positive (the estimate is then on the boundary ±1).
 * @example tetrachoric(30, 10, 10, 30).yi // 0.7071067811865475
 */
export function tetrachoric(ai: number, bi: number, ci: number, di: number): { yi: number; vi: number } {
  if (!(ai > 0 && bi > 0 && ci > 0 && di > 0)) return { yi: NaN, vi: NaN };
  const n = ai + bi + ci + di;
  const r = normalQuantile((ai + bi) / n);
  const c = normalQuantile((ai + ci) / n);
  const rho = solveRho(c, r, ai / n);
  const s = Math.sqrt(1 - rho * rho);
  const fRho = bivariateNormalDensity(c, r, rho);
  const fR = normalDensity(r) * normalCdf((c - rho * r) / s);
  const fC = normalDensity(c) * normalCdf((r - rho * c) / s);
  // Gradients of the four cell probabilities in (ρ, row threshold, column threshold).
  const grads = [
    [fRho, fR, fC],
    [-fRho, normalDensity(r) - fR, -fC],
    [-fRho, -fR, normalDensity(c) - fC],
    [fRho, fR - normalDensity(r), fC - normalDensity(c)],
  ];
  const cells = [ai, bi, ci, di];
  const info = [0, 1, 2].map((j) => [0, 1, 2].map((k) => grads.reduce((sum, g, m) => sum + (n * n * g[j]! * g[k]!) / cells[m]!, 0)));
  return { yi: rho, vi: inverse3(info)[0]![0]! };
}
