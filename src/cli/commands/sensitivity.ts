import type { Measure } from '../../effects/types.js';
import type { SensitivityStep } from '../../sensitivity/index.js';
import { backTransformedCell, backTransformedHeader } from '../backTransformed.js';
import type { Command } from '../command.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { MODEL_OPTIONS, parseModelOptions } from './bias.js';

// The analyses and their JSON document live in src/session/analyses/sensitivity.ts (shared with the web page).
export { runSensitivity, sensitivityJson, type SensitivityAnalyses } from '../../session/analyses/sensitivity.js';
import { runSensitivity, sensitivityJson, sensitivityWarnings, type SensitivityAnalyses } from '../../session/analyses/sensitivity.js';

const right = { align: 'right' } as const;
const f = (x: number | null) => formatFixed(x);

function stepsTable(steps: readonly SensitivityStep[], level: number, first: string, measure: Measure): string {
  const back = backTransformedHeader(measure);
  return formatTable(
    [
      { header: first },
      { header: 'estimate', ...right },
      { header: 'se', ...right },
      { header: `${level}% CI`, ...right },
      ...(back === null ? [] : [{ header: `${back} [${level}% CI]`, ...right }]),
      { header: 'p', ...right },
      { header: 'tau²', ...right },
      { header: 'I² %', ...right },
      { header: 'Q', ...right },
      { header: 'Q p', ...right },
    ],
    steps.map((s) => [
      s.study,
      f(s.estimate),
      f(s.standardError),
      `${f(s.ciLower)} to ${f(s.ciUpper)}`,
      ...(back === null ? [] : [backTransformedCell(measure, s)]),
      formatPValue(s.pValue),
      f(s.tau2),
      formatFixed(s.i2, 2),
      f(s.q),
      formatPValue(s.qPValue),
    ]),
  );
}

/** The report for people. */
export function sensitivityText(a: SensitivityAnalyses): string {
  const t = a.table;
  const lines = [
    `Sensitivity: ${t.measure}, k = ${t.studies.length}${t.file ? ` (${t.file})` : ''}; method ${a.method}, test ${a.test}, ${a.level}% intervals`,
    '',
    'Leave-one-out',
    a.leaveOneOut.steps.length > 0 ? stepsTable(a.leaveOneOut.steps, a.level, 'left out', t.measure) : '  not run',
    '',
    `Cumulative (${a.cumulative.orderBy}${a.cumulative.decreasing ? ', decreasing' : ''})`,
    stepsTable(a.cumulative.steps, a.level, 'adding', t.measure),
    '',
    "Influence diagnostics (* influential by metafor's rule)",
    a.influence.studies.length > 0
      ? formatTable(
          [
            { header: 'study' },
            { header: 'rstudent', ...right },
            { header: 'dffits', ...right },
            { header: 'cook.d', ...right },
            { header: 'cov.r', ...right },
            { header: 'tau2.del', ...right },
            { header: 'QE.del', ...right },
            { header: 'hat', ...right },
            { header: 'weight', ...right },
            { header: 'dfbetas', ...right },
            { header: 'inf' },
          ],
          a.influence.studies.map((s) => [
            s.study,
            f(s.rstudent),
            f(s.dffits),
            f(s.cooksDistance),
            f(s.covRatio),
            f(s.tau2Deleted),
            f(s.qDeleted),
            f(s.hat),
            formatFixed(s.weight, 2),
            f(s.dfbetas),
            s.influential ? '*' : '',
          ]),
        )
      : '  not run',
  ];
  const ws = sensitivityWarnings(a);
  if (ws.length > 0) lines.push('', 'Warnings:', ...ws.map((w) => `  ${w.analysis}: ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'sensitivity',
  summary: 'leave-one-out, cumulative meta-analysis, influence diagnostics',
  usage:
    'metasynth sensitivity FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--order COL] [--json]\n       metasynth sensitivity --dataset NAME [--method X] [--json]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    ...MODEL_OPTIONS,
    { name: 'order', type: 'string', metavar: 'COL', description: 'add studies in the order of this column in the cumulative analysis (default: input order)' },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const settings = { ...parseModelOptions(args.options, 'sensitivity'), level };
    const table = loadEffectTable(args, io, 'sensitivity');
    const order = typeof args.options.order === 'string' ? args.options.order : undefined;
    const analyses = runSensitivity(table, settings, order);
    writeResult(io, args, table, { json: () => withInputWarnings(sensitivityJson(analyses), table), text: () => sensitivityText(analyses) });
    return 0;
  },
};
