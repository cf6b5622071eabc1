// The metasynth web page: the user's table in, the library's analysis out. This module wires the
// page: inputs, the settings form (re-running on change), the results and the page's URL. No
// statistic is computed in web/src: every number comes from the library (see analysis.ts).
import { MEASURES_BY_KIND, canonicalColumn, datasetMetadata, listDatasets } from '../../src/index.js';
import { setUpDownloads, setUpShare } from './actions.js';
import {
  cliCommandFor,
  metaforCallFor,
  runAnalysis,
  settingsFromQuery,
  settingsToQuery,
  type AnalysisInput,
  type AnalysisOutcome,
  type AnalysisSettings,
  type ParsedTable,
} from './analysis.js';
import { mappedRows, renderColumnMap, type ColumnMapping } from './columnMap.js';
import { byId, el } from './dom.js';
import { fileInput, pastedInput, readProblems, type LoadedInput } from './inputs.js';
import { renderFigures } from './figuresView.js';
import { resetGosh, setUpGosh, type GoshContext } from './goshView.js';
import { resetPermutest, setUpPermutest, type PermutestContext } from './permutestView.js';
import { renderPlots, views } from './plotsView.js';
import type { ReportContent } from './report.js';
import { renderJson, renderMessages, renderStudyToggles, renderSummary } from './resultsView.js';
import { fitFormToData, readSettings, setUpSettingsForm, showFieldsOf, writeSettings } from './settingsForm.js';
import { ROW_EXCLUDED, renderProblems, renderTable } from './tableView.js';
import { setUpTheme } from './theme.js';
import { fragmentToState, stateToFragment, writeFragment, type SettingsCodec } from './urlState.js';

/** What the page holds between runs: the input, a column mapping, the studies the user left out. */
interface PageState {
  loaded: LoadedInput | null;
  mapping: ColumnMapping | null;
  mappedFrom: ParsedTable | null;
  excluded: Set<string>;
  lastOutcome: AnalysisOutcome | null;
  lastSettings: AnalysisSettings | null;
  runs: number;
}

const state: PageState = {
  loaded: null,
  mapping: null,
  mappedFrom: null,
  excluded: new Set(),
  lastOutcome: null,
  lastSettings: null,
  runs: 0,
};

const codec: SettingsCodec = { toQuery: settingsToQuery, fromQuery: settingsFromQuery };

function status(text: string): void {
  byId('status').textContent = text;
}

function currentInput(): AnalysisInput | null {
  if (!state.loaded) return null;
  if (state.mapping && state.mappedFrom) return { rows: mappedRows(state.mappedFrom, state.mapping), name: 'data.csv' };
  return state.loaded.input;
}

/** The study labels of a parsed table (its `study` column, by the library's accepted spellings). */
function studyLabels(table: ParsedTable | undefined): string[] {
  if (!table) return [];
  const j = table.columns.findIndex((c) => canonicalColumn(c) === 'study');
  return j < 0 ? [] : table.rows.map((r) => r[j] ?? '');
}

/** Columns that are neither the study label nor a recognised data column: the moderators. */
function moderatorColumns(table: ParsedTable | undefined): string[] {
  return table ? table.columns.filter((c) => canonicalColumn(c) === undefined) : [];
}

function warningsOf(json: unknown): readonly { code: string; message: string; row?: number }[] {
  return (json as { warnings?: readonly { code: string; message: string; row?: number }[] } | null)?.warnings ?? [];
}

function datasetOf(input: AnalysisInput | undefined): string | undefined {
  return input && 'dataset' in input ? input.dataset : undefined;
}

function isSynthetic(outcome: AnalysisOutcome): boolean {
  if (outcome.ok && (outcome.json as { synthetic?: unknown } | null)?.synthetic === true) return true;
  const dataset = datasetOf(state.loaded?.input);
  if (dataset === undefined) return false;
  try {
    return datasetMetadata(dataset.split(':')[0] as never).synthetic;
  } catch {
    return false;
  }
}

function toggleStudy(label: string, include: boolean): void {
  if (include) state.excluded.delete(label);
  else state.excluded.add(label);
  void run();
}

function showFailure(outcome: AnalysisOutcome & { ok: false }, ms: number): void {
  const general = outcome.problems.filter((p) => p.row === undefined).map((p) => p.message);
  renderMessages(general, true);
  byId('summary').replaceChildren(el('p', { class: 'error-text' }, 'No result: see the problems above.'));
  byId('analysis-figures').replaceChildren();
  for (const v of views.values()) v.finalize();
  views.clear();
  byId('plots').replaceChildren();
  renderJson({ ok: false, problems: outcome.problems }, ms);
}

