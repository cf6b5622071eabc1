// The `metasynth` command that reproduces a session's analysis: the same settings as the CLI's flags,
// every argument shell-quoted, so the page can show a command to copy.
import { deltaText } from './query.js';
import { randomTermsOf, type AnalysisSettings } from './settings.js';

/** The CLI flag of each setting, per analysis (a setting an analysis does not take is not written). */
const COMMON = { measure: '--measure', method: '--method', test: '--test', level: '--level', control: '--control' } as const;
const FLAGS: Readonly<Record<AnalysisSettings['analysis'], Partial<Record<keyof AnalysisSettings, string>>>> = {
  pool: { ...COMMON, by: '--group', weights: '--weights', tau2Ci: '--tau2-ci', robust: '--robust', cluster: '--cluster' },
  subgroup: { ...COMMON, by: '--by', commonTau2: '--common-tau2' },
  regress: { ...COMMON, mods: '--mods', weights: '--weights', tau2Ci: '--tau2-ci', robust: '--robust', cluster: '--cluster' },
  bias: { ...COMMON, biasPredictor: '--predictor', trimFillEstimator: '--estimator' },
  sensitivity: { ...COMMON, order: '--order' },
  multilevel: {
    measure: '--measure',
    method: '--method',
    test: '--test',
    level: '--level',
    mods: '--mods',
    struct: '--struct',
    vcov: '--vcov',
    rho: '--rho',
    robust: '--robust',
    cluster: '--cluster',
  },
  selection: {
    measure: '--measure',
    method: '--method',
    level: '--level',
    mods: '--mods',
    selectionType: '--type',
    steps: '--steps',
    selectionAlternative: '--alternative',
    selectionDelta: '--delta',
  },
  glmm: { measure: '--measure', test: '--test', level: '--level', glmmModel: '--model', glmmMethod: '--glmm-method', nagq: '--nagq' },
  bayes: { measure: '--measure', level: '--level', tauPrior: '--tau-prior', muPrior: '--mu-prior' },
};

/**
 * One shell word: kept as it is when it holds only safe characters, else single-quoted (a quote
 * inside written as '\'' ), so no label or formula can run anything.
 * @example shellQuote("Smith's data.csv") // "'Smith'\\''s data.csv'"
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The flags of the settings, in the schema's order, as argument words. */
function flagWords(s: AnalysisSettings): string[] {
  const flags = FLAGS[s.analysis];
  const words: string[] = s.analysis === 'glmm' ? ['--method', 'GLMM'] : [];
  // One --random per formula (a formula is one word; several are crossed or nested terms).
  if (s.analysis === 'multilevel') for (const term of randomTermsOf(s.random)) words.push('--random', term);
  for (const [key, flag] of Object.entries(flags) as [keyof AnalysisSettings, string][]) {
    const value = s[key];
    if (value === undefined || value === false) continue;
    // A switch (--common-tau2) is written alone; every other flag with its value.
    if (value === true) words.push(flag);
    else if (key === 'selectionDelta') words.push(flag, deltaText(value as readonly (number | null)[]));
    else words.push(flag, Array.isArray(value) ? value.join(',') : String(value));
  }
  // One --exclude per label: labels may hold commas ("Aronson, 1948").
  for (const label of new Set(s.exclude ?? [])) words.push('--exclude', label);
  return words;
}

/**
 * The exact `metasynth` command that prints what runAnalysis returns (add `--json` for the document):
 * the file (or `--dataset NAME`), one flag per setting given, and one `--exclude LABEL` per excluded study.
 * @example cliCommandFor({ analysis: 'pool', measure: 'RR', method: 'DL' }, 'bcg data.csv') // "metasynth pool 'bcg data.csv' --measure RR --method DL"
 * @example cliCommandFor({ analysis: 'subgroup', by: 'alloc' }, { dataset: 'classic/bcg' }) // 'metasynth subgroup --dataset classic/bcg --by alloc'
 * @example cliCommandFor({ analysis: 'pool', measure: 'RR', exclude: ['Aronson, 1948'] }, 'bcg.csv') // "metasynth pool bcg.csv --measure RR --exclude 'Aronson, 1948'"
 */
export function cliCommandFor(settings: AnalysisSettings, file: string | { readonly dataset: string }): string {
  const command = settings.analysis === 'glmm' ? 'pool' : settings.analysis;
  const input = typeof file === 'string' ? [file] : ['--dataset', file.dataset];
  return ['metasynth', command, ...input, ...flagWords(settings)].map((w, i) => (i < 2 ? w : shellQuote(w))).join(' ');
}

/** The flags of `metasynth permutest` the page's settings give (the model of its pool or regress analysis). */
const PERMUTEST_FLAGS: Partial<Record<keyof AnalysisSettings, string>> = { ...COMMON, mods: '--mods' };

/**
 * The exact `metasynth permutest` command that prints what the page's permutation test shows (add
 * `--json` for the document): the analysis's model settings, `--iterations`, `--seed` and one
 * `--exclude LABEL` per study left out.
 * @example permutestCommandFor({ analysis: 'regress', measure: 'RR', mods: 'ablat' }, 'bcg.csv', { iterations: 5000, seed: 2 }) // 'metasynth permutest bcg.csv --measure RR --mods ablat --iterations 5000 --seed 2'
 */
export function permutestCommandFor(
  settings: AnalysisSettings,
  file: string | { readonly dataset: string },
  request: { readonly iterations?: number; readonly seed?: number },
): string {
  const input = typeof file === 'string' ? [file] : ['--dataset', file.dataset];
  const words: string[] = [];
  for (const [key, flag] of Object.entries(PERMUTEST_FLAGS) as [keyof AnalysisSettings, string][]) {
    const value = settings[key];
    if (value !== undefined && (key !== 'mods' || settings.analysis === 'regress')) words.push(flag, String(value));
  }
  words.push('--iterations', String(request.iterations ?? 1000), '--seed', String(request.seed ?? 1));
  for (const label of new Set(settings.exclude ?? [])) words.push('--exclude', label);
  return ['metasynth', 'permutest', ...[...input, ...words].map(shellQuote)].join(' ');
}
