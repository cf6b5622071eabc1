// `metasynth selection FILE --type T [--steps 0.025,1] [--alternative greater|less|two.sided]
// [--method REML|ML|EE] [--mods a,b] [--measure M] [--level 95] [--json]`: selection models for
// publication bias (metafor 3.8-1 selmodel).
import { MetasynthError } from '../../core/errors.js';
import { isMetaRegressionMethod } from '../../regression/index.js';
import {
  SELECTION_ALTERNATIVES,
  SELECTION_TYPES,
  isSelectionAlternative,
  isSelectionType,
  selectionModel,
  type SelectionAlternative,
  type SelectionModelResult,
} from '../../selection/index.js';
import type { Command } from '../command.js';
import { formatFixed, formatNumber, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { CLI_MESSAGES } from '../messages.js';

/** `0.025,0.5,1` → [0.025, 0.5, 1], naming a value that is not a number (messages start with `command`). */
export function parseStepsOption(value: string | boolean | undefined, command = 'selection'): number[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.selection_steps_comma_separated(command));
  return value.split(',').map((t, i) => {
    const x = Number(t.trim());
    if (t.trim() === '' || !Number.isFinite(x))
      throw new MetasynthError('invalid_option', CLI_MESSAGES.selection_steps_value_not(command, i + 1, JSON.stringify(t.trim())));
    return x;
  });
}

/** `1,0.99,NA,0.5` → [1, 0.99, null, 0.5]: the δ's to fix (metafor `delta`), NA or an empty entry for one to estimate. */
export function parseDeltaOption(value: string | boolean | undefined): (number | null)[] | undefined {
  if (value === undefined || value === false) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.selection_delta_comma_separated());
  return value.split(',').map((t, i) => {
    const s = t.trim();
    if (s === '' || s.toUpperCase() === 'NA') return null;
    const x = Number(s);
    if (!Number.isFinite(x)) throw new MetasynthError('invalid_option', CLI_MESSAGES.selection_delta_value_not(i + 1, JSON.stringify(s)));
    return x;
  });
}

export { selectionJson } from '../../session/analyses/selection.js';
import { selectionJson } from '../../session/analyses/selection.js';

/** `--alternative` (default greater), checked against SELECTION_ALTERNATIVES (messages start with `command`). */
export function parseAlternativeOption(value: string | boolean | undefined, command = 'selection'): SelectionAlternative {
  const alternative = typeof value === 'string' ? value.trim() : 'greater';
  if (!isSelectionAlternative(alternative))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.selection_alternative_one(command, alternative, SELECTION_ALTERNATIVES));
  return alternative;
}

