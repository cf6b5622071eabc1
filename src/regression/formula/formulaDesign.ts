// The design matrix of an R formula over the studies, as R's model.matrix() builds it for metafor:
// terms by degree, each factor coded by treatment contrasts when the term without it is in the
// model (the intercept counting as the empty term), and by indicators of every level otherwise;
// interaction columns with the first variable varying fastest; names as R prints them.
import { MetasynthError } from '../../core/errors.js';
import type { Exclusion, ModeratorValue, StudyEffect } from '../../effects/types.js';
import { compareC } from '../collation.js';
import { parseFormula } from './parseFormula.js';
import { evaluateVariable, recipeValues, type EvaluatedVariable, type VariableRecipe } from './variables.js';
import { REGRESSION_MESSAGES } from '../messages.js';
import { registerFormulaSupport } from '../formulaSupport.js';

/** One design column: a product over variables of a numeric column (index) or a level indicator. */
export type FormulaColumn = readonly { readonly variable: number; readonly part: number | string }[];

/** What predictions need to rebuild a design row (serialisable). */
export interface FormulaSpec {
  readonly formula: string;
  readonly intercept: boolean;
  readonly recipes: readonly VariableRecipe[];
  readonly columns: readonly FormulaColumn[];
}

export interface FormulaDesign {
  readonly columns: Float64Array[];
  readonly names: readonly string[];
  readonly rows: readonly number[];
  readonly excluded: readonly Exclusion[];
  readonly spec: FormulaSpec;
}

function levelsOf(v: Extract<EvaluatedVariable, { kind: 'factor' }>, rows: readonly number[]): string[] {
  const present = [...new Set(rows.map((r) => v.values[r]!).filter((x): x is string => x !== null))];
  return v.numericLevels ? present.sort((a, b) => Number(a) - Number(b)) : present.sort(compareC);
}

/**
 * The design of `formula` (e.g. `~ pmin(weeks, 3) + factor(grade)`) over `studies`. Rows with a
 * missing or non-computable value of any variable are left out and listed in `excluded`.
 * @example formulaDesign(bcgTable.studies, '~ I(year - 1950)').names // ['intrcpt', 'I(year - 1950)']
 */
export function formulaDesign(studies: readonly StudyEffect[], formula: string, context = 'meta-regression'): FormulaDesign {
  const parsed = parseFormula(formula);
  const all = studies.map((s) => s.moderators);
  const columnsKnown = new Set(studies.flatMap((s) => Object.keys(s.moderators)));
  const textColumns = new Set([...columnsKnown].filter((c) => all.some((m) => typeof m[c] === 'string')));
  const evaluated = parsed.variables.map((v) => evaluateVariable(v, all, columnsKnown, textColumns));
  const vars = evaluated.map((e) => e.variable);

  const rows: number[] = [];
  const excluded: Exclusion[] = [];
  studies.forEach((s, i) => {
    const missing = vars.filter((v) => (v.kind === 'factor' ? v.values[i] === null : v.columns.some((c) => c.values[i] === null))).map((v) => v.name);
    if (missing.length === 0) rows.push(i);
    else
      excluded.push({ study: s.study, ...(s.row !== undefined ? { row: s.row } : {}), reason: REGRESSION_MESSAGES.missing_non_computable_value(missing).text });
  });

  const levels = vars.map((v) => (v.kind === 'factor' ? levelsOf(v, rows) : []));
  const present = new Set(parsed.terms.map((t) => [...t].sort().join(':')));
  const designColumns: FormulaColumn[] = [];
  const names: string[] = [];
  for (const term of parsed.terms) {
    const idx = term.map((t) => parsed.variables.indexOf(t));
    // Per variable: the parts it contributes (numeric columns, or levels under contrasts/indicators).
    const parts = idx.map((vi) => {
      const v = vars[vi]!;
      if (v.kind === 'numeric') return v.columns.map((c, ci) => ({ part: ci as number | string, name: `${v.name}${c.suffix}` }));
      const rest = term
        .filter((t) => t !== parsed.variables[vi])
        .sort()
        .join(':');
      const contrasts = rest === '' ? parsed.intercept : present.has(rest);
      const lv = levels[vi]!;
      if (lv.length < 2 && contrasts) {
        throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.has_single_level_among(context, v.name, lv[0], rows.length));
      }
      return (contrasts ? lv.slice(1) : lv).map((l) => ({ part: l as number | string, name: `${v.name}${l}` }));
    });
    // First variable varies fastest, as model.matrix orders interaction columns.
    let combos: { cols: { variable: number; part: number | string }[]; names: string[] }[] = [{ cols: [], names: [] }];
    parts.forEach((ps, k) => {
      const next: typeof combos = [];
      for (const p of ps) for (const c of combos) next.push({ cols: [...c.cols, { variable: idx[k]!, part: p.part }], names: [...c.names, p.name] });
      combos = next;
    });
    for (const c of combos) {
      designColumns.push(c.cols);
      names.push(c.names.join(':'));
    }
  }
  const spec: FormulaSpec = { formula, intercept: parsed.intercept, recipes: evaluated.map((e) => e.recipe), columns: designColumns };
  const values = rows.map((r) => vars.map((v) => (v.kind === 'factor' ? [v.values[r]!] : v.columns.map((c) => c.values[r]!))));
  const columns = [
    ...(parsed.intercept ? [new Float64Array(rows.length).fill(1)] : []),
    ...designColumns.map((col) => Float64Array.from(values, (vs) => columnValue(col, vs))),
  ];
  return { columns, names: [...(parsed.intercept ? ['intrcpt'] : []), ...names], rows, excluded, spec };
}

function columnValue(col: FormulaColumn, vs: readonly (readonly (number | string | null)[])[]): number {
  let x = 1;
  for (const { variable, part } of col) {
    const v = vs[variable]!;
    x *= typeof part === 'number' ? (v[part] as number) : v[0] === part ? 1 : 0;
  }
  return x;
}

/**
 * One design row for new moderator values (predictions), following a fitted formula.
 * @example formulaDesignRow(formulaDesign(bcgTable.studies, '~ pmin(ablat, 30)').spec, { ablat: 44 }) // [1, 30]
 */
export function formulaDesignRow(spec: FormulaSpec, values: Readonly<Record<string, ModeratorValue>>, context = 'prediction'): number[] {
  const vs = spec.recipes.map((r) => {
    const v = recipeValues(r, values);
    if (v.some((x) => x === null)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.value_needed(context, r.name));
    return v;
  });
  return [...(spec.intercept ? [1] : []), ...spec.columns.map((c) => columnValue(c, vs))];
}

// design.ts reaches these through the registry (formulaSupport.ts), so that it does not load mathjs.
registerFormulaSupport({ formulaDesign, formulaDesignRow });
