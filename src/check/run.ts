// Runs expectations: each entry's analysis on its data, then each expected figure compared with
// the result. Browser-safe: study files are read by a loader the caller passes in (the CLI reads
// them from disk); bundled datasets load without file access.
import { eggerTest, failSafeN, FAIL_SAFE_TYPES, rankCorrelationTest, trimAndFill, type ModelMethod } from '../bias/index.js';
import { MetasynthError, type Issue } from '../core/errors.js';
import { datasetEffectTable } from '../datasets/index.js';
import type { EffectTable } from '../effects/types.js';
import { pool } from '../pool/index.js';
import { metaRegression, subgroupAnalysis } from '../regression/index.js';
import { expectationSchema, type Expectation, type ExpectedValue } from './schema.js';
import { CHECK_MESSAGES } from './messages.js';

/**
 * Parses the text of an expectations file (JSON): `{ "expectations": [...] }` or a bare array.
 * Every problem of every entry is reported at once, each naming the file, the entry (position and
 * id) and the field: `expectations/bcg.json: expectation 2 ("bcg-reml-rr"): expect.x: give a tolerance`.
 * @example parseExpectations('[{"analysis":"pool","dataset":"classic/bcg","expect":{"k":{"equals":13}}}]', { file: 'x.json' }).length // 1
 */
export function parseExpectations(text: string, options: { readonly file?: string } = {}): Expectation[] {
  const file = options.file ?? 'expectations';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MetasynthError('invalid_file', CHECK_MESSAGES.not_valid_json_2(file, err instanceof Error ? err.message : String(err)));
  }
  let entries: unknown[];
  if (Array.isArray(doc)) {
    entries = doc;
  } else if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { expectations?: unknown }).expectations)) {
    const extra = Object.keys(doc).filter((k) => !['$schema', 'description', 'expectations'].includes(k));
    if (extra.length > 0) throw new MetasynthError('invalid_input', CHECK_MESSAGES.unknown_top_level_key(file, extra.length, extra));
    entries = (doc as { expectations: unknown[] }).expectations;
  } else {
    throw new MetasynthError('invalid_input', CHECK_MESSAGES.expectations_file_expectations_array(file));
  }
  if (entries.length === 0) throw new MetasynthError('invalid_input', CHECK_MESSAGES.lists_no_expectations(file));
  const issues: Issue[] = [];
  const parsed: Expectation[] = [];
  entries.forEach((raw, i) => {
    const name = entryName(raw, i);
    const result = expectationSchema.safeParse(raw);
    if (result.success) {
      parsed.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join('.');
      issues.push({ code: 'invalid_expectation', file, row: i + 1, field, message: CHECK_MESSAGES.invalid_expectation(file, name, field, issue.message).text });
    }
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', CHECK_MESSAGES.problem_expectations(file, issues.length), issues);
  return parsed;
}

/**
 * `expectation 2 ("bcg-reml-rr")`: how messages and the table name an entry.
 * @example entryName({ name: 'bcg' }, 1) // 'expectation 2'
 */
export function entryName(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return `expectation ${index + 1}${typeof id === 'string' && id !== '' ? ` (${JSON.stringify(id)})` : ''}`;
}

/**
 * Reads a figure from a result by path: dots between keys, array positions as numbers
 * (`studies.0.effect`), and `[key=value]` to pick the array item whose key has that value
 * (`subgroups[level=HCC].estimate`). Returns `{ found: false }` when the path leads nowhere.
 * @example figureAt({ a: [{ level: 'x', v: 1 }] }, 'a[level=x].v') // { found: true, value: 1 }
 */
export function figureAt(value: unknown, path: string): { found: true; value: unknown } | { found: false; reason: string } {
  const tokens: { key: string; select?: { key: string; value: string } }[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)(?:\[([^=\]]+)=([^\]]*)\])?$/.exec(part);
    if (m === null) return { found: false, reason: CHECK_MESSAGES.bad_path_segment(part).text };
    const [, key = '', selKey, selValue] = m;
    if (key !== '') tokens.push({ key });
    if (selKey !== undefined) tokens.push({ key: '', select: { key: selKey, value: selValue ?? '' } });
  }
  let cur: unknown = value;
  let at = '';
  for (const t of tokens) {
    if (t.select) {
      if (!Array.isArray(cur)) return { found: false, reason: CHECK_MESSAGES.not_list(at).text };
      const hit = cur.find((item) => typeof item === 'object' && item !== null && String((item as Record<string, unknown>)[t.select!.key]) === t.select!.value);
      if (hit === undefined) return { found: false, reason: CHECK_MESSAGES.no_item_has(at, t.select.key, t.select.value).text };
      cur = hit;
      at += `[${t.select.key}=${t.select.value}]`;
      continue;
    }
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, t.key)) {
      return { found: false, reason: CHECK_MESSAGES.has_no_key(at, t.key).text };
    }
    cur = (cur as Record<string, unknown>)[t.key];
    at += at === '' ? t.key : `.${t.key}`;
  }
  return { found: true, value: cur };
}

