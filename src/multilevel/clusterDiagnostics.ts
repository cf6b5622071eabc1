// Diagnostics that respect clusters: each cluster left out in turn (metafor's leave1out logic at
// the cluster level), and cluster-level Cook's distances as metafor's
// cooks.distance(res, cluster = ) defines them: D_c = (b − b₍₋c₎)'·vb⁻¹·(b − b₍₋c₎), with the
// variance components re-estimated without cluster c and vb the full fit's covariance.
import { MetasynthError } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import { inverseSpd } from './blockAlgebra.js';
import { multilevel, type MultilevelOptions } from './multilevel.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

export interface ClusterDiagnostic {
  readonly cluster: string;
  /** Rows left out with the cluster. */
  readonly rows: number;
  /** Coefficients of the fit without the cluster (null when it cannot be fitted, see `reason`). */
  readonly coefficients: readonly { readonly name: string; readonly estimate: number; readonly standardError: number }[] | null;
  readonly sigma2: readonly number[] | null;
  readonly tau2: readonly number[] | null;
  readonly cooksDistance: number | null;
  readonly reason?: string;
}

/**
 * Refit the model without each cluster of column `cluster` (in order of first appearance).
 * @example
 * // SYNTHETIC grouping: the 13 BCG trials put into 4 made-up districts of one school each
 * const table = { ...bcgTable, studies: bcgTable.studies.map((s, i) => ({ ...s, moderators: { district: String(i % 4), school: String(i) } })) };
 * leaveOneClusterOut(table, { random: ['~ 1 | district/school'] }, 'district')[0].cooksDistance // 0.6918
 */
export function leaveOneClusterOut(table: EffectTable, options: MultilevelOptions, cluster: string): ClusterDiagnostic[] {
  const base = { ...options, confint: false };
  delete (base as { robust?: unknown }).robust;
  const full = multilevel(table, base);
  const p = full.coefficients.length;
  const vbInv = inverseSpd(Float64Array.from(full.covariance.flat()), p);
  if (!table.studies.some((s) => cluster in s.moderators)) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.leave_one_cluster_out(cluster));
  const labels = [...new Set(table.studies.map((s) => String(s.moderators[cluster] ?? '').trim()))].filter((l) => l !== '');
  return labels.map((label) => {
    const kept = table.studies.filter((s) => String(s.moderators[cluster] ?? '').trim() !== label);
    const rows = table.studies.length - kept.length;
    try {
      const fit = multilevel({ ...table, studies: kept }, base);
      if (fit.coefficients.length !== p) throw new MetasynthError('not_estimable', MULTILEVEL_MESSAGES.moderator_level_exists_only());
      const d = fit.coefficients.map((c, j) => full.coefficients[j]!.estimate - c.estimate);
      let cooks: number | null = null;
      if (vbInv) {
        cooks = 0;
        for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) cooks += d[a]! * vbInv[a * p + b]! * d[b]!;
      }
      return {
        cluster: label,
        rows,
        coefficients: fit.coefficients.map((c) => ({ name: c.name, estimate: c.estimate, standardError: c.standardError })),
        sigma2: fit.sigma2.map((s) => s.estimate),
        tau2: fit.tau2,
        cooksDistance: cooks,
      };
    } catch (err) {
      return {
        cluster: label,
        rows,
        coefficients: null,
        sigma2: null,
        tau2: null,
        cooksDistance: null,
        reason: err instanceof Error ? err.message.split('\n')[0]! : String(err),
      };
    }
  });
}
