// The input of a cluster forest plot for an intercept-only multilevel fit: the rows grouped by
// cluster, under each cluster its summary — the GLS mean of its rows under their fitted covariance
// within the cluster, 1'M_c⁻¹y_c / 1'M_c⁻¹1 with variance 1/1'M_c⁻¹1 (the rows' dependence
// counted) — and the model's pooled estimate with its prediction interval at the foot. Variance
// components shared by every row of the cluster (the cluster's own level and coarser ones) are left
// out of M_c: they move the cluster's true mean, not the weights, so the summary's interval is the
// one of the cluster's own mean, not of the overall mean estimated from that cluster alone.
import { MetasynthError } from '../core/errors.js';
import { countOf } from '../core/plural.js';
import { normalQuantile } from '../distributions/index.js';
import type { EffectTable } from '../effects/types.js';
import type { ForestPlotInput, ForestStudy, ForestSubgroup } from '../plots/types.js';
import { blockSolve, innerMatrix, splitParameters } from './likelihood.js';
import { choleskyInPlace } from './blockAlgebra.js';
import { buildModelData } from './modelData.js';
import { fitMultilevelModel, type MultilevelOptions, type MultilevelResult } from './multilevel.js';
import { parseRandomTerm } from './randomTerms.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

/** M_ij of the fitted model without the σ² components in `skip`. */
function marginalEntry(
  data: ReturnType<typeof buildModelData>,
  sigma2: ArrayLike<number>,
  g: Float64Array | null,
  skip: readonly boolean[],
  i: number,
  j: number,
): number {
  let m = data.sampling.covariance(i, j);
  data.structure.sigma.forEach((s, k) => {
    if (!skip[k] && s.levelOf[i] === s.levelOf[j]) m += sigma2[k]!;
  });
  const st = data.structure.structTerm;
  if (st && g && st.outerOf[i] === st.outerOf[j]) m += g[st.innerOf[i]! * st.innerLevels.length + st.innerOf[j]!]!;
  return m;
}

/** The GLS mean of a cluster's rows and its standard error, components constant over the cluster left out. */
function clusterSummary(
  data: ReturnType<typeof buildModelData>,
  sigma2: ArrayLike<number>,
  g: Float64Array | null,
  rows: readonly number[],
): { estimate: number; se: number } {
  const b = rows.length;
  const skip = data.structure.sigma.map((s) => rows.every((r) => s.levelOf[r] === s.levelOf[rows[0]!]));
  const l = new Float64Array(b * b);
  for (let a = 0; a < b; a++) for (let c = 0; c < b; c++) l[a * b + c] = marginalEntry(data, sigma2, g, skip, rows[a]!, rows[c]!);
  choleskyInPlace(l, b);
  const ones = new Float64Array(b).fill(1);
  blockSolve(l, b, ones);
  let a1 = 0;
  let ay = 0;
  rows.forEach((r, i) => {
    a1 += ones[i]!;
    ay += ones[i]! * data.y[r]!;
  });
  return { estimate: ay / a1, se: Math.sqrt(1 / a1) };
}

/**
 * Forest plot input with rows grouped by `cluster` and each cluster's summary.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const result = multilevel(table, { random: ['~ 1 | district/school'] });
 * clusterForestInput(table, { random: ['~ 1 | district/school'] }, result, 'district').studies[1].group // 'district 1'
 */
export function clusterForestInput(table: EffectTable, options: MultilevelOptions, result: MultilevelResult, cluster: string): ForestPlotInput {
  if (result.coefficients.length !== 1) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.cluster_forest_plot_model());
  const data = buildModelData(table.studies, {
    random: options.random.map(parseRandomTerm),
    ...(options.struct ? { struct: options.struct } : {}),
    mods: [],
    ...(options.sampling ? { sampling: options.sampling } : {}),
  });
  if (!data.studies.some((s) => cluster in s.moderators)) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.cluster_forest_plot_unknown(cluster));
  const fit = fitMultilevelModel(data, result.method, options.control);
  const par = splitParameters(data, fit.theta);
  const g = innerMatrix(data, par);
  const level = result.level;
  const z = -normalQuantile((1 - level / 100) / 2);
  const members = new Map<string, number[]>();
  const name = (s: (typeof data.studies)[number]) => `${cluster} ${String(s.moderators[cluster]).trim()}`;
  data.studies.forEach((s, i) => {
    const key = name(s);
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  });
  // Squares sized by precision 1/vᵢ (in percent of the sum): a row's weight in a multilevel model is
  // not one number per row, so no weight column is printed (clusterForestPlotSpec hides it).
  const precision = data.studies.reduce((a, s) => a + 1 / s.variance, 0);
  const studies: ForestStudy[] = data.studies.map((s) => ({
    study: s.study,
    effect: s.effect,
    ciLower: s.effect - z * s.standardError,
    ciUpper: s.effect + z * s.standardError,
    weight: 100 / s.variance / precision,
    group: name(s),
  }));
  const subgroups: ForestSubgroup[] = [...members].map(([key, rows]) => {
    const { estimate: est, se } = clusterSummary(data, par.sigma2, g, rows);
    return {
      group: key,
      pooled: [
        {
          label: `Cluster summary (${countOf(rows.length, 'effect', 'effects')})`,
          estimate: est,
          ciLower: est - z * se,
          ciUpper: est + z * se,
          model: 'random' as const,
        },
      ],
    };
  });
  const c = result.coefficients[0]!;
  return {
    measure: table.measure,
    studies,
    pooled: [
      {
        label: `Multilevel model (${result.method})`,
        estimate: c.estimate,
        ciLower: c.ciLower,
        ciUpper: c.ciUpper,
        piLower: result.piLower,
        piUpper: result.piUpper,
        model: 'random',
      },
    ],
    heterogeneity: { q: result.q, df: result.qDf, pValue: result.qPValue, i2: result.i2?.total ?? null },
    overallTest: { statistic: c.statistic, pValue: c.pValue, test: result.test, df: c.df },
    subgroups,
    level,
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}
