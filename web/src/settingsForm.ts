// The analysis settings form: its choices come from the library's vocabularies (analyses, measures
// of the data's kind, methods, tests), and it reads and writes the settings object the analysis takes.
import {
  GLMM_METHODS,
  GLMM_MODELS,
  MEASURES,
  MEASURES_BY_KIND,
  POOL_METHODS,
  REGRESSION_PREDICTORS,
  ROBUST_TYPES,
  SELECTION_ALTERNATIVES,
  SELECTION_TYPES,
  STRUCTS,
  TESTS,
  TRIM_FILL_ESTIMATORS,
  deltaText,
  deltaValues,
  type StudyKind,
} from '../../src/index.js';
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

/** A setting's control: its id, and how its text becomes the setting's value. */
interface FieldSpec {
  readonly key: string;
  readonly id: string;
  readonly read?: 'number' | 'numbers' | 'list' | 'boolean' | 'deltas';
  /** The CLI's default: not sent when chosen (so the command and the address stay short), shown when a link gives none. */
  readonly default?: string;
}

/** Every setting the form has, in the order of the form. */
const FIELDS: readonly FieldSpec[] = [
  { key: 'measure', id: 'measure-select' },
  { key: 'method', id: 'method-select' },
  { key: 'test', id: 'test-select' },
  { key: 'level', id: 'level-input', read: 'number' },
  { key: 'by', id: 'by-select' },
  { key: 'mods', id: 'mods-input' },
  { key: 'cluster', id: 'cluster-select' },
  { key: 'random', id: 'random-input' },
  { key: 'struct', id: 'struct-select' },
  { key: 'vcov', id: 'vcov-input', read: 'list' },
  { key: 'rho', id: 'rho-input', read: 'number' },
  { key: 'robust', id: 'robust-select' },
  { key: 'selectionType', id: 'selection-type-select' },
  { key: 'steps', id: 'steps-input', read: 'numbers' },
  { key: 'glmmModel', id: 'glmm-model-select' },
  { key: 'tauPrior', id: 'tau-prior-input' },
  { key: 'commonTau2', id: 'common-tau2-input', read: 'boolean' },
  { key: 'biasPredictor', id: 'bias-predictor-select', default: 'sei' },
  { key: 'trimFillEstimator', id: 'trim-fill-select', default: 'L0' },
  { key: 'order', id: 'order-select' },
  { key: 'selectionAlternative', id: 'selection-alternative-select', default: 'greater' },
  { key: 'selectionDelta', id: 'selection-delta-input', read: 'deltas' },
  { key: 'glmmMethod', id: 'glmm-method-select', default: 'ML' },
  { key: 'nagq', id: 'nagq-input', read: 'number', default: '7' },
  { key: 'muPrior', id: 'mu-prior-input' },
];

/** Which settings each analysis reads (the others are hidden and not sent). */
const FIELDS_OF: Readonly<Record<string, readonly string[]>> = {
  pool: ['measure', 'method', 'test', 'level'],
  subgroup: ['measure', 'method', 'test', 'level', 'by', 'commonTau2'],
  regress: ['measure', 'method', 'test', 'level', 'mods'],
  bias: ['measure', 'method', 'level', 'biasPredictor', 'trimFillEstimator'],
  sensitivity: ['measure', 'method', 'test', 'level', 'order'],
  multilevel: ['measure', 'method', 'test', 'level', 'mods', 'random', 'struct', 'cluster', 'vcov', 'rho', 'robust'],
  selection: ['measure', 'method', 'level', 'selectionType', 'steps', 'selectionAlternative', 'selectionDelta'],
  glmm: ['measure', 'level', 'glmmModel', 'glmmMethod', 'nagq', 'mods'],
  bayes: ['measure', 'level', 'tauPrior', 'muPrior'],
};

const fieldsOf = (analysis: string): ReadonlySet<string> => new Set(FIELDS_OF[analysis] ?? FIELDS_OF.pool);

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
  fill(byId('selection-type-select'), SELECTION_TYPES, {}, 'beta');
  fill(byId('glmm-model-select'), GLMM_MODELS, {}, 'UM.FS');
  fill(
    byId('bias-predictor-select'),
    REGRESSION_PREDICTORS,
    { sei: "sei (Egger's test)", vi: 'vi', ni: 'ni', ninv: 'ninv (1/n)', sqrtni: 'sqrtni', sqrtninv: 'sqrtninv (1/√n)' },
    'sei',
  );
  fill(byId('trim-fill-select'), TRIM_FILL_ESTIMATORS, {}, 'L0');
  fill(byId('selection-alternative-select'), SELECTION_ALTERNATIVES, {}, 'greater');
  fill(byId('glmm-method-select'), GLMM_METHODS, { ML: 'ML (random effects)', EE: 'EE (τ² = 0)' }, 'ML');
  fill(byId('struct-select'), ['', ...STRUCTS], { '': '(none)' }, '');
  fill(byId('robust-select'), ['', ...ROBUST_TYPES], { '': '(none)', CR1: 'CR1 (metafor robust)', CR2: 'CR2 (clubSandwich)' }, '');
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
  for (const id of ['by-select', 'cluster-select', 'order-select']) {
    const select = byId<HTMLSelectElement>(id);
    const current = select.value;
    const none = id === 'order-select' ? '(input order)' : '(none)';
    select.replaceChildren(el('option', { value: '' }, none), ...moderators.map((m) => el('option', { value: m }, m)));
    if (moderators.includes(current)) select.value = current;
  }
}

/** Shows the fields the analysis reads and hides the rest. */
export function showFieldsOf(analysis: string): void {
  const fields = fieldsOf(analysis);
  for (const f of FIELDS) {
    const wrap = byId(f.id).closest('.field');
    if (wrap instanceof HTMLElement) wrap.hidden = !fields.has(f.key);
  }
}

function fieldValue(f: FieldSpec, text: string): unknown {
  if (f.read === 'number') return Number(text);
  if (f.read === 'list')
    return text
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
  // `1, NA, 0.5`: NA or an empty entry is estimated; a bad entry reaches the schema as NaN (a problem).
  if (f.read === 'deltas') return deltaValues(text);
  if (f.read === 'numbers')
    return text
      .split(/[\s,;]+/)
      .filter((t) => t !== '')
      .map(Number);
  return text;
}

/**
 * The settings the form shows (fields the analysis does not read are left out). Values go as typed:
 * runAnalysis checks them (analysisSettingsSchema) and reports a bad one as a problem.
 * @example readSettings() // { analysis: 'pool', method: 'REML', test: 'z', level: 95 }
 */
export function readSettings(): AnalysisSettings {
  const analysis = byId<HTMLSelectElement>('analysis-select').value;
  const fields = fieldsOf(analysis);
  const settings: Record<string, unknown> = { analysis };
  for (const f of FIELDS) {
    if (!fields.has(f.key)) continue;
    const control = byId(f.id) as HTMLInputElement | HTMLSelectElement;
    if (f.read === 'boolean') {
      if ((control as HTMLInputElement).checked) settings[f.key] = true;
      continue;
    }
    const text = control.value.trim();
    if (text !== '' && text !== f.default) settings[f.key] = fieldValue(f, text);
  }
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
  for (const f of FIELDS) {
    const value = s[f.key] ?? f.default;
    if (f.read === 'boolean') byId<HTMLInputElement>(f.id).checked = value === true;
    else if (f.read === 'deltas' && Array.isArray(value)) setValue(f.id, deltaText(value as (number | null)[]));
    else setValue(f.id, Array.isArray(value) ? (value as unknown[]).join(', ') : value);
  }
  showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
}
