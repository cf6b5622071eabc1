// The page's one link to the library's analyses, shaped as the contract's `runAnalysis`
// (src/session, built on the web-share branch). Until src/session lands, this calls the library's
// public functions for the pool analysis directly; no statistic is computed here.
import {
  MetasynthError,
  MEASURES_BY_KIND,
  effectSizes,
  forestInput,
  forestPlotSpec,
  funnelInput,
  funnelPlotSpec,
  loadDataset,
  loadDatasetStudies,
  locationPrefix,
  parseCsv,
  parseJson,
  parseStudyRecords,
  pool,
  type EffectTable,
  type Issue,
  type Measure,
  type ParsedStudies,
  type PoolMethod,
  type PoolTest,
  type RawTable,
  type StudyKind,
} from '../../src/index.js';
import type { TopLevelSpec } from 'vega-lite';

export type AnalysisInput =
  | { readonly text: string; readonly format: 'csv' | 'tsv' | 'json'; readonly name?: string }
  | { readonly rows: readonly Record<string, unknown>[]; readonly name?: string }
  | { readonly dataset: string };

export interface AnalysisSettings {
  readonly analysis: string;
  readonly measure?: string;
  readonly method?: string;
  readonly test?: string;
  readonly level?: number;
  readonly by?: string;
  readonly mods?: string;
  readonly exclude?: readonly string[];
}

export interface CellProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
  readonly code: string;
}

export interface ParsedTable {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly kind: StudyKind | null;
  readonly cellProblems: readonly CellProblem[];
}

export interface AnalysisPlot {
  readonly name: string;
  readonly title: string;
  readonly spec: TopLevelSpec;
}

export type AnalysisOutcome =
  | { readonly ok: true; readonly json: unknown; readonly plots: readonly AnalysisPlot[]; readonly problems: readonly Issue[]; readonly table: ParsedTable }
  | { readonly ok: false; readonly problems: readonly Issue[]; readonly table?: ParsedTable };

const cellText = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

function rawTableOf(input: AnalysisInput): { raw: RawTable; synthetic: boolean; defaultMeasure?: string } {
  if ('dataset' in input) {
    const ds = loadDataset(input.dataset);
    const raw = parseCsv(ds.csv, { file: ds.file });
    const keep = new Set(ds.rowNumbers);
    const numbers = raw.rowNumbers ?? raw.rows.map((_, i) => i + 1);
    const picked = raw.rows.flatMap((row, i) => (keep.has(numbers[i]!) ? [{ row, n: numbers[i]! }] : []));
    const measure = ds.metadata.analysis?.measure;
    return {
      raw: { file: ds.file, columns: raw.columns, rows: picked.map((p) => p.row), rowNumbers: picked.map((p) => p.n) },
      synthetic: ds.synthetic,
      ...(measure ? { defaultMeasure: measure } : {}),
    };
  }
  if ('text' in input) {
    const file = input.name ?? 'pasted table';
    if (input.format === 'json') return { raw: parseJson(input.text, { file }), synthetic: false };
    return { raw: parseCsv(input.text, { file, ...(input.format === 'tsv' ? { delimiter: '\t' as const } : {}) }), synthetic: false };
  }
  const columns = [...new Set(input.rows.flatMap((r) => Object.keys(r)))];
  return { raw: { file: input.name ?? 'table', columns, rows: input.rows }, synthetic: false };
}

/** The table with each problem on its cell: `row` is the 0-based index into `rows` (as src/session places them). */
function parsedTable(raw: RawTable, kind: StudyKind | null, issues: readonly Issue[]): ParsedTable {
  const numbers = raw.rowNumbers ?? raw.rows.map((_, i) => i + 1);
  const indexOf = new Map(numbers.map((n, i) => [n, i]));
  const studyColumn = raw.columns[0] ?? '';
  const cellProblems = issues.flatMap((i) => {
    const row = i.row === undefined ? undefined : indexOf.get(i.row);
    return row === undefined ? [] : [{ row, column: i.field ?? studyColumn, message: i.message, code: i.code }];
  });
  return { columns: raw.columns, rows: raw.rows.map((r) => raw.columns.map((c) => cellText(r[c]))), kind, cellProblems };
}

function problemsOf(err: unknown): Issue[] {
  if (err instanceof MetasynthError) return err.issues.length > 0 ? [...err.issues] : [{ code: err.messageCode ?? err.code, message: err.message }];
  throw err;
}

