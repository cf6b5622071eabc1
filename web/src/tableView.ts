// The parsed table as the user gave it, with each problem marked on its cell (the library's
// message in the cell's title and in a described-by element, its code in `data-error`), and the
// list of every problem, row by row, rows left out included. All data go in as text.
import type { Issue } from '../../src/index.js';
import { byId, el } from './dom.js';
import type { CellProblem, ParsedTable } from './analysis.js';

/** Rows drawn in full; beyond them only rows with a problem are drawn (a k = 10,000 table stays responsive). */
export const SHOWN_ROWS = 500;

/** The code of the warning for a row the analysis left out (with its reason). */
export const ROW_EXCLUDED = 'row_excluded';

function problemsByCell(problems: readonly CellProblem[]): Map<string, CellProblem[]> {
  const map = new Map<string, CellProblem[]>();
  for (const p of problems) {
    const key = `${p.row}\u0000${p.column}`;
    map.set(key, [...(map.get(key) ?? []), p]);
  }
  return map;
}

function cell(text: string, problems: readonly CellProblem[] | undefined, id: string): HTMLTableCellElement {
  if (!problems || problems.length === 0) return el('td', {}, text);
  const message = problems.map((p) => p.message).join('\n');
  return el('td', { 'data-error': problems[0]!.code, title: message, 'aria-describedby': id }, text, el('span', { id, class: 'visually-hidden' }, message));
}

function caption(table: ParsedTable, shown: number): string {
  const kind = table.kind === null ? 'kind of data not recognised' : `read as ${table.kind}`;
  const part = shown < table.rows.length ? `; showing the first ${SHOWN_ROWS} and every row with a problem` : '';
  return `(${table.rows.length} rows, ${table.columns.length} columns; ${kind}${part})`;
}

/**
 * Draws the table: `cellProblems[].row` is the 0-based index into `rows`; rows are numbered from 1 as
 * the library counts data rows. Rows the analysis left out are marked.
 * @example renderTable(outcome.table)
 */
export function renderTable(table: ParsedTable | undefined): void {
  const node = byId<HTMLTableElement>('data-table');
  if (!table) {
    node.replaceChildren();
    byId('table-caption').textContent = '';
    return;
  }
  const byCell = problemsByCell(table.cellProblems);
  const dropped = new Set(table.cellProblems.filter((p) => p.code === ROW_EXCLUDED).map((p) => p.row));
  const flagged = new Set(table.cellProblems.map((p) => p.row));
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'row'), ...table.columns.map((c) => el('th', { scope: 'col' }, c))));
  const shown = table.rows.flatMap((cells, i) => (i < SHOWN_ROWS || flagged.has(i) ? [{ cells, i }] : []));
  const body = el(
    'tbody',
    {},
    ...shown.map(({ cells, i }) =>
      el(
        'tr',
        dropped.has(i) ? { class: 'dropped' } : {},
        el('th', { scope: 'row' }, String(i + 1)),
        ...table.columns.map((c, j) => cell(cells[j] ?? '', byCell.get(`${i}\u0000${c}`), `cell-problem-${i}-${j}`)),
      ),
    ),
  );
  node.replaceChildren(el('caption', { class: 'visually-hidden' }, 'The table as read, with problems marked on their cells'), head, body);
  byId('table-caption').textContent = caption(table, shown.length);
}

/**
 * The list of every problem, row by row (rows left out included, with their reason), then those
 * without a row.
 * @example renderProblems(outcome.problems)
 */
export function renderProblems(problems: readonly Issue[]): void {
  const items = problems
    .map((p, order) => ({ row: p.row ?? Number.POSITIVE_INFINITY, order, text: p.message, cls: p.code === ROW_EXCLUDED ? 'dropped' : 'problem' }))
    .sort((a, b) => a.row - b.row || a.order - b.order);
  byId('data-problems').replaceChildren(...items.map((i) => el('li', { class: i.cls }, i.text)));
  byId('problems-box').hidden = items.length === 0;
}
