// Counts in messages and headings: "1 expectation", "2 expectations".

/**
 * A count with its noun in the singular for exactly 1 and in the plural otherwise.
 * @example countOf(1, 'expectation') // '1 expectation'
 * @example countOf(3, 'study', 'studies') // '3 studies'
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
