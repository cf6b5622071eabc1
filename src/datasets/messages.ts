// The user-facing messages of datasets, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of datasets, keyed by their stable code. */
export const DATASETS_MESSAGES = defineMessages({
  bundled_dataset_dataset_json: (name: string) => `bundled dataset ${name}: dataset.json does not match the metadata schema`,
  invalid_metadata: (name: string, i: string, message: string) => `datasets/${name}/dataset.json: ${i}: ${message}`,
  unknown_dataset: (rawName: unknown) => `unknown dataset ${JSON.stringify(rawName)}`,
  unknown_dataset_dataset: (rawName: unknown, DATASET_NAMES: readonly string[]) =>
    `dataset ${JSON.stringify(rawName)} is not bundled; available: ${DATASET_NAMES.join(', ')}`,
  dataset_subset_given_twice: (reference: string, refSubset: string, subset: string) =>
    `dataset ${reference}: the subset is given twice (${refSubset}, ${subset})`,
  undocumented_column: (file: string, column: string) => `${file}: column ${column} is not in dataset.json`,
  bundled_dataset_does_not: (name: string) => `bundled dataset ${name} does not match its column dictionary`,
  dataset_has_no_subset: (name: string, subsetId: unknown) => `dataset ${name} has no subset ${JSON.stringify(subsetId)}`,
  unknown_subset: (name: string, subsetId: unknown, length: number, ids: readonly string[]) =>
    `dataset ${name}: no subset ${JSON.stringify(subsetId)}; available: ${length > 0 ? ids.join(', ') : '(none)'}`,
  dataset_not_table_study: (name: string, title: string) => `dataset ${name} is not a table of study effects (${title}); read it with loadDataset`,
  bad_cell: (file: string, row: number, name: string, text: unknown, expected: string) =>
    `${file} row ${row}: ${name} (${JSON.stringify(text)}) must be ${expected}`,
  citation_needs_doi_url: () => 'a citation needs a doi, a url, or the repository path of a copy',
  synthetic_dataset_start_title: () => 'a synthetic dataset must start its title with SYNTHETIC and say SYNTHETIC in its description',
  column_names_unique: () => 'column names must be unique',
  exactly_one_column_have: () => 'exactly one column must have role label',
  no_column_named: (column: string) => `no column named ${column}`,
});
