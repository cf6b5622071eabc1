// How the web page looks and reads, in Debian's chromium: axe-core finds no serious or critical
// accessibility violation (labels, contrast, roles) in the light and the dark theme, on the empty
// page, with results and with problems listed; screenshots of the page with the BCG results match the
// committed references in test/browser/web-reference/ (fixed window, the bundled Arimo font, reduced
// motion, timings masked). METASYNTH_UPDATE_PIXELS=1 rewrites the references and the README's
// screenshot docs/images/web-page.png (look at them before committing).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  BCG_CSV,
  CHROMIUM,
  cliSummary,
  csvToTsv,
  expectSummaryOf,
  expectWebScreenshot,
  pasteTable,
  ROOT,
  warnIfNoChromium,
  useWebPages,
} from './webHelpers.js';

warnIfNoChromium('test/browser/webLook.test.ts');

/** The README's screenshot of the page (light theme), written in update mode only. */
const README_IMAGE = join(ROOT, 'docs', 'images', 'web-page.png');
/** Texts that change from run to run: the timings. */
const MASK = ['[data-testid="results-time"]', '[role="status"]'];

/** Relative luminance (WCAG) of a CSS rgb() colour. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

async function background(page: Page): Promise<number> {
  return luminance(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
}

async function toDark(page: Page): Promise<void> {
  const before = await background(page);
  await page.getByTestId('theme-toggle').click();
  await expect.poll(() => background(page), { timeout: 5_000 }).toBeLessThan(0.2);
  expect(before, 'the light theme has a light background').toBeGreaterThan(0.6);
}

describe.skipIf(!CHROMIUM)('the web page: accessibility (axe-core) and screenshots, light and dark', () => {
  let bcgTsv = '';
  const pages = useWebPages({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  beforeAll(async () => {
    bcgTsv = await csvToTsv(readFileSync(BCG_CSV, 'utf8'));
  });

  async function openBcg(pinFonts: boolean): Promise<Page> {
    const web = await pages.open({ pinFonts });
    await pasteTable(web.page, bcgTsv);
    await web.page.getByTestId('measure-select').selectOption('RR');
    await expectSummaryOf(web.page, await cliSummary([BCG_CSV, '--measure', 'RR']));
    await expect.poll(() => web.page.locator('[data-testid="plot-funnel"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    return web.page;
  }

  it('axe-core: no serious or critical violation, light and dark, on the empty page, with results, with problems listed', async () => {
    const web = await pages.open();
    const page = web.page;
    const found: Record<string, unknown> = {};
    found['empty, light'] = await axeViolations(page);
    await pasteTable(page, bcgTsv);
    await page.getByTestId('measure-select').selectOption('RR');
    await expect.poll(() => page.locator('[data-testid="plot-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    found['BCG results, light'] = await axeViolations(page);
    await toDark(page);
    found['BCG results, dark'] = await axeViolations(page);
    // Problems marked on their cells and listed (a bad value in the table).
    await pasteTable(page, bcgTsv.replace(/\t4\t119\t/, '\tfour\t119\t'));
    await expect.poll(() => page.locator('[data-testid="data-table"] [data-error]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    found['problems, dark'] = await axeViolations(page);
    await page.getByTestId('theme-toggle').click();
    found['problems, light'] = await axeViolations(page);
    expect(found).toEqual({ 'empty, light': [], 'BCG results, light': [], 'BCG results, dark': [], 'problems, dark': [], 'problems, light': [] });
  });

  it('screenshots with the BCG results match the references: the window at the top (light), the results (light and dark)', async () => {
    const page = await openBcg(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectWebScreenshot(page, 'web-bcg-top-light', { mask: MASK });
    const results = await resultsRegion(page);
    const light = await expectWebScreenshot(page, 'web-bcg-results-light', { mask: MASK, clip: results });
    if (light.updated) writeReadmeImage(await page.screenshot({ clip: results, fullPage: true, animations: 'disabled', caret: 'hide' }));
    await toDark(page);
    await expectWebScreenshot(page, 'web-bcg-results-dark', { mask: MASK, clip: await resultsRegion(page) });
  });
});

/** The settings, the summary and the forest plot: the README's view of the page and a screenshot reference. */
async function resultsRegion(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await page.evaluate(() => {
    const from = document.querySelector('[data-testid="analysis-select"]')?.closest('section')?.getBoundingClientRect();
    const to = document.querySelector('[data-testid="plot-forest"]')?.getBoundingClientRect();
    return from && to ? { x: 0, y: from.top + window.scrollY - 12, width: document.documentElement.clientWidth, height: to.bottom - from.top + 24 } : null;
  });
  if (!box) throw new Error('screenshot: the settings section or the forest plot is missing');
  return { x: box.x, y: Math.round(box.y), width: box.width, height: Math.round(box.height) };
}

function writeReadmeImage(png: Buffer): void {
  mkdirSync(join(ROOT, 'docs', 'images'), { recursive: true });
  writeFileSync(README_IMAGE, png);
  const kb = statSync(README_IMAGE).size / 1024;
  console.log(`test/browser/webLook.test.ts: wrote docs/images/web-page.png (${kb.toFixed(0)} KiB)`);
  expect(kb, 'README screenshot size (KiB)').toBeLessThan(200);
}
