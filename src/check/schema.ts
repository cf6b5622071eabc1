// The expectations file of `metasynth check` (zod: the only place it is parsed). A file lists
// analyses of a bundled dataset or a study file, and the figures each must give, with a tolerance
// or a range. Example:
//   { "expectations": [ { "id": "bcg-reml-rr", "analysis": "pool", "dataset": "classic/bcg", "measure": "RR",
//       "method": "REML", "expect": { "transformed.estimate": { "value": 0.489, "abs": 0.0005 } } } ] }
import { z } from 'zod';
import { MEASURES } from '../effects/types.js';
import { POOL_METHODS, TESTS } from '../pool/types.js';
import { CHECK_MESSAGES } from './messages.js';

/** The analyses an expectation can run; each gives the JSON of the matching CLI command. */
export const CHECK_ANALYSES = ['effects', 'pool', 'subgroup', 'regress', 'bias'] as const;
export type CheckAnalysis = (typeof CHECK_ANALYSES)[number];
/**
 * True for an analysis `metasynth check` runs (CHECK_ANALYSES).
 * @example isCheckAnalysis('pool') // true
 */
export function isCheckAnalysis(x: unknown): x is CheckAnalysis {
  return typeof x === 'string' && (CHECK_ANALYSES as readonly string[]).includes(x);
}

/**
 * One expected figure, in one of three forms:
 * - a tolerance `{ value, abs?, rel? }`: passes when |actual − value| ≤ max(abs, rel·|value|)
 *   (Python's math.isclose rule); at least one of abs and rel, since exact equality of floating
 *   point results is never what a check means;
 * - a range `{ min?, max? }` (inclusive; one side may be open);
 * - equality `{ equals }` for counts, labels and flags (`k`, `measure`, `synthetic`).
 * One object schema with a refinement (not a union), so that a mistake gets a message that says
 * what is wrong instead of "invalid input".
 */
export const expectedValueSchema = z
  .object({
    value: z.number().optional(),
    abs: z.number().nonnegative().optional(),
    rel: z.number().nonnegative().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    equals: z.union([z.string(), z.number(), z.boolean(), z.null()]).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    const tolerance = e.value !== undefined || e.abs !== undefined || e.rel !== undefined;
    const range = e.min !== undefined || e.max !== undefined;
    const equals = 'equals' in e;
    if (Number(tolerance) + Number(range) + Number(equals) !== 1) {
      ctx.addIssue({ code: 'custom', message: CHECK_MESSAGES.one_value_abs_rel().text });
      return;
    }
    if (tolerance && e.value === undefined) ctx.addIssue({ code: 'custom', path: ['value'], message: CHECK_MESSAGES.tolerance_needs_expected_value().text });
    if (tolerance && e.abs === undefined && e.rel === undefined) ctx.addIssue({ code: 'custom', message: CHECK_MESSAGES.tolerance_abs_rel_both().text });
    if (range && e.min !== undefined && e.max !== undefined && e.min > e.max)
      ctx.addIssue({ code: 'custom', message: CHECK_MESSAGES.min_not_exceed_max(e.min, e.max).text });
  });
export type ExpectedValue = z.infer<typeof expectedValueSchema>;

const entryObject = z
  .object({
    /** A short name for the table and messages (default: `#<position>`). */
    id: z.string().min(1).optional(),
    description: z.string().optional(),
    analysis: z.enum(CHECK_ANALYSES),
    /** A bundled dataset, `name` or `name:subset` (e.g. `cik/verified-trials:os`). */
    dataset: z.string().min(1).optional(),
    /** A study file (.csv or .json), relative to the expectations file. */
    file: z.string().min(1).optional(),
    /** A subset of the dataset (same as `dataset: "name:subset"`). */
    subset: z.string().min(1).optional(),
    measure: z.enum(MEASURES).optional(),
    method: z.enum(POOL_METHODS).optional(),
    test: z.enum(TESTS).optional(),
    level: z.number().gt(0).lt(100).optional(),
    /** The grouping column (subgroup). */
    by: z.string().min(1).optional(),
    /** Moderator columns (regress). */
    mods: z.array(z.string().min(1)).min(1).optional(),
    /** Where a published expected value comes from, and the words of the source. */
    source: z.string().url().optional(),
    quote: z.string().min(1).optional(),
    note: z.string().optional(),
    /** Figure path in the analysis' JSON (dots, array indices, `[key=value]` selectors) → expected value. */
    expect: z.record(z.string().min(1), expectedValueSchema).refine((e) => Object.keys(e).length > 0, { message: CHECK_MESSAGES.expect_name_least_one().text }),
  })
  .strict();

export const expectationSchema = entryObject.superRefine((e, ctx) => {
  if ((e.dataset === undefined) === (e.file === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['dataset'], message: CHECK_MESSAGES.exactly_one_dataset_file().text });
  }
  if (e.subset !== undefined && e.dataset === undefined) {
    ctx.addIssue({ code: 'custom', path: ['subset'], message: CHECK_MESSAGES.subset_applies_dataset_only().text });
  }
  if (e.analysis === 'subgroup' && e.by === undefined)
    ctx.addIssue({ code: 'custom', path: ['by'], message: CHECK_MESSAGES.subgroup_analysis_needs_grouping().text });
  if (e.analysis === 'regress' && e.mods === undefined)
    ctx.addIssue({ code: 'custom', path: ['mods'], message: CHECK_MESSAGES.meta_regression_needs_mods().text });
  if (e.analysis !== 'pool' && (e.method === 'MH' || e.method === 'PETO')) {
    ctx.addIssue({ code: 'custom', path: ['method'], message: CHECK_MESSAGES.method_applies_pool_only(e.method).text });
  }
  if ((e.source === undefined) !== (e.quote === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['source'], message: CHECK_MESSAGES.published_value_needs_both().text });
  }
});
export type Expectation = z.infer<typeof expectationSchema>;

/** The file: `{ "description"?, "expectations": [...] }` or a bare array of expectations. */
export const expectationsFileSchema = z.union([
  z.array(expectationSchema).min(1),
  z
    .object({
      $schema: z.string().optional(),
      description: z.string().optional(),
      expectations: z.array(expectationSchema).min(1),
    })
    .strict(),
]);
export type ExpectationsFile = z.infer<typeof expectationsFileSchema>;
