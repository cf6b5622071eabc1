// The settings in the page's address (URL search parameters), so an analysis can be shared: short,
// stable keys; the data never go in the address. Reading an address reports every unknown key and
// bad value as a problem and keeps the rest: an old or edited link still opens.
import type { Issue } from '../core/errors.js';
import { SESSION_MESSAGES } from './messages.js';
import { analysisSettingsSchema, SETTING_KEYS, type AnalysisSettings } from './settings.js';

/** The short key of each setting in the address (stable: shared links depend on them). */
export const QUERY_KEYS: Readonly<Record<keyof AnalysisSettings, string>> = {
  analysis: 'a',
  measure: 'm',
  method: 'me',
  test: 't',
  level: 'l',
  by: 'b',
  mods: 'x',
  cluster: 'c',
  robust: 'rb',
  random: 'r',
  struct: 'sx',
  vcov: 'vc',
  rho: 'rh',
  selectionType: 'st',
  steps: 's',
  glmmModel: 'g',
  control: 'ct',
  weights: 'w',
  tau2Ci: 'tci',
  tauPrior: 'tp',
  commonTau2: 'ct2',
  biasPredictor: 'bp',
  trimFillEstimator: 'tf',
  order: 'o',
  selectionAlternative: 'sa',
  selectionDelta: 'sd',
  glmmMethod: 'gm',
  nagq: 'nq',
  muPrior: 'mp',
  exclude: 'ex',
};

const SETTING_OF: ReadonlyMap<string, keyof AnalysisSettings> = new Map(SETTING_KEYS.map((k) => [QUERY_KEYS[k], k]));

/**
 * The address query of settings (without `?`): one parameter per setting given, in a fixed order;
 * each excluded study is its own `ex` parameter, steps are comma-separated.
 * @example settingsToQuery({ analysis: 'pool', measure: 'RR', level: 90 }) // 'a=pool&m=RR&l=90'
 */
export function settingsToQuery(settings: AnalysisSettings): string {
  const params = new URLSearchParams();
  for (const key of SETTING_KEYS) {
    const value = settings[key];
    if (value === undefined) continue;
    // Labels and formulas may hold commas: one parameter each.
    if (key === 'exclude' || (key === 'random' && Array.isArray(value))) for (const item of value as readonly string[]) params.append(QUERY_KEYS[key], item);
    else if (key === 'selectionDelta') params.append(QUERY_KEYS[key], deltaText(value as readonly (number | null)[]));
    else params.append(QUERY_KEYS[key], Array.isArray(value) ? value.join(',') : String(value));
  }
  return params.toString();
}

/**
 * Fixed δ's as the CLI's --delta writes them: comma-separated, `NA` for one estimated.
 * @example deltaText([1, null, 0.5]) // '1,NA,0.5'
 */
export function deltaText(delta: readonly (number | null)[]): string {
  return delta.map((d) => (d === null ? 'NA' : String(d))).join(',');
}

/**
 * The δ's of a `--delta` text (`1,NA,0.5`): `NA` or an empty entry → null (estimated), anything else
 * a number (NaN when it is none, for the schema to report).
 * @example deltaValues('1, NA,,0.5') // [1, null, null, 0.5]
 */
export function deltaValues(text: string): (number | null)[] {
  return text.split(',').map((t) => {
    const s = t.trim();
    return s === '' || s.toUpperCase() === 'NA' ? null : Number(s);
  });
}

/** The typed value of one address parameter, before the schema checks it. */
function typedValue(key: keyof AnalysisSettings, values: readonly string[]): unknown {
  const last = values[values.length - 1]!;
  if (key === 'exclude') return values;
  if (key === 'random') return values.length > 1 ? values : last;
  if (key === 'level' || key === 'rho' || key === 'nagq') return last.trim() === '' ? Number.NaN : Number(last);
  if (key === 'vcov') return last.split(',').map((s) => s.trim());
  if (key === 'commonTau2') return last === 'true' ? true : last === 'false' ? false : last;
  if (key === 'selectionDelta') return deltaValues(last);
  if (key === 'steps') return last.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
  return last;
}

/**
 * The settings of an address query (with or without `?`), and a problem for every unknown key and
 * bad value (that setting is left out; the analysis defaults to pool). Never throws.
 * @example settingsFromQuery('?a=pool&m=RR&l=90').settings // { analysis: 'pool', measure: 'RR', level: 90 }
 * @example settingsFromQuery('a=pool&zz=1').problems[0].code // 'unknown_setting'
 */
export function settingsFromQuery(query: string): { settings: AnalysisSettings; problems: Issue[] } {
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const problems: Issue[] = [];
  const found: Record<string, unknown> = {};
  for (const name of new Set(params.keys())) {
    const key = SETTING_OF.get(name);
    if (key === undefined) {
      problems.push({ code: 'unknown_setting', field: name, message: SESSION_MESSAGES.session_setting_unknown(name, [...SETTING_OF.keys()]).text });
      continue;
    }
    const raw = params.getAll(name);
    const checked = analysisSettingsSchema.shape[key].safeParse(typedValue(key, raw));
    if (checked.success) found[key] = checked.data;
    else {
      const reason = checked.error.issues[0]?.message ?? '';
      const received = key === 'exclude' ? raw : raw[raw.length - 1];
      problems.push({ code: 'invalid_setting', field: key, received, message: SESSION_MESSAGES.session_setting_invalid(key, received, reason).text });
    }
  }
  const settings = { ...found, analysis: found.analysis ?? 'pool' } as AnalysisSettings;
  return { settings, problems };
}
