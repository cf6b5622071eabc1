// The CIK report (metasynth reproduce cik) at a 1280 px window in Debian's chromium (playwright-core,
// never a browser download; file URL, network aborted): readable without horizontal scrolling (wide
// tables scroll inside their own box, long URLs wrap), source addresses are links, tables of more
// than 30 rows are collapsed behind a summary, and a screenshot is saved under test/.tmp/browser/.
// Skips with a message when chromium is not installed (.ci/install-browser.sh installs it in CI).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { COLLAPSE_ROWS_ABOVE } from '../../src/report/html.js';
import { blockNetwork, CHROMIUM, launchChromium, OUT, ROOT, warnIfNoChromium } from './webHelpers.js';

warnIfNoChromium('test/browser/cikReport.test.ts');

describe.skipIf(!CHROMIUM)('the CIK report at a 1280 px window (chromium, network blocked)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasynth-cik-report-'));
    const io: CliIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: ROOT };
    expect(await main(['reproduce', 'cik', '--out', dir], io)).toBe(0);
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('needs no horizontal scrolling, links its sources, collapses long tables', async () => {
    const browser = await launchChromium({ viewport: { width: 1280, height: 900 }, offline: true });
    try {
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await blockNetwork(browser.context);
      await page.goto(pathToFileURL(join(dir, 'cik-report.html')).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      // Open every collapsed table: the page must stay within the window even then.
      await page.$$eval('details', (els) =>
        els.forEach((d) => {
          (d as HTMLDetailsElement).open = true;
        }),
      );
      const layout = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        window: window.innerWidth,
        boxes: Array.from(document.querySelectorAll('.table-scroll')).map((b) => b.getBoundingClientRect().right),
        links: Array.from(document.querySelectorAll('td a[href]')).map((a) => a.getAttribute('href') ?? ''),
        tables: Array.from(document.querySelectorAll('table')).map((t) => ({
          rows: t.querySelectorAll('tbody tr').length,
          inDetails: t.closest('details') !== null,
        })),
      }));
      expect(layout.page, 'page width (no horizontal scrolling)').toBeLessThanOrEqual(layout.window);
      for (const right of layout.boxes) expect(right).toBeLessThanOrEqual(layout.window);
      expect(layout.links.length).toBeGreaterThan(10);
      expect(layout.links.every((h) => /^https?:\/\//.test(h))).toBe(true);
      for (const t of layout.tables) expect(t.inDetails, `a table of ${t.rows} rows`).toBe(t.rows > COLLAPSE_ROWS_ABOVE);
      await page.screenshot({ path: join(OUT, 'cik-report-1280.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
