// The batch behind `metasynth pool FILE --group rep`: one full `pool()` result per value of a
// column of the effect table, so each group's JSON is exactly what `metasynth pool` prints for that
// group alone (Q-profile intervals, weights, fit statistics, MH and Peto included).
import { MetasynthError, type Warning } from '../core/errors.js';
import { progressTicker, type ProgressCallback } from '../core/progress.js';
import type { EffectTable, Exclusion } from '../effects/types.js';
import { pool } from '../pool/pool.js';
import type { PoolOptions, PoolResult } from '../pool/types.js';

export interface PoolByGroupOptions extends PoolOptions {
  /** The column (a moderator of the table) whose values define the groups. Required. */
  readonly by: string;
  /** Called as groups are pooled. */
  readonly onProgress?: ProgressCallback;
}

export interface PoolByGroupResult {
  /** The grouping column. */
  readonly by: string;
  /** One entry per group value, in first-seen order. */
  readonly groups: readonly { readonly group: number | string; readonly result: PoolResult }[];
  /** Studies without a group value, with the reason. */
  readonly excluded: readonly Exclusion[];
  readonly warnings: readonly Warning[];
}

/**
 * Pools each group of an effect table separately (the groups are the distinct values of column
 * `by`, first-seen order) with `pool(groupTable, options)`: metafor's
 * `lapply(split(dat, dat$by), function(d) rma(yi, vi, data = d))`. Studies whose `by` value is
 * missing are left out and listed in `excluded`. Throws `invalid_option` when no study has the
 * column, and whatever `pool()` throws for a group (with the group named).
 * @example poolByGroup(bcgTable, { by: 'alloc', method: 'DL' }).groups.map((g) => g.group) // ['random', 'alternate', 'systematic']
 * @example poolByGroup(bcgTable, { by: 'alloc', method: 'DL' }).groups[0].result.estimate // -1.0042
 */
export function poolByGroup(table: EffectTable, options: PoolByGroupOptions): PoolByGroupResult {
  const by = options.by;
  if (typeof by !== 'string' || by === '') throw new MetasynthError('invalid_option', 'poolByGroup: `by` must name a column of the data');
  if (!table.studies.some((s) => Object.hasOwn(s.moderators, by))) {
    const columns = [...new Set(table.studies.flatMap((s) => Object.keys(s.moderators)))];
    throw new MetasynthError('invalid_option', `poolByGroup: no column "${by}" in ${table.file ?? 'the data'}${columns.length > 0 ? ` (columns: ${columns.join(', ')})` : ''}`);
  }
  const members = new Map<number | string, EffectTable['studies'][number][]>();
  const excluded: Exclusion[] = [];
  for (const s of table.studies) {
    const g = s.moderators[by];
    if (g === null || g === undefined || (typeof g === 'number' && !Number.isFinite(g))) {
      excluded.push({ study: s.study, ...(s.row !== undefined ? { row: s.row } : {}), reason: `no value in the grouping column "${by}"` });
      continue;
    }
    let list = members.get(g);
    if (list === undefined) {
      list = [];
      members.set(g, list);
    }
    list.push(s);
  }
  const { by: _by, onProgress, ...poolOptions } = options;
  const ticker = progressTicker(members.size, onProgress);
  const groups: { group: number | string; result: PoolResult }[] = [];
  for (const [group, studies] of members) {
    let result: PoolResult;
    try {
      result = pool({ ...table, studies, excluded: [], warnings: [] }, poolOptions);
    } catch (e) {
      if (e instanceof MetasynthError) throw new MetasynthError(e.code, `group ${by} = ${String(group)}: ${e.message}`, e.issues);
      throw e;
    }
    groups.push({ group, result });
    ticker.tick(groups.length);
  }
  ticker.finish();
  const warnings: Warning[] = excluded.length > 0 ? [{ code: 'excluded', message: `${excluded.length} ${excluded.length === 1 ? 'study has' : 'studies have'} no value in "${by}" and ${excluded.length === 1 ? 'was' : 'were'} left out` }] : [];
  return { by, groups, excluded, warnings };
}
