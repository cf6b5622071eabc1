// Adapters from the bias results to the funnel's extra lines: PET-PEESE (src/bias petPeese) and the
// adjusted estimates of selection models (src/selection selectionModel). They read the results
// through structural types and never refit.
import { MetasynthError } from '../core/errors.js';
import { PLOTS_MESSAGES } from './messages.js';
import type { FunnelAdjustedEstimate, FunnelPetPeese } from './types.js';

/** An estimate of a bias result, its figures possibly null (as `RegressionTestEstimate`). */
interface NullableEstimate {
  readonly estimate: number | null;
  readonly ciLower?: number | null;
  readonly ciUpper?: number | null;
}

/** The PetPeeseResult keys the funnel reads. */
export interface PetPeeseFigures {
  readonly pet: NullableEstimate;
  readonly peese: NullableEstimate;
  readonly petSlope: { readonly estimate: number | null };
  readonly peeseSlope: { readonly estimate: number | null };
  readonly conditional: NullableEstimate & { readonly chosen: 'PET' | 'PEESE' | null };
  readonly alpha: number;
}

/** The SelectionModelResult keys the funnel reads. */
export interface SelectionFigures {
  readonly type: string;
  readonly steps: readonly number[] | null;
  readonly alternative: string;
  /** ML: random effects with τ² by maximum likelihood; EE/FE: fixed effects. */
  readonly method: string;
  readonly converged: boolean;
  readonly coefficients: readonly (NullableEstimate & { readonly name: string })[];
}

/** Names of the selection functions (metafor selmodel `type`) for the legend. */
const SELECTION_NAMES: Readonly<Record<string, string>> = {
  beta: 'Beta selection model',
  halfnorm: 'Half-normal selection model',
  negexp: 'Negative-exponential selection model',
  logistic: 'Logistic selection model',
  power: 'Power selection model',
  negexppow: 'Negative-exponential-power selection model',
  stepfun: 'Step-function selection model',
};

function line(intercept: NullableEstimate, slope: { readonly estimate: number | null }) {
  return { estimate: intercept.estimate ?? NaN, slope: slope.estimate ?? NaN, ciLower: intercept.ciLower ?? null, ciUpper: intercept.ciUpper ?? null };
}

/**
 * The funnel's PET-PEESE lines from a `petPeese` result: PET = intercept + slope·SE, PEESE = intercept
 * + slope·SE², and the conditional estimate (null when PET's test was not available).
 * @example funnelPetPeese(petPeese(bcgTable)).conditional.chosen // 'PET'
 */
export function funnelPetPeese(pp: PetPeeseFigures): FunnelPetPeese {
  const c = pp.conditional;
  return {
    pet: line(pp.pet, pp.petSlope),
    peese: line(pp.peese, pp.peeseSlope),
    conditional:
      c.chosen !== null && c.estimate !== null ? { estimate: c.estimate, chosen: c.chosen, ciLower: c.ciLower ?? null, ciUpper: c.ciUpper ?? null } : null,
    alpha: pp.alpha,
  };
}

/**
 * The legend's name of a selection model: the three-parameter model (one step) is "3PSM", a step
 * function lists its cut-points, a continuous one says where its step is, and a direction other
 * than metafor's default (greater) is named.
 * @example selectionModelLabel({ type: 'stepfun', steps: [0.025, 1], alternative: 'greater' }) // '3PSM (step at p = 0.025)'
 */
export function selectionModelLabel(fit: Pick<SelectionFigures, 'type' | 'steps' | 'alternative'>): string {
  const steps = fit.steps ?? [];
  const cuts = steps.slice(0, -1).join(', ');
  let label = SELECTION_NAMES[fit.type] ?? `${fit.type} selection model`;
  if (fit.type === 'stepfun' && steps.length === 2) label = `3PSM (step at p = ${cuts})`;
  else if (fit.type === 'stepfun') label = `${label} (steps at p = ${cuts})`;
  else if (steps.length > 1) label = `${label} (step at p = ${cuts})`;
  return fit.alternative === 'greater' ? label : `${label}, alternative ${fit.alternative}`;
}

/**
 * A selection model's adjusted estimate for the funnel (null when it has none), labelled by
 * `selectionModelLabel` ("not converged" added when the optimiser stopped short). A model with
 * moderators has no single adjusted estimate and is refused.
 * @example funnelSelectionEstimate(selectionModel(bcgTable, { type: 'beta' })).label // 'Beta selection model'
 */
export function funnelSelectionEstimate(fit: SelectionFigures): FunnelAdjustedEstimate | null {
  if (fit.coefficients.length !== 1) {
    throw new MetasynthError(
      'invalid_input',
      PLOTS_MESSAGES.funnel_selection_moderators(
        fit.type,
        fit.coefficients.map((c) => c.name),
      ),
    );
  }
  const c = fit.coefficients[0]!;
  if (c.estimate === null || !Number.isFinite(c.estimate)) return null;
  const label = `${selectionModelLabel(fit)}${fit.converged ? '' : ', not converged'}`;
  const model = `${fit.method === 'ML' ? 'random-effects model (\u03c4\u00b2 by maximum likelihood)' : 'fixed-effects model'} fitted jointly with its selection function`;
  return { label, estimate: c.estimate, ciLower: c.ciLower ?? null, ciUpper: c.ciUpper ?? null, model };
}
