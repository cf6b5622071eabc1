// Column mapping for tables whose headers the library does not recognise: the user picks the kind
// of data and, for each column that kind needs, which of their columns holds it. The mapped table
// is the same rows with those headers renamed; other columns stay (as moderators).
import { DETECTABLE_KINDS, KIND_COLUMNS, canonicalColumn, type StudyKind } from '../../src/index.js';
import { byId, el } from './dom.js';
import type { ParsedTable } from './analysis.js';

/** A mapping: data field (e.g. `ai`) → the user's column. */
export type ColumnMapping = Readonly<Record<string, string>>;

/**
 * The fields a kind needs: the study label, its required columns, and one of its alternatives.
 * @example neededFields('generic') // ['study', 'yi', 'vi']
 */
export function neededFields(kind: StudyKind): string[] {
  const k = KIND_COLUMNS[kind];
  return ['study', ...k.required, ...(k.oneOf ? [k.oneOf[0]!] : [])];
}

/**
 * The kind whose needed columns the headers match best (by the library's accepted spellings).
 * @example guessKind(['Trial', 'Events T', 'ai', 'bi']) // 'twoByTwo'
 */
export function guessKind(columns: readonly string[]): StudyKind {
  const known = new Set(columns.map((c) => canonicalColumn(c)).filter((c) => c !== undefined));
  let best: StudyKind = 'generic';
  let hits = 0;
  for (const kind of DETECTABLE_KINDS) {
    const n = neededFields(kind).filter((f) => f !== 'study' && known.has(f)).length;
    if (n > hits) [best, hits] = [kind, n];
  }
  return best;
}

/**
 * The rows with each mapped column renamed to its field (cells as text, as read).
 * @example mappedRows({ columns: ['T', 'E', 'V'], rows: [['A', '0.1', '0.01']], kind: null, cellProblems: [] }, { study: 'T', yi: 'E', vi: 'V' }) // [{ study: 'A', yi: '0.1', vi: '0.01' }]
 */
export function mappedRows(table: ParsedTable, mapping: ColumnMapping): Record<string, string>[] {
  const rename = new Map(Object.entries(mapping).map(([field, column]) => [column, field]));
  return table.rows.map((cells) => Object.fromEntries(table.columns.map((c, j) => [rename.get(c) ?? c, cells[j] ?? ''])));
}

function fieldSelect(field: string, columns: readonly string[], chosen: string | undefined): HTMLElement {
  const id = `map-${field}`;
  const select = el('select', { id, 'data-testid': id, 'data-field': field }, el('option', { value: '' }, '(not in my table)'));
  for (const c of columns) select.append(el('option', { value: c, selected: c === chosen }, c));
  return el('div', { class: 'field' }, el('label', { for: id }, `${field}`), select);
}

/**
 * Shows the mapping form for a table whose kind was not recognised (hides it otherwise). `onApply`
 * receives the mapping when the user applies it.
 * @example renderColumnMap(outcome.table, (m) => rerun(m))
 */
export function renderColumnMap(table: ParsedTable | undefined, onApply: (mapping: ColumnMapping) => void, kind?: StudyKind): void {
  const box = byId('column-map');
  if (!table || table.kind !== null || table.columns.length === 0) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const chosenKind = kind ?? guessKind(table.columns);
  const kindSelect = el('select', { id: 'map-kind', 'data-testid': 'map-kind' });
  for (const k of DETECTABLE_KINDS) kindSelect.append(el('option', { value: k, selected: k === chosenKind }, KIND_COLUMNS[k].label));
  kindSelect.addEventListener('change', () => renderColumnMap(table, onApply, kindSelect.value as StudyKind));
  const guess = (field: string) => table.columns.find((c) => canonicalColumn(c) === field);
  const selects = neededFields(chosenKind).map((f) => fieldSelect(f, table.columns, guess(f)));
  const apply = el('button', { type: 'button', id: 'map-apply', 'data-testid': 'map-apply' }, 'Use this mapping');
  apply.addEventListener('click', () => {
    const mapping: Record<string, string> = {};
    for (const s of Array.from(box.querySelectorAll<HTMLSelectElement>('select[data-field]'))) if (s.value !== '') mapping[s.dataset.field!] = s.value;
    onApply(mapping);
  });
  box.replaceChildren(
    el('p', {}, 'The columns were not recognised. Say what your data are and which column holds each figure:'),
    el('div', { class: 'field wide' }, el('label', { for: 'map-kind' }, 'Kind of data'), kindSelect),
    ...selects,
    el('div', { class: 'field' }, apply),
  );
  box.hidden = false;
}
