// The parsed table as the user gave it, with each problem marked on its cell (the library's
// message in the cell's title and in a described-by element, its code in `data-error`), and the
// list of every problem and every row left out, row by row. All data go in as text.
import type { Issue } from '../../src/index.js';
import { byId, el } from './dom.js';
import type { CellProblem, ParsedTable } from './analysis.js';

/** A row of the analysis left out by the library, with its reason (JSON `warnings`, code `row_excluded`). */
export interface DroppedRow {
  readonly row?: number;
  readonly study?: string;
  readonly message: string;
}

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

/**
 * Draws the table (row numbers as the library counts them: the first data row is row 1).
 * @example renderTable(outcome.table, droppedRows)
 */
export function renderTable(table: ParsedTable | undefined, dropped: readonly DroppedRow[]): void {
  const node = byId<HTMLTableElement>('data-table');
  if (!table) {
    node.replaceChildren();
    byId('table-caption').textContent = '';
    return;
  }
  const byCell = problemsByCell(table.cellProblems);
  const droppedRows = new Set(dropped.flatMap((d) => (d.row === undefined ? [] : [d.row])));
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'row'), ...table.columns.map((c) => el('th', { scope: 'col' }, c))));
  const body = el('tbody');
  table.rows.forEach((cells, i) => {
    const row = i + 1;
    const tr = el('tr', droppedRows.has(row) ? { class: 'dropped' } : {}, el('th', { scope: 'row' }, String(row)));
    tr.append(...table.columns.map((c, j) => cell(cells[j] ?? '', byCell.get(`${row}\u0000${c}`), `cell-problem-${row}-${j}`)));
    body.append(tr);
  });
  node.replaceChildren(el('caption', { class: 'visually-hidden' }, 'The table as read, with problems marked on their cells'), head, body);
  const kind = table.kind === null ? 'kind of data not recognised' : `read as ${table.kind}`;
  byId('table-caption').textContent = `(${table.rows.length} rows, ${table.columns.length} columns; ${kind})`;
}

/**
 * The list of every problem (row by row, then those without a row) and every row left out.
 * @example renderProblems(outcome.problems, droppedRows)
 */
export function renderProblems(problems: readonly Issue[], dropped: readonly DroppedRow[]): void {
  const items = [
    ...problems.map((p) => ({ row: p.row ?? Number.POSITIVE_INFINITY, text: p.message, cls: 'problem' })),
    ...dropped.map((d) => ({ row: d.row ?? Number.POSITIVE_INFINITY, text: d.message, cls: 'dropped' })),
  ].sort((a, b) => a.row - b.row);
  byId('data-problems').replaceChildren(...items.map((i) => el('li', { class: i.cls }, i.text)));
  byId('problems-box').hidden = items.length === 0;
}
