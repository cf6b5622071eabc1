// The user-facing messages of check, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of check, keyed by their stable code. */
export const CHECK_MESSAGES = defineMessages({
  not_valid_json_2: (file: string, err: string) => `${file}: not valid JSON (${err})`,
  unknown_top_level_key: (file: string, length: number, extra: readonly string[]) =>
    `${file}: unknown top-level key${length > 1 ? 's' : ''} ${extra.map((k) => JSON.stringify(k)).join(', ')} (expected description and expectations)`,
  expectations_file_expectations_array: (file: string) => `${file}: an expectations file is { "expectations": [ ... ] } or an array of expectations`,
  lists_no_expectations: (file: string) => `${file}: lists no expectations`,
  invalid_expectation: (file: string, name: string, field: string, message: string) => `${file}: ${name}: ${field === '' ? '' : `${field}: `}${message}`,
  problem_expectations: (file: string, length: number) => `${file}: ${length} problem${length > 1 ? 's' : ''} in the expectations`,
  study_files_cannot_read: (where: string) => `${where}: study files cannot be read here; use a dataset`,
  check_rethrown: (where: string, message: string) => `${where}: ${message}`,
  result_has_no_figure: (where: string, analysis: string, missing: string) => `${where}: the ${analysis} result has no figure ${missing}`,
  unknown_figure: (where: string, path: string, reason: string) => `${where}: expect.${path}: ${reason}`,
  one_value_abs_rel: () => 'give one of { value, abs, rel }, { min, max } or { equals }',
  tolerance_needs_expected_value: () => 'a tolerance needs the expected value',
  tolerance_abs_rel_both: () => 'give a tolerance: abs, rel or both',
  min_not_exceed_max: (min: number, max: number) => `min (${min}) must not exceed max (${max})`,
  expect_name_least_one: () => 'expect must name at least one figure',
  exactly_one_dataset_file: () => 'give exactly one of dataset and file',
  subset_applies_dataset_only: () => 'subset applies to a dataset only',
  subgroup_analysis_needs_grouping: () => 'a subgroup analysis needs by (the grouping column)',
  meta_regression_needs_mods: () => 'a meta-regression needs mods (moderator columns)',
  method_applies_pool_only: (method: string) => `method ${method} applies to pool only`,
  published_value_needs_both: () => 'a published value needs both source and quote',
  bad_path_segment: (part: unknown) => `bad path segment ${JSON.stringify(part)}`,
  not_list: (at: string) => `${at || 'the result'} is not a list`,
  no_item_has: (at: string, key: string, value: string) => `no item of ${at || 'the result'} has ${key} = ${value}`,
  has_no_key: (at: string, key: unknown) => `${at || 'the result'} has no ${JSON.stringify(key)}`,
  not_equal: () => 'not equal',
  check_not_a_number: () => 'not a number',
  off_by: (difference: number) => `off by ${difference}`,
  outside_range: () => 'outside the range',
});
