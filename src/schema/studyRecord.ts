// zod schemas of the typed study records: one discriminated kind per input shape. Cells are
// converted to numbers before these schemas run (src/schema/cells.ts), so the schemas state the
// domain rules (positive, whole counts, lower < hr < upper, events <= n, |r| < 1, ...). Each
// message is the predicate only (`must be greater than 0`); parseStudyRecords adds the location
// and the received value.
import { z } from 'zod';
import { SCHEMA_MESSAGES } from './messages.js';
import { MESSAGES } from '../messages.js';

const moderatorValue = z.union([z.number(), z.string(), z.null()]);

/** Fields every record has: the label, its 1-based input row, moderators and provenance. */
export const studyBaseSchema = z.object({
  study: z.string().trim().min(1, { error: MESSAGES.missing().text }),
  row: z.number().int().positive(),
  moderators: z.record(z.string(), moderatorValue),
  source: z.string().optional(),
});

const finite = () => z.number({ error: MESSAGES.not_a_number().text });
const positive = () => finite().gt(0, { error: MESSAGES.not_positive().text });
const count = () => finite().int({ error: MESSAGES.not_integer().text }).min(0, { error: MESSAGES.negative().text });
const groupSize = (min: number) =>
  finite()
    .int({ error: MESSAGES.not_integer().text })
    .min(min, { error: SCHEMA_MESSAGES.at_least_min(min).text });

function fmt(x: number): string {
  return String(x);
}

/** Hazard ratio with its confidence interval (`level` percent; default 95). */
export const hrRecordSchema = z
  .object({
    kind: z.literal('hr'),
    ...studyBaseSchema.shape,
    hr: positive(),
    lower: positive(),
    upper: positive(),
    level: finite()
      .gt(1, { error: SCHEMA_MESSAGES.percentage_between_not_fraction().text })
      .lt(100, { error: SCHEMA_MESSAGES.percentage_below().text })
      .optional(),
  })
  .superRefine((r, ctx) => {
    // Order checks only make sense between positive values; a non-positive one is reported alone.
    if (!(r.hr > 0 && r.lower > 0 && r.upper > 0)) return;
    const swapped = r.lower > r.upper ? ' (are lower and upper swapped?)' : '';
    if (r.lower >= r.hr) {
      ctx.addIssue({ code: 'custom', path: ['lower'], message: SCHEMA_MESSAGES.ci_order(fmt(r.hr), swapped).text, params: { code: 'ci_order' } });
    }
    if (r.upper <= r.hr) {
      ctx.addIssue({ code: 'custom', path: ['upper'], message: SCHEMA_MESSAGES.ci_order_greater(fmt(r.hr), swapped).text, params: { code: 'ci_order' } });
    }
  });

/** A generic effect: `yi` with its sampling variance (given as `vi`, or as `sei` with vi = sei²). */
export const genericRecordSchema = z.object({
  kind: z.literal('generic'),
  ...studyBaseSchema.shape,
  yi: finite(),
  vi: positive(),
});

/** A 2x2 table: events `ai`/`ci` and non-events `bi`/`di` in groups 1 and 2. */
export const twoByTwoRecordSchema = z
  .object({
    kind: z.literal('twoByTwo'),
    ...studyBaseSchema.shape,
    ai: count(),
    bi: count(),
    ci: count(),
    di: count(),
  })
  .superRefine((r, ctx) => {
    if (r.ai + r.bi === 0) ctx.addIssue({ code: 'custom', path: ['bi'], message: SCHEMA_MESSAGES.empty_group().text, params: { code: 'empty_group' } });
    if (r.ci + r.di === 0) ctx.addIssue({ code: 'custom', path: ['di'], message: SCHEMA_MESSAGES.empty_group_leaves().text, params: { code: 'empty_group' } });
  });

