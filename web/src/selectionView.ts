// The selection parameters of a selection model (selection) as `metasynth selection` prints them: one
// row per δ (named by its p-value interval and count for stepfun, delta.j otherwise), with estimate,
// SE and CI; a δ fixed by the model or by the user's `delta` shows its value and `---` for the rest.
import { el } from './dom.js';
import { formatFixed } from './format.js';

type Json = Readonly<Record<string, unknown>>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : null);
const FIXED = '---';

/** The rows' names and counts: `lower < p <= upper` with k for stepfun, `delta.j` without counts. */
function rowNames(doc: Json, n: number): { name: string; k: string | null }[] {
  const counts = Array.isArray(doc.intervalCounts) ? doc.intervalCounts.map(obj) : null;
  return Array.from({ length: n }, (_, j) => {
    const c = counts?.[j];
    return c ? { name: `${num(c.lower)} < p <= ${num(c.upper)}`, k: String(num(c.k) ?? '') } : { name: `delta.${j + 1}`, k: null };
  });
}

/**
 * The table of δ's of a selection model's result document (none for other documents).
 * @example selectionDeltaTable({ type: 'beta', delta: [{ estimate: 1, fixed: true }] }) // [<table>]
 */
export function selectionDeltaTable(doc: Json): HTMLElement[] {
  if (typeof doc.type !== 'string' || !Array.isArray(doc.delta) || !('intervalCounts' in doc)) return [];
  const delta = doc.delta.map((d) => obj(d) ?? {});
  const names = rowNames(doc, delta.length);
  const withK = names.some((r) => r.k !== null);
  const header = ['', ...(withK ? ['k'] : []), 'estimate', 'se', 'ci.lb', 'ci.ub'];
  const rows = delta.map((d, j) => {
    const free = (x: unknown) => (d.fixed === true ? FIXED : formatFixed(num(x)));
    const cells = [...(withK ? [names[j]!.k ?? ''] : []), formatFixed(num(d.estimate)), free(d.standardError), free(d.ciLower), free(d.ciUpper)];
    return el('tr', { 'data-testid': `selection-delta-row-${j}` }, el('th', { scope: 'row' }, names[j]!.name), ...cells.map((c) => el('td', {}, c)));
  });
  return [
    el(
      'table',
      { class: 'figures', 'data-testid': 'selection-delta-table' },
      el('caption', {}, 'Selection model results (δ; --- : fixed)'),
      el('thead', {}, el('tr', {}, ...header.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows),
    ),
  ];
}
