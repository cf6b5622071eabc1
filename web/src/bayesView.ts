// The summary of the Bayesian analysis (bayes): the posterior of μ, τ and a new study's effect θ_new
// as `metasynth bayes` prints it (mean, median, mode, sd, the central and the shortest credible
// intervals, 4 decimals), the priors, and exp(μ) for ratio measures. Only the result document's figures.
import { el } from './dom.js';
import { formatFixed } from './format.js';

type Json = Readonly<Record<string, unknown>>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : null);
const f4 = (x: unknown) => formatFixed(num(x), 4);

/** The posterior rows, named as the CLI's table names them, with the page's test ids. */
const ROWS = [
  { key: 'mu', label: 'μ (mu, the mean effect)', id: 'mu' },
  { key: 'tau', label: 'τ (tau, the heterogeneity)', id: 'tau' },
  { key: 'prediction', label: 'θ_new (prediction, a new study)', id: 'prediction' },
] as const;

const COLUMNS = ['mean', 'median', 'mode', 'sd'] as const;

function cell(id: string, text: string): HTMLElement {
  return el('td', { 'data-testid': id }, text);
}

/** The posterior table (the CLI's summary table of `bayes`). */
function posteriorTable(doc: Json, level: number): HTMLElement {
  const head = ['', ...COLUMNS, `${level}% CrI`, 'shortest'].map((h) => el('th', { scope: 'col' }, h));
  const rows = ROWS.map(({ key, label, id }) => {
    const s = obj(doc[key]) ?? {};
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, label),
      ...COLUMNS.map((c) => cell(`bayes-${id}-${c}`, f4(s[c]))),
      cell(`bayes-${id}-cri`, `${f4(s.lower)} to ${f4(s.upper)}`),
      cell(`bayes-${id}-shortest`, `${f4(s.shortestLower)} to ${f4(s.shortestUpper)}`),
    );
  });
  return el(
    'table',
    { class: 'figures', 'data-testid': 'bayes-summary' },
    el('caption', {}, 'Posterior summary'),
    el('thead', {}, el('tr', {}, ...head)),
    el('tbody', {}, ...rows),
  );
}

/**
 * The parts of the Bayesian summary (nothing when the document is not a `bayes` result): priors, the
 * posterior table, and for ratio measures the back-transformed line the CLI prints.
 * @example bayesSummary(outcome.json).length // 3
 */
export function bayesSummary(json: unknown): HTMLElement[] {
  const doc = obj(json);
  const priors = obj(doc?.priors);
  if (!doc || !priors || !obj(doc.mu) || !obj(doc.tau)) return [];
  const level = num(doc.level) ?? 95;
  const parts = [
    el('p', {}, `Bayesian random-effects meta-analysis (normal-normal model); ${String(doc.measure ?? '')}; k = ${String(doc.k ?? '')}`),
    el('p', {}, `Prior for μ: ${String(obj(priors.mu)?.label ?? '')}; prior for τ: ${String(obj(priors.tau)?.label ?? '')}`),
    posteriorTable(doc, level),
  ];
  const t = obj(doc.transformed);
  const mu = obj(t?.mu);
  const prediction = obj(t?.prediction);
  if (mu && prediction) {
    parts.push(
      el(
        'p',
        { 'data-testid': 'bayes-transformed' },
        `${String(doc.measure)} (exp of mu): median ${f4(mu.median)} (${level}% CrI ${f4(mu.lower)} to ${f4(mu.upper)}); new study: ${f4(prediction.lower)} to ${f4(prediction.upper)}`,
      ),
    );
  }
  return parts;
}
