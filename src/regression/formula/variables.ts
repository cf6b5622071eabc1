// One variable of a formula evaluated over the studies: a numeric column (or several, for poly()),
// or a factor. The arithmetic is mathjs's: each expression is parsed by mathjs, checked against the
// functions and columns allowed, and evaluated per study by mathjs with R's pmin/pmax added.
import { ConstantNode, parse, type MathNode } from 'mathjs';
import { MetasynthError } from '../../core/errors.js';
import type { ModeratorValue } from '../../effects/types.js';
import { deparse, rNumber } from './deparse.js';
import { splitTopLevel } from './parseFormula.js';
import { REGRESSION_MESSAGES } from '../messages.js';

/** Functions allowed inside formula expressions (R's names). `mean` and `sd` are over the studies. */
export const FORMULA_FUNCTIONS = ['log', 'log2', 'log10', 'log1p', 'exp', 'sqrt', 'abs', 'pmin', 'pmax', 'mean', 'sd'] as const;
/** Wrappers with a meaning of their own in a model formula. */
export const FORMULA_WRAPPERS = ['factor', 'as.factor', 'I', 'poly', 'scale'] as const;

export type Rows = readonly Readonly<Record<string, ModeratorValue>>[];

export type EvaluatedVariable =
  | { readonly kind: 'numeric'; readonly name: string; readonly columns: readonly { readonly suffix: string; readonly values: readonly number[] }[] }
  | { readonly kind: 'factor'; readonly name: string; readonly values: readonly (string | null)[]; readonly numericLevels: boolean };

/** How to compute a variable again for new rows (predictions): the expression with its fitted constants. */
export interface VariableRecipe {
  readonly name: string;
  readonly kind: 'numeric' | 'factor';
  /** mathjs expression text per column (aggregates such as scale's centre already replaced by numbers). */
  readonly expressions: readonly string[];
  readonly suffixes: readonly string[];
}

/** Comparisons give TRUE/FALSE, usable inside factor() (`factor(ablat > 30)`). */
const COMPARISONS = ['larger', 'smaller', 'largerEq', 'smallerEq', 'equal', 'unequal'];

const SCALAR_FUNCTIONS: Readonly<Record<string, (...a: number[]) => number>> = {
  pmin: (...a) => Math.min(...a),
  pmax: (...a) => Math.max(...a),
  log: (x, base) => (base === undefined ? Math.log(x) : Math.log(x) / Math.log(base)),
  log2: Math.log2,
  log10: Math.log10,
  log1p: Math.log1p,
  exp: Math.exp,
  sqrt: Math.sqrt,
  abs: Math.abs,
};

function fail(message: string): never {
  throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.mods_invalid(message));
}

/** Check a mathjs tree: only arithmetic, numbers, known columns and allowed functions. */
function check(node: MathNode, variable: string, columns: ReadonlySet<string>): void {
  node.traverse((n) => {
    const x = n as MathNode & { type: string; fn?: string | { name: string }; name?: string; value?: unknown };
    if (x.type === 'FunctionNode') {
      const name = (x.fn as { name: string }).name;
      if (!(FORMULA_FUNCTIONS as readonly string[]).includes(name))
        fail(`unknown function "${name}" in ${variable} (allowed: ${FORMULA_FUNCTIONS.join(', ')}; and factor, I, poly, scale around a variable)`);
    } else if (x.type === 'SymbolNode') {
      const parent = (FORMULA_FUNCTIONS as readonly string[]).includes(x.name!);
      if (!parent && !columns.has(x.name!)) fail(`unknown column "${x.name}" in ${variable} (available: ${[...columns].sort().join(', ') || 'none'})`);
    } else if (x.type === 'OperatorNode') {
      if (!['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus', ...COMPARISONS].includes(x.fn as string))
        fail(`operator "${(x as { op?: string }).op}" is not supported in ${variable}`);
    } else if (x.type === 'ConstantNode') {
      if (typeof x.value !== 'number') fail(`the value ${String(x.value)} in ${variable} is not a number`);
    } else if (x.type !== 'ParenthesisNode') fail(`${variable} is not an expression a formula can use`);
  });
}

function parseExpression(text: string, variable: string, columns: ReadonlySet<string>): MathNode {
  let node: MathNode;
  try {
    node = parse(text);
  } catch (err) {
    fail(`cannot read ${JSON.stringify(text)} in ${variable}: ${(err as Error).message}`);
  }
  check(node, variable, columns);
  return node;
}