/** A summary for people, in the spirit of metafor's print.rma.uni.selmodel. */
export function selectionText(r: SelectionModelResult): string {
  const right = { align: 'right' } as const;
  const lines: string[] = [];
  lines.push(
    `${r.method === 'ML' ? 'Random-effects' : 'Fixed-effects'} model with ${r.type} selection (k = ${r.k}; ${r.method}; alternative ${r.alternative}${r.steps ? `; steps ${r.steps.join(', ')}` : ''})`,
    '',
  );
  if (r.method === 'ML') lines.push(`tau2 = ${formatNumber(r.tau2)} (SE = ${formatNumber(r.tau2StandardError)})`);
  if (r.lrtTau2) lines.push(`Test for heterogeneity: LRT(df = 1) = ${formatFixed(r.lrtTau2.statistic)}, p = ${formatPValue(r.lrtTau2.pValue)}`);
  lines.push(`Test for selection model parameters: LRT(df = ${r.lrt.df}) = ${formatFixed(r.lrt.statistic)}, p = ${formatPValue(r.lrt.pValue)}`, '');
  lines.push(
    'Model results:',
    formatTable(
      [
        { header: '' },
        { header: 'estimate', ...right },
        { header: 'se', ...right },
        { header: 'zval', ...right },
        { header: 'pval', ...right },
        { header: 'ci.lb', ...right },
        { header: 'ci.ub', ...right },
      ],
      r.coefficients.map((c) => [
        c.name,
        formatFixed(c.estimate),
        formatFixed(c.standardError),
        formatFixed(c.statistic),
        formatPValue(c.pValue),
        formatFixed(c.ciLower),
        formatFixed(c.ciUpper),
      ]),
    ),
    '',
  );
  const counts = r.intervalCounts;
  lines.push(
    'Selection model results:',
    formatTable(
      [
        { header: '' },
        ...(counts ? [{ header: 'k', ...right }] : []),
        { header: 'estimate', ...right },
        { header: 'se', ...right },
        { header: 'ci.lb', ...right },
        { header: 'ci.ub', ...right },
      ],
      r.delta.map((d, j) => [
        counts ? `${counts[j]!.lower} < p <= ${counts[j]!.upper}` : `delta.${j + 1}`,
        ...(counts ? [String(counts[j]!.k)] : []),
        formatFixed(d.estimate),
        d.fixed ? '---' : formatFixed(d.standardError),
        d.fixed ? '---' : formatFixed(d.ciLower),
        d.fixed ? '---' : formatFixed(d.ciUpper),
      ]),
    ),
  );
  lines.push('', `log-likelihood ${formatFixed(r.logLik)}; ${r.converged ? 'converged' : 'NOT converged'} (${r.iterations} iterations)`);
  if (r.warnings.length > 0) lines.push('', 'Warnings:', ...r.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'selection',
  summary: 'selection models for publication bias (selmodel)',
  usage:
    'metasynth selection FILE --type T [--steps 0.025,1] [--delta 1,0.5] [--alternative greater|less|two.sided] [--method REML|ML|EE] [--mods a,b] [--json]\n       metasynth selection --dataset NAME --type T [options]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    { name: 'type', type: 'string', metavar: 'T', description: `selection function: ${SELECTION_TYPES.join(', ')}` },
    {
      name: 'steps',
      type: 'string',
      metavar: 'p1,...,1',
      description: 'cut-points of the p-values, increasing and ending at 1 (stepfun; one cut s,1 for halfnorm, negexp, logistic, power, negexppow)',
    },
    {
      name: 'delta',
      type: 'string',
      metavar: 'd1,...',
      description:
        'fix selection parameters a priori (metafor delta; Vevea & Woods 2005): one value per delta, NA or empty to estimate it, or one value for all',
    },
    { name: 'alternative', type: 'string', metavar: 'A', default: 'greater', description: `direction of the p-values: ${SELECTION_ALTERNATIVES.join(', ')}` },
    {
      name: 'method',
      type: 'string',
      metavar: 'X',
      default: 'REML',
      description: 'EE (FE) for the fixed-effects model; any tau2 method (REML, DL, …) fits tau2 by ML, as metafor refits',
    },
    {
      name: 'mods',
      type: 'string',
      metavar: 'a,b,...',
      description: 'moderator columns (text columns are categorical; factor(x) makes a numeric one categorical)',
    },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const type = typeof args.options.type === 'string' ? args.options.type.trim() : '';
    if (!isSelectionType(type)) throw new MetasynthError('usage', CLI_MESSAGES.selection_type_one(SELECTION_TYPES, type));
    const alternative = parseAlternativeOption(args.options.alternative);
    const method = typeof args.options.method === 'string' ? args.options.method.trim().toUpperCase() : 'REML';
    if (!isMetaRegressionMethod(method)) throw new MetasynthError('invalid_option', CLI_MESSAGES.selection_unknown_method_choose(args.options.method));
    const mods =
      typeof args.options.mods === 'string'
        ? args.options.mods
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m !== '')
        : [];
    const steps = parseStepsOption(args.options.steps);
    const delta = parseDeltaOption(args.options.delta);
    const table = loadEffectTable(args, io, 'selection');
    const res = selectionModel(table, { type, alternative, method, level, mods, ...(steps ? { steps } : {}), ...(delta ? { delta } : {}) });
    writeResult(io, args, table, { json: () => withInputWarnings(selectionJson(res), table), text: () => selectionText(res) });
    return 0;
  },
};
