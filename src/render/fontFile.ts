// The font every metasynth figure is drawn with, and the TrueType tables needed to measure text.
// Node edge: reads the TTF files from the @expo-google-fonts/arimo npm package (SIL OFL 1.1). We
// ship Arimo because it is metric-compatible with Arial, Helvetica and Liberation Sans: a PNG made
// here, the SVG opened in a browser and the HTML report all lay out text with the same widths.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export const FONT_WEIGHTS = ['regular', 'bold', 'italic'] as const;
export type FontWeight = (typeof FONT_WEIGHTS)[number];

const FILES: Record<FontWeight, string> = {
  regular: '@expo-google-fonts/arimo/400Regular/Arimo_400Regular.ttf',
  bold: '@expo-google-fonts/arimo/700Bold/Arimo_700Bold.ttf',
  italic: '@expo-google-fonts/arimo/400Regular_Italic/Arimo_400Regular_Italic.ttf',
};

/** Absolute paths of the bundled Arimo TTF files (regular, bold, italic). */
export function fontFilePaths(): readonly string[] {
  return FONT_WEIGHTS.map((w) => require.resolve(FILES[w]));
}

export function fontFilePath(weight: FontWeight): string {
  return require.resolve(FILES[weight]);
}

/** Advance widths (font units) by code point, read from a TTF's cmap (format 4) and hmtx tables. */
export interface FontAdvances {
  readonly unitsPerEm: number;
  advance(codePoint: number): number | undefined;
}

/**
 * Parse the few TrueType tables that text measurement needs (OpenType spec: head, hhea, hmtx, cmap
 * subtable format 4 for the Unicode BMP).
 */
export function readFontAdvances(bytes: Uint8Array): FontAdvances {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const numTables = view.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + 16 * i;
    const tag = String.fromCharCode(view.getUint8(rec), view.getUint8(rec + 1), view.getUint8(rec + 2), view.getUint8(rec + 3));
    tables.set(tag, view.getUint32(rec + 8));
  }
  const at = (tag: string): number => {
    const o = tables.get(tag);
    if (o === undefined) throw new Error(`font has no ${tag} table`);
    return o;
  };
  const unitsPerEm = view.getUint16(at('head') + 18);
  const numberOfHMetrics = view.getUint16(at('hhea') + 34);
  const hmtx = at('hmtx');
  const glyphAdvance = (g: number): number => view.getUint16(hmtx + 4 * Math.min(g, numberOfHMetrics - 1));
  const cmap = at('cmap');
  let sub = -1;
  for (let i = 0, n = view.getUint16(cmap + 2); i < n; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const offset = view.getUint32(cmap + 8 + 8 * i);
    if (platform === 3 && encoding === 1 && view.getUint16(cmap + offset) === 4) sub = cmap + offset;
  }
  if (sub < 0) throw new Error('font has no Unicode BMP cmap (format 4)');
  const segX2 = view.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  const glyphOf = (cp: number): number => {
    for (let s = 0; s < segX2; s += 2) {
      if (cp > view.getUint16(ends + s)) continue;
      const start = view.getUint16(starts + s);
      if (cp < start) return 0;
      const delta = view.getInt16(deltas + s);
      const ro = view.getUint16(rangeOffsets + s);
      if (ro === 0) return (cp + delta) & 0xffff;
      const g = view.getUint16(rangeOffsets + s + ro + 2 * (cp - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  return {
    unitsPerEm,
    advance(cp) {
      if (cp > 0xffff) return undefined;
      const g = glyphOf(cp);
      return g === 0 ? undefined : glyphAdvance(g);
    },
  };
}

export function loadFontAdvances(weight: FontWeight): FontAdvances {
  return readFontAdvances(readFileSync(fontFilePath(weight)));
}
