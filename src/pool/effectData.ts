// The one entry point by which bias and sensitivity functions read their input: an EffectTable
// (from effectSizes) or plain arrays, validated once and copied into Float64Arrays so that no
// caller's data is ever touched.
import { MetasynthError, type Issue } from '../core/errors.js';
import type { EffectTable, Measure } from '../effects/types.js';
import type { EffectArrays } from './types.js';
import { countOf } from '../core/plural.js';
import { POOL_MESSAGES } from './messages.js';

/** What every bias and sensitivity function accepts: a table, or the plain arrays pool() accepts. */
export type EffectData = EffectTable | EffectArrays;

/** Validated copies: yi, vi (vi > 0, all finite), labels and measure. */
export interface StudyArrays {
  readonly yi: Float64Array;
  readonly vi: Float64Array;
  readonly study: readonly string[];
  readonly measure: Measure | null;
}

function isTable(data: EffectData): data is EffectTable {
  return Array.isArray((data as EffectTable).studies);
}

/**
 * Read effects and variances from a table or arrays, validating every study and reporting all
 * problems at once (`invalid_input`). Labels default to `Study 1`, `Study 2`, … as metafor's.
 * @example readStudies({ effect: [0.1, 0.3], variance: [0.01, 0.02] }).study // ['Study 1', 'Study 2']
 */
export function readStudies(data: EffectData, what: string): StudyArrays {
  let effect: ArrayLike<number>;
  let variance: ArrayLike<number>;
  let labels: readonly (string | undefined)[];
  let measure: Measure | null;
  if (isTable(data)) {
    effect = data.studies.map((s) => s.effect);
    variance = data.studies.map((s) => s.variance);
    labels = data.studies.map((s) => s.study);
    measure = data.measure;
  } else {
    if (data === null || typeof data !== 'object' || data.effect === undefined || data.variance === undefined) {
      throw new MetasynthError('invalid_input', POOL_MESSAGES.expected_effect_table_effect(what));
    }
    effect = data.effect;
    variance = data.variance;
    labels = data.study ?? [];
    measure = data.measure ?? null;
    if (effect.length !== variance.length) {
      throw new MetasynthError('invalid_input', POOL_MESSAGES.effect_has_but_variance(what, countOf(effect.length, 'value'), variance.length));
    }
  }
  const k = effect.length;
  const yi = new Float64Array(k);
  const vi = new Float64Array(k);
  const study: string[] = [];
  const issues: Issue[] = [];
  for (let i = 0; i < k; i++) {
    const name = labels[i] !== undefined && labels[i] !== '' ? labels[i]! : `Study ${i + 1}`;
    study.push(name);
    const y = effect[i]!;
    const v = variance[i]!;
    if (typeof y !== 'number' || !Number.isFinite(y)) {
      issues.push({ code: 'not_a_number', study: name, field: 'effect', received: y, message: POOL_MESSAGES.not_a_number_study(i + 1, name, y).text });
    }
    if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) {
      issues.push({ code: 'not_positive', study: name, field: 'variance', received: v, message: POOL_MESSAGES.not_positive_study(i + 1, name, v).text });
    }
    yi[i] = y;
    vi[i] = v;
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.invalid_studies(what, issues.length), issues);
  if (k === 0) throw new MetasynthError('invalid_input', POOL_MESSAGES.no_studies(what));
  return { yi, vi, study, measure };
}

export { finiteOrNull } from '../core/finite.js';
