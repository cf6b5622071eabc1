// `metasynth multilevel FILE --random "~ 1 | study/es" [...]`: multilevel / multivariate models
// as metafor's rma.mv, with profile CIs (confint) and cluster-robust tests (robust, clubSandwich).
import { MetasynthError } from '../../core/errors.js';
import { resolve } from 'node:path';
import type { EffectTable } from '../../effects/types.js';
import { clusterForestInput, leaveOneClusterOut, type ClusterDiagnostic } from '../../multilevel/index.js';
import { FOREST_PRESETS, isForestPreset } from '../../plots/format.js';
import {
  ROBUST_TYPES,
  STRUCTS,
  isMultilevelMethod,
  isMultilevelTest,
  isRobustType,
  isStruct,
  multilevel,
  type MultilevelOptions,
  type MultilevelResult,
} from '../../multilevel/index.js';
import type { ProfileInterval } from '../../multilevel/index.js';
import { MULTIPLE_SEPARATOR, type ParsedArgs } from '../args.js';
import type { CliIO, Command } from '../command.js';
import { formatFixed, formatPValue, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { robustCoefficientTable, robustHeading } from '../robustOption.js';
import { clusterColumnOf, multilevelJson } from '../../session/analyses/multilevel.js';
import { modsTerms } from '../../session/analyses/modsTerms.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, inputSource, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';
import { CLI_MESSAGES } from '../messages.js';

const NAME = 'multilevel';

function text(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function list(v: string | boolean | undefined): string[] {
  return (text(v) ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** The sampling-covariance and robust options, which share one --cluster. */
function clusterOptions(args: ParsedArgs): Pick<MultilevelOptions, 'sampling' | 'robust'> {
  const cluster = text(args.options.cluster);
  const vcov = list(args.options.vcov);
  const rhoText = text(args.options.rho);
  const robust = text(args.options.robust)?.toUpperCase();
  if (vcov.length > 0 && rhoText !== undefined) throw new MetasynthError('usage', CLI_MESSAGES.vcov_rho_not_both(NAME));
  if ((vcov.length > 0 || rhoText !== undefined || robust !== undefined) && cluster === undefined) {
    throw new MetasynthError('usage', CLI_MESSAGES.needs_cluster_col_column(NAME, vcov.length, rhoText));
  }
  if (robust !== undefined && !isRobustType(robust))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.robust_not_one(NAME, args.options.robust, ROBUST_TYPES));
  const rho = rhoText === undefined ? undefined : Number(rhoText);
  if (rhoText !== undefined && !(Number.isFinite(rho) && rho! > -1 && rho! < 1))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.rho_correlation_strictly_between(NAME, rhoText));
  return {
    ...(vcov.length > 0 ? { sampling: { type: 'vcov' as const, cluster: cluster!, columns: vcov } } : {}),
    ...(rho !== undefined ? { sampling: { type: 'rho' as const, cluster: cluster!, rho } } : {}),
    ...(robust !== undefined ? { robust: { type: robust as 'CR1' | 'CR2', cluster: cluster! } } : {}),
  };
}

/** Parse the command's options into the library's. */
export function multilevelOptions(args: ParsedArgs): MultilevelOptions {
  const random = (text(args.options.random) ?? '')
    .split(MULTIPLE_SEPARATOR)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);
  if (random.length === 0) throw new MetasynthError('usage', CLI_MESSAGES.random_effects_random_random(NAME));
  const struct = text(args.options.struct)?.toUpperCase();
  if (struct !== undefined && !isStruct(struct)) throw new MetasynthError('invalid_option', CLI_MESSAGES.struct_not_one(NAME, args.options.struct, STRUCTS));
  const method = (text(args.options.method) ?? 'REML').toUpperCase();
  if (!isMultilevelMethod(method)) throw new MetasynthError('invalid_option', CLI_MESSAGES.method_not_one_reml(NAME, args.options.method));
  const test = (text(args.options.test) ?? 'z').toLowerCase();
  if (!isMultilevelTest(test)) throw new MetasynthError('invalid_option', CLI_MESSAGES.test_not_one_z(NAME, args.options.test));
  return {
    random,
    ...(struct !== undefined ? { struct: struct as MultilevelOptions['struct'] & string } : {}),
    // A formula (`~ year + factor(grade)`) is one term, as regress reads it; else columns separated by commas.
    mods: text(args.options.mods) === undefined ? [] : modsTerms(text(args.options.mods)!),
    method,
    test,
    level: parseLevelOption(args.options.level),
    confint: args.options['skip-confint'] !== true,
    ...clusterOptions(args),
  };
}

// The JSON document lives in src/session/analyses/multilevel.ts (shared with the web page).
export { multilevelJson } from '../../session/analyses/multilevel.js';

const f4 = (x: number | null | undefined) => formatFixed(x ?? null, 4);
const pText = (p: number | null) => (p !== null && p < 1e-4 ? 'p < .0001' : `p = ${formatPValue(p)}`);

const civ = (c: ProfileInterval | undefined) => (c ? `[${f4(c.lower)}, ${c.upper === null ? 'NA' : f4(c.upper)}]` : '');
const RIGHT = { align: 'right' } as const;

/** The sigma² table of the nested terms, or nothing without them. */
function sigma2Text(r: MultilevelResult): string[] {
  if (r.sigma2.length === 0) return [];
  return [
    formatTable(
      [
        { header: '' },
        { header: 'estim', align: 'right' },
        { header: 'sqrt', align: 'right' },
        { header: 'nlvls', align: 'right' },
        { header: 'factor' },
        { header: `${r.level}% profile CI` },
      ],
      r.sigma2.map((s, j) => [`sigma^2.${j + 1}`, f4(s.estimate), f4(Math.sqrt(s.estimate)), String(s.levels), s.name, civ(r.confint?.sigma2[j])]),
    ),
    '',
  ];
}

/** The tau² and rho lines of an "~ inner | outer" term, or nothing without one. */
function tau2RhoText(r: MultilevelResult): string[] {
  if (r.tau2.length === 0) return [];
  const ci = r.confint;
  const rho = r.rho === null ? [] : Array.isArray(r.rho) ? r.rho : [r.rho as number];
  const rhoCi = ci?.rho === null || ci?.rho === undefined ? [] : Array.isArray(ci.rho) ? ci.rho : [ci.rho as ProfileInterval];
  return [
    ...r.tau2.map((t, j) => `tau^2${r.tau2.length > 1 ? `.${j + 1} (${r.innerLevels?.[j] ?? ''})` : ''} = ${f4(t)}  ${civ(ci?.tau2[j])}`),
    ...rho.map((x, j) => `rho${rho.length > 1 ? `.${j + 1}` : ''} = ${f4(x)}  ${civ(rhoCi[j])}`),
    '',
  ];
}

/** The heterogeneity test and, with moderators, the test of moderators. */
function testsText(r: MultilevelResult): string[] {
  const lines = [`Test for heterogeneity: Q(df = ${r.qDf}) = ${f4(r.q)}, ${pText(r.qPValue)}`];
  if (r.coefficients.length > 1)
    lines.push(
      r.qmDfDenominator === null
        ? `Test of moderators: QM(df = ${r.qmDf}) = ${f4(r.qm)}, ${pText(r.qmPValue)}`
        : `Test of moderators: F(df1 = ${r.qmDf}, df2 = ${r.qmDfDenominator}) = ${f4(r.qm)}, ${pText(r.qmPValue)}`,
    );
  return lines;
}

/** The coefficients table (model-based inference). */
function coefficientsText(r: MultilevelResult): string {
  return formatTable(
    [
      { header: 'coefficient' },
      { header: 'estimate', ...RIGHT },
      { header: 'se', ...RIGHT },
      { header: r.test === 't' ? 'tval' : 'zval', ...RIGHT },
      { header: 'pval', ...RIGHT },
      { header: 'ci.lb', ...RIGHT },
      { header: 'ci.ub', ...RIGHT },
    ],
    r.coefficients.map((c) => [c.name, f4(c.estimate), f4(c.standardError), f4(c.statistic), formatPValue(c.pValue), f4(c.ciLower), f4(c.ciUpper)]),
  );
}

/** The cluster-robust section: its table and, with moderators, its test; nothing without --robust. */
function robustText(r: MultilevelResult): string[] {
  const robust = r.robust;
  if (!robust) return [];
  const lines = [
    '',
    robustHeading(robust),
    robustCoefficientTable(
      robust,
      r.coefficients.map((c) => c.name),
    ),
  ];
  if (r.coefficients.length > 1)
    lines.push(`Test of moderators: F(df1 = ${robust.qmDf}, df2 = ${formatFixed(robust.qmDfDenominator, 2)}) = ${f4(robust.qm)}, ${pText(robust.qmPValue)}`);
  return lines;
}

/** The non-convergence notice and the other warnings. */
function warningsText(r: MultilevelResult): string[] {
  const lines = r.converged ? [] : ['', 'WARNING: the optimiser did not converge.'];
  const other = r.warnings.filter((w) => w.code !== 'not_converged');
  if (other.length > 0) lines.push('', 'Warnings:', ...other.map((w) => `  ${w.message}`));
  return lines;
}

/** A summary for people, in the spirit of metafor's print.rma.mv. */
export function multilevelText(r: MultilevelResult): string {
  const lines: string[] = [
    `Multivariate meta-analysis model (k = ${r.k}; method: ${r.method}; measure ${r.measure})`,
    `Random effects: ${r.random.join(', ')}${r.struct ? `; struct ${r.struct}` : ''}`,
    '',
    ...sigma2Text(r),
    ...tau2RhoText(r),
    ...(r.i2 ? [`I² (total) = ${formatFixed(r.i2.total, 2)}%; ${r.i2.levels.map((l) => `${l.name}: ${formatFixed(l.value, 2)}%`).join(', ')}`, ''] : []),
    ...testsText(r),
    '',
    coefficientsText(r),
    ...(r.piLower !== null ? ['', `Prediction interval: [${f4(r.piLower)}, ${f4(r.piUpper)}]`] : []),
    ...robustText(r),
    ...warningsText(r),
  ];
  return `${lines.join('\n')}\n`;
}

/** Leave-one-cluster-out lines for people. */
function diagnosticsText(rows: readonly ClusterDiagnostic[]): string {
  const right = { align: 'right' } as const;
  return `Leaving out each cluster in turn:\n${formatTable(
    [
      { header: 'cluster' },
      { header: 'rows', ...right },
      { header: 'estimate', ...right },
      { header: 'se', ...right },
      { header: "Cook's D", ...right },
      { header: '' },
    ],
    rows.map((d) => [
      d.cluster,
      String(d.rows),
      f4(d.coefficients?.[0]?.estimate),
      f4(d.coefficients?.[0]?.standardError),
      f4(d.cooksDistance),
      d.reason ?? '',
    ]),
  )}\n`;
}

/** The column a cluster forest plot groups by: --plot-cluster, --cluster, or the first random term's outermost factor. */
function plotCluster(args: ParsedArgs, options: MultilevelOptions): string {
  return clusterColumnOf(options, text(args.options['plot-cluster']) ?? text(args.options.cluster));
}

/** Write the cluster forest plot (pages when --max-rows asks); returns the files written. */
async function writeClusterForest(
  args: ParsedArgs,
  io: CliIO,
  fit: { table: EffectTable; options: MultilevelOptions; result: MultilevelResult; file: string },
): Promise<string[]> {
  if (fit.result.coefficients.length !== 1) throw new MetasynthError('usage', CLI_MESSAGES.plot_draws_cluster_forest(NAME));
  const preset = args.options.preset ?? 'default';
  if (!isForestPreset(preset)) throw new MetasynthError('invalid_option', CLI_MESSAGES.unknown_preset_choose(NAME, preset, FOREST_PRESETS));
  const maxRows = args.options['max-rows'] === undefined ? undefined : Number(args.options['max-rows']);
  if (maxRows !== undefined && !(Number.isInteger(maxRows) && maxRows >= 5))
    throw new MetasynthError('invalid_option', CLI_MESSAGES.max_rows_whole_number(NAME, args.options['max-rows']));
  // The plot modules (and the renderers they reach) load only when a plot is asked for.
  const [{ clusterForestPlotSpec, forestPlotPages }, { outputFormat, pagePath, writePages }] = await Promise.all([
    import('../../plots/index.js'),
    import('./plot.js'),
  ]);
  const path = resolve(io.cwd, fit.file);
  outputFormat(path);
  const source = inputSource(args, NAME);
  if (source.type === 'file' && resolve(io.cwd, source.path) === path) throw new MetasynthError('usage', CLI_MESSAGES.plot_input_file_refusing(NAME, fit.file));
  const cluster = plotCluster(args, fit.options);
  const input = clusterForestInput(fit.table, fit.options, fit.result, cluster);
  const plotOptions = {
    preset,
    showWeights: false,
    labelHeader: `${cluster.charAt(0).toUpperCase()}${cluster.slice(1)} and effect`,
    title: `Effects by ${cluster}: ${fit.table.file ?? 'studies'}`,
  } as const;
  const pages = maxRows === undefined ? [clusterForestPlotSpec(input, plotOptions)] : forestPlotPages(input, { ...plotOptions, maxRows });
  await writePages(pages, path, { title: `Cluster forest plot: ${fit.table.file ?? 'studies'}` });
  return pages.length > 1 && outputFormat(path) !== '.html' ? pages.map((_, i) => pagePath(fit.file, i + 1)) : [fit.file];
}

export const command: Command = {
  name: NAME,
  // Only an R formula in --mods needs mathjs (column names and the --random terms do not).
  needsFormulas: (args) => (text(args.options.mods) ?? '').includes('~'),
  summary: 'multilevel and multivariate models (rma.mv) with profile CIs and cluster-robust tests',
  usage:
    'metasynth multilevel FILE --random "~ 1 | study/es" [--random "~ 1 | lab"] [--struct CS|HCS|UN|AR|HAR|DIAG|ID] [--mods a,b] [--method REML|ML] [--test z|t] [--vcov COLS | --rho R] [--cluster COL] [--robust CR1|CR2] [--plot FILE [--plot-cluster COL]] [--json]',
  options: [
    ...INPUT_OPTIONS.filter((o) => o.name !== 'allow-repeated-units'),
    EXCLUDE_OPTION,
    {
      name: 'random',
      type: 'string',
      metavar: 'FORMULA',
      multiple: true,
      description: 'random effects as metafor writes them: "~ 1 | study", "~ 1 | district/school", "~ outcome | study" (repeat for crossed terms)',
    },
    { name: 'struct', type: 'string', metavar: 'S', description: `variance structure of an "~ inner | outer" term: ${STRUCTS.join(', ')}` },
    {
      name: 'mods',
      type: 'string',
      metavar: 'a,b,...',
      description: 'moderator columns (text columns are categorical; factor(x) makes a numeric one categorical)',
    },
    { name: 'method', type: 'string', metavar: 'REML|ML', default: 'REML', description: 'estimation method' },
    { name: 'test', type: 'string', metavar: 'z|t', default: 'z', description: 'z tests, or t tests with df = k − p (metafor test = "t")' },
    {
      name: 'vcov',
      type: 'string',
      metavar: 'c1,c2,...',
      description: "known sampling covariance: row i holds its row of its cluster's block, column j the covariance with the cluster's j-th row (file order)",
    },
    { name: 'rho', type: 'string', metavar: 'R', description: 'impute the sampling covariance for a constant within-cluster correlation R (metafor vcalc)' },
    { name: 'cluster', type: 'string', metavar: 'COL', description: 'cluster column for --vcov, --rho and --robust' },
    {
      name: 'robust',
      type: 'string',
      metavar: 'CR1|CR2',
      description: 'cluster-robust tests: CR1 (metafor robust) or CR2 (clubSandwich, Satterthwaite df, HTZ test)',
    },
    { name: 'skip-confint', type: 'boolean', description: 'skip the profile-likelihood CIs of the variance components (confint is null)' },
    {
      name: 'cluster-diagnostics',
      type: 'boolean',
      description: "leave each --cluster out in turn: estimates and cluster Cook's distances (JSON key clusterDiagnostics)",
    },
    {
      name: 'plot',
      type: 'string',
      metavar: 'FILE',
      description:
        "write the cluster forest plot (rows grouped by cluster, each cluster's summary, the pooled estimate); the extension picks the format: .svg, .png, .vl.json, .html",
    },
    {
      name: 'plot-cluster',
      type: 'string',
      metavar: 'COL',
      description: 'the column the cluster forest plot groups by; default --cluster, else the outermost factor of the first --random term',
    },
    { name: 'preset', type: 'string', metavar: 'P', default: 'default', description: `cluster forest plot layout: ${FOREST_PRESETS.join(', ')}` },
    { name: 'max-rows', type: 'string', metavar: 'N', description: 'cluster forest plot: at most N rows per page (one file per page, or one HTML page)' },
  ],
  async run(args, io) {
    const options = multilevelOptions(args);
    // Rows sharing a unit are what this command models: no refusal of repeated units here.
    const table = loadEffectTable(args, io, NAME, { pools: false });
    const res = multilevel(table, options);
    const cluster = text(args.options.cluster);
    if (args.options['cluster-diagnostics'] === true && cluster === undefined)
      throw new MetasynthError('usage', CLI_MESSAGES.cluster_diagnostics_needs_cluster(NAME));
    const diagnostics = args.options['cluster-diagnostics'] === true ? leaveOneClusterOut(table, options, cluster!) : null;
    const plot = text(args.options.plot);
    const pages = plot === undefined ? null : await writeClusterForest(args, io, { table, options, result: res, file: plot });
    writeResult(io, args, table, {
      json: () =>
        withInputWarnings({ ...multilevelJson(res), ...(diagnostics ? { clusterDiagnostics: diagnostics } : {}), ...(pages ? { plot: pages } : {}) }, table),
      text: () => multilevelText(res) + (diagnostics ? `\n${diagnosticsText(diagnostics)}` : ''),
    });
    if (pages && args.options.json !== true) io.stderr(`metasynth: wrote ${pages.join(', ')}${table.synthetic === true ? ' (SYNTHETIC DATA)' : ''}\n`);
    return 0;
  },
};
