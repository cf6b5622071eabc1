// The summary of the multilevel model (multilevel, metafor's rma.mv) as `metasynth multilevel` prints it:
// the pooled estimate of an intercept-only model, the variance components per level (with their number
// of levels and profile CIs), τ²/ρ of an `~ inner | outer` term, I² by level, the heterogeneity test and
// the cluster-robust tests when asked. Only the result document's figures; nothing is computed here.
import { el } from './dom.js';
import { formatFixed, formatPValue, formatPercent, pText } from './format.js';

type Json = Readonly<Record<string, unknown>>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const obj = (x: unknown): Json | null => (x !== null && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : null);
const list = (x: unknown): Json[] => (Array.isArray(x) ? x.flatMap((v) => (obj(v) ? [v as Json] : [])) : []);
const f4 = (x: unknown) => formatFixed(num(x), 4);
const interval = (c: Json | null) => (c ? `[${f4(c.lower)}, ${c.upper === null ? 'NA' : f4(c.upper)}]` : '');

/**
 * True for the document of a multilevel analysis (its random terms and coefficients).
 * @example isMultilevelDocument({ random: ['~ 1 | study'], coefficients: [] }) // true
 */
export function isMultilevelDocument(json: unknown): boolean {
  const doc = obj(json);
  return doc !== null && Array.isArray(doc.random) && Array.isArray(doc.coefficients) && Array.isArray(doc.sigma2);
}

function item(term: string, id: string, value: string): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, el('span', { 'data-testid': id }, value))];
}

/**
 * The summary box of a multilevel document: the estimate of an intercept-only model with its CI and PI,
 * I² (total) and Q (the summary's test ids), or a pointer to the coefficients for a model with moderators.
 * @example multilevelSummaryBox(outcome.json)[0].textContent // 'Multivariate meta-analysis model (k = 56; method: REML; measure SMD)'
 */
export function multilevelSummaryBox(doc: Json): HTMLElement[] {
  const head = el(
    'p',
    {},
    `Multivariate meta-analysis model (k = ${String(doc.k ?? '')}; method: ${String(doc.method ?? '')}; measure ${String(doc.measure ?? '')})`,
  );
  const coefficients = list(doc.coefficients);
  const c = coefficients[0];
  if (coefficients.length !== 1 || !c) return [head, el('p', {}, 'This model has moderators: see its coefficients below.')];
  const level = num(doc.level) ?? 95;
  const i2 = obj(doc.i2);
  const dl = el(
    'dl',
    {},
    ...item('Estimate (intercept)', 'summary-estimate', f4(c.estimate)),
    ...item(`${level}% CI lower`, 'summary-ci-lower', f4(c.ciLower)),
    ...item(`${level}% CI upper`, 'summary-ci-upper', f4(c.ciUpper)),
    ...item(`${level}% PI lower`, 'summary-pi-lower', f4(doc.piLower)),
    ...item(`${level}% PI upper`, 'summary-pi-upper', f4(doc.piUpper)),
    ...item('I² (total)', 'summary-i2', formatPercent(num(i2?.total))),
    ...item(`Q (df = ${num(doc.qDf) ?? 'NA'})`, 'summary-q', f4(doc.q)),
    ...item('Q p-value', 'summary-qp', formatPValue(num(doc.qPValue))),
    ...item('k (rows)', 'summary-k', String(num(doc.k) ?? 'NA')),
  );
  return [head, el('p', {}, `Test of the estimate: ${pText(num(c.pValue))}`), dl];
}

/** The variance components table: one row per sigma² (estimate, sqrt, number of levels, factor, profile CI). */
function varianceTable(doc: Json, level: number): HTMLElement | null {
  const sigma2 = list(doc.sigma2);
  if (sigma2.length === 0) return null;
  const ci = list(obj(doc.confint)?.sigma2);
  const head = ['', 'estim', 'sqrt', 'nlvls', 'factor', `${level}% profile CI`].map((h) => el('th', { scope: 'col' }, h));
  const rows = sigma2.map((s, j) => {
    const estimate = num(s.estimate);
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, `sigma^2.${j + 1}`),
      el('td', { 'data-testid': `ml-sigma2-${j}` }, f4(estimate)),
      el('td', {}, f4(estimate === null ? null : Math.sqrt(estimate))),
      el('td', { 'data-testid': `ml-sigma2-${j}-levels` }, String(num(s.levels) ?? '')),
      el('td', {}, String(s.name ?? '')),
      el('td', {}, interval(ci[j] ?? null)),
    );
  });
  return el(
    'table',
    { class: 'figures', 'data-testid': 'multilevel-variance' },
    el('caption', {}, 'Variance components'),
    el('thead', {}, el('tr', {}, ...head)),
    el('tbody', {}, ...rows),
  );
}

