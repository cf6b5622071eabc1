// Puts metafor's and metasynth's PNG of the same figure side by side (metafor left), scaled down,
// for docs/figures-vs-metafor.md: reads out/figures/{metafor,metasynth}/NAME.png (written by
// scripts/figures-metafor.R and scripts/figures-metasynth.ts) and writes docs/figures/NAME.png.
// Tall figures (k = 200 forest plots) show their top and bottom, the middle rows cut out.
//
//   Rscript scripts/figures-metafor.R && npx tsx scripts/figures-metasynth.ts
//   npx tsx scripts/figures-side-by-side.ts [NAME ...]      (default: every pair)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { fontFilePaths } from '../src/render/fontFile.js';

const IN = join('out', 'figures');
const OUT = join('docs', 'figures');
/** Height of each panel in the montage, px, and the most of a tall figure shown (top and bottom parts). */
const PANEL_HEIGHT = 380;
const TALL = 2.2;
const GAP = 24;
const HEADER = 22;

interface Png {
  readonly width: number;
  readonly height: number;
  readonly href: string;
}

function readPng(path: string): Png {
  const bytes = readFileSync(path);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), href: `data:image/png;base64,${bytes.toString('base64')}` };
}

/** One panel at x: the whole image scaled to PANEL_HEIGHT, or for a tall one its top and bottom thirds with a cut mark. */
function panel(png: Png, x: number, label: string): { svg: string; width: number } {
  const title = `<text x="${x}" y="15" font-family="Arimo" font-size="13" font-weight="bold">${label}</text>`;
  if (png.height <= TALL * png.width) {
    const s = PANEL_HEIGHT / png.height;
    const w = png.width * s;
    return { svg: `${title}<image x="${x}" y="${HEADER}" width="${w}" height="${PANEL_HEIGHT}" href="${png.href}"/>`, width: w };
  }
  // A tall figure: the top and bottom parts, each half the panel, at the scale that makes the width fit PANEL_HEIGHT.
  const s = PANEL_HEIGHT / png.width;
  const part = PANEL_HEIGHT / 2 - 6;
  const crop = (srcY: number, y: number) =>
    `<svg x="${x}" y="${y}" width="${png.width * s}" height="${part}" viewBox="0 ${srcY} ${png.width} ${part / s}"><image width="${png.width}" height="${png.height}" href="${png.href}"/></svg>`;
  const cut = `<text x="${x + (png.width * s) / 2}" y="${HEADER + part + 9}" font-family="Arimo" font-size="11" text-anchor="middle" fill="#5f6368">· · · rows cut for the montage · · ·</text>`;
  return { svg: `${title}${crop(0, HEADER)}${cut}${crop(png.height - part / s, HEADER + part + 12)}`, width: png.width * s };
}

function sideBySide(name: string): void {
  const left = panel(readPng(join(IN, 'metafor', `${name}.png`)), 0, 'metafor 3.8-1');
  const right = panel(readPng(join(IN, 'metasynth', `${name}.png`)), left.width + GAP, 'metasynth');
  const width = Math.ceil(left.width + GAP + right.width);
  const height = HEADER + PANEL_HEIGHT;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${left.svg}${right.svg}</svg>`;
  const png = new Resvg(svg, {
    font: { fontFiles: [...fontFilePaths()], loadSystemFonts: false, defaultFontFamily: 'Arimo' },
    fitTo: { mode: 'width', value: width },
  })
    .render()
    .asPng();
  writeFileSync(join(OUT, `${name}.png`), png);
  process.stdout.write(`${join(OUT, `${name}.png`)}: ${Math.round(png.length / 1024)} KB\n`);
}

mkdirSync(OUT, { recursive: true });
const names =
  process.argv.length > 2
    ? process.argv.slice(2)
    : readdirSync(join(IN, 'metafor'))
        .filter((f) => f.endsWith('.png'))
        .map((f) => f.slice(0, -4));
for (const name of names) {
  if (existsSync(join(IN, 'metasynth', `${name}.png`))) sideBySide(name);
  else process.stdout.write(`${name}: no metasynth figure (see docs/figures-vs-metafor.md)\n`);
}
