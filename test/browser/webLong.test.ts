// The web page's long runs in Debian's chromium: GOSH in a Web Worker with a progress bar that moves,
// can be cancelled, and then completes; and a SYNTHETIC k = 10,000 table pasted into the page, whose
// summary equals the CLI's on the same table (the time the page reports is logged, not asserted).
// No console error, no dialog and no request outside the page's files in any test.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  BCG_CSV,
  CHROMIUM,
  cliOnCsv,
  cliSummary,
  csvToTsv,
  expectSummaryOf,
  pasteTable,
  syntheticGenericTsv,
  warnIfNoChromium,
  useWebPages,
  recordProgress,
  progressSeen,
} from './webHelpers.js';

warnIfNoChromium('test/browser/webLong.test.ts');

async function goshDrawn(page: Page): Promise<number> {
  return page.locator('[data-testid="plot-gosh"] svg').count();
}

describe.skipIf(!CHROMIUM)('the web page: GOSH in a worker, k = 10,000 (chromium, no network)', () => {
  const pages = useWebPages();

  async function open(): Promise<Page> {
    return (await pages.open()).page;
  }

  it('GOSH: the progress bar moves, Cancel stops the run (no plot, no error), a second run completes and draws the plot', async () => {
    const page = await open();
    // A long GOSH for the cancel: 37 studies, so random subsets (the CLI's default 65,535 fits).
    await page.getByTestId('dataset-select').selectOption('classic/hackshaw1998');
    await expectSummaryOf(page, await cliSummary(['--dataset', 'classic/hackshaw1998']));
    await recordProgress(page, 'gosh-progress');
    await page.getByTestId('gosh-run').click();
    await expect.poll(async () => (await progressSeen(page, 'gosh-progress')).some((f) => f > 0), { timeout: 60_000, interval: 50 }).toBe(true);
    await page.getByTestId('gosh-cancel').click();
    await page.waitForTimeout(1_500);
    const afterCancel = await progressSeen(page, 'gosh-progress');
    // The bar moved: it showed a part done, short of the whole, before Cancel.
    expect(
      afterCancel.some((f) => f > 0 && f < 1),
      `progress seen: ${afterCancel.map((f) => f.toFixed(3)).join(' ')}`,
    ).toBe(true);
    expect(afterCancel[afterCancel.length - 1], 'progress after Cancel').toBeLessThan(1);
    expect(await goshDrawn(page), 'no GOSH plot after Cancel').toBe(0);
    expect(await page.getByTestId('gosh-run').isEnabled()).toBe(true);

    // BCG (13 studies: all 8,191 subsets) runs to the end.
    await pasteTable(page, await csvToTsv(readFileSync(BCG_CSV, 'utf8')));
    await page.getByTestId('measure-select').selectOption('RR');
    await expectSummaryOf(page, await cliSummary([BCG_CSV, '--measure', 'RR']));
    await recordProgress(page, 'gosh-progress');
    const t0 = Date.now();
    await page.getByTestId('gosh-run').click();
    await expect.poll(() => goshDrawn(page), { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
    const seen = await progressSeen(page, 'gosh-progress');
    console.log(`test/browser/webLong.test.ts: GOSH of BCG (8,191 fits) in the page's worker: ${Date.now() - t0} ms; progress values seen: ${seen.length}`);
    // A short run may show few steps; it ends full.
    expect(seen[seen.length - 1], `progress seen: ${seen.map((f) => f.toFixed(3)).join(' ')}`).toBe(1);
  }, 300_000);

  it('a SYNTHETIC k = 10,000 paste shows results equal to the CLI on the same table (the page time is logged)', async () => {
    const page = await open();
    const tsv = syntheticGenericTsv(10_000, 20_261_129);
    const cli = await cliOnCsv(tsv.replace(/\t/g, ','), []);
    const t0 = Date.now();
    await pasteTable(page, tsv);
    await expect.poll(() => page.getByTestId('summary-estimate').count(), { timeout: 180_000, interval: 50 }).toBeGreaterThan(0);
    const first = Date.now() - t0;
    const firstTime = (await page.getByTestId('results-time').textContent())?.trim();
    // Generic effects: GEN, the CLI's default for yi/vi tables (no back-transformation).
    const t1 = Date.now();
    await page.getByTestId('measure-select').selectOption('GEN');
    await expectSummaryOf(page, cli);
    const second = Date.now() - t1;
    const reported = (await page.getByTestId('results-time').textContent())?.trim();
    console.log(
      `test/browser/webLong.test.ts: k = 10,000 SYNTHETIC paste: first summary ${first} ms after Apply (results-time ${firstTime} ms); ` +
        `re-run with measure GEN shown after ${second} ms (results-time ${reported} ms); test wall clock, chromium headless, 2 shared cores`,
    );
    expect(Number(reported)).toBeGreaterThan(0);
  }, 240_000);
});
