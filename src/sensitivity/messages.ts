// The user-facing messages of sensitivity, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of sensitivity, keyed by their stable code. */
export const SENSITIVITY_MESSAGES = defineMessages({
  cumulative_order_column_not: (column: unknown) => `cumulative: orderBy column ${JSON.stringify(column)} is not a column of the effect table`,
  cumulative_order_has: (length: string, k: string) => `cumulative: orderBy has ${length} for ${k}`,
  not_converged_cumulative: (j: number, name: unknown) => `cumulative step ${j} (adding ${JSON.stringify(name)}): the tau² estimator did not converge`,
  too_few_studies_influence: (k: number) => `influence diagnostics: needs at least 2 studies, got ${k}`,
  not_converged_influence: (study: unknown) => `influence without ${JSON.stringify(study)}: the tau² estimator did not converge`,
  too_few_studies_leave: (k: number) => `leave-one-out: needs at least 2 studies, got ${k}`,
  not_converged_leave: (study: unknown) => `leave-one-out without ${JSON.stringify(study)}: the tau² estimator did not converge`,
});
