// From study moderators to a design matrix, as R's model.matrix() builds it for metafor:
// numeric moderators as they are, categorical ones treatment-coded (levels sorted, C collation
// for text, numeric order for numbers; the first level is the reference).
import { markAllOnes } from './interceptColumn.js';
import { MetasynthError } from '../core/errors.js';
import type { Exclusion, ModeratorValue, StudyEffect } from '../effects/types.js';
import { compareC } from './collation.js';
import type { formulaDesign, formulaDesignRow, FormulaSpec } from './formula/formulaDesign.js';
import { registeredFormulaSupport } from './formulaSupport.js';
import { REGRESSION_MESSAGES } from './messages.js';

/** How one moderator enters the model; serialisable, so predictions can rebuild design rows. */
export type ModeratorSpec =
  | { readonly term: string; readonly moderator: string; readonly kind: 'numeric' }
  | { readonly term: string; readonly moderator: string; readonly kind: 'factor'; readonly levels: readonly string[] }
  | { readonly term: string; readonly moderator: string; readonly kind: 'formula'; readonly formula: FormulaSpec };

/**
 * True when the moderators are one R formula (`~ pmin(weeks, 3) + factor(grade)`), not a list of columns.
 * @example isFormula(['~ ablat']) // true
 * @example isFormula(['ablat', 'year']) // false
 */
export function isFormula(terms: readonly string[]): boolean {
  return terms.length === 1 && terms[0]!.trim().startsWith('~');
}

export interface DesignColumnInfo {
  /** metafor's coefficient name (`intrcpt`, `ablat`, `factor(alloc)random`). */
  readonly name: string;
  /** A plain name for people (`intercept`, `ablat`, `alloc = random`). */
  readonly label: string;
}

export interface Design {
  readonly columns: Float64Array[];
  readonly info: readonly DesignColumnInfo[];
  readonly moderators: readonly ModeratorSpec[];
  /** Indices (into the studies given) of the rows used, in input order. */
  readonly rows: readonly number[];
  readonly excluded: readonly Exclusion[];
}

/**
 * Parse `factor(x)` or `x` (spaces allowed).
 * @example parseModeratorTerm('factor(alloc)') // { moderator: 'alloc', forceFactor: true }
 */
export function parseModeratorTerm(term: string): { moderator: string; forceFactor: boolean } {
  const t = term.trim();
  const m = /^factor\s*\(\s*(.+?)\s*\)$/.exec(t);
  return m ? { moderator: m[1]!, forceFactor: true } : { moderator: t, forceFactor: false };
}

export { compareC } from './collation.js';

/** The formula module's builders, reached through the registry so that this module does not load mathjs (formulaSupport.ts). */
const formulaSupport = () => registeredFormulaSupport() as { readonly formulaDesign: typeof formulaDesign; readonly formulaDesignRow: typeof formulaDesignRow };

function isMissing(x: ModeratorValue | undefined): boolean {
  return x === null || x === undefined || (typeof x === 'number' && !Number.isFinite(x)) || (typeof x === 'string' && x.trim() === '');
}

/** R's as.character() for a number used as a factor level (15 significant digits). */
function levelText(x: number): string {
  return String(Number(x.toPrecision(15)));
}

/**
 * A factor's levels, sorted as R's factor() sorts them.
 * @example factorLevels(['b', 'a', 'b']) // ['a', 'b']
 */
export function factorLevels(values: readonly ModeratorValue[]): string[] {
  const present = values.filter((x) => !isMissing(x)) as (number | string)[];
  if (present.every((x) => typeof x === 'number')) {
    // Distinct numbers may print alike (1 and 1 + 2^-52 both as "1"): one level each text, as R's factor().
    return [...new Set([...new Set(present as number[])].sort((a, b) => a - b).map(levelText))];
  }
  return [...new Set(present.map((x) => (typeof x === 'number' ? levelText(x) : x)))].sort(compareC);
}

function asLevel(x: ModeratorValue): string {
  return typeof x === 'number' ? levelText(x) : String(x);
}

/**
 * Build the design of `terms` (each a moderator name or `factor(name)`) over `studies`, with an
 * intercept first. Rows with a missing value in any term are left out and listed in `excluded`.
 * @example buildDesign(bcgTable.studies, ['ablat']).columns.length // 2 (intercept and ablat)
 */
