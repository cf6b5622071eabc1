// The analysis settings form: its choices come from the library's vocabularies (analyses, measures
// of the data's kind, methods, tests), and it reads and writes the settings object the analysis takes.
import { MEASURES, MEASURES_BY_KIND, POOL_METHODS, TESTS, type StudyKind } from '../../src/index.js';
import { byId, el } from './dom.js';
import type { AnalysisSettings } from './analysis.js';

/** The analyses of the contract (src/session's ANALYSES), in the order the CLI lists them. */
export const PAGE_ANALYSES = ['pool', 'subgroup', 'regress', 'bias', 'sensitivity', 'multilevel', 'selection', 'glmm', 'bayes'] as const;

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
export function setUpSettingsForm(analyses: readonly string[] = PAGE_ANALYSES): void {
  fill(byId('analysis-select'), analyses, ANALYSIS_LABELS, 'pool');
  fill(byId('method-select'), POOL_METHODS, {}, 'REML');
  fill(byId('test-select'), TESTS, { z: 'z', knha: 'knha (Hartung–Knapp)', t: 't', adhoc: 'adhoc' }, 'z');
  fill(byId('measure-select'), MEASURES, {}, 'RR');
  showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
}

/**
 * Offers the measures of the data's kind and the table's other columns as subgroups.
 * @example fitFormToData('twoByTwo', ['year', 'ablat'], 'RR')
 */
export function fitFormToData(kind: StudyKind | null, moderators: readonly string[], preferredMeasure?: string): void {
  const measures = kind === null ? MEASURES : MEASURES_BY_KIND[kind];
  const select = byId<HTMLSelectElement>('measure-select');
  const keep = measures.includes(select.value as never) ? select.value : (preferredMeasure ?? measures[0] ?? '');
  fill(select, measures, {}, keep);
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
 * The settings the form shows (fields the analysis does not read are left out).
 * @example readSettings() // { analysis: 'pool', measure: 'RR', method: 'REML', test: 'z', level: 95 }
 */
export function readSettings(): AnalysisSettings {
  const analysis = byId<HTMLSelectElement>('analysis-select').value;
  const fields = new Set(FIELDS_OF[analysis] ?? FIELDS_OF.pool);
  const value = (id: string) => (byId(id) as HTMLInputElement | HTMLSelectElement).value.trim();
  const level = Number(value('level-input'));
  return {
    analysis,
    ...(fields.has('measure') && value('measure-select') !== '' ? { measure: value('measure-select') } : {}),
    ...(fields.has('method') ? { method: value('method-select') } : {}),
    ...(fields.has('test') ? { test: value('test-select') } : {}),
    ...(fields.has('level') && Number.isFinite(level) && value('level-input') !== '' ? { level } : {}),
    ...(fields.has('by') && value('by-select') !== '' ? { by: value('by-select') } : {}),
    ...(fields.has('mods') && value('mods-input') !== '' ? { mods: value('mods-input') } : {}),
  };
}

function setValue(id: string, v: string | number | undefined): void {
  if (v === undefined) return;
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
export function writeSettings(s: Partial<AnalysisSettings>): void {
  setValue('analysis-select', s.analysis);
  setValue('measure-select', s.measure);
  setValue('method-select', s.method);
  setValue('test-select', s.test);
  setValue('level-input', s.level);
  setValue('by-select', s.by);
  setValue('mods-input', s.mods);
  showFieldsOf(byId<HTMLSelectElement>('analysis-select').value);
}
