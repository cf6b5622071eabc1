// `metasynth sensitivity FILE [--measure M] [--method X] [--test z|knha|t|adhoc] [--order COL] [--json]`:
// leave-one-out (metafor leave1out), cumulative (cumul) and influence diagnostics (influence).
import type { Warning } from '../../core/errors.js';
import type { EffectTable, Measure } from '../../effects/types.js';
import type { ModelMethod, ModelTest } from '../../bias/index.js';
import {
  cumulative,
  influenceDiagnostics,
  leaveOneOut,
  type CumulativeResult,
  type InfluenceResult,
  type LeaveOneOutResult,
  type SensitivityStep,
} from '../../sensitivity/index.js';
import { backTransformedCell, backTransformedHeader, transformedJson } from '../backTransformed.js';
import type { Command } from '../command.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { MODEL_OPTIONS, parseModelOptions } from './bias.js';

export interface SensitivityAnalyses {
  readonly table: EffectTable;
  readonly method: ModelMethod;
  readonly test: ModelTest;
  readonly level: number;
  readonly leaveOneOut: LeaveOneOutResult;
  readonly cumulative: CumulativeResult;
  readonly influence: InfluenceResult;
}

export function runSensitivity(table: EffectTable, settings: { method: ModelMethod; test: ModelTest; level: number }, order?: string): SensitivityAnalyses {
  return {
    table,
    ...settings,
    leaveOneOut: leaveOneOut(table, settings),
    cumulative: cumulative(table, { ...settings, ...(order ? { orderBy: order } : {}) }),
    influence: influenceDiagnostics(table, settings),
  };
}

function stepJson(s: SensitivityStep, measure: Measure) {
  return {
    study: s.study,
    estimate: s.estimate,
    standardError: s.standardError,
    statistic: s.statistic,
    pValue: s.pValue,
    ciLower: s.ciLower,
    ciUpper: s.ciUpper,
    q: s.q,
    qPValue: s.qPValue,
    tau2: s.tau2,
    i2: s.i2,
    h2: s.h2,
    transformed: transformedJson(measure, s),
  };
}

function allWarnings(a: SensitivityAnalyses): (Warning & { analysis: string })[] {
  const tag = (analysis: string, ws: readonly Warning[]) => ws.map((w) => ({ analysis, ...w }));
  return [...tag('leaveOneOut', a.leaveOneOut.warnings), ...tag('cumulative', a.cumulative.warnings), ...tag('influence', a.influence.warnings)];
}

/** The JSON document of `sensitivity --json` (a public contract; see README, section json). */
export function sensitivityJson(a: SensitivityAnalyses) {
  return {
    k: a.table.studies.length,
    measure: a.table.measure,
    method: a.method,
    test: a.test,
    level: a.level,
    cumulativeOrder: a.cumulative.orderBy,
    leaveOneOut: a.leaveOneOut.steps.map((s) => stepJson(s, a.table.measure)),
    cumulative: a.cumulative.steps.map((s) => stepJson(s, a.table.measure)),
    influence: a.influence.studies.map((s) => ({
      study: s.study,
      rstudent: s.rstudent,
      dffits: s.dffits,
      cooksDistance: s.cooksDistance,
      covRatio: s.covRatio,
      tau2Deleted: s.tau2Deleted,
      qDeleted: s.qDeleted,
      hat: s.hat,
      weight: s.weight,
      dfbetas: s.dfbetas,
      influential: s.influential,
    })),
    warnings: allWarnings(a),
  };
}

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
  const ws = allWarnings(a);
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
