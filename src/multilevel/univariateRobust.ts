// Cluster-robust tests for the univariate models of pool and regress (metafor rma.uni with
// robust(); clubSandwich on rma.uni): the working covariance is diagonal, v_i + tau².
import { MetasynthError } from '../core/errors.js';
import type { StudyEffect } from '../effects/types.js';
import { buildDesign } from '../regression/design.js';
import { inverseSpd } from './blockAlgebra.js';
import { clusterRobust, type RobustResult, type RobustType } from './clusterRobust.js';
import { omnibusIndices } from './inference.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

/**
 * CR1 or CR2 tests of a random-effects model (intercept only, or moderators `mods`) with the
 * fitted tau², clusters from column `cluster`.
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * univariateRobust(table.studies, { mods: [], tau2: 0.3, type: 'CR1', cluster: 'district' }).coefficients[0].df // 3
 */
export function univariateRobust(
  studies: readonly StudyEffect[],
  options: { mods: readonly string[]; tau2: number; type: RobustType; cluster: string; level?: number; context?: string },
): RobustResult {
  const context = options.context ?? 'robust';
  const design = buildDesign(studies, options.mods, context);
  const rows = design.rows.map((r) => studies[r]!);
  const missing = rows.find(
    (s) => s.moderators[options.cluster] === undefined || s.moderators[options.cluster] === null || String(s.moderators[options.cluster]).trim() === '',
  );
  if (missing) {
    const known = Object.keys(rows[0]?.moderators ?? {}).sort();
    throw new MetasynthError(
      'invalid_option',
      known.includes(options.cluster)
        ? MULTILEVEL_MESSAGES.row_has_no_value(context, missing.row, missing.study, options.cluster)
        : MULTILEVEL_MESSAGES.unknown_cluster_column_available(context, options.cluster, known),
    );
  }
  const index = new Map<string, number>();
  const clusterOf = Int32Array.from(rows, (s) => {
    const key = String(s.moderators[options.cluster]).trim();
    let id = index.get(key);
    if (id === undefined) {
      id = index.size;
      index.set(key, id);
    }
    return id;
  });
  const x = design.columns;
  const p = x.length;
  const y = Float64Array.from(rows, (s) => s.effect);
  const w = Float64Array.from(rows, (s) => 1 / (s.variance + options.tau2));
  const xtwx = new Float64Array(p * p);
  const xtwy = new Float64Array(p);
  for (let i = 0; i < rows.length; i++) {
    for (let a = 0; a < p; a++) {
      xtwy[a] = xtwy[a]! + x[a]![i]! * w[i]! * y[i]!;
      for (let b = 0; b < p; b++) xtwx[a * p + b] = xtwx[a * p + b]! + x[a]![i]! * w[i]! * x[b]![i]!;
    }
  }
  const bread = inverseSpd(xtwx, p);
  if (!bread) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.x_wx_singular_collinear(context));
  const beta = Float64Array.from({ length: p }, (_, a) => xtwy.reduce((s, v, b) => s + bread[a * p + b]! * v, 0));
  return clusterRobust({ x, y, beta, bread, blocks: rows.map((_, i) => Int32Array.of(i)), marginalBlock: (i) => Float64Array.of(1 / w[i]!) }, clusterOf, {
    type: options.type,
    tested: omnibusIndices(design.info.map((c) => c.name)),
    ...(options.level !== undefined ? { level: options.level } : {}),
  });
}
