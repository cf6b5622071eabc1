// zod rules shared by the measures' input columns. Each message is a predicate only; the parser
// adds the file, row, study, column and the value received.
import { z } from 'zod';

/** Any finite number. */
export const anyNumber = () => z.number({ error: 'must be a number' });
/** Strictly above `k` (`must be greater than k`). */
export const above = (k: number) => anyNumber().gt(k, { error: `must be greater than ${k}` });
/** At or above `k`. */
export const atLeast = (k: number) => anyNumber().min(k, { error: k === 0 ? 'must not be negative' : `must be at least ${k}` });
/** At or below `k`. */
export const atMost = (k: number) => anyNumber().max(k, { error: `must be at most ${k}` });
/** A count: a whole number >= 0. */
export const count = () => anyNumber().int({ error: 'must be a whole number (a count)' }).min(0, { error: 'must not be negative' });
/** A correlation, -1 <= r <= 1. */
export const correlation = () => anyNumber().min(-1, { error: 'must be between -1 and 1' }).max(1, { error: 'must be between -1 and 1' });
/** A value strictly between -1 and 1. */
export const openCorrelation = () => anyNumber().gt(-1, { error: 'must be greater than -1 (|r| < 1)' }).lt(1, { error: 'must be less than 1 (|r| < 1)' });

/** A custom issue on one column, with a machine-readable code. */
export function columnIssue(ctx: z.RefinementCtx, column: string, message: string, code: string): void {
  ctx.addIssue({ code: 'custom', path: [column], message, params: { code } });
}
