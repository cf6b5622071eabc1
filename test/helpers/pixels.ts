// Pixel tests of the figures, as metafor's image tests: render a spec to PNG through the same edge
// the CLI uses (vega → SVG → resvg with the bundled Arimo fonts only) and compare it with a
// committed reference image with pixelmatch. A layout regression (a label moved, a column clipped)
// changes many pixels and fails; anti-aliasing noise stays under the tolerance.
//
// The references live in test/pixels/reference/NAME.png. `npm run pixels:update` rewrites them
// (METASYNTH_UPDATE_PIXELS=1) after an intended change: look at each changed image before
// committing it. A missing reference fails; it is never created silently.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { TopLevelSpec } from 'vega-lite';
import { renderPng } from '../../src/render/index.js';

/** Where the committed reference images are. */
export const REFERENCE_DIR = fileURLToPath(new URL('../pixels/reference/', import.meta.url));
/** Where the actual and diff images of a failed comparison go (git-ignored). */
export const FAILURE_DIR = fileURLToPath(new URL('../.tmp/pixels/', import.meta.url));

export interface PixelOptions {
  /** pixelmatch's per-pixel colour threshold (0..1); default 0.1 (its own default). */
  readonly threshold?: number;
  /**
   * Share of the image's pixels allowed to differ; default 0.0002 (0.02 %). Identical fonts and
   * renderer give identical bytes here; the allowance absorbs anti-aliasing differences between
   * resvg builds on other platforms, far below what a moved label or column changes.
   */
  readonly maxDiffRatio?: number;
  /** Pixel density of the rendering; default 1 (fast, enough to see a layout change). */
  readonly scale?: number;
}

export interface PixelResult {
  readonly width: number;
  readonly height: number;
  readonly diffPixels: number;
  readonly updated: boolean;
}

function decode(bytes: Uint8Array): PNG {
  return PNG.sync.read(Buffer.from(bytes));
}

function writeFailure(name: string, actual: Uint8Array, diff: PNG | null): string {
  mkdirSync(FAILURE_DIR, { recursive: true });
  writeFileSync(join(FAILURE_DIR, `${name}.actual.png`), actual);
  if (diff) writeFileSync(join(FAILURE_DIR, `${name}.diff.png`), PNG.sync.write(diff));
  return FAILURE_DIR;
}

/**
 * Compare a PNG with the committed reference `referenceDir/NAME.png` (default test/pixels/reference/):
 * throws (failing the test) when the sizes differ or more than `maxDiffRatio` of the pixels differ,
 * leaving NAME.actual.png and NAME.diff.png in test/.tmp/pixels/. With METASYNTH_UPDATE_PIXELS=1 it
 * writes the reference instead. Used for rendered specs (expectPixels) and browser screenshots.
 */
export function expectPngMatches(name: string, actual: Uint8Array, options: PixelOptions & { readonly referenceDir?: string } = {}): PixelResult {
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(name)) throw new Error(`pixel test name ${JSON.stringify(name)}: use lower-case letters, digits, '.', '_' and '-'`);
  const reference = join(options.referenceDir ?? REFERENCE_DIR, `${name}.png`);
  const img = decode(actual);
  if (process.env.METASYNTH_UPDATE_PIXELS === '1') {
    mkdirSync(dirname(reference), { recursive: true });
    writeFileSync(reference, actual);
    return { width: img.width, height: img.height, diffPixels: 0, updated: true };
  }
  if (!existsSync(reference)) throw new Error(`no reference image ${reference}: create it on purpose with METASYNTH_UPDATE_PIXELS=1`);
  const ref = decode(readFileSync(reference));
  if (ref.width !== img.width || ref.height !== img.height) {
    const dir = writeFailure(name, actual, null);
    throw new Error(`${name}: size ${img.width}×${img.height} px differs from the reference's ${ref.width}×${ref.height} px (actual image in ${dir})`);
  }
  const diff = new PNG({ width: img.width, height: img.height });
  const diffPixels = pixelmatch(ref.data, img.data, diff.data, img.width, img.height, { threshold: options.threshold ?? 0.1 });
  const allowed = Math.floor((options.maxDiffRatio ?? 0.0002) * img.width * img.height);
  if (diffPixels > allowed) {
    const dir = writeFailure(name, actual, diff);
    throw new Error(`${name}: ${diffPixels} pixels differ from the reference (tolerance ${allowed}); actual and diff images in ${dir}`);
  }
  return { width: img.width, height: img.height, diffPixels, updated: false };
}

/**
 * Render `spec` to PNG and compare it with test/pixels/reference/NAME.png (expectPngMatches); with
 * METASYNTH_UPDATE_PIXELS=1 it writes the reference (`npm run pixels:update`).
 */
export async function expectPixels(name: string, spec: TopLevelSpec, options: PixelOptions = {}): Promise<PixelResult> {
  return expectPngMatches(name, await renderPng(spec, { scale: options.scale ?? 1 }), options);
}
