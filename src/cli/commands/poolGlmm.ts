// `metasynth pool FILE --measure OR|IRR|PLO|IRLN --method GLMM [--model UM.FS|UM.RS|CM.EL|CM.AL]
// [--glmm-method ML|EE] [--nagq N] [--json]`: metafor's rma.glmm (src/glmm).
import { MetasynthError } from '../../core/errors.js';
import {
  GLMM_MEASURES,
  GLMM_METHODS,
  GLMM_MODELS,
  glmmPool,
  isGlmmMeasure,
  isGlmmMethod,
  isGlmmModel,
  type GlmmMeasure,
  type GlmmResult,
  type GlmmStudy,
} from '../../glmm/index.js';
import { KIND_COLUMNS } from '../../schema/columns.js';
import type { OptionSpec, ParsedArgs } from '../args.js';
import type { CliIO } from '../command.js';
import { formatFixed, formatPValue } from '../format.js';
import { loadStudies, parseLevelOption, parseMeasureOption } from '../input.js';
import { writeResult } from '../output.js';
import { CLI_MESSAGES } from '../messages.js';

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

/** The columns each GLMM measure reads, for the usage error. */
const GLMM_COLUMNS: Record<GlmmMeasure, string> = { OR: 'ai, bi, ci, di or x1i, n1i, x2i, n2i', IRR: 'x1i, t1i, x2i, t2i', PLO: 'xi, ni', IRLN: 'xi, ti' };

/** One loaded record as a GLMM study of `measure`, or null when its columns do not fit. */
function recordStudy(r: ReturnType<typeof loadStudies>['studies']['records'][number], measure: GlmmMeasure): GlmmStudy | null {
  const base = { study: r.study, row: r.row };
  if (measure === 'OR' && r.kind === 'twoByTwo') return { ...base, measure, ai: r.ai, bi: r.bi, ci: r.ci, di: r.di };
  if (measure === 'OR' && r.kind === 'twoByTwoN') return { ...base, measure, ai: r.x1i, bi: r.n1i - r.x1i, ci: r.x2i, di: r.n2i - r.x2i };
  if (measure === 'PLO' && r.kind === 'proportion') return { ...base, measure, xi: r.xi, ni: r.ni };
  if (r.kind !== 'escalc') return null;
  const v = r.inputs;
  const has = (...f: string[]) => f.every((x) => typeof v[x] === 'number');
  if (measure === 'IRR' && has('x1i', 't1i', 'x2i', 't2i')) return { ...base, measure, x1i: v.x1i!, t1i: v.t1i!, x2i: v.x2i!, t2i: v.t2i! };
  if (measure === 'PLO' && has('xi', 'ni')) return { ...base, measure, xi: v.xi!, ni: v.ni! };
  if (measure === 'IRLN' && has('xi', 'ti')) return { ...base, measure, xi: v.xi!, ti: v.ti! };
  if (measure === 'OR' && has('ai', 'bi', 'ci', 'di')) return { ...base, measure, ai: v.ai!, bi: v.bi!, ci: v.ci!, di: v.di! };
  if (measure === 'OR' && has('ai', 'n1i', 'ci', 'n2i')) return { ...base, measure, ai: v.ai!, bi: v.n1i! - v.ai!, ci: v.ci!, di: v.n2i! - v.ci! };
  return null;
}

/** The GLMM studies of a loaded input, or a usage error naming the columns the measure needs. */
export function glmmStudies(args: ParsedArgs, io: CliIO, measure: GlmmMeasure, command = 'pool') {
  const loaded = loadStudies(args, io, command);
  const { kind, records } = loaded.studies;
  const studies = records.map((r) => {
    const s = recordStudy(r, measure);
    if (s === null) {
      const twoArm = measure === 'OR' || measure === 'IRR';
      throw new MetasynthError(
        'usage',
        CLI_MESSAGES.method_glmm_measure_needs(command, measure, twoArm, GLMM_COLUMNS[measure], loaded.name, KIND_COLUMNS[kind].label),
      );
    }
    return s;
  });
  return { studies, loaded };
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
  const result = glmmPool(studies, options);
  const doc = loaded.warnings.length > 0 ? { ...result, warnings: [...loaded.warnings, ...result.warnings] } : result;
  writeResult(io, args, { synthetic: loaded.synthetic }, { json: () => doc, text: () => glmmText(result, loaded.name) });
  return 0;
}