async function showOutcome(outcome: AnalysisOutcome, ms: number, runId: number): Promise<void> {
  const table = outcome.table;
  byId('synthetic-banner').hidden = !isSynthetic(outcome);
  renderTable(table);
  renderProblems(outcome.problems);
  if (!state.mapping) renderColumnMap(table, applyMapping);
  // The measure the analysis used (the data's default when none was chosen), else the one asked for.
  const used = outcome.ok ? (outcome.json as { measure?: unknown }).measure : undefined;
  fitFormToData(table?.kind ?? null, moderatorColumns(table), typeof used === 'string' ? used : byId<HTMLSelectElement>('measure-select').value);
  const labels = studyLabels(table);
  renderStudyToggles(labels, state.excluded, toggleStudy);
  if (!outcome.ok) return showFailure(outcome, ms);
  const notes = warningsOf(outcome.json).filter((w) => w.code !== ROW_EXCLUDED && w.code !== 'not_applicable' && w.row === undefined);
  renderMessages(
    notes.map((w) => w.message),
    false,
  );
  renderSummary(outcome.json);
  renderFigures(outcome.json);
  renderJson(outcome.json, ms);
  // Let the browser show the summary before the plots are drawn (large k: plots take longer).
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  if (runId !== state.runs) return;
  await renderPlots(
    outcome.plots,
    new Set(labels),
    (label) => toggleStudy(label, state.excluded.has(label)),
    () => runId === state.runs,
  );
}

/** The file name the reproduce commands read: the input's (the upload's, or data.tsv/.csv/.json for a paste). */
function commandFileName(input: AnalysisInput): string {
  if ('dataset' in input) return input.dataset;
  return input.name ?? 'data.csv';
}

/** The `metasynth` command and the metafor call that reproduce the analysis. */
function renderCommands(input: AnalysisInput, settings: AnalysisSettings, outcome: AnalysisOutcome): void {
  const file = commandFileName(input);
  const saved = state.mapping ? `the table with your column mapping (metafor's column names) saved as ${file}` : `the data saved as ${file}`;
  byId('command-file').textContent = 'dataset' in input ? `the bundled dataset ${file}` : saved;
  byId('cli-command').textContent = cliCommandFor(settings, 'dataset' in input ? { dataset: input.dataset } : file);
  byId('r-call').textContent = metaforCallFor(settings, 'data', outcome.table?.kind ?? undefined);
}

/** The URL fragment for the current settings (and the pasted data when the user asks). */
function updateUrl(): void {
  if (!state.lastSettings) return;
  const input = state.loaded?.input;
  const withData = byId<HTMLInputElement>('share-data').checked && input !== undefined && 'text' in input;
  const dataset = datasetOf(input);
  writeFragment(stateToFragment(codec, state.lastSettings, { ...(dataset ? { dataset } : {}), ...(withData ? { data: input.text } : {}) }));
}

