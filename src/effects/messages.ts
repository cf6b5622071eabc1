// The user-facing messages of effects, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of effects, keyed by their stable code. */
export const EFFECTS_MESSAGES = defineMessages({
  effects_no_study_records: (file: undefined | string) =>
    `${file ?? 'the input'} has no study records`,
  records_more_than_one: (file: undefined | string, kind: string, kind2: string, row: number) =>
    `${file ?? 'the input'}: records of more than one kind (${kind} and ${kind2}, row ${row}); effect sizes need one kind per analysis`,
  level_percentage_between: (level: unknown) =>
    `level (${String(level)}) must be a percentage between 1 and 100, e.g. 95`,
  zero_cells_adjusted: (file: undefined | string, add: number, length: number, to: string, adjusted: readonly string[]) =>
    `${file === undefined ? '' : `${file}: `}${add} added to every cell of ${length} table${length === 1 ? '' : 's'} (to = "${to}"): ${adjusted.map((s) => JSON.stringify(s)).join(', ')}`,
  unknown_measure_escalc_inputs: (measure: unknown, REGISTRY_MEASURE_NAMES: readonly string[]) =>
    `unknown measure ${JSON.stringify(measure)} for escalc inputs; choose one of ${REGISTRY_MEASURE_NAMES.join(', ')}`,
  records_were_read_measure: (named: string, measure: string) =>
    `the records were read for measure ${named}, not ${measure}; read them again for ${measure}`,
  unknown_measure_choose_one: (measure: unknown, MEASURES: readonly string[]) =>
    `unknown measure ${JSON.stringify(measure)}; choose one of ${MEASURES.join(', ')}`,
  measure_does_not_apply: (measure: string, label: string, allowed: readonly string[]) =>
    `measure ${measure} does not apply to ${label}; choose ${allowed.join(', ')}`,
  add_number: (add: unknown) =>
    `add (${String(add)}) must be a number >= 0`,
  unknown_zero_cell_rule: (to: unknown, ZERO_CELL_RULES: readonly string[]) =>
    `to (${JSON.stringify(to)}) must be one of ${ZERO_CELL_RULES.join(', ')}`,
  drop00_true_false: (drop00: unknown) =>
    `drop00 (${String(drop00)}) must be true or false`,
  measure_needs_columns_does: (name: string, def: string, file: undefined | string) =>
    `measure ${name} needs the columns ${def}; ${file ?? 'the input'} does not have them`,
  zero_cells_adjusted_added: (file: undefined | string, add: number, length: number, to: string, adjusted: readonly string[]) =>
    `${file === undefined ? '' : `${file}: `}${add} added to the counts of ${length} stud${length === 1 ? 'y' : 'ies'} (to = "${to}"): ${adjusted.map((s) => JSON.stringify(s)).join(', ')}`,
});