function poolOutcome(table: EffectTable, settings: AnalysisSettings, parsed: (problems: readonly Issue[]) => ParsedTable): AnalysisOutcome {
  const level = settings.level ?? 95;
  const result = pool(table, { method: (settings.method ?? 'REML') as PoolMethod, test: (settings.test ?? 'z') as PoolTest, level });
  const inputWarnings: Issue[] = [
    ...table.warnings,
    ...table.excluded.map((e) => ({
      code: 'row_excluded',
      message: `${locationPrefix({ ...(e.row !== undefined ? { row: e.row } : {}), study: e.study })}: ${e.reason}`,
      study: e.study,
      ...(e.row !== undefined ? { row: e.row } : {}),
    })),
  ];
  const doc = { ...result, warnings: [...inputWarnings, ...result.warnings] };
  const json = table.synthetic ? { synthetic: true, ...doc } : doc;
  const plots: AnalysisPlot[] = [
    { name: 'forest', title: 'Forest plot', spec: forestPlotSpec(forestInput(table, result)) },
    { name: 'funnel', title: 'Funnel plot', spec: funnelPlotSpec(funnelInput(table, result)) },
  ];
  return { ok: true, json, plots, problems: inputWarnings, table: parsed(inputWarnings) };
}

/**
 * Reads the input, computes effect sizes and runs the analysis; never throws on bad data (every
 * problem comes back as an Issue with its row and field).
 * @example runAnalysis({ dataset: 'classic/bcg' }, { analysis: 'pool', measure: 'RR' }).ok // true
 */
export function runAnalysis(input: AnalysisInput, settings: AnalysisSettings): AnalysisOutcome {
  if (settings.analysis !== 'pool') {
    return { ok: false, problems: [{ code: 'analysis_not_ready', field: 'analysis', message: `the ${settings.analysis} analysis is not in this page yet` }] };
  }
  let read: ReturnType<typeof rawTableOf>;
  try {
    read = rawTableOf(input);
  } catch (err) {
    return { ok: false, problems: problemsOf(err) };
  }
  let studies: ParsedStudies;
  try {
    studies = parseStudyRecords(read.raw, { file: read.raw.file ?? 'table' });
  } catch (err) {
    const problems = problemsOf(err);
    return { ok: false, problems, table: parsedTable(read.raw, null, problems) };
  }
  const parsed = (problems: readonly Issue[]) => parsedTable(read.raw, studies.kind, problems);
  try {
    const measure = (settings.measure ?? read.defaultMeasure ?? MEASURES_BY_KIND[studies.kind][0]) as Measure;
    const computed = effectSizes(studies, { measure, file: read.raw.file ?? 'table' });
    const exclude = new Set(settings.exclude ?? []);
    const table: EffectTable = {
      ...computed,
      studies: computed.studies.filter((s) => !exclude.has(s.study)),
      ...(read.synthetic ? { synthetic: true } : {}),
    };
    return poolOutcome(table, settings, parsed);
  } catch (err) {
    const problems = problemsOf(err);
    return { ok: false, problems, table: parsed(problems) };
  }
}

/** Whether a bundled dataset is SYNTHETIC (its metadata says so). */
export function isSyntheticDataset(name: string): boolean {
  try {
    return loadDataset(name).synthetic;
  } catch {
    return false;
  }
}

export { loadDatasetStudies };

const SETTING_KEYS = ['analysis', 'measure', 'method', 'test', 'level', 'by', 'mods'] as const;

/**
 * The settings as a URL query (interim, until src/session's settingsToQuery): one key per setting, `exclude` as repeated keys.
 * @example settingsToQuery({ analysis: 'pool', method: 'DL', exclude: ['A'] }) // 'analysis=pool&method=DL&exclude=A'
 */
export function settingsToQuery(s: AnalysisSettings): string {
  const q = new URLSearchParams();
  for (const k of SETTING_KEYS) if (s[k] !== undefined) q.set(k, String(s[k]));
  for (const e of s.exclude ?? []) q.append('exclude', e);
  return q.toString();
}

/**
 * Settings read back from a query (interim, until src/session's settingsFromQuery); unknown keys are problems.
 * @example settingsFromQuery('analysis=pool&level=90').settings // { analysis: 'pool', level: 90 }
 */
export function settingsFromQuery(query: string): { settings: Partial<AnalysisSettings>; problems: { message: string }[] } {
  const q = new URLSearchParams(query);
  const settings: Record<string, unknown> = {};
  const problems: { message: string }[] = [];
  for (const [k, v] of q) {
    if (k === 'exclude') settings.exclude = [...((settings.exclude as string[] | undefined) ?? []), v];
    else if (k === 'level') settings.level = Number(v);
    else if ((SETTING_KEYS as readonly string[]).includes(k)) settings[k] = v;
    else problems.push({ message: `the link's setting ${JSON.stringify(k)} is not one the page knows; it was ignored` });
  }
  return { settings: settings as Partial<AnalysisSettings>, problems };
}
