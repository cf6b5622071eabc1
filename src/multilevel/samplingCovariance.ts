// The known sampling covariance V of a multilevel fit: diagonal (the variances), a full block
// per cluster read from columns (`--vcov c1,c2,... --cluster COL`), or imputed for a constant
// within-cluster correlation as metafor's vcalc(vi, cluster, rho = r) does: V_ij = r·sqrt(v_i·v_j).
import { MetasynthError, type Issue } from '../core/errors.js';
import type { StudyEffect } from '../effects/types.js';
import { plainIssue } from '../messages.js';
import { cholesky } from '../heterogeneity/wls/linalg.js';
import { MULTILEVEL_MESSAGES } from './messages.js';

export type SamplingCovarianceOption =
  | { readonly type: 'vcov'; readonly cluster: string; readonly columns: readonly string[] }
  | { readonly type: 'rho'; readonly cluster: string; readonly rho: number };

export interface SamplingCovariance {
  /** Cluster id of each row, or null when V is diagonal. */
  readonly clusterOf: Int32Array | null;
  /** Covariance of rows i and j (zero across clusters). */
  readonly covariance: (i: number, j: number) => number;
}

function clusterIds(studies: readonly StudyEffect[], column: string): Int32Array {
  const index = new Map<string, number>();
  return Int32Array.from(studies, (s) => {
    const key = String(s.moderators[column]).trim();
    let id = index.get(key);
    if (id === undefined) {
      id = index.size;
      index.set(key, id);
    }
    return id;
  });
}

function membersOf(clusterOf: Int32Array): number[][] {
  const members: number[][] = [];
  clusterOf.forEach((c, i) => {
    members[c] ??= [];
    members[c].push(i);
  });
  return members;
}

function where(s: StudyEffect, file: string | undefined) {
  return { ...(file !== undefined ? { file } : {}), ...(s.row !== undefined ? { row: s.row } : {}), study: s.study };
}

/** Read each row's covariances from the columns; checks symmetry, the diagonal and completeness. */
function readBlocks(
  studies: readonly StudyEffect[],
  option: Extract<SamplingCovarianceOption, { type: 'vcov' }>,
  clusterOf: Int32Array,
  file?: string,
): (i: number, j: number) => number {
  const members = membersOf(clusterOf);
  const position = new Int32Array(studies.length);
  for (const m of members)
    m.forEach((row, p) => {
      position[row] = p;
    });
  const issues: Issue[] = [];
  const value = (i: number, p: number): number => {
    const x = studies[i]!.moderators[option.columns[p]!];
    return typeof x === 'number' ? x : NaN;
  };
  for (const m of members) {
    const cluster = String(studies[m[0]!]!.moderators[option.cluster]);
    if (m.length > option.columns.length) {
      issues.push(
        plainIssue(
          { ...(file !== undefined ? { file } : {}), field: option.cluster },
          'vcov_too_few_columns',
          MULTILEVEL_MESSAGES.vcov_too_few_columns(cluster, m.length, option.columns.length),
        ),
      );
      continue;
    }
    for (const i of m) {
      for (let p = 0; p < m.length; p++) {
        const x = value(i, p);
        const j = m[p]!;
        if (!Number.isFinite(x))
          issues.push(
            plainIssue({ ...where(studies[i]!, file), field: option.columns[p]! }, 'vcov_missing', MULTILEVEL_MESSAGES.vcov_missing(option.columns[p]!, p + 1)),
          );
        else if (i === j && Math.abs(x - studies[i]!.variance) > 1e-8 * studies[i]!.variance)
          issues.push(
            plainIssue(
              { ...where(studies[i]!, file), field: option.columns[p]! },
              'vcov_inconsistent',
              MULTILEVEL_MESSAGES.vcov_inconsistent(cluster, x, studies[i]!.variance),
            ),
          );
        else if (j < i && Math.abs(x - value(j, position[i]!)) > 1e-8 * Math.sqrt(studies[i]!.variance * studies[j]!.variance))
          issues.push(
            plainIssue(
              where(studies[i]!, file),
              'vcov_inconsistent',
              MULTILEVEL_MESSAGES.vcov_inconsistent_cluster(
                cluster,
                option.columns[p]!,
                x,
                option.columns[position[i]!]!,
                value(j, position[i]!),
                studies[j]!.row ?? j + 1,
              ),
            ),
          );
      }
    }
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', MULTILEVEL_MESSAGES.multilevel_sampling_covariance_given(), issues);
  return (i, j) => (i === j ? studies[i]!.variance : clusterOf[i] === clusterOf[j] ? value(i, position[j]!) : 0);
}

/** Every cluster's block of V must be positive definite. */
function checkPositiveDefinite(
  studies: readonly StudyEffect[],
  clusterOf: Int32Array,
  cov: (i: number, j: number) => number,
  cluster: string,
  file?: string,
): void {
  const issues: Issue[] = [];
  for (const m of membersOf(clusterOf)) {
    const b = m.length;
    const a = new Float64Array(b * b);
    for (let r = 0; r < b; r++) for (let c = 0; c < b; c++) a[r * b + c] = cov(m[r]!, m[c]!);
    if (!cholesky(a, b).ok) {
      const name = String(studies[m[0]!]!.moderators[cluster]);
      issues.push(
        plainIssue({ ...where(studies[m[0]!]!, file), field: cluster }, 'vcov_not_positive_definite', MULTILEVEL_MESSAGES.vcov_not_positive_definite(name)),
      );
    }
  }
  if (issues.length > 0) throw new MetasynthError('invalid_input', MULTILEVEL_MESSAGES.multilevel_sampling_covariance_v(), issues);
}

/**
 * The sampling covariance of the rows used.
 * @example
 * const studies = [{ study: 'A', effect: 0.1, variance: 0.04, moderators: { study: 's1' } }, { study: 'B', effect: 0.3, variance: 0.09, moderators: { study: 's1' } }];
 * samplingCovariance(studies, { type: 'rho', cluster: 'study', rho: 0.5 }).covariance(0, 1) // 0.03
 */
export function samplingCovariance(studies: readonly StudyEffect[], option: SamplingCovarianceOption | undefined, file?: string): SamplingCovariance {
  if (option === undefined) return { clusterOf: null, covariance: (i, j) => (i === j ? studies[i]!.variance : 0) };
  const clusterOf = clusterIds(studies, option.cluster);
  let covariance: (i: number, j: number) => number;
  if (option.type === 'rho') {
    if (!(option.rho > -1 && option.rho < 1)) throw new MetasynthError('invalid_option', MULTILEVEL_MESSAGES.multilevel_rho_correlation_strictly(option.rho));
    covariance = (i, j) =>
      i === j ? studies[i]!.variance : clusterOf[i] === clusterOf[j] ? option.rho * Math.sqrt(studies[i]!.variance * studies[j]!.variance) : 0;
  } else covariance = readBlocks(studies, option, clusterOf, file);
  checkPositiveDefinite(studies, clusterOf, covariance, option.cluster, file);
  return { clusterOf, covariance };
}