/** Runs the analysis on the current input and settings, and shows the outcome. */
async function run(): Promise<void> {
  const input = currentInput();
  if (!input) return;
  let settings: AnalysisSettings = { ...readSettings(), exclude: [...state.excluded] };
  const runId = ++state.runs;
  status('Analysing…');
  const t0 = performance.now();
  let outcome = runAnalysis(input, settings);
  // New data of another kind than the measure shown (e.g. yi/vi after 2x2 data): back to the data's default.
  const kind = outcome.table?.kind;
  if (!outcome.ok && kind && settings.measure !== undefined && !(MEASURES_BY_KIND[kind] as readonly string[]).includes(settings.measure)) {
    byId<HTMLSelectElement>('measure-select').value = '';
    const { measure: _dropped, ...rest } = settings;
    settings = rest as AnalysisSettings;
    outcome = runAnalysis(input, settings);
  }
  const ms = performance.now() - t0;
  state.lastOutcome = outcome;
  state.lastSettings = settings;
  resetGosh();
  resetPermutest(settings, outcome.ok);
  updateUrl();
  renderCommands(input, settings, outcome);
  try {
    await showOutcome(outcome, ms, runId);
    if (runId === state.runs)
      status(outcome.ok ? `Done: ${state.loaded?.name ?? ''} analysed in ${ms.toFixed(0)} ms.` : 'The data have problems: see the list.');
  } catch (err) {
    status(`The page could not show the result: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function applyMapping(mapping: ColumnMapping): void {
  state.mappedFrom = state.lastOutcome?.table ?? null;
  state.mapping = mapping;
  void run();
}

function load(loaded: LoadedInput, keepSettings = false): void {
  state.loaded = loaded;
  state.mapping = null;
  state.mappedFrom = null;
  // New data: no exclusions (the measure stays when it applies to them, see run).
  if (!keepSettings) state.excluded.clear();
  void run();
}

function showReadError(err: unknown): void {
  state.loaded = null;
  state.lastOutcome = null;
  state.runs++;
  byId('synthetic-banner').hidden = true;
  const problems = readProblems(err);
  renderProblems(problems);
  renderTable(undefined);
  renderStudyToggles([], state.excluded, toggleStudy);
  showFailure({ ok: false, problems }, 0);
  status('The file could not be read: see the problems.');
}

function setUpDatasets(): void {
  const select = byId<HTMLSelectElement>('dataset-select');
  // Datasets that are not tables of studies (published pooled estimates, claims) have no analysis to run.
  for (const d of listDatasets().filter((x) => datasetMetadata(x.name).analysis !== null)) {
    const tag = d.synthetic ? ' (SYNTHETIC)' : '';
    select.append(el('option', { value: d.name }, `${d.name}: ${d.title}${tag}`));
    for (const s of d.subsets) select.append(el('option', { value: `${d.name}:${s}` }, `${d.name}:${s}${tag}`));
  }
  select.addEventListener('change', () => {
    if (select.value !== '') load({ input: { dataset: select.value }, name: select.value });
  });
}

function setUpInputs(): void {
  byId('paste-apply').addEventListener('click', () => {
    const text = byId<HTMLTextAreaElement>('paste-input').value;
    if (text.trim() === '') return status('Paste a table first (a header row and one row per study).');
    load(pastedInput(text));
  });
  const file = byId<HTMLInputElement>('file-input');
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    try {
      load(await fileInput(f));
    } catch (err) {
      showReadError(err);
    }
  });
}

function setUpSettings(): void {
  const form = byId<HTMLFormElement>('settings');
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void run();
  });
  form.addEventListener('change', (e) => {
    const id = (e.target as HTMLElement).id;
    if (id === 'analysis-select') showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
    void run();
  });
}

function reportContent(): ReportContent | null {
  const outcome = state.lastOutcome;
  if (!outcome?.ok) return null;
  return {
    name: state.loaded?.name ?? 'data',
    synthetic: isSynthetic(outcome),
    summary: byId('summary'),
    plots: outcome.plots.flatMap((p) => {
      const view = views.get(p.name);
      return view ? [{ name: p.name, title: p.title, view }] : [];
    }),
    cliCommand: byId('cli-command').textContent ?? '',
    rCall: byId('r-call').textContent ?? '',
    table: outcome.table,
    json: outcome.json,
  };
}

/** The form's settings when a link gives none (the CLI's defaults; '' = the data's default measure, no subgroups or moderators). */
const FORM_DEFAULTS = {
  analysis: 'pool',
  measure: '',
  method: 'REML',
  test: 'z',
  level: 95,
  by: '',
  mods: '',
  cluster: '',
  random: '',
  selectionType: 'beta',
  steps: '',
  selectionDelta: '',
  glmmModel: 'UM.FS',
  tauPrior: '',
  order: '',
  muPrior: '',
} as const;

/** The current analysis for a GOSH run: its input, measure, method and exclusions (null before a result). */
function goshContext(): GoshContext | null {
  const outcome = state.lastOutcome;
  const input = currentInput();
  const measure = outcome?.ok ? outcome.json.measure : undefined;
  if (!input || typeof measure !== 'string') return null;
  return {
    input,
    measure: measure as GoshContext['measure'],
    method: state.lastSettings?.method,
    exclude: new Set(state.excluded),
    synthetic: outcome?.ok === true && outcome.json.synthetic === true,
  };
}

/** The current analysis for a permutation test: its input and settings (null before a result). */
function permutestContext(): PermutestContext | null {
  const input = currentInput();
  if (!input || !state.lastSettings || !state.lastOutcome?.ok) return null;
  return { input, settings: state.lastSettings, file: 'dataset' in input ? { dataset: input.dataset } : commandFileName(input) };
}

/** Settings, dataset and data from the URL fragment of a shared link. */
function restoreFromUrl(): void {
  if (location.hash.length <= 1) return;
  const restored = fragmentToState(codec, location.hash);
  if (restored.problems.length > 0) renderMessages(restored.problems, false);
  // A setting the link leaves out takes its default (not what this tab showed before).
  writeSettings({ ...FORM_DEFAULTS, ...restored.settings });
  state.excluded = new Set(restored.settings.exclude ?? []);
  if (restored.data !== undefined) {
    byId<HTMLTextAreaElement>('paste-input').value = restored.data;
    load(pastedInput(restored.data), true);
  } else if (restored.dataset !== undefined) {
    byId<HTMLSelectElement>('dataset-select').value = restored.dataset;
    load({ input: { dataset: restored.dataset }, name: restored.dataset }, true);
  }
}

function start(): void {
  setUpTheme();
  setUpSettingsForm();
  setUpDatasets();
  setUpInputs();
  setUpSettings();
  setUpDownloads(reportContent, status);
  setUpShare(updateUrl, status);
  setUpGosh(goshContext);
  setUpPermutest(permutestContext);
  status('Ready: paste a table, open a file or pick a dataset.');
  restoreFromUrl();
  // A shared link pasted into this tab changes only the fragment: read it as a fresh load would.
  window.addEventListener('hashchange', restoreFromUrl);
}

start();
