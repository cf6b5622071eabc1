// The user-facing messages of effects, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of effects, keyed by their stable code. */
export const EFFECTS_MESSAGES = defineMessages({
  effects_no_study_records: (file: undefined | string) => `${file ?? 'the input'} has no study records`,
  records_more_than_one: (file: undefined | string, kind: string, kind2: string, row: number) =>
    `${file ?? 'the input'}: records of more than one kind (${kind} and ${kind2}, row ${row}); effect sizes need one kind per analysis`,
  level_percentage_between: (level: unknown) => `level (${String(level)}) must be a percentage between 1 and 100, e.g. 95`,
  zero_cells_adjusted: (file: undefined | string, add: number, length: number, to: string, adjusted: readonly string[]) =>
    `${file === undefined ? '' : `${file}: `}${add} added to every cell of ${length} table${length === 1 ? '' : 's'} (to = "${to}"): ${adjusted.map((s) => JSON.stringify(s)).join(', ')}`,
  unknown_measure_escalc_inputs: (measure: unknown, REGISTRY_MEASURE_NAMES: readonly string[]) =>
    `unknown measure ${JSON.stringify(measure)} for escalc inputs; choose one of ${REGISTRY_MEASURE_NAMES.join(', ')}`,
  records_were_read_measure: (named: string, measure: string) => `the records were read for measure ${named}, not ${measure}; read them again for ${measure}`,
  unknown_measure_choose_one: (measure: unknown, MEASURES: readonly string[]) =>
    `unknown measure ${JSON.stringify(measure)}; choose one of ${MEASURES.join(', ')}`,
  measure_does_not_apply: (measure: string, label: string, allowed: readonly string[]) =>
    `measure ${measure} does not apply to ${label}; choose ${allowed.join(', ')}`,
  add_number: (add: unknown) => `add (${String(add)}) must be a number >= 0`,
  unknown_zero_cell_rule: (to: unknown, ZERO_CELL_RULES: readonly string[]) => `to (${JSON.stringify(to)}) must be one of ${ZERO_CELL_RULES.join(', ')}`,
  drop00_true_false: (drop00: unknown) => `drop00 (${String(drop00)}) must be true or false`,
  measure_needs_columns_does: (name: string, def: string, file: undefined | string) =>
    `measure ${name} needs the columns ${def}; ${file ?? 'the input'} does not have them`,
  zero_cells_adjusted_added: (file: undefined | string, add: number, length: number, to: string, adjusted: readonly string[]) =>
    `${file === undefined ? '' : `${file}: `}${add} added to the counts of ${length} stud${length === 1 ? 'y' : 'ies'} (to = "${to}"): ${adjusted.map((s) => JSON.stringify(s)).join(', ')}`,
  out_order_other_summaries: () => 'is out of order with the other summaries (min <= q1 <= median <= q3 <= max is needed)',
  least_estimate_mean_sd: () => 'must be at least 5 to estimate a mean and SD from a median (as conv.fivenum)',
  comes_summaries_look_skewed: (statistic: string, critical: string) =>
    `comes with summaries that look skewed (Shi et al.'s test: ${statistic} >= ${critical}), so no normal-theory mean and SD are estimated (conv.fivenum gives NA); report the mean and SD or leave the study out`,
  does_not_positive_sd: () => 'does not give a positive SD with the other summaries',
  estimated_from_assumes_normal: (m: string, mean: string, sd: string, sd2: string, reads: readonly string[], method: string) =>
    `${m} = ${mean} and ${sd} = ${sd2} estimated from ${reads.join(', ')} (${method}; assumes normal data)`,
  not_negative_f_statistic: () => 'must not be negative (an F statistic)',
  cohen_s_d_from: (d: string, column: string, how: string) => `Cohen's d = ${d} from ${column} (${how})`,
  greater_than_ci_lb: (v: undefined | number) => `must be greater than ci.lb (${v})`,
  sei_from_ci_ci: (se: string) => `sei = ${se} from the 95% CI (ci.ub − ci.lb)/(2·1.96)`,
  p_value_between_exclusive: () => 'must be a p-value between 0 and 1 (exclusive)',
  so_p_value_cannot: () => 'is 0, so a p-value cannot give its standard error',
  sei_from_two_sided: (se: string) => `sei = ${se} from the two-sided p-value |yi|/z(1 − p/2)`,
  greater_than_odds_ratio: () => 'must be greater than 0 (an odds ratio)',
  lie_between_ni_n2i: (ni: undefined | number) => `must lie between 0 and ni (${ni}) with n2i`,
  these_margins_gives_negative: () => 'with these margins gives a negative cell count',
  table_2x2_rebuilt: (ai: number, bi: number, ci: number, di: number) =>
    `2x2 table ${ai}/${bi}/${ci}/${di} rebuilt from ori with margins ni, n1i (row), n2i (column)`,
  double_zero_dropped: () => 'no events (or no non-events) in both groups: a double-zero table, left out as drop00 = true',
  rom_needs_two_means: (m1i: number, m2i: number) => `ROM needs two means of the same sign, not zero (m1i = ${m1i}, m2i = ${m2i})`,
  zcor_needs_ni_variance: (ni: number) => `ZCOR needs ni > 3 for its variance 1/(ni - 3) (ni = ${ni})`,
  effect_not_computed_from: (measure: string) => `the ${measure} effect is not computed from escalc inputs`,
  effect_cannot_computed_from: (measure: string, yi: number, notAdjusted: string) =>
    `the ${measure} effect cannot be computed from these values (it is ${Number.isNaN(yi) ? 'undefined' : 'infinite'})${notAdjusted}`,
  sampling_variance_so_study: (measure: string, vi: number, notAdjusted: string) =>
    `the ${measure} sampling variance is ${vi === 0 ? '0' : Number.isNaN(vi) ? 'undefined' : vi > 0 ? 'infinite' : String(vi)}, so the study carries no usable weight${notAdjusted}`,
  at_most_1: () => 'must be at most 1',
  greater_than_k: (k: number) => `must be greater than ${k}`,
  at_least_k: (k: number) => `must be at least ${k}`,
  at_most_k: (k: number) => `must be at most ${k}`,
  between_minus_1_and_1: () => 'must be between -1 and 1',
  greater_than_minus_1: () => 'must be greater than -1 (|r| < 1)',
  less_than_1: () => 'must be less than 1 (|r| < 1)',
  between_0_and_1: () => 'must be between 0 and 1',
  zero_counts_not_adjusted: () => ' (zero counts were not adjusted: see add and to)',
  zero_cells_not_adjusted: () => ' (zero cells were not adjusted: see add and to)',
});
