// The web page's one call: input and settings in, the CLI's JSON document, the plots, the problems and
// the table (with each problem on its cell) out. Never throws: every problem is an Issue.
import type { Issue } from '../core/errors.js';
import type { ProgressCallback } from '../core/progress.js';
import { isMeasure, type EffectTable, type Measure } from '../effects/types.js';
import type { RawTable } from '../schema/rawTable.js';
import { jsonValue, labelDocument } from './document.js';
import { excludeStudies, withExcludedStudies } from './exclude.js';
import { effectTableOf, inputWarnings, type LoadedStudies } from './input.js';
import { SESSION_MESSAGES } from './messages.js';
import { problemsOf } from './problems.js';

export { problemsOf };
import { parsedTable, type ParsedTable } from './parsedTable.js';
import { datasetRawTable, loadedStudiesOf, rawTableOf, type AnalysisInput } from './readInput.js';
import { analysisPlots, RUNNERS, type AnalysisPlot, type AnalysisRunner } from './analyses/runners.js';
import { analysisSettingsSchema, type AnalysisSettings } from './settings.js';

/** What runAnalysis returns: the result, or the problems that stopped it (with the table when it was read). */
export type AnalysisOutcome =
  | {
      readonly ok: true;
      /** Exactly the document `metasynth <analysis> FILE ... --json` prints (parsed). */
      readonly json: Record<string, unknown>;
      readonly plots: readonly AnalysisPlot[];
      /** Warnings about the input (rows left out, corrections, unknown exclusions): nothing is dropped silently. */
      readonly problems: readonly Issue[];
      readonly table: ParsedTable;
    }
  | { readonly ok: false; readonly problems: readonly Issue[]; readonly table?: ParsedTable };

/** The input's rows as the page shows them (a raw table), or the problems of a table that cannot be read. */
function readRaw(input: AnalysisInput): { raw: RawTable } | { problems: Issue[] } {
  try {
    return { raw: 'dataset' in input ? datasetRawTable(input.dataset) : rawTableOf(input) };
  } catch (err) {
    return { problems: problemsOf(err) };
  }
}

/**
 * The studies without the excluded labels, the labels excluded, and a problem for each label no study has.
 * @example withoutExcluded(loadDatasetStudies('classic/bcg'), ['Aronson, 1948', 'X']).problems[0].received // 'X'
 */
export function withoutExcluded(loaded: LoadedStudies, exclude: readonly string[]): { loaded: LoadedStudies; excluded: readonly string[]; problems: Issue[] } {
  const { loaded: kept, excluded, unknown } = excludeStudies(loaded, exclude);
  const problems = unknown.map((l) => ({ code: 'exclude_unknown', field: 'study', received: l, message: SESSION_MESSAGES.session_exclude_unknown(l).text }));
  return { loaded: kept, excluded, problems };
}

/** The measure of an analysis: the settings', else the analysis's default, else the source's default. */
function measureOf(s: AnalysisSettings, runner: AnalysisRunner, sourceDefault: string | undefined): Measure | undefined {
  const fallback = sourceDefault?.trim().toUpperCase();
  return s.measure ?? runner.defaultMeasure?.(s) ?? (fallback !== undefined && isMeasure(fallback) ? fallback : undefined);
}

/**
 * The settings checked by the schema, or the problems of the settings that are not valid.
 * @example checkedSettings({ analysis: 'pool', level: 300 }).ok // false
 */
export function checkedSettings(settings: AnalysisSettings): { ok: true; settings: AnalysisSettings } | { ok: false; problems: Issue[] } {
  const checked = analysisSettingsSchema.safeParse(settings);
  if (checked.success) return { ok: true, settings: checked.data };
  return {
    ok: false,
    problems: checked.error.issues.map((i) => ({
      code: 'invalid_setting',
      field: i.path.join('.'),
      message: SESSION_MESSAGES.session_setting_invalid(i.path.join('.'), undefined, i.message).text,
    })),
  };
}

/** Reads, validates and analyses; throws MetasynthError (runAnalysis turns it into problems). */
function analyse(input: AnalysisInput, s: AnalysisSettings, runner: AnalysisRunner, raw: RawTable, onProgress?: ProgressCallback) {
  const asked = s.measure ?? runner.defaultMeasure?.(s);
  const read = withoutExcluded(loadedStudiesOf(input, asked, 'dataset' in input ? undefined : raw), s.exclude ?? []);
  if (runner.runLoaded) {
    const { json } = runner.runLoaded(read.loaded, s);
    return {
      json: jsonValue(labelDocument(withExcludedStudies(json, read.excluded), read.loaded)),
      plots: [],
      problems: [...read.loaded.warnings, ...read.problems],
      kind: read.loaded.studies.kind,
    };
  }
  const table: EffectTable = effectTableOf(read.loaded, measureOf(s, runner, read.loaded.defaultMeasure), { command: s.analysis, pools: runner.pools });
  const { json, plotSettings, extraPlots } = runner.run(table, s, onProgress);
  const extra = { ...runner.plotOptions, ...(s.by !== undefined ? { by: s.by } : {}), ...(s.mods !== undefined ? { mods: s.mods } : {}) };
  const plots = [...analysisPlots(runner.plots, table, plotSettings, extra), ...(extraPlots ?? [])];
  const problems = [...inputWarnings(table), ...read.problems];
  return { json: jsonValue(labelDocument(withExcludedStudies(json, read.excluded), table)), plots, problems, kind: read.loaded.studies.kind };
}

/**
 * Runs an analysis as the CLI command of the same name does, on pasted or uploaded text, rows, or a
 * bundled dataset. `json` equals what `metasynth <analysis> FILE <flags> --json` prints (cliCommandFor
 * gives the command); every problem comes back as an Issue, placed on its cell in `table` when it names a row.
 * @example runAnalysis({ dataset: 'bcg' }, { analysis: 'pool', measure: 'RR' }).ok // true
 * @example runAnalysis({ text: 'study,yi,vi\nA,0.1,-1\nB,0.2,0.01\n', format: 'csv' }, { analysis: 'pool' }).ok // false
 */
export function runAnalysis(input: AnalysisInput, settings: AnalysisSettings, onProgress?: ProgressCallback): AnalysisOutcome {
  const checked = checkedSettings(settings);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const s = checked.settings;
  const read = readRaw(input);
  if ('problems' in read) return { ok: false, problems: read.problems };
  const runner = RUNNERS[s.analysis];
  if (runner === undefined) {
    const problems = [
      { code: 'analysis_not_ready', field: 'analysis', received: s.analysis, message: SESSION_MESSAGES.session_analysis_not_ready(s.analysis).text },
    ];
    return { ok: false, problems, table: parsedTable(read.raw, null, []) };
  }
  try {
    const done = analyse(input, s, runner, read.raw, onProgress);
    return { ok: true, json: done.json, plots: done.plots, problems: done.problems, table: parsedTable(read.raw, done.kind, done.problems) };
  } catch (err) {
    const problems = problemsOf(err);
    return { ok: false, problems, table: parsedTable(read.raw, null, problems) };
  }
}
