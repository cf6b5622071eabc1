// zod rules shared by the measures' input columns. Each message is a predicate only; the parser
// adds the file, row, study, column and the value received.
import { z } from 'zod';
import { MESSAGES } from '../../messages.js';
import { EFFECTS_MESSAGES } from '../messages.js';

/** Any finite number. */
export const anyNumber = () => z.number({ error: MESSAGES.not_a_number().text });
/** Strictly above `k` (`must be greater than k`). */
export const above = (k: number) => anyNumber().gt(k, { error: EFFECTS_MESSAGES.greater_than_k(k).text });
/** At or above `k`. */
export const atLeast = (k: number) => anyNumber().min(k, { error: k === 0 ? MESSAGES.negative().text : EFFECTS_MESSAGES.at_least_k(k).text });
/** At or below `k`. */
export const atMost = (k: number) => anyNumber().max(k, { error: EFFECTS_MESSAGES.at_most_k(k).text });
/** A count: a whole number >= 0. */
export const count = () => anyNumber().int({ error: MESSAGES.not_integer().text }).min(0, { error: MESSAGES.negative().text });
/** A correlation, -1 <= r <= 1. */
export const correlation = () =>
  anyNumber().min(-1, { error: EFFECTS_MESSAGES.between_minus_1_and_1().text }).max(1, { error: EFFECTS_MESSAGES.between_minus_1_and_1().text });
/** A value strictly between -1 and 1. */
export const openCorrelation = () =>
  anyNumber().gt(-1, { error: EFFECTS_MESSAGES.greater_than_minus_1().text }).lt(1, { error: EFFECTS_MESSAGES.less_than_1().text });

/** A custom issue on one column, with a machine-readable code. */
export function columnIssue(ctx: z.RefinementCtx, column: string, message: string, code: string): void {
  ctx.addIssue({ code: 'custom', path: [column], message, params: { code } });
}
