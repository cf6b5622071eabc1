// The user weights of a fit (metafor `rma(..., weights = )`) read from a column of an effect table.
import { MetasynthError, type Issue } from '../core/errors.js';
import type { EffectTable } from '../effects/types.js';
import { MESSAGES, fieldIssue, invalidInputSummary } from '../messages.js';

/**
 * The user weights of the studies `rows` (default: all, table order) from the column `column`:
 * each a finite number ≥ 0. Throws `invalid_input` naming the file, row, study and value of every
 * missing, non-numeric or negative weight at once (metafor drops a study with a missing weight; we
 * refuse it rather than drop a study silently), and when the column is not among the table's
 * non-data columns (a column the measure reads, such as `ni` for ZCOR, is not kept: copy it).
 * @example Array.from(userWeightsColumn({ measure: 'GEN', excluded: [], warnings: [], studies: [{ study: 'a', effect: 0, variance: 1, standardError: 1, moderators: { n: 20 } }] }, 'n')) // [20]
 */
export function userWeightsColumn(table: EffectTable, column: string, rows?: readonly number[]): Float64Array {
  const name = column.trim();
  const which = rows ?? table.studies.map((_, i) => i);
  if (!table.studies.some((s) => Object.hasOwn(s.moderators, name))) {
    const available = Object.keys(table.studies[0]?.moderators ?? {});
    throw new MetasynthError('invalid_option', `weights: column "${name}" not found among the non-data columns${available.length > 0 ? ` (${available.join(', ')})` : ''}; a column the measure reads (such as ni) must be copied under another name to serve as weights`);
  }
  const issues: Issue[] = [];
  const out = new Float64Array(which.length);
  which.forEach((r, j) => {
    const s = table.studies[r]!;
    const raw = s.moderators[name];
    const loc = { file: table.file, row: s.row, study: s.study, field: name };
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      issues.push(fieldIssue(loc, raw === null || raw === undefined ? 'missing_weight' : 'invalid_weight', raw, MESSAGES.notANumber));
    } else if (raw < 0) {
      issues.push(fieldIssue(loc, 'negative_weight', raw, `${MESSAGES.negative} (a weight)`));
    }
    out[j] = typeof raw === 'number' ? raw : NaN;
  });
  if (issues.length > 0) throw new MetasynthError('invalid_input', invalidInputSummary(table.file, issues.length), issues);
  return out;
}
