// Newton steps with a finite-difference Hessian of an analytic gradient, to finish a quasi-Newton
// run: near the optimum they converge quadratically where BFGS can crawl along a flat ridge.
// Kernel: never throws.
import { cholesky, choleskySolve } from '../heterogeneity/wls/linalg.js';
import type { MinimiseResult, ObjectiveWithGradient } from './bfgs.js';

function maxAbs(g: Float64Array): number {
  let m = 0;
  for (const v of g) m = Math.max(m, Math.abs(v));
  return m;
}

function fdHessian(f: ObjectiveWithGradient, x: Float64Array): Float64Array {
  const n = x.length;
  const h = new Float64Array(n * n);
  const gu = new Float64Array(n);
  const gd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const step = 1e-5 * Math.max(1, Math.abs(x[i]!));
    const xu = Float64Array.from(x);
    const xd = Float64Array.from(x);
    xu[i] = x[i]! + step;
    xd[i] = x[i]! - step;
    f(xu, gu);
    f(xd, gd);
    for (let j = 0; j < n; j++) h[i * n + j] = (gu[j]! - gd[j]!) / (2 * step);
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) h[i * n + j] = h[j * n + i] = 0.5 * (h[i * n + j]! + h[j * n + i]!);
  return h;
}

/**
 * Up to `maxSteps` damped Newton steps from a previous result until max|g| ≤ gtol·max(1, |f|).
 * A Hessian that is not positive definite is shifted by a multiple of the identity.
 * @example
 * const f = (x, g) => { g[0] = 4 * (x[0] - 1) ** 3 + 2 * (x[0] - 1); return (x[0] - 1) ** 4 + (x[0] - 1) ** 2; };
 * newtonPolish(f, { x: Float64Array.of(1.1), value: 0.0101, gradient: Float64Array.of(0.204), converged: false, iterations: 0 }, 1e-10).x[0] // 1
 */
export function newtonPolish(f: ObjectiveWithGradient, start: MinimiseResult, gtol: number, maxSteps = 20): MinimiseResult {
  let { x, value, gradient } = start;
  const n = x.length;
  let it = 0;
  for (; it < maxSteps; it++) {
    if (maxAbs(gradient) <= gtol * Math.max(1, Math.abs(value))) return { x, value, gradient, converged: true, iterations: start.iterations + it };
    const h = fdHessian(f, x);
    let shift = 0;
    let step: Float64Array | null = null;
    for (let tries = 0; tries < 30 && step === null; tries++) {
      const hs = Float64Array.from(h);
      for (let i = 0; i < n; i++) hs[i * n + i] = hs[i * n + i]! + shift;
      const ch = cholesky(hs, n);
      if (ch.ok) step = choleskySolve(ch, gradient);
      else shift = shift === 0 ? 1e-8 * Math.max(1, maxAbs(h)) : shift * 10;
    }
    if (step === null) break;
    let lambda = 1;
    let accepted = false;
    const g = new Float64Array(n);
    for (let tries = 0; tries < 40; tries++) {
      const xn = Float64Array.from(x, (v, i) => v - lambda * step![i]!);
      const fn = f(xn, g);
      if (Number.isFinite(fn) && fn <= value + 1e-12 * Math.abs(value)) {
        x = xn;
        value = fn;
        gradient = Float64Array.from(g);
        accepted = true;
        break;
      }
      lambda /= 2;
    }
    if (!accepted) break;
  }
  return { x, value, gradient, converged: maxAbs(gradient) <= gtol * Math.max(1, Math.abs(value)), iterations: start.iterations + it };
}
