// `metasynth bayes FILE [--measure M] [--tau-prior P] [--mu-prior P] [--level 95] [--json]`:
// Bayesian random-effects meta-analysis (the bayesmeta method, exact by quadrature).
import { bayesMeta, parseMuPrior, parseTauPrior, TAU_PRIOR_SYNTAX, type BayesResult } from '../../bayes/index.js';
import { isRatioMeasure, type EffectTable } from '../../effects/types.js';
import { normalCritical } from '../../distributions/normal.js';
import { bayesDensitySpec, bayesForestSpec, bayesJointSpec } from '../../plots/index.js';
import type { Command } from '../command.js';
import { checkedOutputPath, outputFormat, writeSpec } from './plot.js';
import { MetasynthError } from '../../core/errors.js';
import { formatFixed, formatNumber, formatTable } from '../format.js';
import { writeResult } from '../output.js';
import { EXCLUDE_OPTION, INPUT_OPTIONS, loadEffectTable, parseLevelOption, withInputWarnings } from '../input.js';

import { CLI_MESSAGES } from '../messages.js';

export { bayesJson } from '../../session/analyses/bayes.js';
import { bayesJson, exponentiated } from '../../session/analyses/bayes.js';

const f4 = (x: number | null) => formatFixed(x, 4);

function summaryTable(r: BayesResult): string {
  const head = ['', 'mean', 'median', 'mode', 'sd', `${r.level}% CrI`, 'shortest'];
  const rows = (['mu', 'tau', 'prediction'] as const).map((name) => {
    const s = r[name];
    return [name, f4(s.mean), f4(s.median), f4(s.mode), f4(s.sd), `${f4(s.lower)} to ${f4(s.upper)}`, `${f4(s.shortestLower)} to ${f4(s.shortestUpper)}`];
  });
  return formatTable(
    head.map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) })),
    rows,
  );
}

function evidenceLines(r: BayesResult): string[] {
  const lines = [`Marginal likelihood: ${r.marginalLikelihood === null ? 'NA (an improper prior)' : formatNumber(r.marginalLikelihood)}`];
  lines.push(
    `Bayes factor for an effect (mu != 0): ${formatNumber(r.bayesFactors.effect)}; for heterogeneity (tau > 0): ${formatNumber(r.bayesFactors.heterogeneity)}`,
  );
  if (r.averaging) {
    lines.push('', 'Model averaging (prior -> posterior probability):');
    lines.push(
      formatTable(
        [
          { header: 'model', align: 'left' },
          { header: 'prior', align: 'right' },
          { header: 'posterior', align: 'right' },
        ],
        r.averaging.models.map((m) => [m.name, f4(m.prior), f4(m.posterior)]),
      ),
    );
    lines.push(`Averaged mu (models with an effect): ${f4(r.averaging.estimate)} (${r.level}% CrI ${f4(r.averaging.lower)} to ${f4(r.averaging.upper)})`);
  }
  return lines;
}

