// R formulas in `mods` (`~ pmin(weeks, 3) + factor(grade)`) are evaluated with mathjs, a large
// library that takes most of a second to load. The design builder (design.ts) reaches the formula
// code through this registry, so that importing it does not load mathjs: the formula module
// registers itself when it is imported (regression/index.ts, and so the library entry, imports
// it), and an entry that imports only what it needs, such as a CLI command, loads it on demand
// (loadFormulaSupport.ts) before a formula is used. Kept free of the formula module's types, so
// that the two do not import each other.
import { MetasynthError } from '../core/errors.js';
import { REGRESSION_MESSAGES } from './messages.js';

let support: unknown = null;

/** Called once by the formula module when it is imported. */
export function registerFormulaSupport(s: unknown): void {
  support = s;
}

/**
 * What the formula module registered; a clear internal error when no entry loaded it (a bug of that entry).
 * @example typeof registeredFormulaSupport() // 'object'
 */
export function registeredFormulaSupport(): unknown {
  if (support === null) throw new MetasynthError('internal', REGRESSION_MESSAGES.formula_support_not_loaded());
  return support;
}
