// Records that parseStudyRecords has already checked against their kind's schema, so that
// effectSizes need not check them a second time (on 100,000 rows the second zod pass cost about a
// tenth of a CLI run). They are frozen when marked (with their nested objects and arrays), so a
// marked record cannot have changed since its check.

const checked = new WeakSet<object>();

function freezeDeep(x: unknown): void {
  if (typeof x !== 'object' || x === null || Object.isFrozen(x)) return;
  Object.freeze(x);
  for (const v of Object.values(x)) freezeDeep(v);
}

/**
 * Freeze a record that passed its schema and remember it as checked; returns it.
 * @example Object.isFrozen(markChecked({ kind: 'generic', study: 'A', yi: 0.1, vi: 0.01, moderators: {} })) // true
 */
export function markChecked<T extends object>(record: T): T {
  freezeDeep(record);
  checked.add(record);
  return record;
}

/**
 * Was this record checked by parseStudyRecords (and so left unchanged since)?
 * @example isChecked({ kind: 'generic', study: 'A', yi: 0.1, vi: 0.01 }) // false
 */
export function isChecked(record: unknown): boolean {
  return typeof record === 'object' && record !== null && checked.has(record) && Object.isFrozen(record);
}
