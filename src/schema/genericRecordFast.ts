// The check of a generic record (genericRecordSchema: yi with a positive vi) without zod, for the
// common case where every rule holds: on 100,000 rows a zod parse per row was a sizeable part of a
// CLI run. Whenever anything is off it returns null and the caller runs the schema, so that every
// problem is still reported by zod in its own words (the messages do not depend on this path).
import type { ModeratorValue } from './rawTable.js';
import type { GenericRecord } from './studyRecord.js';

const isModeratorValue = (x: unknown): x is ModeratorValue => x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));

/**
 * The record genericRecordSchema would return for `candidate` (same fields in the same order),
 * or null when the schema could find a problem or change a value.
 * @example genericRecordFast({ kind: 'generic', study: 'A', row: 1, yi: 0.1, vi: 0.01, moderators: {} })?.vi // 0.01
 * @example genericRecordFast({ kind: 'generic', study: 'A', row: 1, yi: 0.1, vi: 0, moderators: {} }) // null
 */
export function genericRecordFast(candidate: Readonly<Record<string, unknown>>): GenericRecord | null {
  const { study, row, moderators, source, yi, vi } = candidate;
  if (candidate.kind !== 'generic' || typeof study !== 'string' || study === '' || study.trim() !== study) return null;
  if (typeof row !== 'number' || !Number.isInteger(row) || row <= 0) return null;
  if (typeof yi !== 'number' || !Number.isFinite(yi) || typeof vi !== 'number' || !Number.isFinite(vi) || !(vi > 0)) return null;
  if (source !== undefined && typeof source !== 'string') return null;
  if (typeof moderators !== 'object' || moderators === null || Array.isArray(moderators)) return null;
  const mods: Record<string, ModeratorValue> = {};
  for (const [k, x] of Object.entries(moderators)) {
    if (!isModeratorValue(x)) return null;
    mods[k] = x;
  }
  return { kind: 'generic', study, row, moderators: mods, ...(source !== undefined ? { source } : {}), yi, vi };
}
