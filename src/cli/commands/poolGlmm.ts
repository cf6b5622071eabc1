// `metasynth pool FILE --measure OR|IRR|PLO|IRLN --method GLMM [--model UM.FS|UM.RS|CM.EL|CM.AL]
// [--glmm-method ML|EE] [--nagq N] [--json]`: metafor's rma.glmm (src/glmm).
import { MetasynthError } from '../../core/errors.js';
import { GLMM_MEASURES, GLMM_METHODS, GLMM_MODELS, isGlmmMeasure, isGlmmMethod, isGlmmModel, type GlmmMeasure, type GlmmResult } from '../../glmm/index.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { CliIO } from '../command.js';
import { formatFixed, formatPValue } from '../format.js';
import { loadStudies, parseLevelOption, parseMeasureOption } from '../input.js';
import { writeResult } from '../output.js';
import { CLI_MESSAGES } from '../messages.js';
import { glmmPoolRun, glmmStudiesOf } from '../../session/analyses/glmm.js';

/** The options `pool` declares for `--method GLMM`. */
export const GLMM_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'model',
    type: 'string',
    metavar: 'M',
    default: 'UM.FS',
    description: `with --method GLMM: ${GLMM_MODELS.join(', ')} (metafor's rma.glmm model; UM.FS is its default)`,
  },
  {
    name: 'glmm-method',
    type: 'string',
    metavar: 'X',
    default: 'ML',
    description: `with --method GLMM: ${GLMM_METHODS.join(' (random effects), ')} (tau² = 0)`,
  },
  {
    name: 'nagq',
    type: 'string',
    metavar: 'N',
    default: '7',
    description:
      'with --method GLMM: adaptive Gauss–Hermite points (lme4 nAGQ) where the model uses them (UM.RS with ML: 1, the Laplace approximation, as metafor)',
  },
  {
    name: 'keep-double-zero',
    type: 'boolean',
    description: "with --method GLMM: keep studies with no events (or only events) in both groups (metafor's drop00 = FALSE; UM.RS can use them)",
  },
];

/** True when `pool` is asked for a GLMM (`--method GLMM`). */
export function isGlmmRequest(args: ParsedArgs): boolean {
  return typeof args.options.method === 'string' && args.options.method.trim().toUpperCase() === 'GLMM';
}

export function parseGlmmOptions(args: ParsedArgs, command = 'pool') {
  const text = (v: unknown, d: string) => (typeof v === 'string' ? v.trim().toUpperCase() : d);
  const modelGiven = typeof args.options.model === 'string';
  const model = text(args.options.model, 'UM.FS');
  if (!isGlmmModel(model)) throw new MetasynthError('invalid_option', CLI_MESSAGES.glmm_unknown_model(command, args.options.model, GLMM_MODELS));
  const method = text(args.options['glmm-method'], 'ML');
  if (!isGlmmMethod(method))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.glmm_method_glmm_method(command, args.options['glmm-method'], GLMM_METHODS));
  const nagqText = typeof args.options.nagq === 'string' ? args.options.nagq.trim() : '7';
  const nagq = /^\d+$/.test(nagqText) ? Number(nagqText) : NaN;
  if (!(nagq >= 1 && nagq <= 100)) throw new MetasynthError('invalid_option', CLI_MESSAGES.nagq_whole_number_quadrature(command, args.options.nagq));
  const measure = parseMeasureOption(args.options.measure) ?? 'OR';
  if (modelGiven && (model === 'CM.EL' || model === 'CM.AL') && measure !== 'OR' && measure !== 'IRR') {
    throw new MetasynthError('invalid_option', CLI_MESSAGES.method_glmm_model_needs(command, model, measure));
  }
  if (!isGlmmMeasure(measure)) throw new MetasynthError('invalid_option', CLI_MESSAGES.method_glmm_fits_metafor(command, GLMM_MEASURES, measure));
  return {
    measure,
    ...(modelGiven ? { model } : {}),
    method,
    nagq,
    drop00: args.options['keep-double-zero'] !== true,
    level: parseLevelOption(args.options.level),
  };
}

/** The GLMM studies of a loaded input, or a usage error naming the columns the measure needs. */
export function glmmStudies(args: ParsedArgs, io: CliIO, measure: GlmmMeasure, command = 'pool') {
  const loaded = loadStudies(args, io, command);
  return { studies: glmmStudiesOf(loaded, measure, command), loaded };
}

const p4 = (x: number | null) => formatFixed(x, 4);

/** The summary for people, in the spirit of metafor's print.rma.glmm. */
export function glmmText(r: GlmmResult, file?: string): string {
  const kind = r.glmmMethod === 'ML' ? 'Random-effects' : 'Equal-effects';
  const what = `GLMM${r.model !== null ? ` ${r.model}` : ''}, ${r.glmmMethod}${r.nagq !== null ? `, nAGQ = ${r.nagq}` : ''}`;
  const lines = [`${kind} model (${what}); ${r.measure}; k = ${r.k}${file ? ` (${file})` : ''}`, ''];
  const sigma = r.sigma2 !== null ? `, sigma² (study intercepts) = ${p4(r.sigma2)}` : '';
  if (r.glmmMethod === 'ML')
    lines.push(
      `tau² = ${p4(r.tau2)}${r.tau2StandardError !== null ? ` (SE = ${p4(r.tau2StandardError)})` : ''}${sigma}, I² = ${formatFixed(r.i2, 2)}%, H² = ${formatFixed(r.h2, 2)}`,
      '',
    );
  else if (sigma !== '') lines.push(sigma.slice(2), '');
  const t = r.tests;
  const wald = t.wald === null ? '' : `Wld(df = ${t.wald.df}) = ${p4(t.wald.statistic)}, p = ${formatPValue(t.wald.pValue)}; `;
  lines.push(`Tests for heterogeneity: ${wald}LRT(df = ${t.lrt.df}) = ${p4(t.lrt.statistic)}, p = ${formatPValue(t.lrt.pValue)}`, '');
  const scale = r.measure === 'OR' ? 'log OR' : r.measure === 'IRR' ? 'log IRR' : r.measure === 'PLO' ? 'logit' : 'log rate';
  const back = r.measure === 'PLO' ? 'proportion' : r.measure === 'IRLN' ? 'rate' : r.measure;
  lines.push(
    `${scale} = ${p4(r.estimate)} (SE ${p4(r.standardError)}), z = ${p4(r.statistic)}, p = ${formatPValue(r.pValue)}, ${r.level}% CI ${p4(r.ciLower)} to ${p4(r.ciUpper)}`,
  );
  lines.push(`${back} = ${p4(r.transformed.estimate)} (${r.level}% CI ${p4(r.transformed.ciLower)} to ${p4(r.transformed.ciUpper)})`);
  if (r.dropped.length > 0) lines.push('', 'Left out:', ...r.dropped.map((d) => `  ${d.study}: ${d.reason}`));
  if (r.warnings.length > 0) lines.push('', 'Notes:', ...r.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

/** Runs `pool --method GLMM`. */
export async function runGlmmPool(args: ParsedArgs, io: CliIO): Promise<number> {
  const options = parseGlmmOptions(args);
  const { studies, loaded } = glmmStudies(args, io, options.measure);
  const run = glmmPoolRun(loaded, studies, options);
  writeResult(io, args, { synthetic: loaded.synthetic }, { json: () => run.json, text: () => glmmText(run.result, loaded.name) });
  return 0;
}