/** Replace mean(e) and sd(e) by their values over the studies (R computes them on the whole column). */
function foldAggregates(node: MathNode, rows: Rows, variable: string): MathNode {
  return node.transform((n) => {
    const x = n as MathNode & { type: string; fn?: { name: string }; args?: MathNode[] };
    if (x.type !== 'FunctionNode' || !['mean', 'sd'].includes(x.fn!.name)) return n;
    const values = evaluateRows(x.args![0]!, rows, variable).filter((v): v is number => v !== null);
    const m = values.reduce((a, b) => a + b, 0) / values.length;
    const value = x.fn!.name === 'mean' ? m : Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / (values.length - 1));
    return new ConstantNode(value);
  });
}

/** Per-study values of an expression; null where a column is missing or the value is not a real number (TRUE/FALSE as 1/0). */
function evaluateRows(node: MathNode, rows: Rows, variable: string): (number | null)[] {
  const code = node.compile();
  const symbols = new Set<string>();
  node.traverse((n) => {
    const x = n as MathNode & { type: string; name?: string };
    if (x.type === 'SymbolNode' && !(x.name! in SCALAR_FUNCTIONS)) symbols.add(x.name!);
  });
  return rows.map((row) => {
    const scope: Record<string, unknown> = { ...SCALAR_FUNCTIONS };
    for (const s of symbols) {
      const v = row[s];
      if (v === null || v === undefined) return null;
      if (typeof v !== 'number') fail(`column "${s}" in ${variable} is text (${JSON.stringify(v)}); wrap a text column in factor() as a variable of its own`);
      scope[s] = v;
    }
    const out = code.evaluate(scope) as unknown;
    if (typeof out === 'boolean') return out ? 1 : 0;
    return typeof out === 'number' && Number.isFinite(out) ? out : null;
  });
}

/** `name(args)` split into the name and its top-level arguments (`raw = TRUE` as a named one). */
function call(text: string): { fn: string; args: string[]; named: Record<string, string> } | undefined {
  const m = /^([A-Za-z.][A-Za-z0-9._]*)\s*\(([\s\S]*)\)$/.exec(text.trim());
  if (!m) return undefined;
  const args: string[] = [];
  const named: Record<string, string> = {};
  for (const { part } of splitTopLevel(m[2]!, ',')) {
    const eq = /^\s*([A-Za-z.][A-Za-z0-9._]*)\s*=(?!=)\s*([\s\S]*)$/.exec(part);
    if (eq) named[eq[1]!] = eq[2]!.trim();
    else args.push(part.trim());
  }
  return { fn: m[1]!, args, named };
}

const isTrue = (v: string | undefined, dflt: boolean) =>
  v === undefined ? dflt : v === 'TRUE' || v === 'T' ? true : v === 'FALSE' || v === 'F' ? false : fail(`expected TRUE or FALSE, not ${v}`);

/**
 * Evaluate one formula variable over the studies' moderator values.
 * @example evaluateVariable('I(year-1950)', bcgTable.studies.map((s) => s.moderators), new Set(['year']), new Set()).variable.name // 'I(year - 1950)'
 */
