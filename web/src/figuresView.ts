// The figures of analyses beyond one pooled estimate, as tables with the CLI's digits: the subgroups'
// estimates (subgroup), the coefficients (meta-regression), the tests of the bias analysis and the
// selection model's δ's. Only what the result document holds is shown; nothing is computed here.
import { byId, el } from './dom.js';
import { bayesSummary } from './bayesView.js';
import { isMultilevelDocument, multilevelFigures } from './multilevelView.js';
import { formatFixed, formatPValue, pText } from './format.js';
import { selectionDeltaTable } from './selectionView.js';

type Json = Readonly<Record<string, unknown>>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : null);

/** A row's estimate and CI, back-transformed when the row carries `transformed` (as the CLI prints it). */
function estimateCells(r: Json): string[] {
  const t = obj(r.transformed) ?? r;
  return [formatFixed(num(t.estimate)), `${formatFixed(num(t.ciLower))} to ${formatFixed(num(t.ciUpper))}`, formatPValue(num(r.pValue))];
}

function table(caption: string, header: readonly string[], rows: readonly (readonly string[])[]): HTMLElement {
  return el(
    'table',
    { class: 'figures' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))),
  );
}

function rowsOf(json: Json, key: string): Json[] {
  const v = json[key];
  return Array.isArray(v) ? v.flatMap((x) => (obj(x) ? [x as Json] : [])) : [];
}

function testLine(name: string, t: Json | null, statistic: string): HTMLElement | null {
  if (!t) return null;
  const value = num(t[statistic]);
  return el('p', {}, `${name}: ${value === null ? '' : `${formatFixed(value)}, `}${pText(num(t.pValue))}`);
}

/**
 * Shows the tables of the result document's subgroups, coefficients, bias tests and Bayesian posterior (nothing for pool).
 * @example renderFigures(outcome.json)
 */
export function renderFigures(json: unknown): void {
  const doc = obj(json) ?? {};
  const level = num(doc.level) ?? 95;
  const head = ['', 'k', 'estimate', `${level}% CI`, 'p'];
  const parts: (HTMLElement | null)[] = [];
  const groups = rowsOf(doc, 'subgroups');
  if (groups.length > 0)
    parts.push(
      table(
        'Subgroups',
        head,
        groups.map((g) => [String(g.level ?? g.group ?? ''), String(num(g.k) ?? ''), ...estimateCells(g)]),
      ),
    );
  parts.push(testLine('Test of subgroup differences (Q between)', obj(doc.between), 'q'));
  const coefficients = rowsOf(doc, 'coefficients');
  if (coefficients.length > 0) {
    const rows = coefficients.map((c) => [
      String(c.label ?? c.name ?? ''),
      formatFixed(num(c.estimate)),
      formatFixed(num(c.standardError)),
      ...estimateCells(c).slice(1),
    ]);
    parts.push(table('Coefficients (model scale)', ['term', 'estimate', 'se', `${level}% CI`, 'p'], rows));
  }
  // An intercept-only multilevel model has no moderators to test (the CLI prints no such line).
  if (num(doc.qm) !== null && !(isMultilevelDocument(doc) && coefficients.length < 2))
    parts.push(el('p', {}, `Test of moderators: QM(df = ${num(doc.qmDf) ?? 'NA'}) = ${formatFixed(num(doc.qm))}, ${pText(num(doc.qmPValue))}`));
  parts.push(
    testLine("Egger's regression test", obj(doc.egger), 'statistic'),
    testLine("Begg's rank correlation (Kendall's tau)", obj(doc.begg), 'kendallTau'),
  );
  parts.push(...bayesSummary(doc), ...multilevelFigures(doc), ...selectionDeltaTable(doc));
  const tf = obj(doc.trimFill);
  if (tf) parts.push(el('p', {}, `Trim and fill: ${num(tf.k0) ?? 'NA'} studies imputed; adjusted estimate ${estimateCells(tf).slice(0, 2).join(', CI ')}`));
  byId('analysis-figures').replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
