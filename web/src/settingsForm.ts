// The analysis settings form: its choices come from the library's vocabularies (analyses, measures
// of the data's kind, methods, tests), and it reads and writes the settings object the analysis takes.
import { MEASURES, MEASURES_BY_KIND, POOL_METHODS, TESTS, type StudyKind } from '../../src/index.js';
import { byId, el } from './dom.js';
import { ANALYSES, type AnalysisSettings } from './analysis.js';

const ANALYSIS_LABELS: Readonly<Record<string, string>> = {
  pool: 'Pooled estimate',
  subgroup: 'Subgroups',
  regress: 'Meta-regression',
  bias: 'Publication bias',
  sensitivity: 'Sensitivity (leave-one-out, influence)',
  multilevel: 'Multilevel model',
  selection: 'Selection model',
  glmm: 'GLMM (rma.glmm)',
  bayes: 'Bayesian (bayesmeta)',
};

/** Which settings each analysis reads (the others are hidden). */
const FIELDS_OF: Readonly<Record<string, readonly string[]>> = {
  pool: ['measure', 'method', 'test', 'level'],
  subgroup: ['measure', 'method', 'test', 'level', 'by'],
  regress: ['measure', 'method', 'test', 'level', 'mods'],
  bias: ['measure', 'method', 'level'],
  sensitivity: ['measure', 'method', 'test', 'level'],
  multilevel: ['measure', 'method', 'test', 'level', 'mods'],
  selection: ['measure', 'method', 'level'],
  glmm: ['measure', 'level'],
  bayes: ['measure', 'level'],
};

function fill(select: HTMLSelectElement, values: readonly string[], labels: Readonly<Record<string, string>> = {}, keep = select.value): void {
  select.replaceChildren(...values.map((v) => el('option', { value: v }, labels[v] ?? v)));
  if (values.includes(keep)) select.value = keep;
}

/**
 * Fills the form's fixed choices once (analyses, methods, tests).
 * @example setUpSettingsForm()
 */
export function setUpSettingsForm(analyses: readonly string[] = ANALYSES): void {
  fill(byId('analysis-select'), analyses, ANALYSIS_LABELS, 'pool');
  fill(byId('method-select'), POOL_METHODS, {}, 'REML');
  fill(byId('test-select'), TESTS, { z: 'z', knha: 'knha (Hartung–Knapp)', t: 't', adhoc: 'adhoc' }, 'z');
  fill(byId('measure-select'), ['', ...MEASURES], { '': DEFAULT_MEASURE_LABEL }, '');
  showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
}

/** The measure option that leaves the choice to the library (the data's default; none for 2x2 and mean/SD data). */
const DEFAULT_MEASURE_LABEL = '(the default for these data)';

/**
 * Offers the measures of the data's kind (and the library's default as the empty choice), showing
 * `measure` ('' for the default), and the table's other columns as subgroups.
 * @example fitFormToData('twoByTwo', ['year', 'ablat'], 'RR')
 */
export function fitFormToData(kind: StudyKind | null, moderators: readonly string[], measure: string): void {
  const measures = kind === null ? MEASURES : MEASURES_BY_KIND[kind];
  fill(byId('measure-select'), ['', ...measures], { '': DEFAULT_MEASURE_LABEL }, measure);
  const by = byId<HTMLSelectElement>('by-select');
  const current = by.value;
  by.replaceChildren(el('option', { value: '' }, '(none)'), ...moderators.map((m) => el('option', { value: m }, m)));
  if (moderators.includes(current)) by.value = current;
}

/** Shows the fields the analysis reads and hides the rest. */
export function showFieldsOf(analysis: string): void {
  const fields = new Set(FIELDS_OF[analysis] ?? FIELDS_OF.pool);
  for (const f of ['measure', 'method', 'test', 'level', 'by', 'mods']) {
    const control = byId(`${f}-${f === 'level' || f === 'mods' ? 'input' : 'select'}`);
    const wrap = control.closest('.field');
    if (wrap instanceof HTMLElement) wrap.hidden = !fields.has(f);
  }
}

/**
 * The settings the form shows (fields the analysis does not read are left out). Values go as typed:
 * runAnalysis checks them (analysisSettingsSchema) and reports a bad one as a problem.
 * @example readSettings() // { analysis: 'pool', measure: 'RR', method: 'REML', test: 'z', level: 95 }
 */
export function readSettings(): AnalysisSettings {
  const analysis = byId<HTMLSelectElement>('analysis-select').value;
  const fields = new Set(FIELDS_OF[analysis] ?? FIELDS_OF.pool);
  const value = (id: string) => (byId(id) as HTMLInputElement | HTMLSelectElement).value.trim();
  const given = (field: string, id: string) => fields.has(field) && value(id) !== '';
  const settings: Record<string, unknown> = {
    analysis,
    ...(given('measure', 'measure-select') ? { measure: value('measure-select') } : {}),
    ...(given('method', 'method-select') ? { method: value('method-select') } : {}),
    ...(given('test', 'test-select') ? { test: value('test-select') } : {}),
    ...(given('level', 'level-input') ? { level: Number(value('level-input')) } : {}),
    ...(given('by', 'by-select') ? { by: value('by-select') } : {}),
    ...(given('mods', 'mods-input') ? { mods: value('mods-input') } : {}),
  };
  return settings as AnalysisSettings;
}

function setValue(id: string, v: unknown): void {
  if (typeof v !== 'string' && typeof v !== 'number') return;
  const control = byId(id) as HTMLInputElement | HTMLSelectElement;
  if (control instanceof HTMLSelectElement && !Array.from(control.options).some((o) => o.value === String(v))) {
    control.append(el('option', { value: String(v) }, String(v)));
  }
  control.value = String(v);
}

/**
 * Puts settings (e.g. from the URL) into the form.
 * @example writeSettings({ analysis: 'pool', method: 'DL' })
 */
export function writeSettings(s: Readonly<Record<string, unknown>>): void {
  setValue('analysis-select', s.analysis);
  setValue('measure-select', s.measure);
  setValue('method-select', s.method);
  setValue('test-select', s.test);
  setValue('level-input', s.level);
  setValue('by-select', s.by);
  setValue('mods-input', s.mods);
  showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
}