/** The outcome of one expected figure. */
export interface FigureCheck {
  readonly path: string;
  /** The expectation as text: `0.489 ± 0.0005`, `[0.72, 0.78]`, `= 13`. */
  readonly expected: string;
  readonly actual: unknown;
  /** |actual − value| for tolerance checks, else null. */
  readonly difference: number | null;
  /** The allowed difference max(abs, rel·|value|), else null. */
  readonly allowed: number | null;
  readonly pass: boolean;
  /** Why it failed (not a number, out of range...), or null. */
  readonly reason: string | null;
}

/**
 * Compares one figure with its expectation: a tolerance (`value` with `abs` and/or `rel`; passes when
 * |actual − value| ≤ max(abs, rel·|value|)), a range (`min`, `max`, inclusive) or `equals`.
 * @example compareFigure(0.48942, { value: 0.489, abs: 0.0005 }).pass // true
 */
export function compareFigure(actual: unknown, expected: ExpectedValue, path = ''): FigureCheck {
  if ('equals' in expected) {
    const pass = actual === expected.equals;
    return {
      path,
      expected: `= ${JSON.stringify(expected.equals)}`,
      actual,
      difference: null,
      allowed: null,
      pass,
      reason: pass ? null : CHECK_MESSAGES.not_equal().text,
    };
  }
  const isNumber = typeof actual === 'number' && Number.isFinite(actual);
  if (expected.value !== undefined) {
    const allowed = Math.max(expected.abs ?? 0, (expected.rel ?? 0) * Math.abs(expected.value));
    const tol = [expected.abs !== undefined ? `abs ${expected.abs}` : '', expected.rel !== undefined ? `rel ${expected.rel}` : '']
      .filter((x) => x !== '')
      .join(', ');
    const text = `${expected.value} ± ${Number(allowed.toPrecision(2))} (${tol})`;
    if (!isNumber) return { path, expected: text, actual, difference: null, allowed, pass: false, reason: CHECK_MESSAGES.check_not_a_number().text };
    const difference = Math.abs(actual - expected.value);
    const pass = difference <= allowed;
    return { path, expected: text, actual, difference, allowed, pass, reason: pass ? null : CHECK_MESSAGES.off_by(difference).text };
  }
  const text = `[${expected.min ?? '-∞'}, ${expected.max ?? '∞'}]`;
  if (!isNumber) return { path, expected: text, actual, difference: null, allowed: null, pass: false, reason: CHECK_MESSAGES.check_not_a_number().text };
  const pass = (expected.min === undefined || actual >= expected.min) && (expected.max === undefined || actual <= expected.max);
  return { path, expected: text, actual, difference: null, allowed: null, pass, reason: pass ? null : CHECK_MESSAGES.outside_range().text };
}

/**
 * Compares every figure of `expect` with `result`; a path that leads nowhere is a failed check
 * with its reason (`runExpectations` treats it as an input error instead). The vitest matcher
 * `toMatchExpectation` (test/helpers) is built on it.
 * @example checkResult(pool(bcgTable), { 'transformed.estimate': { value: 0.489, abs: 0.0005 } })[0].pass // true
 */
export function checkResult(result: unknown, expect: Readonly<Record<string, ExpectedValue>>): FigureCheck[] {
  return Object.entries(expect).map(([path, expected]) => {
    const found = figureAt(result, path);
    if (!found.found)
      return { path, expected: describeExpected(expected), actual: undefined, difference: null, allowed: null, pass: false, reason: found.reason };
    return compareFigure(found.value, expected, path);
  });
}

function describeExpected(e: ExpectedValue): string {
  return compareFigure(NaN, e).expected;
}

/** Loads the effect table of an entry that names a `file` (the CLI reads it from disk). */
export type FileTableLoader = (file: string, options: { readonly measure?: Expectation['measure']; readonly level?: number }) => EffectTable;

export interface RunExpectationsOptions {
  /** Needed when an entry names a `file`. */
  readonly loadFile?: FileTableLoader;
  /** The expectations file's name, for messages. */
  readonly file?: string;
}

/** One entry's outcome. */
export interface ExpectationOutcome {
  readonly index: number;
  readonly name: string;
  readonly id: string | null;
  readonly analysis: Expectation['analysis'];
  /** `dataset classic/bcg` or `file bcg.csv`. */
  readonly input: string;
  readonly synthetic: boolean;
  readonly checks: readonly FigureCheck[];
  readonly pass: boolean;
}

export interface CheckReport {
  readonly file: string | null;
  readonly entries: readonly ExpectationOutcome[];
  readonly figures: number;
  readonly failed: number;
  readonly pass: boolean;
}

