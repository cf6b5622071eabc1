// The part of the page's permutation test that runs in the Web Worker: a prepared job (the analysis's
// effect table, its input warnings and the test's settings, all plain data) in, the JSON document of
// `metasynth permutest --json` out. Kept apart from reading the input so the worker stays small.
import type { Warning } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import type { Design } from '../regression/design.js';
import { runPermutest, type PermutestSettings } from './analyses/permutest.js';
import { jsonValue, labelDocument } from './document.js';
import { withExcludedStudies } from './exclude.js';

/** A permutation test ready to run: the studies, the warnings of their input, and the model and permutations. */
export interface PermutestJob {
  readonly table: EffectTable;
  /** The input's warnings (rows left out, corrections), first in the document as the CLI puts them. */
  readonly inputWarnings: readonly Warning[];
  readonly settings: Omit<PermutestSettings, 'onProgress'>;
  /** The moderators' design matrix (permutestDesign); null for the test of the pooled estimate. */
  readonly design: Design | null;
  /** The study labels left out by the user (`--exclude`), listed last in the document as `excludedStudies`. */
  readonly excluded: readonly string[];
}

/**
 * Runs a prepared permutation test: the document `metasynth permutest FILE ... --json` prints.
 * `onProgress(done, total)` reports the refits.
 * @example runPermutestJob(permutestJob({ dataset: 'bcg' }, { analysis: 'pool', measure: 'RR' }, { iterations: 50 }).job).analysis // 'intercept'
 */
export function runPermutestJob(job: PermutestJob, onProgress?: (done: number, total: number) => void): Record<string, unknown> {
  const doc = runPermutest(job.table, { ...job.settings, ...(onProgress ? { onProgress } : {}) }, job.design);
  const warned = job.inputWarnings.length === 0 ? doc : { ...doc, warnings: [...job.inputWarnings, ...doc.warnings] };
  return jsonValue(labelDocument(withExcludedStudies(warned, job.excluded), job.table));
}
