// Closed vocabularies of the selection models (metafor 3.8-1 `selmodel`).

/** Selection functions: five continuous, one two-parameter continuous (`negexppow`), and the step function. */
export const SELECTION_TYPES = ['beta', 'halfnorm', 'negexp', 'logistic', 'power', 'negexppow', 'stepfun'] as const;
export type SelectionType = (typeof SELECTION_TYPES)[number];
/**
 * True for a selection function type (SELECTION_TYPES).
 * @example isSelectionType('stepfun') // true
 */
export function isSelectionType(x: unknown): x is SelectionType {
  return typeof x === 'string' && (SELECTION_TYPES as readonly string[]).includes(x);
}

/** Direction of the one-sided p-values that drive selection (metafor `alternative`; default `greater`). */
export const SELECTION_ALTERNATIVES = ['greater', 'less', 'two.sided'] as const;
export type SelectionAlternative = (typeof SELECTION_ALTERNATIVES)[number];
/**
 * True for a direction of the selection p-values (SELECTION_ALTERNATIVES).
 * @example isSelectionAlternative('two.sided') // true
 */
export function isSelectionAlternative(x: unknown): x is SelectionAlternative {
  return typeof x === 'string' && (SELECTION_ALTERNATIVES as readonly string[]).includes(x);
}