/** The summary for people: priors, posterior table, back-transformed figures, evidence, shrinkage. */
export function bayesText(r: BayesResult, table: EffectTable): string {
  const lines = [`Bayesian random-effects meta-analysis (normal-normal model); ${table.measure}; k = ${r.k}${table.file ? ` (${table.file})` : ''}`, ''];
  lines.push(`Prior for mu:  ${r.priors.mu.label}`, `Prior for tau: ${r.priors.tau.label}`, `  (${r.priors.tau.source})`, '');
  lines.push(summaryTable(r));
  if (isRatioMeasure(table.measure)) {
    const t = exponentiated(r.mu);
    const p = exponentiated(r.prediction);
    lines.push(
      '',
      `${table.measure} (exp of mu): median ${f4(t.median)} (${r.level}% CrI ${f4(t.lower)} to ${f4(t.upper)}); new study: ${f4(p.lower)} to ${f4(p.upper)}`,
    );
  }
  lines.push('', ...evidenceLines(r), '', 'Shrinkage estimates of the study effects:');
  lines.push(
    formatTable(
      ['study', 'mean', 'median', 'sd', `${r.level}% CrI`].map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) })),
      r.shrinkage.map((s) => [s.study, f4(s.mean), f4(s.median), f4(s.sd), `${f4(s.lower)} to ${f4(s.upper)}`]),
    ),
  );
  if (r.warnings.length > 0) lines.push('', 'Notes:', ...r.warnings.map((w) => `  ${w.message}`));
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: 'bayes',
  summary: 'Bayesian random-effects meta-analysis: exact posterior, Bayes factors, model averaging (bayesmeta)',
  usage:
    'metasynth bayes FILE [--measure M] [--tau-prior P] [--mu-prior normal:M,S|uniform] [--level 95] [--out FILE [--figure densities|joint|forest]] [--json]',
  options: [
    ...INPUT_OPTIONS,
    EXCLUDE_OPTION,
    {
      name: 'tau-prior',
      type: 'string',
      metavar: 'P',
      default: 'uniform',
      description: `prior for tau: ${TAU_PRIOR_SYNTAX.join(', ')} (uniform without bounds is the improper uniform prior, bayesmeta's default)`,
    },
    { name: 'mu-prior', type: 'string', metavar: 'P', default: 'uniform', description: 'prior for mu: normal:MEAN,SD, or uniform (improper, flat)' },
    { name: 'out', type: 'string', metavar: 'PATH', description: 'write a figure; the extension picks the format: .svg, .png, .vl.json, .html' },
    {
      name: 'figure',
      type: 'string',
      metavar: 'F',
      default: 'densities',
      description: 'with --out: densities (posteriors of mu, tau, new study), joint (contours of p(mu, tau | y)) or forest (observed and shrinkage estimates)',
    },
  ],
  async run(args, io) {
    const level = parseLevelOption(args.options.level);
    const tauPrior = parseTauPrior(typeof args.options['tau-prior'] === 'string' ? args.options['tau-prior'] : 'uniform');
    const muPrior = parseMuPrior(typeof args.options['mu-prior'] === 'string' ? args.options['mu-prior'] : 'uniform');
    const figure = args.options.figure === undefined ? 'densities' : String(args.options.figure);
    if (figure !== 'densities' && figure !== 'forest' && figure !== 'joint') throw new MetasynthError('usage', CLI_MESSAGES.bayes_figure_not_one(figure));
    const out = args.options.out !== undefined ? checkedOutputPath(args, io, 'bayes') : null;
    if (out !== null) outputFormat(out);
    const table = loadEffectTable(args, io, 'bayes');
    const data = { y: table.studies.map((s) => s.effect), v: table.studies.map((s) => s.variance) };
    const result = bayesMeta(data, {
      tauPrior,
      muPrior,
      level,
      labels: table.studies.map((s) => s.study),
      ...(out !== null && figure !== 'forest' ? { curves: 201 } : {}),
    });
    if (out !== null) {
      const plotOptions = {
        effectLabel: isRatioMeasure(table.measure) ? `log ${table.measure}` : table.measure,
        ...(table.synthetic ? { synthetic: true } : {}),
      };
      const spec =
        figure === 'densities'
          ? bayesDensitySpec(result, plotOptions)
          : figure === 'joint'
            ? bayesJointSpec(result, plotOptions)
            : bayesForestSpec(result, table.studies, normalCritical(level), plotOptions);
      await writeSpec(spec, out, { title: `Bayesian meta-analysis: ${table.file ?? 'studies'}` });
      if (args.options.json !== true) io.stderr(`metasynth: ${CLI_MESSAGES.wrote_file(String(args.options.out), table.synthetic === true).text}\n`);
    }
    writeResult(io, args, table, { json: () => withInputWarnings(bayesJson(result, table), table), text: () => bayesText(result, table) });
    return 0;
  },
};
