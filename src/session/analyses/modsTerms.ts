// The moderator terms of a `--mods` value, in a module of its own so that reading them does not
// load the regression code (and with it mathjs) for a command that fits no formula.

/**
 * The moderator terms of a `--mods` value: an R formula (`~ pmin(weeks, 3) + factor(grade)`) is one
 * term list of its own; commas separate column names otherwise.
 * @example modsTerms('a, factor(b)') // ['a', 'factor(b)']
 */
export function modsTerms(value: string): string[] {
  if (value.trim().startsWith('~')) return [value.trim()];
  return value
    .split(',')
    .map((m) => m.trim())
    .filter((m) => m.length > 0);
}
