// The command registry. Each command lives in its own module and is loaded only when called, so
// `metasynth --help` stays fast and one command's dependencies (vega, resvg) never load for another.
import type { Command } from '../command.js';

export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'effects', summary: 'per-study effect sizes (escalc)', load: async () => (await import('./effects.js')).command },
  {
    name: 'measures',
    summary: 'every effect-size measure: input columns, scale and back-transform',
    load: async () => (await import('./measures.js')).command,
  },
  { name: 'pool', summary: 'fixed- or random-effects pooled estimate (rma.uni, rma.mh, rma.peto)', load: async () => (await import('./pool.js')).command },
  { name: 'bias', summary: 'publication bias: Egger, Begg, trim-and-fill, fail-safe N, funnel data', load: async () => (await import('./bias.js')).command },
  { name: 'selection', summary: 'selection models for publication bias (selmodel)', load: async () => (await import('./selection.js')).command },
  {
    name: 'sensitivity',
    summary: 'leave-one-out, cumulative meta-analysis, influence diagnostics',
    load: async () => (await import('./sensitivity.js')).command,
  },
  { name: 'regress', summary: 'mixed-effects meta-regression on moderators', load: async () => (await import('./regress.js')).command },
  {
    name: 'multilevel',
    summary: 'multilevel and multivariate models (rma.mv), profile CIs, cluster-robust CR1/CR2 tests',
    load: async () => (await import('./multilevel.js')).command,
  },
  { name: 'subgroup', summary: 'subgroup analysis and the test of subgroup differences', load: async () => (await import('./subgroup.js')).command },
  {
    name: 'permutest',
    summary: 'permutation test of the pooled estimate or of moderators (permutest)',
    load: async () => (await import('./permutest.js')).command,
  },
  { name: 'gosh', summary: 'GOSH: fits of all subsets of the studies (gosh), summary and scatter plot', load: async () => (await import('./gosh.js')).command },
  {
    name: 'bayes',
    summary: 'Bayesian random-effects meta-analysis: exact posterior, Bayes factors, model averaging (bayesmeta)',
    load: async () => (await import('./bayes.js')).command,
  },
  {
    name: 'plot',
    summary: "forest, funnel, Baujat, radial, L'Abbé, bubble, caterpillar and orchard plots (SVG, PNG, Vega-Lite, HTML)",
    load: async () => (await import('./plot.js')).command,
  },
  { name: 'report', summary: 'a self-contained offline HTML report', load: async () => (await import('./report.js')).command },
  { name: 'reproduce', summary: 'reproduce a bundled analysis (reproduce cik)', load: async () => (await import('./reproduce.js')).command },
  {
    name: 'datasets',
    summary: 'list the bundled datasets with their subsets, k, measure and description',
    load: async () => (await import('./datasets.js')).command,
  },
  {
    name: 'columns',
    summary: 'the kinds of study record, their columns and accepted header spellings',
    load: async () => (await import('./columns.js')).command,
  },
  { name: 'check', summary: 'check analyses against expected values (for CI pipelines)', load: async () => (await import('./check.js')).command },
];
