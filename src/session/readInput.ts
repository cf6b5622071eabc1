// The web page's inputs (pasted or uploaded text, rows from a workbook read in the page, a bundled
// dataset) as the table the page shows and the studies the analyses read, through the same parsers
// as the CLI's FILE and --dataset (src/cli/input.ts calls the same steps).
import { loadDataset, loadDatasetStudies } from '../datasets/loadDataset.js';
import type { Measure } from '../effects/types.js';
import { parseCsv } from '../schema/parseCsv.js';
import { parseJson } from '../schema/parseJson.js';
import type { RawTable } from '../schema/rawTable.js';
import { bundledDatasetReference, studiesOfTable, type LoadedStudies } from './input.js';

/** Text formats the page reads: delimited text (the delimiter is found in the header, as the CLI does) or JSON. */
export const TEXT_FORMATS = ['csv', 'tsv', 'json'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

/**
 * What runAnalysis reads: text (a paste, a CSV/TSV/JSON upload), rows (e.g. a workbook read in the page),
 * or a bundled dataset (`classic/bcg`, `bcg`, `cik/verified-trials:os`). `name` is the file name used in
 * messages, as the CLI uses FILE (default `input.csv`, `input.json` or `input`).
 */
export type AnalysisInput =
  | { readonly text: string; readonly format: TextFormat; readonly name?: string }
  | { readonly rows: readonly Readonly<Record<string, unknown>>[]; readonly name?: string }
  | { readonly dataset: string };

/**
 * The rows of text or row input as read, before validation (throws MetasynthError for a table that
 * cannot be read at all: empty, no data rows, duplicate headers).
 * @example rawTableOf({ text: 'study,yi,vi\nA,0.1,0.01\n', format: 'csv' }).rows.length // 1
 */
export function rawTableOf(input: Exclude<AnalysisInput, { dataset: string }>): RawTable {
  if ('text' in input) {
    const file = input.name ?? (input.format === 'json' ? 'input.json' : `input.${input.format}`);
    return input.format === 'json' ? parseJson(input.text, { file }) : parseCsv(input.text, { file });
  }
  // Rows as objects: JSON's reader takes them as they are (null-prototype rows, header order kept).
  return parseJson(JSON.stringify(input.rows), { file: input.name ?? 'input' });
}

/**
 * The rows of a bundled dataset (its selected rows), as the page shows them.
 * @example datasetRawTable('bcg').rows.length // 13
 */
export function datasetRawTable(reference: string): RawTable {
  const ds = loadDataset(bundledDatasetReference(reference));
  const raw = parseCsv(ds.csv, { file: ds.file });
  const keep = new Set(ds.rowNumbers);
  const numbers = raw.rowNumbers ?? raw.rows.map((_, i) => i + 1);
  const picked = raw.rows.flatMap((row, i) => (keep.has(numbers[i]!) ? [{ row, n: numbers[i]! }] : []));
  return { file: ds.file, columns: raw.columns, rows: picked.map((p) => p.row), rowNumbers: picked.map((p) => p.n) };
}

/**
 * The studies of an input, read as the CLI reads FILE (text, rows) or `--dataset NAME` (datasets).
 * @example loadedStudiesOf({ dataset: 'bcg' }, undefined).studies.kind // 'twoByTwo'
 */
export function loadedStudiesOf(input: AnalysisInput, measure: Measure | undefined, raw?: RawTable): LoadedStudies {
  if ('dataset' in input) {
    const loaded = loadDatasetStudies(bundledDatasetReference(input.dataset));
    return {
      studies: loaded.studies,
      name: loaded.name,
      synthetic: loaded.synthetic,
      ...(loaded.defaultMeasure !== undefined ? { defaultMeasure: loaded.defaultMeasure } : {}),
      repeatedUnits: loaded.repeatedUnits,
      warnings: loaded.warnings,
    };
  }
  const table = raw ?? rawTableOf(input);
  return studiesOfTable(table, measure, table.file ?? 'input');
}
