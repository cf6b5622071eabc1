// The results: the summary (estimate, CI, PI, τ², I², Q with the CLI's text digits, on the
// back-transformed scale where the CLI prints one), the studies' inclusion toggles and the list of
// studies left out by the user, the JSON document and the commands that reproduce the numbers.
import { byId, el } from './dom.js';
import { formatFixed, formatPValue, formatPercent, pText } from './format.js';
import { isMultilevelDocument, multilevelSummaryBox } from './multilevelView.js';

type Json = Readonly<Record<string, unknown>>;
type Interval = { readonly lower?: number | null; readonly upper?: number | null };

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : null);

/** The pooled figures of a result document: the top level (pool) or its overall model (subgroup, regression, ...). */
function pooledOf(json: Json): Json | null {
  if (num(json.estimate) !== null) return json;
  for (const key of ['overall', 'model', 'pooled', 'result']) {
    const inner = obj(json[key]);
    if (inner && num(inner.estimate) !== null) return inner;
  }
  return null;
}

function item(term: string, id: string, value: string, extra?: Node): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, el('span', { 'data-testid': id }, value), extra ?? null)];
}

/**
 * Shows the summary of a result document; says so when the analysis has no single pooled estimate.
 * @example renderSummary(outcome.json)
 */
export function renderSummary(json: unknown): void {
  const box = byId('summary');
  const doc = obj(json);
  if (doc && isMultilevelDocument(doc)) {
    box.replaceChildren(...multilevelSummaryBox(doc));
    return;
  }
  const r = doc && pooledOf(doc);
  if (!r) {
    box.replaceChildren(el('p', {}, 'This analysis has no single pooled estimate: see its plots and the JSON below.'));
    return;
  }
  const t = obj(r.transformed);
  const scale = t ?? r;
  const level = num(r.level) ?? 95;
  const ci = obj(r.confint);
  const i2ci = obj(ci?.i2) as Interval | null;
  const measure = typeof r.measure === 'string' ? r.measure : '';
  const label = t ? `${measure} (back-transformed)` : `Estimate${measure ? ` (${measure})` : ''}`;
  const dl = el(
    'dl',
    {},
    ...item(label, 'summary-estimate', formatFixed(num(scale.estimate))),
    ...item(`${level}% CI lower`, 'summary-ci-lower', formatFixed(num(scale.ciLower))),
    ...item(`${level}% CI upper`, 'summary-ci-upper', formatFixed(num(scale.ciUpper))),
    ...item(`${level}% PI lower`, 'summary-pi-lower', formatFixed(num(scale.piLower))),
    ...item(`${level}% PI upper`, 'summary-pi-upper', formatFixed(num(scale.piUpper))),
    ...item('τ²', 'summary-tau2', formatFixed(num(r.tau2))),
    ...item(
      'I²',
      'summary-i2',
      formatPercent(num(r.i2)),
      i2ci ? document.createTextNode(` [${formatPercent(num(i2ci.lower))}, ${formatPercent(num(i2ci.upper))}]`) : undefined,
    ),
    ...item(`Q (df = ${num(r.qDf) ?? 'NA'})`, 'summary-q', formatFixed(num(r.q))),
    ...item('Q p-value', 'summary-qp', formatPValue(num(r.qPValue))),
    ...item('k (studies)', 'summary-k', String(num(r.k) ?? 'NA')),
  );
  const method = typeof r.method === 'string' ? r.method : '';
  const synthetic =
    doc.synthetic === true ? el('p', { class: 'synthetic-note' }, 'SYNTHETIC DATA: simulated studies, not evidence; do not cite the results.') : null;
  box.replaceChildren(...[synthetic, el('p', {}, `${method} model; test of the estimate: ${pText(num(r.pValue))}`), dl].filter((n) => n !== null));
}

/** Up to this many studies the checkboxes are drawn at once; above it, when their list is opened. */
export const EAGER_TOGGLES = 300;

/**
 * One checkbox per study (index = row in the table), ticked when the study is in the analysis.
 * @example renderStudyToggles(['A', 'B'], new Set(['B']), (label, on) => ...)
 */
export function renderStudyToggles(labels: readonly string[], excluded: ReadonlySet<string>, onToggle: (label: string, include: boolean) => void): void {
  const boxes = () =>
    labels.map((label, i) => {
      const id = `study-toggle-${i}`;
      const input = el('input', { type: 'checkbox', id, 'data-testid': id, checked: !excluded.has(label) });
      input.addEventListener('change', () => onToggle(label, input.checked));
      return el('label', { for: id }, input, ` ${label}`);
    });
  // The re-run redraws these controls: the keyboard focus stays on the one the user was on.
  const focused = document.activeElement?.id ?? '';
  const box = byId('study-toggles');
  if (labels.length <= EAGER_TOGGLES) box.replaceChildren(...boxes());
  else {
    // Thousands of checkboxes cost more than the analysis: they are made when the user opens the list.
    const details = el('details', {}, el('summary', {}, `Show the ${labels.length} studies`));
    details.addEventListener(
      'toggle',
      () => details.open && details.childElementCount === 1 && details.append(el('div', { class: 'study-toggles' }, ...boxes())),
      {
        once: true,
      },
    );
    box.replaceChildren(details);
  }
  const list = byId('excluded-list');
  const items = labels.flatMap((label, i) => {
    if (!excluded.has(label)) return [];
    const button = el('button', { type: 'button', id: `include-${i}`, 'data-testid': `include-${i}`, 'aria-label': `Include ${label} again` }, 'Include again');
    button.addEventListener('click', () => onToggle(label, true));
    return [el('li', {}, `${label} `, button)];
  });
  list.replaceChildren(...(items.length > 0 ? items : [el('li', { class: 'note' }, 'none')]));
  refocus(focused);
}

/** Focus back on a study's checkbox or include button after a redraw (its checkbox when the button is gone). */
function refocus(id: string): void {
  const m = /^(study-toggle|include)-(\d+)$/.exec(id);
  if (!m) return;
  const target = document.getElementById(id) ?? document.getElementById(`study-toggle-${m[2]}`);
  target?.focus();
}

/**
 * Shows the JSON document and the time the analysis took.
 * @example renderJson(outcome.json, 12.3)
 */
export function renderJson(json: unknown, ms: number): void {
  byId('results-json').textContent = JSON.stringify(json, null, 2);
  byId('results-time').textContent = ms.toFixed(1);
}

/**
 * Shows the analysis's messages (problems and the result's warnings) as text.
 * @example renderMessages(['estimate not estimable'], true)
 */
export function renderMessages(messages: readonly string[], failed: boolean): void {
  const box = byId('analysis-messages');
  if (messages.length === 0) {
    box.replaceChildren();
    return;
  }
  const heading = failed ? 'The analysis could not run:' : 'Notes from the analysis:';
  box.replaceChildren(el('p', { class: failed ? 'error-text' : '' }, heading), el('ul', {}, ...messages.map((m) => el('li', {}, m))));
}
