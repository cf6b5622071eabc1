// The last full evaluation (ℓ, gradient, Hessian) of each selection problem, kept so that the
// Hessian the standard errors need at the optimum, and the gradient the bound checks need there,
// are not computed again: a Newton fit's last evaluation is at the point it returns. A hit needs
// the same problem object and bitwise-equal parameters, so it returns exactly what a fresh
// evaluation would.
import type { Gradient, Parameters, SelectionProblem } from './problem.js';

interface Evaluation {
  readonly beta: Float64Array;
  readonly tau2: number;
  readonly delta: Float64Array;
  readonly logLik: number;
  readonly grad: Gradient;
  readonly hess: Float64Array;
}

const last = new WeakMap<SelectionProblem, Evaluation>();

const sameValues = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

/**
 * Remember ℓ, its gradient and Hessian at par (copied).
 * @example (() => { const problem = {}; const par = { beta: Float64Array.of(0.2), tau2: 0.1, delta: Float64Array.of(1) }; rememberEvaluation(problem, par, -3, { beta: Float64Array.of(1), tau2: 2, delta: Float64Array.of(3) }, new Float64Array(9)); return recallEvaluation(problem, { ...par, beta: Float64Array.of(0.2) }); })() // -3
 */
export function rememberEvaluation(problem: SelectionProblem, par: Parameters, logLik: number, grad: Gradient, hess: Float64Array): void {
  last.set(problem, {
    beta: Float64Array.from(par.beta),
    tau2: par.tau2,
    delta: Float64Array.from(par.delta),
    logLik,
    grad: { beta: Float64Array.from(grad.beta), tau2: grad.tau2, delta: Float64Array.from(grad.delta) },
    hess: Float64Array.from(hess),
  });
}

/**
 * ℓ at par if it is the problem's remembered point, copying its gradient (and Hessian) into `grad`
 * (and `hess`); null otherwise.
 * @example recallEvaluation({}, { beta: Float64Array.of(0), tau2: 0, delta: Float64Array.of(1) }) // null
 */
export function recallEvaluation(problem: SelectionProblem, par: Parameters, grad?: Gradient, hess?: Float64Array): number | null {
  const e = last.get(problem);
  if (!e || !Object.is(e.tau2, par.tau2) || !sameValues(e.beta, par.beta) || !sameValues(e.delta, par.delta)) return null;
  if (grad) {
    grad.beta.set(e.grad.beta);
    grad.tau2 = e.grad.tau2;
    grad.delta.set(e.grad.delta);
  }
  hess?.set(e.hess);
  return e.logLik;
}
