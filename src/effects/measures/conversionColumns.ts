// Which reported columns can stand in for a measure's inputs through a conversion (for the
// catalogue). Mirrors src/effects/conversions/derivations.ts, checked against it by a test.

/**
 * The conversion inputs for a measure with the given canonical columns.
 * @example CONVERSION_COLUMNS('MD', ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']) // ['min1i', 'q1_1i', 'median1i', 'q3_1i', 'max1i', 'min2i', 'q1_2i', 'median2i', 'q3_2i', 'max2i']
 */
export function CONVERSION_COLUMNS(name: string, columns: readonly string[]): string[] {
  const out: string[] = [];
  const has = (c: string) => columns.includes(c);
  for (const g of ['1', '2']) if (has(`m${g}i`) && has(`sd${g}i`)) out.push(`min${g}i`, `q1_${g}i`, `median${g}i`, `q3_${g}i`, `max${g}i`);
  if (has('mi') && has('sdi')) out.push('mini', 'q1_i', 'mediani', 'q3_i', 'maxi');
  if (['SMD', 'RPB', 'RBIS', 'D2ORN', 'D2ORL'].includes(name)) out.push('ti', 'fi', 'di');
  if (has('vi') && has('yi')) out.push('ci.lb', 'ci.ub', 'pval');
  if (has('ai') && has('bi') && has('ci') && has('di')) out.push('ori', 'ni', 'n1i (row margin)', 'n2i (column margin)');
  return out;
}
