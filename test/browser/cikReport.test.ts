// The CIK report (metasynth reproduce cik) at a 1280 px window in Debian's chromium (playwright-core,
// never a browser download; file URL, network aborted): readable without horizontal scrolling (wide
// tables scroll inside their own box, long URLs wrap), source addresses are links, tables of more
// than 30 rows are collapsed behind a summary, and a screenshot is saved under test/.tmp/browser/.
// Skips with a message when chromium is not installed (.ci/install-browser.sh installs it in CI).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { COLLAPSE_ROWS_ABOVE } from '../../src/report/html.js';

function findChromium(): string | null {
  try {
    const path = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
    return path === '' ? null : path;
  } catch {
    return null;
  }
}

const chromium = findChromium();
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const OUT = join(ROOT, 'test', '.tmp', 'browser');
if (!chromium) console.warn('test/browser/cikReport.test.ts: skipped: Debian chromium is not installed (run .ci/install-browser.sh)');

describe.skipIf(!chromium)('the CIK report at a 1280 px window (chromium, network blocked)', () => {
  let dir = '';
  let profile = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasynth-cik-report-'));
    profile = mkdtempSync(join(tmpdir(), 'metasynth-chromium-'));
    const io: CliIO = { stdout: () => undefined, stderr: () => undefined, isTTY: false, cwd: ROOT };
    expect(await main(['reproduce', 'cik', '--out', dir], io)).toBe(0);
    mkdirSync(OUT, { recursive: true });
  });
  afterAll(() => {
    for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it('needs no horizontal scrolling, links its sources, collapses long tables', async () => {
    const { chromium: launcher } = await import('playwright-core');
    const context = await launcher.launchPersistentContext(profile, {
      executablePath: chromium!,
      headless: true,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
      offline: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        return url.startsWith('file:') || url.startsWith('data:') ? route.continue() : route.abort();
      });
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
      await context.close();
    }
  });
});
