// The text lines of a forest plot outside the table: heterogeneity, the test for the overall effect
// and the test for subgroup differences, in the preset's wording.
import { formatNumber, formatPValue, presetWords, type ForestPreset } from './format.js';
import { decimalsOf } from './forestArms.js';
import { robLegendLine } from './forestRob.js';
import type { ForestContext } from './forestContext.js';
import { SYNTHETIC_FOOTER } from './spec.js';
import type { ForestHeterogeneity, ForestPlotInput } from './types.js';

/**
 * The heterogeneity line in the preset's wording; `short` for a subgroup's own row.
 * @example heterogeneityText({ tau2: 0.3132, i2: 92.22, q: 152.23, df: 12, pValue: 1e-25 }, 'default', false) // 'Heterogeneity: τ² = 0.31; I² = 92.2%; Q = 152.23, df = 12, p < 0.001'
 */
export function heterogeneityText(h: ForestHeterogeneity | null | undefined, preset: ForestPreset, short: boolean): string {
  if (!h) return '';
  const w = presetWords(preset);
  const parts: string[] = [];
  const tau2 = h.tau2 != null ? `${w.tau2} = ${formatNumber(h.tau2, h.tau2 !== 0 && h.tau2 < 0.01 ? 4 : 2)}` : '';
  const i2 = h.i2 != null ? `${w.i2} = ${formatNumber(h.i2, preset === 'default' ? 1 : 0)}%` : '';
  const q = h.q != null ? `${w.q} = ${formatNumber(h.q, 2)}${h.df != null ? `, df = ${h.df}` : ''}` : '';
  const p = formatPValue(h.pValue, preset);
  if (preset === 'revman5') {
    if (tau2) parts.push(tau2);
    if (q) parts.push(p ? `${q} (${p})` : q);
    if (i2) parts.push(i2);
    return `Heterogeneity: ${parts.join('; ')}`;
  }
  if (tau2) parts.push(tau2);
  if (i2) parts.push(i2);
  if (q) parts.push(p ? `${q}, ${p}` : q);
  return short ? `Heterogeneity: ${parts.join('; ')}` : `Heterogeneity: ${parts.join('; ')}`;
}

/**
 * The test for the overall effect in the preset's wording (RevMan prints |Z|); '' without a statistic.
 * @example overallTestText({ statistic: -3.97, pValue: 7.1e-5, test: 'z' }, 'revman5') // 'Test for overall effect: Z = 3.97 (P < 0.0001)'
 */
export function overallTestText(t: ForestPlotInput['overallTest'], preset: ForestPreset): string {
  if (!t || t.statistic == null) return '';
  const name = t.test === 't' ? `t${t.df != null ? `(${t.df})` : ''}` : preset === 'revman5' ? 'Z' : 'z';
  // RevMan prints |Z|; the others keep the sign.
  const stat = preset === 'revman5' ? Math.abs(t.statistic) : t.statistic;
  return `Test for overall effect: ${name} = ${formatNumber(stat, 2)} (${formatPValue(t.pValue, preset)})`;
}

/** The lines under the plot: the SYNTHETIC label (synthetic data), heterogeneity, overall test, test for subgroup differences. */
export function forestFooter(ctx: ForestContext): string[] {
  const { input, preset } = ctx;
  // Synthetic data: the first footer line repeats the label under the pooled estimate.
  const footer: string[] = input.synthetic ? [SYNTHETIC_FOOTER] : [];
  const het = heterogeneityText(input.heterogeneity, preset, false);
  if (het !== '') footer.push(het);
  const test = overallTestText(input.overallTest, preset);
  if (test !== '') footer.push(test);
  const sub = subgroupTestText(input.subgroupTest, preset);
  if (sub !== '') footer.push(sub);
  const rob = robLegendLine(ctx);
  if (rob !== '') footer.push(rob);
  return footer;
}

/**
 * The test for subgroup differences, naming which test it is, with its I² (χ² tests).
 * @example subgroupTestText({ q: 1.8614, df: 2, pValue: 0.3943, i2: 0 }, 'revman5') // 'Test for subgroup differences (Q between subgroups, separate Tau²): Chi² = 1.86, df = 2 (P = 0.39), I² = 0%'
 */
export function subgroupTestText(t: ForestPlotInput['subgroupTest'], preset: ForestPreset): string {
  if (!t || t.q == null) return '';
  const w = presetWords(preset);
  const mixed = t.test === 'mixed';
  const name = mixed ? `mixed-effects model with common ${w.tau2}` : `Q between subgroups, separate ${w.tau2}`;
  const f = mixed && t.dfDenominator != null;
  const stat = f
    ? `F(${t.df}, ${formatNumber(t.dfDenominator, decimalsOf(t.dfDenominator ?? 0, 2))}) = ${formatNumber(t.q, 2)}`
    : `${mixed ? 'QM' : w.q} = ${formatNumber(t.q, 2)}${t.df == null ? '' : `, df = ${t.df}`}`;
  const p = formatPValue(t.pValue, preset);
  const i2 = !f && t.i2 != null ? `${w.i2} = ${formatNumber(t.i2, preset === 'default' ? 1 : 0)}%` : '';
  const body = preset === 'revman5' ? `${stat}${p ? ` (${p})` : ''}${i2 ? `, ${i2}` : ''}` : `${stat}${p ? `, ${p}` : ''}${i2 ? `; ${i2}` : ''}`;
  return `Test for subgroup differences (${name}): ${body}`;
}

/**
 * I² of a test of subgroup differences, max(0, (Q − df)/Q)·100 (Higgins & Thompson 2002; RevMan 5's "I²" under the test).
 * @example subgroupI2(3.43, 2) // 41.69
 */
export function subgroupI2(q: number | null, df: number | null): number | null {
  if (q == null || df == null || !Number.isFinite(q) || !(q > 0)) return q === 0 ? 0 : null;
  return Math.max(0, ((q - df) / q) * 100);
}
