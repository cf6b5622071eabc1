// Figures of the Bayesian random-effects model (bayesmeta's plot() and forestplot()): the marginal
// posterior densities of μ, τ and a new study's effect, and a forest plot of the observed effects
// beside their shrinkage estimates.
import type { TopLevelSpec } from 'vega-lite';
import { contourSegments } from '../bayes/jointDensity.js';
import type { BayesResult } from '../bayes/types.js';
import { baseConfig, finish, INK, MUTED, titleBlock, VEGA_LITE_SCHEMA, type Json } from './spec.js';

export interface BayesPlotOptions {
  /** Axis label of the effect, e.g. 'log RR'. */
  readonly effectLabel?: string;
  readonly title?: string;
  readonly synthetic?: boolean;
}

const round = (x: number) => Number(x.toPrecision(7));

function densityPanel(
  name: string,
  title: string,
  curve: { x: readonly number[]; density: readonly number[] },
  summary: BayesResult['mu'],
  xTitle: string,
): Json {
  const values = curve.x.map((x, i) => ({ x: round(x), density: round(curve.density[i]!) }));
  const inside = values.filter((v) => v.x >= summary.shortestLower && v.x <= summary.shortestUpper);
  return {
    title: { text: title, anchor: 'start', fontSize: 12 },
    width: 220,
    height: 160,
    layer: [
      {
        data: { values: inside },
        mark: { type: 'area', color: '#9ecae1', opacity: 0.7 },
        encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' } },
      },
      {
        data: { values },
        mark: { type: 'line', color: INK, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xTitle, scale: { zero: false, nice: false } },
          y: { field: 'density', type: 'quantitative', title: 'posterior density' },
        },
      },
      {
        data: { values: [{ x: round(summary.median), name }] },
        mark: { type: 'rule', color: '#b3261e', strokeDash: [4, 3] },
        encoding: { x: { field: 'x', type: 'quantitative' } },
      },
    ],
  };
}

/**
 * Vega-Lite spec of the marginal posterior densities of μ, τ and θ_new (needs `curves` in the
 * result: `bayesMeta(data, { ..., curves: 201 })`), each with its shortest credible interval shaded
 * and its median marked.
 * @example bayesDensitySpec(bayesMeta({ y: [...bcgYi], v: [...bcgVi] }, { tauPrior: { family: 'halfnormal', scale: 0.5 }, curves: 101 })).hconcat.length // 3
 */
export function bayesDensitySpec(r: BayesResult, options: BayesPlotOptions = {}): TopLevelSpec {
  if (!r.curves) throw new Error('bayesDensitySpec needs the density curves: call bayesMeta with { curves: N }');
  const effect = options.effectLabel ?? 'effect';
  const title = titleBlock({
    title: options.title ?? 'Marginal posterior densities',
    subtitle: `k = ${r.k}; shaded: shortest ${r.level}% credible interval; dashed: median`,
    ...(options.synthetic ? { synthetic: true } : {}),
  });
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    config: baseConfig(),
    hconcat: [
      densityPanel('mu', 'Overall effect μ', r.curves.mu, r.mu, effect),
      densityPanel('tau', 'Heterogeneity τ', r.curves.tau, r.tau, 'τ'),
      densityPanel('prediction', 'New study θ_new', r.curves.prediction, r.prediction, effect),
    ],
  });
}

interface ForestRow {
  readonly row: number;
  readonly label: string;
  readonly kind: string;
  readonly estimate: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Vega-Lite forest plot of the observed effects (with Wald intervals at the result's level) and,
 * below each, its shrinkage estimate (posterior median and credible interval), then μ and θ_new.
 * @example bayesForestSpec(bayesMeta({ y: [...bcgYi], v: [...bcgVi] }, { tauPrior: { family: 'halfnormal', scale: 0.5 }, curves: 101 }), bcgTable.studies, 1.959963984540054).layer.length // 3
 */
export function bayesForestSpec(
  r: BayesResult,
  studies: readonly { study: string; effect: number; standardError: number }[],
  z: number,
  options: BayesPlotOptions = {},
): TopLevelSpec {
  const rows: ForestRow[] = [];
  studies.forEach((s, i) => {
    rows.push({
      row: rows.length,
      label: s.study,
      kind: 'observed',
      estimate: s.effect,
      lower: s.effect - z * s.standardError,
      upper: s.effect + z * s.standardError,
    });
    const sh = r.shrinkage[i]!;
    rows.push({ row: rows.length, label: '', kind: 'shrinkage', estimate: sh.median, lower: sh.lower, upper: sh.upper });
  });
  rows.push({ row: rows.length, label: 'Overall effect μ', kind: 'mu', estimate: r.mu.median, lower: r.mu.lower, upper: r.mu.upper });
  rows.push({
    row: rows.length,
    label: 'New study θ_new',
    kind: 'prediction',
    estimate: r.prediction.median,
    lower: r.prediction.lower,
    upper: r.prediction.upper,
  });
  const values = rows.map((d) => ({ ...d, estimate: round(d.estimate), lower: round(d.lower), upper: round(d.upper) }));
  const title = titleBlock({
    title: options.title ?? 'Observed and shrinkage estimates',
    subtitle: `black: observed (${r.level}% CI); grey: shrinkage estimate (posterior median, ${r.level}% CrI)`,
    ...(options.synthetic ? { synthetic: true } : {}),
  });
  const y = { field: 'row', type: 'ordinal', axis: null, sort: 'ascending' } as const;
  const colour = {
    field: 'kind',
    type: 'nominal',
    scale: { domain: ['observed', 'shrinkage', 'mu', 'prediction'], range: [INK, '#8c8c8c', '#1f4e79', '#1f4e79'] },
    legend: null,
  } as const;
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    config: baseConfig(),
    width: 360,
    height: Math.max(120, rows.length * 12),
    data: { values },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          y,
          x: { field: 'lower', type: 'quantitative', title: options.effectLabel ?? 'effect', scale: { zero: false } },
          x2: { field: 'upper' },
          color: colour,
        },
      },
      { mark: { type: 'point', filled: true, size: 30 }, encoding: { y, x: { field: 'estimate', type: 'quantitative' }, color: colour } },
      { mark: { type: 'text', align: 'right', dx: -6, color: MUTED }, encoding: { y, x: { value: 0 }, text: { field: 'label' } } },
    ],
  });
}

