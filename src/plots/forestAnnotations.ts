// The text lines of a forest plot outside the table: heterogeneity, the test for the overall effect
// and the test for subgroup differences, in the preset's wording.
import { formatNumber, formatPValue, presetWords, type ForestPreset } from './format.js';
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

function overallTestText(t: ForestPlotInput['overallTest'], preset: ForestPreset): string {
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
  if (input.subgroupTest) {
    const t = input.subgroupTest;
    const df = t.df == null ? '' : `, df = ${t.df}`;
    footer.push(`Test for subgroup differences: ${ctx.words.q} = ${formatNumber(t.q, 2)}${df} (${formatPValue(t.pValue, preset)})`);
  }
  return footer;
}