export function buildDesign(studies: readonly StudyEffect[], terms: readonly string[], context = 'meta-regression'): Design {
  if (isFormula(terms)) {
    const f = formulaSupport().formulaDesign(studies, terms[0]!, context);
    return {
      columns: f.columns,
      info: f.names.map((name) => ({ name, label: name === 'intrcpt' ? 'intercept' : name })),
      moderators: [{ term: f.spec.formula.trim(), moderator: f.spec.formula.trim(), kind: 'formula', formula: f.spec }],
      rows: f.rows,
      excluded: f.excluded,
    };
  }
  const parsed = terms.map(parseModeratorTerm);
  const known = new Set<string>();
  // Only terms need the columns present (an intercept-only design reads no moderator).
  if (parsed.length > 0) for (const s of studies) for (const key in s.moderators) known.add(key);
  const unknown = parsed.filter((t) => !known.has(t.moderator)).map((t) => t.moderator);
  if (unknown.length > 0) {
    const available = [...known].sort(compareC);
    throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.unknown_moderator_available(context, unknown.length, unknown, available.length, available));
  }
  const seen = new Set<string>();
  for (const t of terms) {
    if (seen.has(t.trim())) throw new MetasynthError('invalid_option', REGRESSION_MESSAGES.moderator_given_twice(context, t.trim()));
    seen.add(t.trim());
  }

  const excluded: Exclusion[] = [];
  // Intercept only: every row is used (no moderator to miss); the list is filled in place (10⁵ pushes cost three times as much).
  const rows: number[] = parsed.length === 0 ? new Array<number>(studies.length) : [];
  if (parsed.length === 0) for (let i = 0; i < studies.length; i++) rows[i] = i;
  else
    studies.forEach((s, i) => {
      if (!parsed.some((t) => isMissing(s.moderators[t.moderator]))) {
        rows.push(i);
        return;
      }
      const missing = parsed.filter((t) => isMissing(s.moderators[t.moderator])).map((t) => t.moderator);
      excluded.push({
        study: s.study,
        ...(s.row !== undefined ? { row: s.row } : {}),
        reason: REGRESSION_MESSAGES.missing_value_moderator(missing.length, missing).text,
      });
    });

  const k = rows.length;
  const columns: Float64Array[] = [new Float64Array(k).fill(1)];
  markAllOnes(columns[0]!);
  const info: DesignColumnInfo[] = [{ name: 'intrcpt', label: 'intercept' }];
  const moderators: ModeratorSpec[] = [];
  for (let ti = 0; ti < parsed.length; ti++) {
    const { moderator, forceFactor } = parsed[ti]!;
    const term = terms[ti]!.trim().replace(/\s+/g, '');
    const values = rows.map((r) => studies[r]!.moderators[moderator] as ModeratorValue);
    const categorical = forceFactor || values.some((x) => typeof x === 'string');
    if (!categorical) {
      moderators.push({ term, moderator, kind: 'numeric' });
      columns.push(Float64Array.from(values as number[]));
      info.push({ name: moderator, label: moderator });
      continue;
    }
    const levels = factorLevels(values);
    if (levels.length < 2) {
      throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.moderator_has_single_level(context, moderator, levels[0], k));
    }
    moderators.push({ term, moderator, kind: 'factor', levels });
    const prefix = forceFactor ? `factor(${moderator})` : moderator;
    const asText = values.map(asLevel);
    for (const level of levels.slice(1)) {
      columns.push(Float64Array.from(asText, (x) => (x === level ? 1 : 0)));
      info.push({ name: `${prefix}${level}`, label: `${moderator} = ${level}` });
    }
  }
  return { columns, info, moderators, rows, excluded };
}

/**
 * One design row (intercept first) for new moderator values, following `moderators`.
 * @example designRow(buildDesign(bcgTable.studies, ['ablat']).moderators, { ablat: 40 }) // [1, 40]
 */
export function designRow(moderators: readonly ModeratorSpec[], values: Readonly<Record<string, ModeratorValue>>, context = 'prediction'): number[] {
  const only = moderators[0];
  if (only?.kind === 'formula') return formulaSupport().formulaDesignRow(only.formula, values, context);
  const row = [1];
  for (const spec of moderators) {
    const x = values[spec.moderator];
    if (isMissing(x)) throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.value_moderator_needed(context, spec.moderator));
    if (spec.kind === 'formula') continue;
    if (spec.kind === 'numeric') {
      if (typeof x !== 'number') throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.moderator_numeric(context, spec.moderator, x));
      row.push(x);
    } else {
      const level = asLevel(x as number | string);
      if (!spec.levels.includes(level)) {
        throw new MetasynthError('invalid_input', REGRESSION_MESSAGES.moderator_has_no_level(context, spec.moderator, level, spec.levels));
      }
      for (const l of spec.levels.slice(1)) row.push(level === l ? 1 : 0);
    }
  }
  return row;
}
