// Plot inputs built by hand from metafor's figures for dat.bcg (test/fixtures/metafor/dat.bcg.json):
// the plots are tested on published numbers, independently of metasynth's engines.
import { readFileSync } from 'node:fs';
import type { BaujatPoint, ForestPlotInput, FunnelPlotInput, InfluencePlotInput, LabbePlotInput, RadialPlotInput } from '../../../src/plots/index.js';
import type { RFixtureValue } from '../../helpers/fixtures.js';

interface Fixture {
  studies: { study: string; ai: number; bi: number; ci: number; di: number; alloc: string }[];
  cases: { id: string; expected: Record<string, RFixtureValue> }[];
}
const fx = JSON.parse(readFileSync(new URL('../../fixtures/metafor/dat.bcg.json', import.meta.url), 'utf8')) as Fixture;
const cases = Object.fromEntries(fx.cases.map((c) => [c.id, c.expected]));
const get = (id: string) => {
  const c = cases[id];
  if (!c) throw new Error(`fixture case ${id} missing`);
  return c;
};
export const Z95 = 1.959963984540054;
export const escalc = get('RR/escalc');
export const reml = get('RR/rma.uni/REML/z');
export const ee = get('RR/rma.uni/EE/z');
export const labels = fx.studies.map((s) => s.study);

export function bcgForest(options: { both?: boolean; subgroups?: boolean; synthetic?: boolean; labels?: readonly string[] } = {}): ForestPlotInput {
  const yi = escalc.yi as number[];
  const vi = escalc.vi as number[];
  const studies = fx.studies.map((s, i) => ({
    study: options.labels?.[i] ?? s.study,
    effect: yi[i]!,
    ciLower: yi[i]! - Z95 * Math.sqrt(vi[i]!),
    ciUpper: yi[i]! + Z95 * Math.sqrt(vi[i]!),
    weight: reml.weights[i] as number,
    weightCommon: ee.weights[i] as number,
    group: s.alloc,
    columns: { year: Number(/\d{4}/.exec(s.study)?.[0] ?? 0), events: `${s.ai}/${s.ai + s.bi}` },
  }));
  const sg = get('RR/subgroup/REML/alloc');
  return {
    measure: 'RR',
    studies,
    pooled: [
      ...(options.both ? [{ label: 'Common-effect model', estimate: ee.estimate, ciLower: ee['ci.lb'], ciUpper: ee['ci.ub'], model: 'common' as const }] : []),
      {
        label: 'Random-effects model (REML)',
        estimate: reml.estimate,
        ciLower: reml['ci.lb'],
        ciUpper: reml['ci.ub'],
        piLower: reml.predict['pi.lb'],
        piUpper: reml.predict['pi.ub'],
      },
    ],
    heterogeneity: { tau2: reml.tau2, i2: reml.I2, q: reml.QE, df: 12, pValue: reml.QEp },
    overallTest: { statistic: reml.zval, pValue: reml.pval, test: 'z' },
    ...(options.subgroups
      ? {
          subgroups: (sg.levels.level as string[]).map((level, j) => ({
            group: level,
            pooled: [{ label: 'Subtotal', estimate: sg.levels.estimate[j], ciLower: sg.levels['ci.lb'][j], ciUpper: sg.levels['ci.ub'][j] }],
            heterogeneity: { tau2: sg.levels.tau2[j], i2: sg.levels.I2[j], q: sg.levels.QE[j], df: sg.levels.k[j] - 1, pValue: sg.levels.QEp[j] },
          })),
          subgroupTest: { q: sg.between.Q, df: sg.between.df, pValue: sg.between.pval },
        }
      : {}),
    ...(options.synthetic ? { synthetic: true } : {}),
  };
}

export function bcgFunnel(): FunnelPlotInput {
  const tf = get('RR/trimfill/REML');
  const eg = get('RR/regtest/REML/rma-sei');
  return {
    measure: 'RR',
    points: (tf.filled.yi as number[]).map((y, i) => ({
      study: labels[i] ?? `Filled ${i}`,
      effect: y,
      standardError: Math.sqrt(tf.filled.vi[i]),
      imputed: tf.filled.fill[i] as boolean,
    })),
    estimate: reml.estimate,
    adjustedEstimate: tf.estimate,
    egger: { intercept: eg.est, slope: eg.slope },
  };
}

export function bcgLeaveOneOut(): ForestPlotInput {
  const l = get('RR/leave1out/REML');
  return {
    measure: 'RR',
    studies: labels.map((study, i) => ({ study, effect: l.estimate[i], ciLower: l['ci.lb'][i], ciUpper: l['ci.ub'][i] })),
    pooled: [{ label: 'All studies', estimate: reml.estimate, ciLower: reml['ci.lb'], ciUpper: reml['ci.ub'] }],
  };
}

export function bcgCumulative(): ForestPlotInput {
  const c = get('RR/cumul/REML');
  return {
    measure: 'RR',
    studies: labels.map((study, i) => ({ study, effect: c.estimate[i], ciLower: c['ci.lb'][i], ciUpper: c['ci.ub'][i] })),
    pooled: [{ label: 'All studies', estimate: reml.estimate, ciLower: reml['ci.lb'], ciUpper: reml['ci.ub'] }],
  };
}

export function bcgBaujat(): BaujatPoint[] {
  const yi = escalc.yi as number[];
  const vi = escalc.vi as number[];
  return labels.map((study, i) => ({ study, contributionQ: (yi[i]! - ee.estimate) ** 2 / vi[i]!, influence: (i % 5) / 2 }));
}

export function bcgRadial(options: { random?: boolean } = {}): RadialPlotInput {
  const points = labels.map((study, i) => ({ study, effect: escalc.yi[i], standardError: Math.sqrt(escalc.vi[i]) }));
  if (!options.random) return { measure: 'RR', estimate: ee.estimate, points };
  return {
    measure: 'RR',
    estimate: reml.estimate,
    points,
    tau2: reml.tau2,
    ciLower: reml['ci.lb'],
    ciUpper: reml['ci.ub'],
    model: 'random-effects model, REML',
  };
}

/** Log risks of each arm from the counts (BCG has no zero cell), variance 1/x − 1/n per arm (escalc "PLN"). */
export function bcgLabbe(): LabbePlotInput {
  return {
    scale: 'log-risk',
    points: fx.studies.map((s) => ({
      study: s.study,
      treatment: Math.log(s.ai / (s.ai + s.bi)),
      control: Math.log(s.ci / (s.ci + s.di)),
      variance: 1 / s.ai - 1 / (s.ai + s.bi) + 1 / s.ci - 1 / (s.ci + s.di),
    })),
    pooled: reml.estimate,
    measure: 'RR',
  };
}

/** The influence plot input from metafor's influence(res) of the REML fit (fixture case RR/influence/REML). */
export function bcgInfluence(): InfluencePlotInput {
  const inf = get('RR/influence/REML');
  const col = (key: string) => inf[key] as number[];
  const isInfl = inf['is.infl'] as boolean[];
  return {
    tau2: reml.tau2 as number,
    q: reml.QE as number,
    model: 'random-effects model, REML',
    studies: fx.studies.map((s, i) => ({
      study: s.study,
      rstudent: col('rstudent')[i]!,
      dffits: col('dffits')[i]!,
      cooksDistance: col('cook.d')[i]!,
      covRatio: col('cov.r')[i]!,
      tau2Deleted: col('tau2.del')[i]!,
      qDeleted: col('QE.del')[i]!,
      hat: col('hat')[i]!,
      weight: col('weight')[i]!,
      influential: isInfl[i]!,
    })),
  };
}
