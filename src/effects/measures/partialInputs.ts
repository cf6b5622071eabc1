// Inputs of the (semi-)partial correlations: the t statistic `ti` of the focal predictor, the
// sample size `ni` and the number of predictors `mi` of the regression (escalc's arguments).
import { z } from 'zod';
import type { Inputs } from './definition.js';
import { above, anyNumber, atLeast, columnIssue } from './fields.js';
import { EFFECTS_MESSAGES } from '../messages.js';

/** `ti, ni, mi` (and `r2i`, the model's R², for SPCOR) with ni − mi − 1 > 0. */
export function partialInputs(withR2: boolean): { columns: readonly string[]; schema: z.ZodType<Inputs> } {
  const shape = {
    ti: anyNumber(),
    ni: above(0),
    mi: atLeast(0),
    ...(withR2
      ? { r2i: anyNumber().min(0, { error: EFFECTS_MESSAGES.between_0_and_1().text }).max(1, { error: EFFECTS_MESSAGES.between_0_and_1().text }) }
      : {}),
  };
  const schema = z.object(shape).superRefine((v, ctx) => {
    if (!(v.ni - v.mi - 1 > 0))
      columnIssue(ctx, 'mi', `leaves no residual degrees of freedom (ni − mi − 1 = ${v.ni - v.mi - 1} must be greater than 0)`, 'no_df');
  });
  return { columns: withR2 ? ['ti', 'ni', 'mi', 'r2i'] : ['ti', 'ni', 'mi'], schema: schema as unknown as z.ZodType<Inputs> };
}
