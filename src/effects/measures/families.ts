// Input specifications shared by the measures of one family (escalc reads the same arguments for
// all of them): columns, domain rules, alternative column sets and zero-cell handling.
import { z } from 'zod';
import type { AlternativeInputs, Inputs, MeasureDefinition, ZeroCellSpec } from './definition.js';
import { above, anyNumber, atLeast, columnIssue, correlation, count } from './fields.js';
import { MESSAGES } from '../../messages.js';
import { EFFECTS_MESSAGES } from '../messages.js';

type InputSpec = Pick<MeasureDefinition, 'columns' | 'schema' | 'alternatives' | 'zeroCells'>;

const addAll =
  (names: readonly string[]) =>
  (v: Inputs, add: number): Inputs => {
    const out: Record<string, number> = { ...v };
    for (const n of names) out[n] = v[n]! + add;
    return out;
  };

/** A 2x2 table `ai, bi, ci, di`, or `ai, n1i, ci, n2i` (escalc: bi = n1i − ai, di = n2i − ci). */
export function twoByTwoInputs(defaultAdd: number): InputSpec {
  const cells = ['ai', 'bi', 'ci', 'di'] as const;
  const schema = z.object({ ai: count(), bi: count(), ci: count(), di: count() }).superRefine((v, ctx) => {
    if (v.ai + v.bi === 0) columnIssue(ctx, 'bi', 'leaves group 1 empty (ai + bi = 0)', 'empty_group');
    if (v.ci + v.di === 0) columnIssue(ctx, 'di', 'leaves group 2 empty (ci + di = 0)', 'empty_group');
  });
  const alt: AlternativeInputs = {
    columns: ['ai', 'n1i', 'ci', 'n2i'],
    schema: z
      .object({
        ai: count(),
        n1i: count().gt(0, { error: MESSAGES.not_positive().text }),
        ci: count(),
        n2i: count().gt(0, { error: MESSAGES.not_positive().text }),
      })
      .superRefine((v, ctx) => {
        if (v.ai > v.n1i) columnIssue(ctx, 'ai', `must not exceed n1i (${v.n1i})`, 'events_exceed_n');
        if (v.ci > v.n2i) columnIssue(ctx, 'ci', `must not exceed n2i (${v.n2i})`, 'events_exceed_n');
      }),
    toCanonical: (v) => ({ ai: v.ai!, bi: v.n1i! - v.ai!, ci: v.ci!, di: v.n2i! - v.ci! }),
  };
  const zeroCells: ZeroCellSpec = { defaultAdd, cells: (v) => cells.map((c) => v[c]!), apply: addAll(cells) };
  return { columns: cells, schema, alternatives: [alt], zeroCells };
}

/** Events and person-time of two groups `x1i, t1i, x2i, t2i`. */
export function incidenceTwoGroupInputs(defaultAdd: number): InputSpec {
  const schema = z.object({ x1i: count(), t1i: above(0), x2i: count(), t2i: above(0) });
  return {
    columns: ['x1i', 't1i', 'x2i', 't2i'],
    schema,
    zeroCells: { defaultAdd, cells: (v) => [v.x1i!, v.x2i!], apply: addAll(['x1i', 'x2i']) },
  };
}

/** Events and person-time of one group `xi, ti`. */
export function incidenceInputs(defaultAdd: number): InputSpec {
  return {
    columns: ['xi', 'ti'],
    schema: z.object({ xi: count(), ti: above(0) }),
    zeroCells: { defaultAdd, cells: (v) => [v.xi!], apply: addAll(['xi']) },
  };
}

/** Events out of a sample `xi, ni`, or `xi, mi` (non-events; escalc: ni = xi + mi). */
export function proportionInputs(defaultAdd: number): InputSpec {
  const schema = z.object({ xi: count(), ni: count().gt(0, { error: MESSAGES.not_positive().text }) }).superRefine((v, ctx) => {
    if (v.xi > v.ni) columnIssue(ctx, 'xi', `must not exceed ni (${v.ni})`, 'events_exceed_n');
  });
  const alt: AlternativeInputs = {
    columns: ['xi', 'mi'],
    schema: z.object({ xi: count(), mi: count() }).superRefine((v, ctx) => {
      if (v.xi + v.mi === 0) columnIssue(ctx, 'mi', 'leaves the sample empty (xi + mi = 0)', 'empty_group');
    }),
    toCanonical: (v) => ({ xi: v.xi!, ni: v.xi! + v.mi! }),
  };
  return {
    columns: ['xi', 'ni'],
    schema,
    alternatives: [alt],
    // escalc adds to events and non-events, so ni grows by 2·add.
    zeroCells: { defaultAdd, cells: (v) => [v.xi!, v.ni! - v.xi!], apply: (v, add) => ({ xi: v.xi! + add, ni: v.ni! + 2 * add }) },
  };
}

/**
 * Means, SDs and sizes of two groups. The rules are escalc's own (SDs >= 0, sizes > 0); sizes too
 * small for a variance give a non-finite value, and such rows are left out with the reason.
 */
export function twoGroupInputs(columns: readonly ('m1i' | 'sd1i' | 'n1i' | 'm2i' | 'sd2i' | 'n2i')[]): InputSpec {
  const rule = (c: string) => (c.startsWith('sd') ? atLeast(0) : c.startsWith('n') ? above(0) : anyNumber());
  return { columns, schema: z.object(Object.fromEntries(columns.map((c) => [c, rule(c)]))) as unknown as z.ZodType<Inputs> };
}

/** Mean, SD and size of one group (`mi, sdi, ni`, as escalc names them); `logMean`: the mean must not be negative (MNLN, CVLN). */
export function singleGroupInputs(columns: readonly ('mi' | 'sdi' | 'ni')[], logMean = false): InputSpec {
  const rule = (c: string) => (c === 'sdi' ? atLeast(0) : c === 'ni' ? above(0) : logMean ? atLeast(0) : anyNumber());
  return { columns, schema: z.object(Object.fromEntries(columns.map((c) => [c, rule(c)]))) as unknown as z.ZodType<Inputs> };
}

/** Pre-post (matched) summaries: means and SDs at two times, the correlation `ri` and the size `ni` (escalc's rules). */
export function prePostInputs(columns: readonly ('m1i' | 'm2i' | 'sd1i' | 'sd2i' | 'ri' | 'ni')[]): InputSpec {
  const rule = (c: string) => (c === 'ri' ? correlation() : c === 'ni' ? above(0) : c.startsWith('sd') ? atLeast(0) : anyNumber());
  return { columns, schema: z.object(Object.fromEntries(columns.map((c) => [c, rule(c)]))) as unknown as z.ZodType<Inputs> };
}

/** Cronbach's alpha `ai`, the number of items `mi` and the sample size `ni`. */
export function reliabilityInputs(): InputSpec {
  return {
    columns: ['ai', 'mi', 'ni'],
    schema: z.object({ ai: anyNumber().max(1, { error: EFFECTS_MESSAGES.at_most_1().text }), mi: atLeast(2), ni: above(0) }) as unknown as z.ZodType<Inputs>,
  };
}