export function evaluateVariable(
  text: string,
  rows: Rows,
  columns: ReadonlySet<string>,
  textColumns: ReadonlySet<string>,
): { variable: EvaluatedVariable; recipe: VariableRecipe } {
  const c = call(text);
  const variable = JSON.stringify(text.trim());
  if (c && (c.fn === 'factor' || c.fn === 'as.factor')) {
    if (c.args.length !== 1) fail(`${c.fn}() takes one column, not ${text}`);
    const arg = c.args[0]!;
    if (textColumns.has(arg)) {
      const values = rows.map((r) => (r[arg] === null || r[arg] === undefined ? null : String(r[arg])));
      return {
        variable: { kind: 'factor', name: `${c.fn}(${arg})`, values, numericLevels: false },
        recipe: { name: `${c.fn}(${arg})`, kind: 'factor', expressions: [arg], suffixes: [''] },
      };
    }
    const node = parseExpression(arg, variable, columns);
    // A comparison makes a logical factor with levels FALSE and TRUE.
    const logical = COMPARISONS.includes(String((node as MathNode & { fn?: unknown }).fn));
    const values = evaluateRows(node, rows, variable).map((v) => (v === null ? null : logical ? (v === 1 ? 'TRUE' : 'FALSE') : rNumber(v)));
    const name = `${c.fn}(${deparse(node)})`;
    return {
      variable: { kind: 'factor', name, values, numericLevels: !logical },
      recipe: { name, kind: 'factor', expressions: [node.toString()], suffixes: [logical ? 'logical' : ''] },
    };
  }
  if (c && c.fn === 'I') {
    if (c.args.length !== 1) fail(`I() takes one expression, not ${text}`);
    return numeric(`I(${deparseText(c.args[0]!, variable, columns)})`, [c.args[0]!], [''], rows, variable, columns);
  }
  if (c && c.fn === 'poly') {
    const degree = Number(c.args[1] ?? c.named.degree ?? '1');
    if (!(Number.isInteger(degree) && degree >= 1)) fail(`poly() needs a whole degree >= 1 in ${text}`);
    if (!isTrue(c.named.raw, false)) fail(`only raw polynomials are supported: write poly(${c.args[0]}, ${degree}, raw = TRUE)`);
    const x = c.args[0]!;
    const name = `poly(${deparseText(x, variable, columns)}, ${degree}, raw = TRUE)`;
    const exprs = Array.from({ length: degree }, (_, i) => (i === 0 ? `(${x})` : `(${x})^${i + 1}`));
    return numeric(
      name,
      exprs,
      exprs.map((_, i) => String(i + 1)),
      rows,
      variable,
      columns,
    );
  }
  if (c && c.fn === 'scale') {
    const x = c.args[0];
    if (x === undefined || c.args.length > 1) fail(`scale() takes one column or expression (and center =, scale =), not ${text}`);
    const centre = isTrue(c.named.center, true);
    const scaled = isTrue(c.named.scale, true);
    const expr = `(${x}${centre ? ` - mean(${x})` : ''})${scaled ? ` / ${centre ? `sd(${x})` : `sqrt(mean((${x})^2) * ${rows.length} / (${rows.length} - 1))`}` : ''}`;
    const extra = [
      ...(c.named.center !== undefined ? [`center = ${c.named.center}`] : []),
      ...(c.named.scale !== undefined ? [`scale = ${c.named.scale}`] : []),
    ];
    return numeric(`scale(${[deparseText(x, variable, columns), ...extra].join(', ')})`, [expr], [''], rows, variable, columns);
  }
  if (textColumns.has(text.trim())) {
    const name = text.trim();
    const values = rows.map((r) => (r[name] === null || r[name] === undefined ? null : String(r[name])));
    return { variable: { kind: 'factor', name, values, numericLevels: false }, recipe: { name, kind: 'factor', expressions: [name], suffixes: [''] } };
  }
  return numeric(deparseText(text, variable, columns), [text], [''], rows, variable, columns);
}

function deparseText(text: string, variable: string, columns: ReadonlySet<string>): string {
  return deparse(parseExpression(text, variable, columns));
}

function numeric(
  name: string,
  exprs: readonly string[],
  suffixes: readonly string[],
  rows: Rows,
  variable: string,
  columns: ReadonlySet<string>,
): { variable: EvaluatedVariable; recipe: VariableRecipe } {
  const folded = exprs.map((e) => foldAggregates(parseExpression(e, variable, columns), rows, variable));
  const cols = folded.map((node, i) => ({ suffix: suffixes[i]!, values: evaluateRows(node, rows, variable) as number[] }));
  return { variable: { kind: 'numeric', name, columns: cols }, recipe: { name, kind: 'numeric', expressions: folded.map((n) => n.toString()), suffixes } };
}

/**
 * A recipe's values for one new row of moderators (predictions), or a message naming what is missing.
 * @example recipeValues({ name: 'I(year - 1950)', kind: 'numeric', expressions: ['year - 1950'], suffixes: [''] }, { year: 1970 }) // [20]
 */
export function recipeValues(recipe: VariableRecipe, row: Readonly<Record<string, ModeratorValue>>): (number | string | null)[] {
  if (recipe.kind === 'factor') {
    const v = row[recipe.expressions[0]!];
    if (v !== undefined) return [v === null ? null : typeof v === 'number' ? rNumber(v) : v];
    const value = evaluateRows(parse(recipe.expressions[0]!), [row], recipe.name)[0];
    if (value === null || value === undefined) return [null];
    return [recipe.suffixes[0] === 'logical' ? (value === 1 ? 'TRUE' : 'FALSE') : rNumber(value)];
  }
  return recipe.expressions.map((e) => evaluateRows(parse(e), [row], recipe.name)[0] ?? null);
}
