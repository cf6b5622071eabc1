// `metasynth regress FILE --method GLMM --mods a,b [--measure OR|IRR|PLO|IRLN] [--model ...]
// [--glmm-method ML|EE] [--nagq N] [--json]`: metafor's rma.glmm with moderators (src/glmm).
import type { StudyEffect } from '../../effects/types.js';
import { glmmRegression, type GlmmRegressionResult } from '../../glmm/index.js';
import { buildDesign } from '../../regression/design.js';
import type { ParsedArgs } from '../args.js';
import type { CliIO } from '../command.js';
import { formatFixed, formatPValue } from '../format.js';
import { writeResult } from '../output.js';
import { glmmStudies, parseGlmmOptions } from './poolGlmm.js';
import { CLI_MESSAGES } from '../messages.js';

const p4 = (x: number | null) => formatFixed(x, 4);

/** The summary for people, in the spirit of metafor's print.rma.glmm with moderators. */
export function glmmRegressionText(r: GlmmRegressionResult, file?: string): string {
  const kind = r.glmmMethod === 'ML' ? 'Mixed-effects' : 'Fixed-effects';
  const what = `GLMM${r.model !== null ? ` ${r.model}` : ''}, ${r.glmmMethod}${r.nagq !== null ? `, nAGQ = ${r.nagq}` : ''}`;
  const lines = [`${kind} meta-regression (${what}); ${r.measure}; k = ${r.k}${file ? ` (${file})` : ''}`, ''];
  if (r.glmmMethod === 'ML')
    lines.push(
      `tau² (residual) = ${p4(r.tau2)}${r.sigma2 !== null ? `, sigma² = ${p4(r.sigma2)}` : ''}, I² = ${formatFixed(r.i2, 2)}%, H² = ${formatFixed(r.h2, 2)}`,
      '',
    );
  const t = r.tests;
  const wald = t.wald === null ? '' : `Wld(df = ${t.wald.df}) = ${p4(t.wald.statistic)}, p = ${formatPValue(t.wald.pValue)}; `;
  lines.push(`Tests for residual heterogeneity: ${wald}LRT(df = ${t.lrt.df}) = ${p4(t.lrt.statistic)}, p = ${formatPValue(t.lrt.pValue)}`);
  lines.push(`Test of moderators: QM(df = ${r.moderatorTest.df}) = ${p4(r.moderatorTest.statistic)}, p = ${formatPValue(r.moderatorTest.pValue)}`, '');
  for (const c of r.coefficients)
    lines.push(
      `  ${c.name.padEnd(16)} ${p4(c.estimate).padStart(9)} (SE ${p4(c.standardError)}), z = ${p4(c.statistic)}, p = ${formatPValue(c.pValue)}, ${r.level}% CI ${p4(c.ciLower)} to ${p4(c.ciUpper)}`,
    );
  if (r.dropped.length > 0) lines.push('', 'Left out:', ...r.dropped.map((d) => `  ${d.study}: ${d.reason}`));
  if (r.warnings.length > 0) lines.push('', 'Notes:', ...r.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

/** Runs `regress --method GLMM`: the moderators' design from the study rows, then glmmRegression. */
export async function runGlmmRegress(args: ParsedArgs, io: CliIO, mods: readonly string[]): Promise<number> {
  const options = parseGlmmOptions(args, 'regress');
  const { studies, loaded } = glmmStudies(args, io, options.measure, 'regress');
  const pseudo: StudyEffect[] = loaded.studies.records.map((r) => ({
    study: r.study,
    row: r.row,
    effect: 0,
    variance: 1,
    standardError: 1,
    moderators: r.moderators,
  }));
  const design = buildDesign(pseudo, mods, 'regress');
  const X = design.rows.map((_, j) => design.columns.map((c) => c[j] as number));
  const used = design.rows.map((i) => studies[i]!);
  const result = glmmRegression(
    used,
    X,
    design.info.map((c) => c.name),
    options,
  );
  const excluded = design.excluded.map((e) => ({ code: 'moderator_missing', study: e.study, message: CLI_MESSAGES.study_left_out(e.study, e.reason).text }));
  const doc = { ...result, warnings: [...loaded.warnings, ...excluded, ...result.warnings] };
  writeResult(io, args, { synthetic: loaded.synthetic }, { json: () => doc, text: () => glmmRegressionText(result, loaded.name) });
  return 0;
}
