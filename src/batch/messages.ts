// The user-facing messages of batch, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of batch, keyed by their stable code. */
export const BATCH_MESSAGES = defineMessages({
  pool_by_group_name: () => 'poolByGroup: `by` must name a column of the data',
  pool_by_group_no: (by: string, file: undefined | string, length: number, columns: readonly string[]) =>
    `poolByGroup: no column "${by}" in ${file ?? 'the data'}${length > 0 ? ` (columns: ${columns.join(', ')})` : ''}`,
  group_warning: (by: string, group: unknown, message: string) => `group ${by} = ${String(group)}: ${message}`,
  group_missing_excluded: (length: number, by: string) =>
    `${length} ${length === 1 ? 'study has' : 'studies have'} no value in "${by}" and ${length === 1 ? 'was' : 'were'} left out`,
  pool_many_effect_variance: (n: number, length: number, length2: number) =>
    `poolMany: effect, variance and group must have the same length (got ${n}, ${length} and ${length2})`,
  pool_many_no_studies: () => 'poolMany: no studies to pool',
  invalid_group: (i: number, g: unknown) => `row ${i}: group (${String(g)}) must be a finite number or a string`,
  not_finite_row: (i: number, g: unknown, y: unknown) => `row ${i} (group ${String(g)}): effect (${String(y)}) must be a finite number`,
  not_positive_row: (i: number, g: unknown, v: unknown) => `row ${i} (group ${String(g)}): variance (${String(v)}) must be a positive finite number`,
  pool_many_invalid_value: (problems: number, more: string) => `poolMany: ${problems} invalid value${problems === 1 ? '' : 's'}${more}`,
  group_failed: (key: unknown, message: string) => `group ${String(key)}: ${message}`,
  unknown_method_method: (method: unknown, POOL_MANY_METHODS: readonly string[]) => `method (${String(method)}) must be one of ${POOL_MANY_METHODS.join(', ')}`,
  weights_required_method: (method: string) => `method (${method}) needs user weights, which poolMany does not take; use pool() with weights`,
  unknown_test_test: (test: unknown, TESTS: readonly string[]) => `test (${String(test)}) must be one of ${TESTS.join(', ')}`,
  invalid_level_level: (level: unknown) => `level (${String(level)}) must be a percentage strictly between 0 and 100`,
  pool_many_invalid_options: () => 'poolMany: invalid options',
  no_value_grouping_column: (by: string) => `no value in the grouping column "${by}"`,
});
