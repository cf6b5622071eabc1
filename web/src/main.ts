// The metasynth web page: the user's table in, the library's analysis out. This module wires the
// page: inputs, the settings form (re-running on change), and the results. No statistic is
// computed in web/src: every number comes from the library (see analysis.ts).
import { canonicalColumn, datasetMetadata, listDatasets } from '../../src/index.js';
import { runAnalysis, type AnalysisInput, type AnalysisOutcome, type ParsedTable } from './analysis.js';
import { mappedRows, renderColumnMap, type ColumnMapping } from './columnMap.js';
import { byId, el } from './dom.js';
import { fileInput, pastedInput, readProblems, type LoadedInput } from './inputs.js';
import { renderPlots } from './plotsView.js';
import { renderJson, renderMessages, renderStudyToggles, renderSummary } from './resultsView.js';
import { fitFormToData, readSettings, setUpSettingsForm, showFieldsOf } from './settingsForm.js';
import { renderProblems, renderTable, type DroppedRow } from './tableView.js';
import { setUpTheme } from './theme.js';

/** What the page holds between runs: the input, a column mapping, the studies the user left out. */
interface PageState {
  loaded: LoadedInput | null;
  mapping: ColumnMapping | null;
  mappedFrom: ParsedTable | null;
  excluded: Set<string>;
  lastOutcome: AnalysisOutcome | null;
  runs: number;
}

const state: PageState = { loaded: null, mapping: null, mappedFrom: null, excluded: new Set(), lastOutcome: null, runs: 0 };

function status(text: string): void {
  byId('status').textContent = text;
}

function currentInput(): AnalysisInput | null {
  if (!state.loaded) return null;
  if (state.mapping && state.mappedFrom) return { rows: mappedRows(state.mappedFrom, state.mapping), file: state.loaded.name };
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
  if (!table) return [];
  return table.columns.filter((c) => canonicalColumn(c) === undefined);
}

function droppedRows(json: unknown): DroppedRow[] {
  const warnings = (json as { warnings?: readonly { code: string; message: string; row?: number; study?: string }[] } | null)?.warnings ?? [];
  return warnings.filter((w) => w.code === 'row_excluded').map((w) => ({ message: w.message, ...(w.row !== undefined ? { row: w.row } : {}) }));
}

function isSynthetic(outcome: AnalysisOutcome): boolean {
  if (outcome.ok && (outcome.json as { synthetic?: unknown } | null)?.synthetic === true) return true;
  const input = state.loaded?.input;
  if (input && 'dataset' in input) {
    try {
      return datasetMetadata(input.dataset.split(':')[0] as never).synthetic;
    } catch {
      return false;
    }
  }
  return false;
}

function toggleStudy(label: string, include: boolean): void {
  if (include) state.excluded.delete(label);
  else state.excluded.add(label);
  void run();
}

async function showOutcome(outcome: AnalysisOutcome, ms: number): Promise<void> {
  const table = outcome.table;
  const dropped = outcome.ok ? droppedRows(outcome.json) : [];
  byId('synthetic-banner').hidden = !isSynthetic(outcome);
  renderTable(table, dropped);
  renderProblems(outcome.problems, dropped);
  if (!state.mapping) renderColumnMap(table, applyMapping);
  fitFormToData(table?.kind ?? null, moderatorColumns(table));
  const labels = studyLabels(table);
  renderStudyToggles(labels, state.excluded, toggleStudy);
  if (!outcome.ok) {
    renderMessages(
      outcome.problems.filter((p) => p.row === undefined).map((p) => p.message),
      true,
    );
    byId('summary').replaceChildren(el('p', { class: 'error-text' }, 'No result: see the problems above.'));
    byId('plots').replaceChildren();
    renderJson({ ok: false, problems: outcome.problems }, ms);
    return;
  }
  const warnings = (outcome.json as { warnings?: readonly { code: string; message: string }[] }).warnings ?? [];
  renderMessages(
    warnings.filter((w) => w.code !== 'row_excluded' && w.code !== 'not_applicable').map((w) => w.message),
    false,
  );
  renderSummary(outcome.json);
  renderJson(outcome.json, ms);
  await renderPlots(outcome.plots, new Set(labels), (label) => toggleStudy(label, state.excluded.has(label)));
}

/** Runs the analysis on the current input and settings, and shows the outcome. */
async function run(): Promise<void> {
  const input = currentInput();
  if (!input) return;
  const settings = { ...readSettings(), exclude: [...state.excluded] };
  const runId = ++state.runs;
  status('Analysing…');
  const t0 = performance.now();
  const outcome = runAnalysis(input, settings);
  const ms = performance.now() - t0;
  state.lastOutcome = outcome;
  try {
    await showOutcome(outcome, ms);
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

function load(loaded: LoadedInput): void {
  state.loaded = loaded;
  state.mapping = null;
  state.mappedFrom = null;
  state.excluded.clear();
  void run();
}

function showReadError(err: unknown): void {
  const problems = readProblems(err);
  renderProblems(problems, []);
  renderTable(undefined, []);
  status('The file could not be read: see the problems.');
}

function setUpDatasets(): void {
  const select = byId<HTMLSelectElement>('dataset-select');
  for (const d of listDatasets()) {
    const label = `${d.name}: ${d.title}${d.synthetic ? ' (SYNTHETIC)' : ''}`;
    select.append(el('option', { value: d.name }, label));
    for (const s of d.subsets) select.append(el('option', { value: `${d.name}:${s}` }, `  ${d.name}:${s}${d.synthetic ? ' (SYNTHETIC)' : ''}`));
  }
  select.addEventListener('change', () => {
    if (select.value === '') return;
    load({ input: { dataset: select.value }, name: select.value });
  });
}

function setUpInputs(): void {
  byId('paste-apply').addEventListener('click', () => {
    const text = byId<HTMLTextAreaElement>('paste-input').value;
    if (text.trim() === '') {
      status('Paste a table first (a header row and one row per study).');
      return;
    }
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
    if ((e.target as HTMLElement).id === 'analysis-select') showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
    void run();
  });
}

function start(): void {
  setUpTheme();
  setUpSettingsForm();
  setUpDatasets();
  setUpInputs();
  setUpSettings();
  status('Ready: paste a table, open a file or pick a dataset.');
}

start();
