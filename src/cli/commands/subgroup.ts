// `metasynth subgroup FILE --by g [--measure M] [--method X] [--test z|knha|t|adhoc] [--common-tau2] [--json]`:
// per-subgroup pooled effects, the test of subgroup differences, and the moderator test.
import { MetasynthError } from '../../core/errors.js';
import type { SubgroupAnalysisResult } from '../../regression/index.js';
import type { Measure } from '../../effects/types.js';
import { backTransformedCell, backTransformedHeader } from '../backTransformed.js';
import type { Command } from '../command.js';
import { CONTROL_OPTION, parseControlOption } from '../control.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption } from '../input.js';
import { METHOD_OPTION, parseMethodOption, parseTestOption, TEST_OPTION } from './regress.js';
import { CLI_MESSAGES } from '../messages.js';
import { subgroupRun } from '../../session/analyses/subgroup.js';

export { subgroupJson } from '../../session/analyses/subgroup.js';

export function subgroupText(res: SubgroupAnalysisResult, measure: Measure): string {
  const right = { align: 'right' } as const;
  const back = backTransformedHeader(measure);
  const knha = res.test !== 'z';
  const lines: string[] = [];
  lines.push(
    `Subgroup analysis by ${res.by} (k = ${res.k}${res.kExcluded ? `, ${res.kExcluded} left out` : ''}; tau2 estimator: ${res.method}${res.commonTau2 ? ', common tau2' : ''}; measure ${measure})`,
    '',
  );
  lines.push(
    formatTable(
      [
        { header: res.by },
        { header: 'k', ...right },
        { header: 'estimate', ...right },
        { header: 'se', ...right },
        { header: 'pval', ...right },
        { header: 'ci.lb', ...right },
        { header: 'ci.ub', ...right },
        ...(back === null ? [] : [{ header: `${back} [${res.level}% CI]`, ...right }]),
        { header: 'tau2', ...right },
        { header: 'I2 %', ...right },
        { header: 'Q', ...right },
        { header: 'Q pval', ...right },
      ],
      res.subgroups.map((s) => [
        s.level,
        String(s.k),
        formatFixed(s.estimate),
        formatFixed(s.standardError),
        formatPValue(s.pValue),
        formatFixed(s.ciLower),
        formatFixed(s.ciUpper),
        ...(back === null ? [] : [backTransformedCell(measure, s)]),
        formatFixed(s.tau2),
        formatFixed(s.i2, 2),
        formatFixed(s.q, 2),
        formatPValue(s.qPValue),
      ]),
    ),
  );
  lines.push('', `Test of subgroup differences: Q(df = ${res.between.df}) = ${formatFixed(res.between.q)}, p = ${formatPValue(res.between.pValue)}`);
  const mt = res.moderatorTest;
  lines.push(
    knha
      ? `Moderator test (mixed-effects model): F(df1 = ${mt.df}, df2 = ${mt.dfDenominator}) = ${formatFixed(mt.qm)}, p = ${formatPValue(mt.pValue)}`
      : `Moderator test (mixed-effects model): QM(df = ${mt.df}) = ${formatFixed(mt.qm)}, p = ${formatPValue(mt.pValue)}`,
  );
  if (res.excluded.length > 0)
    lines.push('', `Left out (${res.excluded.length}):`, ...res.excluded.map((e) => `  row ${e.row ?? '?'} (${JSON.stringify(e.study)}): ${e.reason}`));
  const other = res.warnings.filter((w) => w.code !== 'studies_excluded');
  if (other.length > 0) lines.push('', 'Warnings:', ...other.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'subgroup',
  summary: 'subgroup analysis and the test of subgroup differences',
  usage:
    'metasynth subgroup FILE --by g [--measure M] [--method X] [--test z|knha|t|adhoc] [--common-tau2] [--json]\n       metasynth subgroup --dataset NAME --by g [options]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    { name: 'by', type: 'string', metavar: 'g', description: 'the grouping column' },
    METHOD_OPTION,
    TEST_OPTION,
    CONTROL_OPTION,
    { name: 'common-tau2', type: 'boolean', description: 'one tau2 for all subgroups (the residual tau2 of the model with the factor)' },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const by = args.options.by;
    if (typeof by !== 'string' || by.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.subgroup_grouping_column());
    const method = parseMethodOption(args.options.method, 'subgroup');
    const test = parseTestOption(args.options.test, 'subgroup');
    const table = loadEffectTable(args, io, 'subgroup');
    const control = parseControlOption(args.options.control, 'subgroup');
    const run = subgroupRun(table, { by, method, test, level, commonTau2: args.options['common-tau2'] === true, ...(control ? { control } : {}) });
    const res = run.result;
    writeResult(io, args, table, {
      json: () => run.json,
      text: () => subgroupText(res, table.measure),
    });
    return 0;
  },
};
