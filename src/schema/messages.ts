// The user-facing messages of schema, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of schema, keyed by their stable code. */
export const SCHEMA_MESSAGES = defineMessages({
  quoted_field_not_closed: (file: string) => `${file}: a quoted field is not closed (odd number of " characters)`,
  empty_column_name: (i: number) => `column ${i} of the header has no name`,
  duplicate_column: (h: unknown) => `column ${JSON.stringify(h)} appears more than once in the header`,
  forbidden_column: (h: unknown) => `column name ${JSON.stringify(h)} is not allowed`,
  not_comma_separated: (header: unknown) =>
    `the header has one column ${JSON.stringify(header)}: is the file separated by semicolons or tabs? give --delimiter ";" or --delimiter tab`,
  header_not_usable: (file: string) => `${file}: the header is not usable`,
  ragged_row: (length: number, length2: string) => `has ${length} cell${length === 1 ? '' : 's'} but the header has ${length2}`,
  row_cannot_read: (file: string, length: number) => `${file}: ${length} row${length === 1 ? '' : 's'} cannot be read`,
  json_nested_levels_deep: (file: string, depth: number, MAX_JSON_DEPTH: number) =>
    `${file}: JSON nested ${depth} levels deep; a study file needs at most ${MAX_JSON_DEPTH} (an array of flat records, or { "studies": [...], "meta": {...} })`,
  not_valid_json: (file: string, err: string) => `${file} is not valid JSON (${err})`,
  meta_object: (file: string) => `${file}: "meta" must be an object`,
  json_array_study_records: (file: string, doc: string) => `${file}: JSON must be an array of study records or an object with a "studies" array (got ${doc})`,
  not_an_object: (rec: string) => `must be an object of field: value pairs (got ${rec})`,
  forbidden_column_field: (key: unknown) => `field name ${JSON.stringify(key)} is not allowed`,
  record_cannot_read: (file: string, length: number) => `${file}: ${length} record${length === 1 ? '' : 's'} cannot be read`,
  meta_field_name_not: (file: string, key: unknown) => `${file}: meta field name ${JSON.stringify(key)} is not allowed`,
  has_no_study_records: (file: undefined | string) => `${file ?? 'the input'} has no study records`,
  duplicate_study: (first: number) => `duplicate study label (also on row ${first})`,
  missing_column: (columns: readonly string[]) => `no "study" column: every row needs a study label (columns found: ${columns.join(', ') || 'none'})`,
  measure_needs_columns_missing: (file: undefined | string, name: string, columns: readonly string[], alts: string, missing: readonly string[]) =>
    `${file ?? 'the input'}: measure ${name} needs the columns ${columns.join(', ')}${alts}; missing: ${missing.join(', ')} (see metasynth measures)`,
  input_has_no_study: () => 'the input has no study records',
  has_no_study_records_2: (file: string) => `${file} has no study records`,
  not_a_number_number: (raw: string) => `must be a number${raw}`,
  duplicate_column_columns: (previous: unknown, h: unknown, c: string) =>
    `columns ${JSON.stringify(previous)} and ${JSON.stringify(h)} both mean ${c}; keep one`,
  mixed_kinds: (complete: string) => `the columns describe more than one kind of study record: ${complete}; keep the columns of one kind per file`,
  unknown_kind: (headerOf: string, DETECTABLE_KINDS: string) => `no recognisable kind of study record${headerOf}; expected one of: ${DETECTABLE_KINDS}`,
  duplicate_column_columns_both: (stringify: string, h: unknown, part: string) => `columns ${stringify} and ${JSON.stringify(h)} both give ${part}; keep one`,
  level_conflict: (named: string) => `the headers name different confidence levels: ${named}; give a level column or make them agree`,
  interval_split: (h: unknown, COMBINED_COLUMNS: readonly string[], c: string) =>
    `column ${JSON.stringify(h)} is read as ${COMBINED_COLUMNS.join(', ')} (each cell split, e.g. ${c === 'hr_ci' ? '0.72 (0.55-0.94) → 0.72, 0.55, 0.94' : '0.55-0.94 → 0.55, 0.94'})`,
  level_from_header: (impliedLevel: number, stringify: string) => `the intervals are read as ${impliedLevel}% intervals, as the header ${stringify} says`,
  not_an_interval: (COMBINED_EXAMPLES: string) => `must be ${COMBINED_EXAMPLES}`,
  ci_asymmetric: (lower: number, upper: number, hr: number, centre: number) =>
    `the interval (${lower}, ${upper}) is not symmetric about hr (${hr}) on the log scale beyond print rounding (its log-scale centre is ${centre}); check the values, the variance is taken from the interval`,
  cannot_read_workbook: (file: string, why: string) => `${file}: cannot read the workbook: ${why}`,
  workbook_has_no_sheets: (file: string) => `${file}: the workbook has no sheets`,
  no_sheet_workbook_has: (file: string, sheet: unknown, names: readonly string[]) =>
    `${file}: no sheet ${JSON.stringify(sheet)}; the workbook has ${names.map((n) => JSON.stringify(n)).join(', ')}`,
  header_not_usable_2: (where: string) => `${where}: the header is not usable`,
  empty_column_name_header: (col: string) =>
    `${col} of the header is empty but has values below it (an empty header cell, or one merged into its neighbour): give every column its own name in one cell`,
  ci_order: (hr: string, swapped: string) => `must be less than hr (${hr})${swapped}`,
  ci_order_greater: (hr: string, swapped: string) => `must be greater than hr (${hr})${swapped}`,
  empty_group: () => 'leaves group 1 empty (ai + bi = 0)',
  empty_group_leaves: () => 'leaves group 2 empty (ci + di = 0)',
  events_exceed_n: (n1i: string) => `must not exceed n1i (${n1i})`,
  events_exceed_n_not: (n2i: string) => `must not exceed n2i (${n2i})`,
  events_exceed_n_not_exceed: (ni: string) => `must not exceed ni (${ni})`,
  at_least_min: (min: number) => `must be at least ${min}`,
  percentage_between_not_fraction: () => 'must be a percentage between 1 and 100 (e.g. 95), not a fraction',
  percentage_below: () => 'must be a percentage below 100 (e.g. 95)',
  correlation_above_minus_1: () => 'must be greater than -1 (|r| < 1)',
  correlation_below_1: () => 'must be less than 1 (|r| < 1)',
});
