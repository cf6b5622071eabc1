// Text widths for laying out figures, from the advance widths of Arimo (the font metasynth ships
// and renders with; metric-compatible with Arial, Helvetica and Liberation Sans). Browser-safe:
// the table below was read from the TTF files by src/render/fontFile.ts, and a unit test
// checks it still matches them. Layout computed from it is the same on every machine.

/** The CSS font stack of every figure: Arimo first, then its metric-compatible twins. */
export const FONT_FAMILY = 'Arimo, "Liberation Sans", Arial, Helvetica, sans-serif';

const UNITS_PER_EM = 2048;

/** Advance widths (units per em = 2048) for U+0020–U+007E then U+00A0–U+00FF, and a few symbols. */
export const ARIMO_ADVANCES = {
  regular: {
    latin: [
      569, 569, 727, 1139, 1139, 1821, 1366, 391, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 569, 569,
      1196, 1196, 1196, 1139, 2079, 1366, 1366, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1024, 1366, 1139, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479,
      1366, 1933, 1366, 1366, 1251, 569, 569, 569, 961, 1139, 682, 1139, 1139, 1024, 1139, 1139, 569, 1139, 1139, 455, 455, 1024, 455, 1706, 1139, 1139, 1139,
      1139, 682, 1024, 569, 1139, 1024, 1479, 1024, 1024, 1024, 684, 532, 684, 1196, 569, 682, 1139, 1139, 1139, 1139, 532, 1139, 682, 1509, 758, 1139, 1196,
      682, 1509, 1131, 819, 1124, 682, 682, 682, 1180, 1100, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1366, 1366, 1366, 1366, 1366, 1366, 2048, 1479,
      1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593, 1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139,
      1139, 1139, 1139, 1139, 1821, 1024, 1139, 1139, 1139, 1139, 569, 569, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1124, 1251, 1139, 1139, 1139,
      1139, 1024, 1139, 1024,
    ],
    extra: {
      0x2212: 1196,
      0x2013: 1139,
      0x2014: 2048,
      0x2026: 2048,
      0x3c4: 809,
      0xb2: 682,
      0x2264: 1124,
      0x2265: 1124,
      0x2190: 2048,
      0x2192: 2048,
      0xd7: 1196,
      0x2009: 410,
      0x3c7: 1075,
      0x2022: 717,
      0x2018: 455,
      0x2019: 455,
      0x201c: 682,
      0x201d: 682,
    },
  },
  bold: {
    latin: [
      569, 682, 971, 1139, 1139, 1821, 1479, 487, 682, 682, 797, 1196, 569, 682, 569, 569, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 1139, 682, 682,
      1196, 1196, 1196, 1251, 1997, 1479, 1479, 1479, 1479, 1366, 1251, 1593, 1479, 569, 1139, 1479, 1251, 1706, 1479, 1593, 1366, 1593, 1479, 1366, 1251, 1479,
      1366, 1933, 1366, 1366, 1251, 682, 569, 682, 1196, 1139, 682, 1139, 1251, 1139, 1251, 1139, 682, 1251, 1251, 569, 569, 1139, 569, 1821, 1251, 1251, 1251,
      1251, 797, 1139, 682, 1251, 1139, 1593, 1139, 1139, 1024, 797, 573, 797, 1196, 569, 682, 1139, 1139, 1139, 1139, 573, 1139, 682, 1509, 758, 1139, 1196,
      682, 1509, 1131, 819, 1124, 682, 682, 682, 1229, 1139, 682, 682, 682, 748, 1139, 1708, 1708, 1708, 1251, 1479, 1479, 1479, 1479, 1479, 1479, 2048, 1479,
      1366, 1366, 1366, 1366, 569, 569, 569, 569, 1479, 1479, 1593, 1593, 1593, 1593, 1593, 1196, 1593, 1479, 1479, 1479, 1479, 1366, 1366, 1251, 1139, 1139,
      1139, 1139, 1139, 1139, 1821, 1139, 1139, 1139, 1139, 1139, 569, 569, 569, 569, 1251, 1251, 1251, 1251, 1251, 1251, 1251, 1124, 1251, 1251, 1251, 1251,
      1251, 1139, 1251, 1139,
    ],
    extra: {
      0x2212: 1196,
      0x2013: 1139,
      0x2014: 2048,
      0x2026: 2048,
      0x3c4: 914,
      0xb2: 682,
      0x2264: 1124,
      0x2265: 1124,
      0x2190: 2048,
      0x2192: 2048,
      0xd7: 1196,
      0x2009: 410,
      0x3c7: 1179,
      0x2022: 717,
      0x2018: 569,
      0x2019: 569,
      0x201c: 1024,
      0x201d: 1024,
    },
  },
} as const;

export type TextWeight = keyof typeof ARIMO_ADVANCES;

function advance(cp: number, weight: TextWeight): number {
  const t = ARIMO_ADVANCES[weight];
  if (cp >= 32 && cp <= 126) return t.latin[cp - 32] ?? 1139;
  if (cp >= 160 && cp <= 255) return t.latin[cp - 160 + 95] ?? 1139;
  const extra = (t.extra as Readonly<Record<number, number>>)[cp];
  // Anything else (CJK, emoji ...) is taken as one em: wide enough that layout never underestimates.
  return extra ?? UNITS_PER_EM;
}

/**
 * Width in pixels of `text` set in Arimo at `fontSize` px (no kerning, like SVG renderers by default).
 * @example textWidth('1.00', 11) // 21.41
 */
export function textWidth(text: string, fontSize: number, weight: TextWeight = 'regular'): number {
  let units = 0;
  for (const ch of text) units += advance(ch.codePointAt(0) ?? 32, weight);
  return (units * fontSize) / UNITS_PER_EM;
}

/**
 * `text` shortened with an ellipsis so that it fits `maxWidth` pixels; unchanged when it fits.
 * @example truncateText('Comstock & Webster, 1969', 60, 11) // 'Comstock…'
 */
export function truncateText(text: string, maxWidth: number, fontSize: number, weight: TextWeight = 'regular'): string {
  if (textWidth(text, fontSize, weight) <= maxWidth) return text;
  const chars = Array.from(text);
  const ellipsis = textWidth('…', fontSize, weight);
  let width = 0;
  let n = 0;
  for (const ch of chars) {
    const w = textWidth(ch, fontSize, weight);
    if (width + w + ellipsis > maxWidth) break;
    width += w;
    n++;
  }
  return `${chars.slice(0, n).join('').trimEnd()}…`;
}