/** A 2x2 table given as events and group sizes. */
export const twoByTwoNRecordSchema = z
  .object({
    kind: z.literal('twoByTwoN'),
    ...studyBaseSchema.shape,
    x1i: count(),
    n1i: groupSize(1),
    x2i: count(),
    n2i: groupSize(1),
  })
  .superRefine((r, ctx) => {
    if (r.x1i > r.n1i)
      ctx.addIssue({ code: 'custom', path: ['x1i'], message: SCHEMA_MESSAGES.events_exceed_n(fmt(r.n1i)).text, params: { code: 'events_exceed_n' } });
    if (r.x2i > r.n2i)
      ctx.addIssue({ code: 'custom', path: ['x2i'], message: SCHEMA_MESSAGES.events_exceed_n_not(fmt(r.n2i)).text, params: { code: 'events_exceed_n' } });
  });

/** Means, SDs and sizes of two groups. */
export const continuousRecordSchema = z.object({
  kind: z.literal('continuous'),
  ...studyBaseSchema.shape,
  m1i: finite(),
  sd1i: positive(),
  n1i: groupSize(2),
  m2i: finite(),
  sd2i: positive(),
  n2i: groupSize(2),
});

/** A correlation coefficient and its sample size. */
export const correlationRecordSchema = z.object({
  kind: z.literal('correlation'),
  ...studyBaseSchema.shape,
  ri: finite().gt(-1, { error: SCHEMA_MESSAGES.correlation_above_minus_1().text }).lt(1, { error: SCHEMA_MESSAGES.correlation_below_1().text }),
  ni: groupSize(2),
});

/** Events out of a sample (a single proportion). */
export const proportionRecordSchema = z
  .object({
    kind: z.literal('proportion'),
    ...studyBaseSchema.shape,
    xi: count(),
    ni: groupSize(1),
  })
  .superRefine((r, ctx) => {
    if (r.xi > r.ni)
      ctx.addIssue({ code: 'custom', path: ['xi'], message: SCHEMA_MESSAGES.events_exceed_n_not_exceed(fmt(r.ni)).text, params: { code: 'events_exceed_n' } });
  });

/** How one input value was derived from what a paper reported (a conversion), for the per-study note. */
export const derivationSchema = z.object({
  columns: z.array(z.string()),
  method: z.string(),
  note: z.string(),
});

/**
 * The inputs of a registry measure (src/effects/measures), by escalc argument name. Their domain
 * rules are the measure's own schema, checked when the record is parsed.
 */
export const escalcRecordSchema = z.object({
  kind: z.literal('escalc'),
  ...studyBaseSchema.shape,
  measure: z.string(),
  inputs: z.record(z.string(), z.number()),
  derived: z.array(derivationSchema).optional(),
});

/** Any study record, discriminated by `kind`. */
export const studyRecordSchema = z.discriminatedUnion('kind', [
  hrRecordSchema,
  genericRecordSchema,
  twoByTwoRecordSchema,
  twoByTwoNRecordSchema,
  continuousRecordSchema,
  correlationRecordSchema,
  proportionRecordSchema,
  escalcRecordSchema,
]);

export const RECORD_SCHEMAS = {
  hr: hrRecordSchema,
  generic: genericRecordSchema,
  twoByTwo: twoByTwoRecordSchema,
  twoByTwoN: twoByTwoNRecordSchema,
  continuous: continuousRecordSchema,
  correlation: correlationRecordSchema,
  proportion: proportionRecordSchema,
  escalc: escalcRecordSchema,
} as const;

export type HrRecord = z.infer<typeof hrRecordSchema>;
export type GenericRecord = z.infer<typeof genericRecordSchema>;
export type TwoByTwoRecord = z.infer<typeof twoByTwoRecordSchema>;
export type TwoByTwoNRecord = z.infer<typeof twoByTwoNRecordSchema>;
export type ContinuousRecord = z.infer<typeof continuousRecordSchema>;
export type CorrelationRecord = z.infer<typeof correlationRecordSchema>;
export type ProportionRecord = z.infer<typeof proportionRecordSchema>;
export type EscalcRecord = z.infer<typeof escalcRecordSchema>;
export type Derivation = z.infer<typeof derivationSchema>;
export type StudyRecord = z.infer<typeof studyRecordSchema>;
