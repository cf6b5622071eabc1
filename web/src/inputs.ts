// From what the user gives (a paste, a file, a bundled dataset) to the analysis input. Text is
// handed to the library's parsers as it is; workbooks are read by the library's parseXlsx.
import { MetasynthError, parseXlsx, type Issue } from '../../src/index.js';
import type { AnalysisInput } from './analysis.js';

/** The name of a pasted table in messages. */
export const PASTED_NAME = 'pasted table';

/** The analysis input with the name the page shows for it. */
export interface LoadedInput {
  readonly input: AnalysisInput;
  readonly name: string;
}

/**
 * The format of pasted text: JSON when it starts with `{` or `[`, tab-separated when its first line
 * has a tab (a spreadsheet's clipboard), else CSV (the library finds `,` or `;`).
 * @example pastedFormat('study\tyi\tvi\nA\t0.1\t0.01') // 'tsv'
 */
export function pastedFormat(text: string): 'csv' | 'tsv' | 'json' {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) return 'json';
  const first = t.split(/\r?\n/, 1)[0] ?? '';
  return first.includes('\t') ? 'tsv' : 'csv';
}

/**
 * The input of a paste.
 * @example pastedInput('study,yi,vi\nA,0.1,0.01').input // { text: 'study,yi,vi\nA,0.1,0.01', format: 'csv', name: 'data.csv' }
 */
export function pastedInput(text: string): LoadedInput {
  // Messages and the JSON name the paste as the file the reproduce command reads (data.tsv, data.csv, data.json).
  const format = pastedFormat(text);
  return { input: { text, format, name: `data.${format}` }, name: PASTED_NAME };
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/**
 * The input of an uploaded file, by its extension: .xlsx through the library's workbook reader,
 * .json as JSON, .tsv as tab-separated, .csv and .txt as delimited text (separator found in the
 * header). Rejects with the library's issues for a workbook it cannot read.
 * @example const loaded = await fileInput(file) // { input: { text, format: 'csv', name: 'bcg.csv' }, name: 'bcg.csv' }
 */
export async function fileInput(file: File): Promise<LoadedInput> {
  const name = file.name;
  const ext = extension(name);
  if (ext === 'xlsx') {
    const raw = await parseXlsx(new Uint8Array(await file.arrayBuffer()), { file: name });
    const rows = raw.rows.map((r) => Object.fromEntries(raw.columns.map((c) => [c, r[c]])));
    return { input: { rows, name }, name: raw.sheet ? `${name} (sheet ${raw.sheet})` : name };
  }
  const text = await file.text();
  const format = ext === 'json' ? 'json' : ext === 'tsv' ? 'tsv' : ext === 'csv' ? 'csv' : pastedFormat(text);
  return { input: { text, format, name }, name };
}

/**
 * The issues of an error from reading input (the library's MetasynthError), or the error's text.
 * @example readProblems(new Error('x')) // [{ code: 'invalid_file', message: 'x' }]
 */
export function readProblems(err: unknown): Issue[] {
  if (err instanceof MetasynthError) return err.issues.length > 0 ? [...err.issues] : [{ code: err.messageCode ?? err.code, message: err.message }];
  return [{ code: 'invalid_file', message: err instanceof Error ? err.message : String(err) }];
}