/** The τ² and ρ lines of an `~ inner | outer` term, with their profile CIs. */
function tau2RhoLines(doc: Json): HTMLElement[] {
  const tau2 = Array.isArray(doc.tau2) ? (doc.tau2 as unknown[]) : [];
  const rho = Array.isArray(doc.rho) ? (doc.rho as unknown[]) : num(doc.rho) !== null ? [doc.rho] : [];
  const ci = obj(doc.confint);
  const rhoCi = Array.isArray(ci?.rho) ? list(ci?.rho) : obj(ci?.rho) ? [obj(ci?.rho)!] : [];
  return [
    ...tau2.map((t, j) => el('p', {}, `tau^2${tau2.length > 1 ? `.${j + 1}` : ''} = ${f4(t)}  ${interval(list(ci?.tau2)[j] ?? null)}`)),
    ...rho.map((r, j) => el('p', {}, `rho${rho.length > 1 ? `.${j + 1}` : ''} = ${f4(r)}  ${interval(rhoCi[j] ?? null)}`)),
  ];
}

/** The I² line by level (metafor's multilevel I²), as the CLI prints it. */
function i2Line(doc: Json): HTMLElement | null {
  const i2 = obj(doc.i2);
  if (!i2) return null;
  const levels = list(i2.levels).map((l) => `${String(l.name ?? '')}: ${formatFixed(num(l.value), 2)}%`);
  return el('p', { 'data-testid': 'multilevel-i2' }, `I² (total) = ${formatFixed(num(i2.total), 2)}%; ${levels.join(', ')}`);
}

/** The cluster-robust coefficient table (CR1, or CR2 with Satterthwaite df), when the document holds one. */
function robustTable(doc: Json, level: number): HTMLElement | null {
  const robust = obj(doc.robust);
  if (!robust) return null;
  const names = list(doc.coefficients).map((c) => String(c.name ?? ''));
  const head = ['coefficient', 'se', 'tval', 'df', 'pval', `${level}% CI`].map((h) => el('th', { scope: 'col' }, h));
  const rows = list(robust.coefficients).map((c, j) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, names[j] ?? ''),
      el('td', { 'data-testid': `ml-robust-${j}-se` }, f4(c.standardError)),
      el('td', {}, f4(c.statistic)),
      el('td', {}, formatFixed(num(c.df), 2)),
      el('td', {}, formatPValue(num(c.pValue))),
      el('td', {}, `${f4(c.ciLower)} to ${f4(c.ciUpper)}`),
    ),
  );
  const type = String(robust.type ?? '');
  const caption = `Cluster-robust inference (${type}; ${type === 'CR2' ? 'Satterthwaite df, HTZ test' : 'df = clusters − p'})`;
  return el(
    'table',
    { class: 'figures', 'data-testid': 'multilevel-robust' },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head)),
    el('tbody', {}, ...rows),
  );
}

/**
 * The multilevel parts of the figures (nothing for other documents): the random terms, the variance
 * components, τ²/ρ, I² by level, the heterogeneity test and the cluster-robust table.
 * @example multilevelFigures(outcome.json).length > 0 // true
 */
export function multilevelFigures(json: unknown): HTMLElement[] {
  if (!isMultilevelDocument(json)) return [];
  const doc = json as Json;
  const level = num(doc.level) ?? 95;
  const struct = typeof doc.struct === 'string' ? `; struct ${doc.struct}` : '';
  const parts = [
    el('p', {}, `Random effects: ${(doc.random as unknown[]).map(String).join(', ')}${struct}`),
    varianceTable(doc, level),
    ...tau2RhoLines(doc),
    i2Line(doc),
    el('p', {}, `Test for heterogeneity: Q(df = ${num(doc.qDf) ?? 'NA'}) = ${f4(doc.q)}, ${pText(num(doc.qPValue))}`),
    robustTable(doc, level),
  ];
  return parts.filter((p): p is HTMLElement => p !== null);
}
