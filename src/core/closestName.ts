// The nearest of a few known names to a mistyped one, for "did you mean" hints in messages.

/**
 * Optimal string alignment distance (Levenshtein with adjacent transpositions counted as one
 * edit; Damerau 1964, Levenshtein 1966): the edits that turn `a` into `b`.
 * @example editDistance('metod', 'method') // 1
 * @example editDistance('mesaure', 'measure') // 1
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known name closest to `name` (case-insensitive), when it is close enough to be a typo: at
 * most 1 edit for names up to 4 letters, 2 up to 8, 3 beyond; a prefix of 3 or more letters of
 * exactly one name also counts (`--meas` → `measure`). Undefined otherwise, or on a tie.
 * @example closestName('metod', ['method', 'measure', 'level']) // 'method'
 * @example closestName('xyz', ['method']) // undefined
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const n = name.toLowerCase();
  const prefixed = n.length >= 3 ? known.filter((k) => k.toLowerCase().startsWith(n)) : [];
  if (prefixed.length === 1) return prefixed[0];
  const limit = n.length <= 4 ? 1 : n.length <= 8 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const k of known) {
    const dist = editDistance(n, k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
      tie = false;
    } else if (dist === bestDistance) tie = true;
  }
  return best !== undefined && bestDistance <= limit && !tie ? best : undefined;
}
