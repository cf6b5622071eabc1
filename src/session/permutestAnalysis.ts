// The permutation test of the page's pool or meta-regression analysis (metafor's permutest): the same
// input, measure, model settings and exclusions as runAnalysis, and the JSON document
// `metasynth permutest FILE ... --json` prints (the page runs it in a Web Worker: it refits the model
// once per permutation).
import { MetasynthError, type Issue } from '../core/errors.js';
import { isPoolManyMethod } from '../batch/index.js';
import { METAFOR_DEFAULT_CONTROL } from '../heterogeneity/index.js';
import { isMeasure } from '../effects/types.js';
import { isSeed } from '../permutation/index.js';
import { permutestDesign } from './analyses/permutestDesign.js';
import { modsTerms } from './analyses/regress.js';
import { effectTableOf, inputWarnings } from './input.js';
import { runPermutestJob, type PermutestJob } from './permutestJob.js';
import { SESSION_MESSAGES } from './messages.js';
import { loadedStudiesOf, type AnalysisInput } from './readInput.js';
import { checkedSettings, problemsOf, withoutExcluded } from './runAnalysis.js';
import type { AnalysisSettings } from './settings.js';

/** The permutations asked for: as `--iterations`, `--seed` and `--exact` (the CLI's defaults 1000, 1, no). */
export interface PermutestRequest {
  readonly iterations?: number;
  readonly seed?: number;
  readonly exact?: boolean;
}

/** The analyses whose model the permutation test refits: pool tests the estimate, regress the moderators. */
export const PERMUTEST_OF = ['pool', 'regress'] as const;

/** The largest number of permutations asked for (the library's exact limit, 2²⁴). */
export const PERMUTEST_MAX_ITERATIONS = 2 ** 24;

/** The settings' model for the test, or a MetasynthError naming the setting that has no permutation test. */
function permutestModel(s: AnalysisSettings) {
  if (!(PERMUTEST_OF as readonly string[]).includes(s.analysis))
    throw new MetasynthError('usage', SESSION_MESSAGES.session_permutest_analysis(s.analysis, PERMUTEST_OF));
  const method = s.method ?? 'REML';
  if (!isPoolManyMethod(method)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_method_not_here('permutest', method));
  for (const key of ['by', 'weights', 'robust'] as const) {
    if (s[key] !== undefined) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_permutest_not_with(key));
  }
  const mods = s.analysis === 'regress' ? modsTerms(s.mods ?? '') : null;
  if (mods !== null && mods.length === 0) throw new MetasynthError('usage', SESSION_MESSAGES.session_needs_setting('regress', 'mods'));
  return { mods, method, test: s.test ?? 'z', level: s.level ?? 95, ...(s.control === 'metafor' ? { control: METAFOR_DEFAULT_CONTROL } : {}) };
}

/** The permutations asked for, checked as the CLI checks --iterations and --seed. */
function permutations(r: PermutestRequest) {
  const iterations = r.iterations ?? 1000;
  if (!(Number.isSafeInteger(iterations) && iterations >= 2 && iterations <= PERMUTEST_MAX_ITERATIONS))
    throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_permutest_iterations(iterations, PERMUTEST_MAX_ITERATIONS));
  const seed = r.seed ?? 1;
  if (!isSeed(seed)) throw new MetasynthError('invalid_option', SESSION_MESSAGES.session_permutest_seed(seed));
  return { iterations, seed, exact: r.exact === true };
}

/**
 * The permutation test of a pool or regress analysis, prepared: the analysis's studies (same input,
 * measure and exclusions as runAnalysis), and its model settings and permutations, checked. Never throws.
 * @example permutestJob({ dataset: 'bcg' }, { analysis: 'pool', measure: 'RR' }).ok // true
 */
export function permutestJob(
  input: AnalysisInput,
  settings: AnalysisSettings,
  request: PermutestRequest = {},
): { readonly ok: true; readonly job: PermutestJob } | { readonly ok: false; readonly problems: readonly Issue[] } {
  const checked = checkedSettings(settings);
  if (!checked.ok) return { ok: false, problems: checked.problems };
  const s = checked.settings;
  try {
    const model = permutestModel(s);
    const perms = permutations(request);
    const { loaded, excluded } = withoutExcluded(loadedStudiesOf(input, s.measure), s.exclude ?? []);
    // As the CLI: --measure, else the source's default measure.
    const fallback = loaded.defaultMeasure?.trim().toUpperCase();
    const measure = s.measure ?? (fallback !== undefined && isMeasure(fallback) ? fallback : undefined);
    const table = effectTableOf(loaded, measure, { command: 'permutest' });
    const design = model.mods === null ? null : permutestDesign(table, model.mods);
    return { ok: true, job: { table, inputWarnings: inputWarnings(table), settings: { ...model, ...perms }, design, excluded } };
  } catch (err) {
    return { ok: false, problems: problemsOf(err) };
  }
}

/**
 * The permutation test of a pool analysis (the pooled estimate, by sign flips) or of a regress analysis
 * (its moderators, by permuting the rows), with the analysis's measure, method, test, level, control and
 * exclusions: `json` equals what `metasynth permutest FILE [--mods M] ... --iterations N --seed S --json`
 * prints. `onProgress(done, total)` reports the refits. Never throws: problems come back as Issues.
 * (The page runs the same two steps: permutestJob, then runPermutestJob in its Web Worker.)
 * @example permutestAnalysis({ dataset: 'bcg' }, { analysis: 'pool', measure: 'RR' }, { iterations: 100 }).ok // true
 */
export function permutestAnalysis(
  input: AnalysisInput,
  settings: AnalysisSettings,
  request: PermutestRequest = {},
  onProgress?: (done: number, total: number) => void,
): { readonly ok: true; readonly json: Record<string, unknown> } | { readonly ok: false; readonly problems: readonly Issue[] } {
  const prepared = permutestJob(input, settings, request);
  if (!prepared.ok) return prepared;
  try {
    return { ok: true, json: runPermutestJob(prepared.job, onProgress) };
  } catch (err) {
    return { ok: false, problems: problemsOf(err) };
  }
}
