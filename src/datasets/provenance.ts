// Quote matching for dataset provenance: is a quote really in its source document, and does a
// number really appear in its quote? Pure functions, so the checks run anywhere.

/**
 * Text normalised for quote matching: the page snapshots' mis-decoded punctuation (UTF-8 read as
 * Windows-874; see datasets/cik/sources/README.md) mapped back, every dash made `-`, curly quotes
 * made straight, markdown emphasis (`*`) dropped, runs of white space made one space.
 * @example normaliseForQuote('+15โ€“20%  **HR**') // '+15-20% HR'
 */
export function normaliseForQuote(text: string): string {
  return text
    .replace(/โ€[“”]/g, '-') // en dash (E2 80 93) and em dash (E2 80 94) read as Windows-874
    .replace(/โ€œ|โ€/g, '"') // curly quotes read as Windows-874 (the closing one lost a byte)
    .replace(/โฅ/g, '≥') // ≥ with its middle byte lost (004 snapshot)
    .replace(/โ/g, '-') // a dash whose last two bytes were lost (004 snapshot)
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[“”]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/\*/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * True when `quote` occurs in `document` once both are normalised with `normaliseForQuote`.
 * @example quoteOccursIn('a “quoted”  text', '"quoted" text') // true
 */
export function quoteOccursIn(document: string, quote: string): boolean {
  const q = normaliseForQuote(quote);
  return q.length > 0 && normaliseForQuote(document).includes(q);
}

/**
 * True when the number written as `valueText` (as in the CSV cell, e.g. `0.40` or `2120`) appears
 * in `quote` as a whole number token: not as part of a longer number, thousands separators allowed
 * (`2,120` matches `2120`), or, for 1 to 10, as a word (`six`).
 * @example numberAppearsInQuote('0.4', 'HR 0.43') // false
 * @example numberAppearsInQuote('2120', '8 RCT + 2 cohort, 2,120 pts') // true
 */
export function numberAppearsInQuote(valueText: string, quote: string): boolean {
  const plain = quote.replace(/(\d),(?=\d{3}\b)/g, '$1');
  const escaped = valueText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (new RegExp(`(?<![\\d.])${escaped}(?![\\d]|\\.\\d)`).test(plain)) return true;
  const word = NUMBER_WORDS[Number(valueText)];
  return word !== undefined && new RegExp(`\\b${word}\\b`, 'i').test(plain);
}

/** Small whole numbers as pages write them in words ("at least six tumour types"). */
const NUMBER_WORDS: Readonly<Record<number, string>> = {
  1: 'one',
  2: 'two',
  3: 'three',
  4: 'four',
  5: 'five',
  6: 'six',
  7: 'seven',
  8: 'eight',
  9: 'nine',
  10: 'ten',
};
