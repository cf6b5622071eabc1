// The grammar of R model formulas that metafor's `mods = ~ ...` takes, around mathjs (which parses
// and evaluates the arithmetic inside each variable): terms joined by `+`, removed by `-`,
// interactions `a:b`, crossings `a*b` (= a + b + a:b), and `- 1` / `+ 0` to drop the intercept.
import { MetasynthError } from '../../core/errors.js';
import { REGRESSION_MESSAGES } from '../messages.js';

export interface ParsedFormula {
  readonly intercept: boolean;
  /** Terms in R's order (by degree, then as written); each lists its variables' source text. */
  readonly terms: readonly (readonly string[])[];
  /** Every variable's source text, in order of first appearance. */
  readonly variables: readonly string[];
}

/** Split `text` at top-level occurrences of the characters in `seps` (outside parentheses), keeping the separators. */
export function splitTopLevel(text: string, seps: string): { part: string; sep: string }[] {
  const out: { part: string; sep: string }[] = [];
  let depth = 0;
  let start = 0;
  let sep = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && seps.includes(ch)) {
      // A sign right after an operator or at the start is unary (e.g. `~ -1 + x`, `a * -b` is not a formula term).
      if (text.slice(start, i).trim() === '' && (ch === '-' || ch === '+') && out.length === 0 && start === 0) {
        sep = ch;
        start = i + 1;
        continue;
      }
      out.push({ part: text.slice(start, i), sep });
      sep = ch;
      start = i + 1;
    }
    if (depth < 0) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_unbalanced(text));
  }
  if (depth !== 0) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_unbalanced_2(text));
  out.push({ part: text.slice(start), sep });
  return out;
}

/** All non-empty subsets of `vars` (a*b*c → a, b, c, a:b, a:c, b:c, a:b:c), smallest first. */
function crossings(vars: readonly string[][]): string[][] {
  let acc: string[][] = [[]];
  for (const group of vars) acc = [...acc, ...acc.map((t) => [...t, ...group])];
  return acc.filter((t) => t.length > 0);
}

/**
 * Parse an R formula's right-hand side: `~ pmin(weeks, 3) + factor(grade) + ablat:year - 1`.
 * @example parseFormula('~ a*b - 1').terms // [['a'], ['b'], ['a', 'b']]
 */
export function parseFormula(formula: string): ParsedFormula {
  const body = formula.trim().replace(/^~/, '').trim();
  if (body === '') throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_formula_has_no(formula));
  if (body.includes('~')) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_only_right_hand(formula));
  let intercept = true;
  const added: string[][] = [];
  const removed: string[][] = [];
  for (const { part, sep } of splitTopLevel(body, '+-')) {
    const text = part.trim();
    if (text === '') throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_empty_term(formula));
    if (text === '1' || text === '0') {
      intercept = text === '1' ? sep !== '-' : sep === '-';
      continue;
    }
    const factors = splitTopLevel(text, '*');
    const groups = factors.map(({ part: f }) => splitTopLevel(f, ':').map(({ part: v }) => normaliseVariable(v, formula)));
    const terms = groups.length === 1 ? [groups[0]!] : crossings(groups);
    (sep === '-' ? removed : added).push(...terms);
  }
  const key = (t: readonly string[]) => [...new Set(t)].sort().join(':');
  const gone = new Set(removed.map(key));
  const seen = new Set<string>();
  const kept: string[][] = [];
  for (const t of added) {
    const k = key(t);
    if (gone.has(k) || seen.has(k)) continue;
    seen.add(k);
    kept.push([...new Set(t)]);
  }
  const variables = [...new Set(kept.flat())];
  // R orders the variables of a term by their first appearance in the formula, and terms by degree.
  const terms = kept
    .map((t) => [...t].sort((a, b) => variables.indexOf(a) - variables.indexOf(b)))
    .map((t, i) => ({ t, i }))
    .sort((a, b) => a.t.length - b.t.length || a.i - b.i)
    .map((x) => x.t);
  if (terms.length === 0 && !intercept) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_formula_leaves_no(formula));
  return { intercept, terms, variables };
}

function normaliseVariable(text: string, formula: string): string {
  const t = text.trim();
  if (t === '') throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_empty_variable(formula));
  if (t.startsWith('(')) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_grouping_terms_parentheses(t));
  return t;
}
