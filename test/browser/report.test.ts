// The HTML report in a real browser: Debian's chromium driven by playwright-core (never a browser
// download), opened from a file URL with every network request aborted. Checks: no console
// errors, every plot rendered, the forest plot shows one row per study (k = 13 for BCG), and a PNG
// screenshot is saved under test/.tmp/. Skips with a message when chromium is not installed
// (.ci/install-browser.sh installs it in CI).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { blockNetwork, CHROMIUM, launchChromium, OUT, ROOT, warnIfNoChromium } from './webHelpers.js';

warnIfNoChromium('test/browser/report.test.ts');

describe.skipIf(!CHROMIUM)('metasynth report in chromium (network blocked)', () => {
  let reportPath = '';
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    reportPath = join(OUT, 'bcg-report.html');
    const err: string[] = [];
    const io: CliIO = { stdout: () => undefined, stderr: (t) => void err.push(t), isTTY: false, cwd: ROOT };
    const code = await main(['report', 'test/fixtures/metafor/dat.bcg.csv', '--measure', 'RR', '--out', reportPath], io);
    expect(err.join('')).toContain('wrote');
    expect(code).toBe(0);
  });

  it('opens from a file URL offline, renders without console errors, forest plot has k = 13 study rows', async () => {
    const browser = await launchChromium({ viewport: { width: 1100, height: 900 }, offline: true });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(e.message));
      const blocked = await blockNetwork(browser.context);
      await page.goto(pathToFileURL(reportPath).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const rendered = await page.$$eval('[data-plot]', (els) =>
        els.map((e) => [e.getAttribute('data-plot'), e.getAttribute('data-rendered'), e.querySelectorAll('svg').length]),
      );
      expect(rendered.map((r) => r[0])).toEqual(['forest', 'funnel']);
      for (const r of rendered) expect(r[1]).toBe('true');
      // Forest rows: the squares (one per study) and the label texts.
      const squares = await page.$$eval('[data-plot="forest"] svg .mark-symbol path', (els) => els.length);
      const labelsShown = await page.$$eval('[data-plot="forest"] svg text', (els) => els.map((e) => e.textContent ?? ''));
      expect(squares).toBeGreaterThanOrEqual(13);
      for (const label of ['Aronson, 1948', 'Ferguson & Simes, 1949', 'Comstock et al, 1976', 'TPT Madras, 1980']) expect(labelsShown).toContain(label);
      const studyRows = labelsShown.filter((t) => /, (19|20)\d\d$/.test(t));
      expect(studyRows).toHaveLength(13);
      // The summary table is there, with the pooled risk ratio (metafor: 0.4894).
      expect(await page.textContent('#summary')).toContain('0.489');
      await page.locator('[data-plot="forest"]').screenshot({ path: join(OUT, 'report-forest.png') });
      await page.screenshot({ path: join(OUT, 'report-page.png'), fullPage: true });
      expect(errors).toEqual([]);
      expect(blocked).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
