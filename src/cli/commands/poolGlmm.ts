// `metasynth pool FILE --measure OR --method GLMM [--model CM.EL|UM.FS] [--glmm-method ML|EE]
// [--nagq N] [--json]`: metafor's rma.glmm for odds ratios from 2x2 tables (src/glmm).
import { MetasynthError } from '../../core/errors.js';
import { GLMM_METHODS, GLMM_MODELS, glmmPool, isGlmmMethod, isGlmmModel, type GlmmResult, type GlmmTable } from '../../glmm/index.js';
import { KIND_COLUMNS } from '../../schema/columns.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { CliIO } from '../command.js';
import { formatFixed, formatPValue } from '../format.js';
import { loadStudies, parseLevelOption, parseMeasureOption } from '../input.js';
import { writeResult } from '../output.js';
import { CLI_MESSAGES } from '../messages.js';

/** The options `pool` declares for `--method GLMM`. */
export const GLMM_OPTIONS: readonly OptionSpec[] = [
  { name: 'model', type: 'string', metavar: 'M', default: 'UM.FS', description: `with --method GLMM: ${GLMM_MODELS.join(', ')} (metafor's rma.glmm model; UM.FS is its default)` },
  { name: 'glmm-method', type: 'string', metavar: 'X', default: 'ML', description: `with --method GLMM: ${GLMM_METHODS.join(' (random effects), ')} (tau² = 0)` },
  { name: 'nagq', type: 'string', metavar: 'N', default: '7', description: 'with --method GLMM: adaptive Gauss–Hermite points (lme4 nAGQ) where the model uses them' },
];

/** True when `pool` is asked for a GLMM (`--method GLMM`). */
export function isGlmmRequest(args: ParsedArgs): boolean {
  return typeof args.options.method === 'string' && args.options.method.trim().toUpperCase() === 'GLMM';
}

function parseGlmmOptions(args: ParsedArgs) {
  const text = (v: unknown, d: string) => (typeof v === 'string' ? v.trim().toUpperCase() : d);
  const model = text(args.options.model, 'UM.FS');
  if (!isGlmmModel(model)) throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_model_not_one(args.options.model, GLMM_MODELS));
  const method = text(args.options['glmm-method'], 'ML');
  if (!isGlmmMethod(method)) throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_glmm_method_not(args.options['glmm-method'], GLMM_METHODS));
  const nagqText = typeof args.options.nagq === 'string' ? args.options.nagq.trim() : '7';
  const nagq = /^\d+$/.test(nagqText) ? Number(nagqText) : NaN;
  if (!(nagq >= 1 && nagq <= 100)) throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_nagq_whole_number(args.options.nagq));
  const measure = parseMeasureOption(args.options.measure) ?? 'OR';
  if (measure !== 'OR') throw new MetasynthError('invalid_option', CLI_MESSAGES.pool_method_glmm_model(model, measure));
  return { model, method, nagq, level: parseLevelOption(args.options.level) };
}

/** The 2x2 tables of a loaded input, or a usage error naming the columns a GLMM needs. */
function glmmTables(args: ParsedArgs, io: CliIO) {
  const loaded = loadStudies(args, io, 'pool');
  const { kind, records } = loaded.studies;
  const tables: GlmmTable[] = records.map((r) => {
    if (r.kind === 'twoByTwo') return { study: r.study, row: r.row, ai: r.ai, bi: r.bi, ci: r.ci, di: r.di };
    if (r.kind === 'twoByTwoN') return { study: r.study, row: r.row, ai: r.x1i, bi: r.n1i - r.x1i, ci: r.x2i, di: r.n2i - r.x2i };
    throw new MetasynthError('usage', CLI_MESSAGES.pool_method_glmm_needs(KIND_COLUMNS.twoByTwo.required, KIND_COLUMNS.twoByTwoN.required, loaded.name, KIND_COLUMNS[kind].label));
  });
  return { tables, loaded };
}

const p4 = (x: number | null) => formatFixed(x, 4);

/** The summary for people, in the spirit of metafor's print.rma.glmm. */
export function glmmText(r: GlmmResult, file?: string): string {
  const kind = r.glmmMethod === 'ML' ? 'Random-effects' : 'Equal-effects';
  const lines = [`${kind} model (GLMM ${r.model}, ${r.glmmMethod}${r.nagq !== null ? `, nAGQ = ${r.nagq}` : ''}); OR; k = ${r.k}${file ? ` (${file})` : ''}`, ''];
  if (r.glmmMethod === 'ML') lines.push(`tau² = ${p4(r.tau2)} (SE = ${p4(r.tau2StandardError)}), I² = ${formatFixed(r.i2, 2)}%, H² = ${formatFixed(r.h2, 2)}`, '');
  const t = r.tests;
  lines.push(`Tests for heterogeneity: Wld(df = ${t.wald.df}) = ${p4(t.wald.statistic)}, p = ${formatPValue(t.wald.pValue)}; LRT(df = ${t.lrt.df}) = ${p4(t.lrt.statistic)}, p = ${formatPValue(t.lrt.pValue)}`, '');
  lines.push(`log OR = ${p4(r.estimate)} (SE ${p4(r.standardError)}), z = ${p4(r.statistic)}, p = ${formatPValue(r.pValue)}, ${r.level}% CI ${p4(r.ciLower)} to ${p4(r.ciUpper)}`);
  lines.push(`OR = ${p4(r.transformed.estimate)} (${r.level}% CI ${p4(r.transformed.ciLower)} to ${p4(r.transformed.ciUpper)})`);
  if (r.dropped.length > 0) lines.push('', 'Left out:', ...r.dropped.map((d) => `  ${d.study}: ${d.reason}`));
  if (r.warnings.length > 0) lines.push('', 'Notes:', ...r.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

/** Runs `pool --method GLMM`. */
export async function runGlmmPool(args: ParsedArgs, io: CliIO): Promise<number> {
  const options = parseGlmmOptions(args);
  const { tables, loaded } = glmmTables(args, io);
  const result = glmmPool(tables, options);
  const doc = loaded.warnings.length > 0 ? { ...result, warnings: [...loaded.warnings, ...result.warnings] } : result;
  writeResult(io, args, { synthetic: loaded.synthetic }, { json: () => doc, text: () => glmmText(result, loaded.name) });
  return 0;
}
