// The user-facing messages of reproduce, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of reproduce, keyed by their stable code. */
export const REPRODUCE_MESSAGES = defineMessages({
  marked_synthetic: (calibrated: string) => `${calibrated} must be marked synthetic`,
  verified_cell_missing: (verified: string, row: string, column: string) => `${verified}: ${row}: ${column} is missing`,
  no_one_row_per: (verified: string, group: string) => `${verified}: no one-row-per-trial subset for outcome ${group}`,
  estimate_missing: (published: string, row: string) => `${published}: ${row}: estimate is missing`,
  pooled_os_hr_claim: (claims: string) => `${claims}: the pooled OS HR claim is missing`,
  os_hr_subset_missing: (published: string) => `${published}: the os-hr subset is missing`,
  has_no_value: (claims: string, id: string) => `${claims}: ${id} has no value`,
});
