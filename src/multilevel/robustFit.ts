// Cluster-robust inference on a fitted multilevel model: its blocks of the marginal covariance
// are the working model (as clubSandwich's vcovCR.rma.mv and metafor's robust() take it).
import { MetasynthError } from '../core/errors.js';
import { clusterRobust, type RobustResult, type RobustType } from './clusterRobust.js';
import { fillMarginalBlock, innerMatrix, splitParameters } from './likelihood.js';
import type { MultilevelFit } from './multilevelFit.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

/** Cluster ids (0-based, first appearance) of the rows of a fit from a column. */
export function clusterColumn(fit: MultilevelFit, column: string): Int32Array {
  const index = new Map<string, number>();
  const missing = fit.data.studies.find(
    (s) => s.moderators[column] === undefined || s.moderators[column] === null || String(s.moderators[column]).trim() === '',
  );
  if (missing) {
    const known = Object.keys(fit.data.studies[0]?.moderators ?? {});
    throw new MetasynthError(
      'invalid_option',
      known.includes(column)
        ? MULTILEVEL_MESSAGES.robust_row_has_no(missing.row, missing.study, column)
        : MULTILEVEL_MESSAGES.robust_unknown_cluster_column(column, known),
    );
  }
  return Int32Array.from(fit.data.studies, (s) => {
    const key = String(s.moderators[column]).trim();
    let id = index.get(key);
    if (id === undefined) {
      id = index.size;
      index.set(key, id);
    }
    return id;
  });
}

/**
 * CR1 or CR2 tests of a multilevel fit's coefficients with clusters from `cluster`.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * const data = buildModelData(table.studies, { random: [parseRandomTerm('~ 1 | district/school')], mods: [] });
 * const fit = fitMultilevelModel(data, 'REML');
 * multilevelRobust(fit, { type: 'CR2', cluster: 'district' }, [0]).coefficients[0].df // 2.955
 */
export function multilevelRobust(fit: MultilevelFit, options: { type: RobustType; cluster: string }, tested: readonly number[], level = 95): RobustResult {
  const clusterOf = clusterColumn(fit, options.cluster);
  const par = splitParameters(fit.data, fit.theta);
  const g = innerMatrix(fit.data, par);
  return clusterRobust(
    {
      x: fit.data.design.columns,
      y: fit.data.y,
      beta: fit.beta,
      bread: fit.vb,
      blocks: fit.plan.blocks,
      marginalBlock: (bi) => {
        const b = fit.plan.blocks[bi]!.length;
        const out = new Float64Array(b * b);
        fillMarginalBlock(fit.plan, bi, par.sigma2, g, out);
        return out;
      },
    },
    clusterOf,
    { type: options.type, tested, level },
  );
}