/**
 * Vega-Lite spec of the joint posterior p(μ, τ | y) (needs `curves`): the density as a heat map,
 * the contours of its highest-density regions holding 50%, 90%, 95% and 99% of the mass, and the
 * marginal medians (bayesmeta's `plot(x, which = 1)`).
 * @example bayesJointSpec(bayesMeta({ y: [...bcgYi], v: [...bcgVi] }, { tauPrior: { family: 'halfnormal', scale: 0.5 }, curves: 101 })).layer.length // 3
 */
export function bayesJointSpec(r: BayesResult, options: BayesPlotOptions = {}): TopLevelSpec {
  if (!r.curves) throw new Error('bayesJointSpec needs the density curves: call bayesMeta with { curves: N }');
  const g = r.curves.joint;
  const dmu = (g.mu[1]! - g.mu[0]!) / 2;
  const dtau = (g.tau[1]! - g.tau[0]!) / 2;
  const cells = g.tau.flatMap((t, i) =>
    g.mu.map((m, j) => ({
      mu: round(m - dmu),
      mu2: round(m + dmu),
      tau: round(Math.max(0, t - dtau)),
      tau2: round(t + dtau),
      density: round(g.density[i]![j]!),
    })),
  );
  const lines = g.levels.flatMap((lv) =>
    contourSegments(g.mu, g.tau, g.density, lv.density).map(([x1, y1, x2, y2]) => ({
      x1: round(x1!),
      y1: round(y1!),
      x2: round(x2!),
      y2: round(y2!),
      region: `${Math.round(lv.mass * 100)}%`,
    })),
  );
  const title = titleBlock({
    title: options.title ?? 'Joint posterior of μ and τ',
    subtitle: 'contours: highest-posterior-density regions; cross: marginal medians',
    ...(options.synthetic ? { synthetic: true } : {}),
  });
  const x = { type: 'quantitative', title: options.effectLabel ?? 'effect μ', scale: { zero: false, nice: false } } as const;
  const y = { type: 'quantitative', title: 'heterogeneity τ', scale: { zero: true, nice: false } } as const;
  return finish({
    $schema: VEGA_LITE_SCHEMA,
    ...(title !== undefined ? { title } : {}),
    config: baseConfig(),
    width: 360,
    height: 300,
    layer: [
      {
        data: { values: cells },
        mark: { type: 'rect' },
        encoding: {
          x: { field: 'mu', ...x },
          x2: { field: 'mu2' },
          y: { field: 'tau', ...y },
          y2: { field: 'tau2' },
          color: { field: 'density', type: 'quantitative', scale: { scheme: 'blues' }, legend: null },
        },
      },
      {
        data: { values: lines },
        mark: { type: 'rule', strokeWidth: 1.2 },
        encoding: {
          x: { field: 'x1', type: 'quantitative' },
          y: { field: 'y1', type: 'quantitative' },
          x2: { field: 'x2' },
          y2: { field: 'y2' },
          color: { field: 'region', type: 'ordinal', scale: { range: ['#08306b', '#b3261e', '#e6550d', '#fdae6b'] }, title: 'HPD region' },
        },
      },
      {
        data: { values: [{ mu: round(r.mu.median), tau: round(r.tau.median) }] },
        mark: { type: 'point', shape: 'cross', size: 120, color: INK, filled: true },
        encoding: { x: { field: 'mu', type: 'quantitative' }, y: { field: 'tau', type: 'quantitative' } },
      },
    ],
  });
}
