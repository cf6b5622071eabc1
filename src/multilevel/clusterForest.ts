// The input of a cluster forest plot for an intercept-only multilevel fit: the rows grouped by
// cluster, under each cluster its summary — the GLS mean of its rows under the fitted marginal
// covariance, Σ1'M_c⁻¹y_c / 1'M_c⁻¹1 with variance 1/1'M_c⁻¹1 (the rows' dependence counted) —
// and the model's pooled estimate with its prediction interval at the foot.
import { MetasynthError } from '../core/errors.js';
import { normalQuantile } from '../distributions/index.js';
import type { EffectTable } from '../effects/types.js';
import type { ForestPlotInput, ForestStudy, ForestSubgroup } from '../plots/types.js';
import { blockSolve, innerMatrix, splitParameters } from './likelihood.js';
import { choleskyInPlace } from './blockAlgebra.js';
import { buildModelData } from './modelData.js';
import { fitMultilevelModel, type MultilevelOptions, type MultilevelResult } from './multilevel.js';
import { parseRandomTerm } from './randomTerms.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

/** M_ij of the fitted model. */
function marginalEntry(data: ReturnType<typeof buildModelData>, sigma2: ArrayLike<number>, g: Float64Array | null, i: number, j: number): number {
  let m = data.sampling.covariance(i, j);
  data.structure.sigma.forEach((s, k) => {
    if (s.levelOf[i] === s.levelOf[j]) m += sigma2[k]!;
  });
  const st = data.structure.structTerm;
  if (st && g && st.outerOf[i] === st.outerOf[j]) m += g[st.innerOf[i]! * st.innerLevels.length + st.innerOf[j]!]!;
  return m;
}

/**
 * Forest plot input with rows grouped by `cluster` and each cluster's summary.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const result = multilevel(table, { random: ['~ 1 | district/school'] });
 * clusterForestInput(table, { random: ['~ 1 | district/school'] }, result, 'district').studies[1].group // '1'
 */
export function clusterForestInput(table: EffectTable, options: MultilevelOptions, result: MultilevelResult, cluster: string): ForestPlotInput {
  if (result.coefficients.length !== 1) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.cluster_forest_plot_model());
  const data = buildModelData(table.studies, { random: options.random.map(parseRandomTerm), ...(options.struct ? { struct: options.struct } : {}), mods: [], ...(options.sampling ? { sampling: options.sampling } : {}) });
  if (!data.studies.some((s) => cluster in s.moderators)) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.cluster_forest_plot_unknown(cluster));
  const fit = fitMultilevelModel(data, result.method, options.control);
  const par = splitParameters(data, fit.theta);
  const g = innerMatrix(data, par);
  const level = result.level;
  const z = -normalQuantile((1 - level / 100) / 2);
  const members = new Map<string, number[]>();
  data.studies.forEach((s, i) => {
    const key = String(s.moderators[cluster]).trim();
    const list = members.get(key);
    if (list) list.push(i);
    else members.set(key, [i]);
  });
  const studies: ForestStudy[] = data.studies.map((s) => ({ study: s.study, effect: s.effect, ciLower: s.effect - z * s.standardError, ciUpper: s.effect + z * s.standardError, group: String(s.moderators[cluster]).trim() }));
  const subgroups: ForestSubgroup[] = [...members].map(([key, rows]) => {
    const b = rows.length;
    const l = new Float64Array(b * b);
    for (let a = 0; a < b; a++) for (let c = 0; c < b; c++) l[a * b + c] = marginalEntry(data, par.sigma2, g, rows[a]!, rows[c]!);
    choleskyInPlace(l, b);
    const ones = new Float64Array(b).fill(1);
    blockSolve(l, b, ones);
    let a1 = 0;
    let ay = 0;
    rows.forEach((r, i) => {
      a1 += ones[i]!;
      ay += ones[i]! * data.y[r]!;
    });
    const est = ay / a1;
    const se = Math.sqrt(1 / a1);
    return { group: key, pooled: [{ label: `Cluster ${key} (k = ${b})`, estimate: est, ciLower: est - z * se, ciUpper: est + z * se, model: 'random' as const }] };
  });
  const c = result.coefficients[0]!;
  return {
    measure: table.measure,
    studies,
    pooled: [{ label: `Multilevel model (${result.method})`, estimate: c.estimate, ciLower: c.ciLower, ciUpper: c.ciUpper, piLower: result.piLower, piUpper: result.piUpper, model: 'random' }],
    heterogeneity: { q: result.q, df: result.qDf, pValue: result.qPValue, i2: result.i2?.total ?? null },
    overallTest: { statistic: c.statistic, pValue: c.pValue, test: result.test, df: c.df },
    subgroups,
    level,
    ...(table.synthetic ? { synthetic: true } : {}),
  };
}
