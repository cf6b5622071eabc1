// The order of text factor levels.

/**
 * C-collation order (code unit order), as R sorts factor levels with LC_COLLATE=C.
 * @example ['b', 'B', 'a'].sort(compareC) // ['B', 'a', 'b']
 */
export function compareC(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