/** The effect table of an entry. */
function entryTable(e: Expectation, options: RunExpectationsOptions, where: string): EffectTable {
  if (e.dataset !== undefined) {
    return datasetEffectTable(e.dataset, {
      ...(e.subset !== undefined ? { subset: e.subset } : {}),
      ...(e.measure !== undefined ? { measure: e.measure } : {}),
    });
  }
  if (options.loadFile === undefined) throw new MetasynthError('invalid_option', CHECK_MESSAGES.study_files_cannot_read(where));
  return options.loadFile(e.file!, { ...(e.measure !== undefined ? { measure: e.measure } : {}) });
}

/**
 * The JSON result an entry's analysis gives (the same keys as the matching CLI command's --json):
 * `effects` the EffectTable; `pool` a PoolResult; `subgroup` a SubgroupAnalysisResult; `regress` a
 * MetaRegressionResult; `bias` `{ egger, eggerClassic, begg, trimFill, failSafeN: { rosenthal, orwin, rosenberg } }`.
 * @example analysisResult({ analysis: 'pool' }, bcgTable).k // 13
 */
export function analysisResult(e: Expectation, table: EffectTable): unknown {
  const settings = { ...(e.test !== undefined ? { test: e.test } : {}), ...(e.level !== undefined ? { level: e.level } : {}) };
  const model = (e.method ?? 'REML') as ModelMethod;
  switch (e.analysis) {
    case 'effects':
      return table;
    case 'pool':
      return pool(table, { ...settings, ...(e.method !== undefined ? { method: e.method } : {}) });
    case 'subgroup':
      return subgroupAnalysis(table, { by: e.by!, method: model, ...settings });
    case 'regress':
      return metaRegression(table, { mods: e.mods!, method: model, ...settings });
    case 'bias': {
      const fsn: Record<string, unknown> = {};
      for (const type of FAIL_SAFE_TYPES) fsn[type.toLowerCase()] = failSafeN(table, { type });
      return {
        egger: eggerTest(table, { method: model, ...settings }),
        eggerClassic: eggerTest(table, { model: 'lm' }),
        begg: rankCorrelationTest(table),
        trimFill: trimAndFill(table, { method: model, ...(e.level !== undefined ? { level: e.level } : {}) }),
        failSafeN: fsn,
      };
    }
  }
}

/**
 * Runs every expectation: loads its data (a bundled dataset, or a file through `loadFile`), runs
 * the analysis and compares each expected figure. A figure outside its tolerance is a failed check
 * (the report says so); an entry that cannot run, or a path that names no figure of the result, is
 * an input error (`MetasynthError` naming the entry), because the file, not the toolkit, is wrong.
 * @example runExpectations(parseExpectations('[{"analysis":"pool","dataset":"classic/bcg","expect":{"k":{"equals":13}}}]')).pass // true
 */
export function runExpectations(entries: readonly Expectation[], options: RunExpectationsOptions = {}): CheckReport {
  const file = options.file ?? null;
  const outcomes: ExpectationOutcome[] = [];
  for (const [index, e] of entries.entries()) {
    const name = entryName(e, index);
    const where = file === null ? name : `${file}: ${name}`;
    let result: unknown;
    let table: EffectTable;
    try {
      table = entryTable(e, options, where);
      result = analysisResult(e, table);
    } catch (err) {
      if (err instanceof MetasynthError)
        throw new MetasynthError(err.code === 'internal' ? 'internal' : 'invalid_input', CHECK_MESSAGES.check_rethrown(where, err.message), err.issues);
      throw err;
    }
    const missing = Object.keys(e.expect)
      .map((path) => ({ path, found: figureAt(result, path) }))
      .filter((x) => !x.found.found);
    if (missing.length > 0) {
      throw new MetasynthError(
        'invalid_input',
        CHECK_MESSAGES.result_has_no_figure(where, e.analysis, missing.map((m) => JSON.stringify(m.path)).join(', ')),
        missing.map((m) => ({
          code: 'unknown_figure',
          ...(file !== null ? { file } : {}),
          row: index + 1,
          field: `expect.${m.path}`,
          message: CHECK_MESSAGES.unknown_figure(where, m.path, m.found.found ? '' : m.found.reason).text,
        })),
      );
    }
    const checks = checkResult(result, e.expect);
    outcomes.push({
      index,
      name,
      id: e.id ?? null,
      analysis: e.analysis,
      input: e.dataset !== undefined ? `dataset ${e.dataset}${e.subset !== undefined ? `:${e.subset}` : ''}` : `file ${e.file}`,
      synthetic: table.synthetic === true,
      checks,
      pass: checks.every((c) => c.pass),
    });
  }
  const figures = outcomes.reduce((n, o) => n + o.checks.length, 0);
  const failed = outcomes.reduce((n, o) => n + o.checks.filter((c) => !c.pass).length, 0);
  return { file, entries: outcomes, figures, failed, pass: failed === 0 };
}
