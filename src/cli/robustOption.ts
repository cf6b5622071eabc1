// `--robust CR1|CR2 --cluster COL` on pool and regress: cluster-robust tests beside the model's
// own (metafor robust(); clubSandwich coef_test / Wald_test for CR2).
import { MetasynthError } from '../core/errors.js';
import { ROBUST_TYPES, isRobustType, type RobustResult, type RobustType } from '../multilevel/index.js';
import type { OptionSpec, ParsedArgs } from './args.js';
import { formatFixed, formatPValue, formatTable } from './format.js';
import { CLI_MESSAGES } from './messages.js';

export const ROBUST_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'robust',
    type: 'string',
    metavar: 'CR1|CR2',
    description: 'cluster-robust tests: CR1 (metafor robust) or CR2 (clubSandwich, Satterthwaite df, HTZ test); needs --cluster',
  },
  { name: 'cluster', type: 'string', metavar: 'COL', description: 'cluster column of --robust (rows sharing a value are not independent)' },
];

/** The robust request of a command, or null. */
export function parseRobustOption(args: ParsedArgs, command: string): { type: RobustType; cluster: string } | null {
  const t = args.options.robust;
  const cluster = args.options.cluster;
  if (t === undefined) {
    if (typeof cluster === 'string') throw new MetasynthError('usage', CLI_MESSAGES.cluster_used_robust_cr1(command));
    return null;
  }
  const type = String(t).trim().toUpperCase();
  if (!isRobustType(type)) throw new MetasynthError('invalid_option', CLI_MESSAGES.robust_not_one_2(command, t, ROBUST_TYPES));
  if (typeof cluster !== 'string' || cluster.trim() === '') throw new MetasynthError('usage', CLI_MESSAGES.robust_needs_cluster_col(command));
  return { type, cluster: cluster.trim() };
}

export { robustJson, univariateRobustFor } from '../session/robust.js';

/** The heading line of the cluster-robust section: the adjustment, the clusters and the df used. */
export function robustHeading(r: RobustResult): string {
  return `Cluster-robust inference (${r.type}, ${r.clusters} clusters; ${r.type === 'CR2' ? 'Satterthwaite df, HTZ test' : 'df = clusters − p'}):`;
}

/** The cluster-robust coefficient table (se, tval, df, pval, CI), one row per coefficient. */
export function robustCoefficientTable(r: RobustResult, names: readonly string[]): string {
  const right = { align: 'right' } as const;
  const f4 = (x: number) => formatFixed(x, 4);
  return formatTable(
    [
      { header: 'coefficient' },
      { header: 'se', ...right },
      { header: 'tval', ...right },
      { header: 'df', ...right },
      { header: 'pval', ...right },
      { header: 'ci.lb', ...right },
      { header: 'ci.ub', ...right },
    ],
    r.coefficients.map((c, j) => [
      names[j] ?? `b${j}`,
      f4(c.standardError),
      f4(c.statistic),
      formatFixed(c.df, 2),
      formatPValue(c.pValue),
      f4(c.ciLower),
      f4(c.ciUpper),
    ]),
  );
}

/** Lines for people. */
export function robustText(r: RobustResult, names: readonly string[]): string {
  const lines = [robustHeading(r), robustCoefficientTable(r, names)];
  if (names.length > 1)
    lines.push(`Test of moderators: F(df1 = ${r.qmDf}, df2 = ${formatFixed(r.qmDfDenominator, 2)}) = ${formatFixed(r.qm, 4)}, p = ${formatPValue(r.qmPValue)}`);
  return `${lines.join('\n')}\n`;
}
