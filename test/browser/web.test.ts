// The web page (web/dist/, issue #21) in Debian's chromium, driven through its DOM contract
// (data-testid attributes, docs of the contract in the web-contract): opened from a file URL
// and from scripts/serve-web.mjs; the BCG trials pasted tab-separated give the CLI's numbers to the
// printed digits; studies toggled off and on; a bad file marked cell by cell; downloads; a table of
// HTML and script shown as text; the settings kept in the URL; the page worked from the keyboard.
// Every test ends with no console error, no page error, no CSP violation, no dialog and no request
// outside the page's own files. Skips with a message when chromium is not installed.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BCG_CSV,
  CHROMIUM,
  type CliSummary,
  cliOnCsv,
  cliSummary,
  csvToTsv,
  cspViolations,
  expectSummaryOf,
  type OpenOptions,
  openWebPage,
  pasteTable,
  ROOT,
  runCli,
  shellWords,
  SUMMARY_FIELDS,
  type SummaryField,
  startWebServer,
  summaryTexts,
  type WebServer,
  WEB_DIST,
  warnIfNoChromium,
  useWebPages,
} from './webHelpers.js';

warnIfNoChromium('test/browser/web.test.ts');

const STUDY = 0;

describe.skipIf(!CHROMIUM)('the web page in chromium (no network, no console error, no dialog)', () => {
  let server: WebServer;
  let bcgCsv = '';
  let bcgTsv = '';
  let bcg: CliSummary;
  const pages = useWebPages();

  beforeAll(async () => {
    bcgCsv = readFileSync(BCG_CSV, 'utf8');
    bcgTsv = await csvToTsv(bcgCsv);
    bcg = await cliSummary([BCG_CSV, '--measure', 'RR']);
    server = await startWebServer();
  }, 240_000);
  afterAll(async () => {
    await server?.close();
  });

  async function open(options: OpenOptions = {}): Promise<Page> {
    return (await pages.open(options)).page;
  }

  async function openBcg(options: OpenOptions = {}): Promise<Page> {
    const page = await open(options);
    await pasteTable(page, bcgTsv);
    await page.getByTestId('measure-select').selectOption('RR');
    await expectSummaryOf(page, bcg);
    // The plots are drawn after the summary: wait for them (their download buttons work once drawn).
    await expect.poll(() => page.locator('[data-testid="plot-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    return page;
  }

  it('the CLI prints the BCG summary as its JSON rounded to the printed digits (the reference the page is held to)', () => {
    for (const [field, text] of Object.entries(bcg.printed)) {
      const value = bcg.values[field as SummaryField] as number;
      if (field === 'qp') expect(value < 1e-4 ? text.replace(/\s/g, '') : text).toBe(value < 1e-4 ? '<.0001' : value.toFixed(4));
      else expect(text, field).toBe(value.toFixed(text.split('.')[1]?.length ?? 0));
    }
    expect(Object.keys(bcg.printed).sort()).toEqual([...SUMMARY_FIELDS].sort());
  });

  it('pasted BCG (tab-separated, RR) from a file URL: every summary text equals the CLI to the printed digits, plots drawn', async () => {
    const page = await openBcg();
    expect(page.url()).toMatch(/^file:/);
    for (const name of ['forest', 'funnel']) await expect.poll(() => page.locator(`[data-testid="plot-${name}"] svg`).count()).toBeGreaterThan(0);
    const labels = await page.locator('[data-testid="plot-forest"] svg text').allTextContents();
    for (const study of ['Aronson, 1948', 'TPT Madras, 1980']) expect(labels).toContain(study);
    expect(await page.getByTestId('cli-command').textContent()).toMatch(/^metasynth pool .*--measure RR/);
    const rCall = (await page.getByTestId('r-call').textContent()) ?? '';
    expect(rCall).toMatch(/measure\s*=\s*"RR"/);
    expect(rCall).toMatch(/\brma\(/);
    expect(Number(await page.getByTestId('results-time').textContent())).toBeGreaterThanOrEqual(0);
  });

  it("the page's Content-Security-Policy refuses network requests (a fetch from the page is blocked and reported)", async () => {
    const html = readFileSync(join(WEB_DIST, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/i.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/connect-src 'none'/);
    const web = await openWebPage(pages.context());
    try {
      const outcome = await web.page.evaluate(() =>
        fetch('http://192.0.2.1/metasynth-csp-probe').then(
          () => 'fetched',
          (e: unknown) => `refused: ${String(e)}`,
        ),
      );
      expect(outcome).toMatch(/^refused/);
      expect((await cspViolations(web.page)).some((v) => v.startsWith('connect-src'))).toBe(true);
      expect(web.watch.requests).toEqual([]);
    } finally {
      await web.page.close();
    }
  });

  it("the page's JavaScript is under 1.5 MB gzipped (issue #21)", () => {
    const files = readdirSync(WEB_DIST).filter((f) => f.endsWith('.js'));
    const gzipped = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(WEB_DIST, f))).length, 0);
    console.log(`test/browser/web.test.ts: web/dist JavaScript (${files.join(', ')}): ${(gzipped / 1024).toFixed(0)} KiB gzipped`);
    expect(files).toContain('app.js');
    expect(gzipped).toBeLessThan(1.5 * 1024 * 1024);
  });

  it('served by scripts/serve-web.mjs (127.0.0.1): the same numbers, no request beyond its own origin', async () => {
    const page = await openBcg({ server });
    expect(page.url().startsWith(server.url)).toBe(true);
  });

  it('the reproduce command, run as printed on the pasted table saved under its name, prints the JSON the page shows', async () => {
    const page = await openBcg();
    await page.getByTestId('method-select').selectOption('DL');
    await page.getByTestId('test-select').selectOption('knha');
    await page.getByTestId('level-input').fill('90');
    await page.getByTestId('run-button').click();
    await expectSummaryOf(page, await cliSummary([BCG_CSV, '--measure', 'RR', '--method', 'DL', '--test', 'knha', '--level', '90']));
    const command = (await page.getByTestId('cli-command').textContent()) ?? '';
    const words = shellWords(command);
    expect(words.slice(0, 2)).toEqual(['metasynth', 'pool']);
    const file = words[2] ?? '';
    expect(file).toMatch(/^[^-]/);
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-web-command-'));
    try {
      writeFileSync(join(dir, file), bcgTsv);
      const run = await runCli([...words.slice(1), '--json'], dir);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const shown = JSON.parse((await page.getByTestId('results-json').textContent()) ?? '') as Record<string, unknown>;
      expectSameJson(shown, JSON.parse(run.stdout));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('unticking a study (checkbox) re-pools without it and lists it; ticking it restores the estimate', async () => {
    const page = await openBcg();
    const label = bcgCsv.split('\n')[1]?.match(/^"([^"]+)"/)?.[1] ?? '';
    const without = await cliOnCsv(
      bcgCsv
        .split('\n')
        .filter((_, i) => i !== STUDY + 1)
        .join('\n'),
      ['--measure', 'RR'],
    );
    expect(without.printed.estimate).not.toBe(bcg.printed.estimate);
    await page.getByTestId(`study-toggle-${STUDY}`).uncheck();
    await expectSummaryOf(page, without);
    await expect.poll(() => page.getByTestId('excluded-list').textContent()).toContain(label);
    await page.getByTestId(`study-toggle-${STUDY}`).check();
    await expectSummaryOf(page, bcg);
    expect(await page.getByTestId('excluded-list').textContent()).not.toContain(label);
  });

  it("clicking a study's square in the forest plot excludes it; its include button in the list brings it back", async () => {
    const page = await openBcg();
    const i = 3;
    const label = 'Hart & Sutherland, 1977';
    const without = await cliOnCsv(
      bcgCsv
        .split('\n')
        .filter((_, r) => r !== i + 1)
        .join('\n'),
      ['--measure', 'RR'],
    );
    await clickForestSquare(page, label);
    await expectSummaryOf(page, without);
    await expect.poll(() => page.getByTestId('excluded-list').textContent()).toContain(label);
    expect(await page.getByTestId(`study-toggle-${i}`).isChecked()).toBe(false);
    await page.getByTestId(`include-${i}`).click();
    await expectSummaryOf(page, bcg);
    expect(await page.getByTestId(`study-toggle-${i}`).isChecked()).toBe(true);
  });

  it('a bad CSV upload: each bad cell marked (data-error, title, aria-describedby), every problem listed with row, study, field and value, no row dropped', async () => {
    const page = await open();
    const rows = bcgCsv.trim().split('\n').slice(0, 6);
    const bad = [
      rows[0],
      rows[1],
      rows[2]?.replace(',6,300,', ',abc,300,'),
      rows[3],
      rows[4]?.replace(',62,13536,', ',62,-5,'),
      rows[5]?.replace(/,47,\d+,/, ',47,,'),
    ].join('\n');
    await page.getByTestId('file-input').setInputFiles({ name: 'bad-bcg.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const marked = page.locator('[data-testid="data-table"] [data-error]');
    await expect.poll(() => marked.count(), { timeout: 30_000 }).toBe(3);
    for (const [row, field, value] of [
      [2, 'ai', 'abc'],
      [4, 'bi', '-5'],
      [5, 'di', ''],
    ] as const) {
      const cell = await tableCell(page, row, field);
      expect(cell.text, `row ${row} ${field}`).toBe(value);
      expect(cell.error, `row ${row} ${field}: data-error`).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(cell.title, `row ${row} ${field}: title`).toContain(field);
      expect(cell.described, `row ${row} ${field}: aria-describedby`).toBe(cell.title);
    }
    const problems = (await page.locator('[data-testid="data-problems"] li').allTextContents()).join('\n');
    expect(problems).toMatch(/row 2\b.*Ferguson & Simes, 1949.*\bai\b.*abc/);
    expect(problems).toMatch(/row 4\b.*Hart & Sutherland, 1977.*\bbi\b.*-5/);
    expect(problems).toMatch(/row 5\b.*Frimodt-Moller et al, 1973.*\bdi\b/);
    expect(await page.locator('[data-testid="data-table"] tbody tr').count()).toBe(5);
  });

  it('uploads of an XLSX workbook, a TSV file and a JSON file give the CLI numbers of the same files', async () => {
    const page = await open();
    for (const file of ['test/fixtures/input/cik-bcg.xlsx', 'test/fixtures/input/cik-tab.tsv']) {
      await page.getByTestId('file-input').setInputFiles(join(ROOT, file));
      await expectSummaryOf(page, await cliSummary([join(ROOT, file)]));
    }
    const rows = (await csvToTsv(bcgCsv))
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'));
    const json = JSON.stringify(rows.map(([study, , ai, bi, ci, di]) => ({ study, ai: Number(ai), bi: Number(bi), ci: Number(ci), di: Number(di) })));
    await page.getByTestId('file-input').setInputFiles({ name: 'bcg.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await page.getByTestId('measure-select').selectOption('RR');
    await expectSummaryOf(page, bcg);
  });

  it('downloads: the forest plot as PNG (signature, size) and as SVG', async () => {
    const page = await openBcg();
    const png = await downloadOf(page, 'download-png-forest');
    expect(png.name).toMatch(/\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.bytes.readUInt32BE(16), 'PNG width').toBeGreaterThan(300);
    expect(png.bytes.readUInt32BE(20), 'PNG height').toBeGreaterThan(200);
    expect(png.bytes.length).toBeGreaterThan(5_000);
    const svg = await downloadOf(page, 'download-svg-forest');
    expect(svg.name).toMatch(/\.svg$/);
    const svgText = svg.bytes.toString('utf8');
    expect(svgText).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    expect(svgText.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svgText).toContain('Aronson, 1948');
  });

  it('downloads: the JSON result (the CLI --json document) and the offline HTML report', async () => {
    const page = await openBcg();
    const json = await downloadOf(page, 'download-json');
    const doc = JSON.parse(json.bytes.toString('utf8')) as Record<string, unknown>;
    expect(doc).toEqual(JSON.parse((await page.getByTestId('results-json').textContent()) ?? ''));
    for (const key of ['k', 'measure', 'method', 'estimate', 'ciLower', 'ciUpper', 'tau2', 'i2', 'q', 'transformed'])
      expectSameJson(doc[key], bcg.json[key], key);
    const report = await downloadOf(page, 'download-report');
    expect(report.name).toMatch(/\.html$/);
    expect(report.bytes.toString('utf8')).toContain('Aronson, 1948');
  });

  it('HTML and script in study labels and moderator values show as text: no element made, no script run, no dialog', async () => {
    const page = await open();
    const scriptsBefore = await page.locator('script').count();
    await pasteTable(page, HOSTILE_TSV);
    await expect.poll(() => page.locator('[data-testid="data-table"] tbody tr').count(), { timeout: 30_000 }).toBe(HOSTILE_ROWS.length);
    const cells = await page.locator('[data-testid="data-table"] td').allTextContents();
    for (const [label, , , group] of HOSTILE_ROWS) {
      expect(cells).toContain(label);
      expect(cells).toContain(group);
    }
    // The toggles name each study by its label, as text.
    for (let i = 0; i < HOSTILE_ROWS.length; i++) {
      const text = await page.locator(`label[for="study-toggle-${i}"]`).textContent();
      expect(text?.trim()).toBe(HOSTILE_ROWS[i]?.[0]);
    }
    await expect.poll(() => page.locator('[data-testid="plot-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const forestTexts = await page.locator('[data-testid="plot-forest"] svg text').allTextContents();
    expect(forestTexts).toContain(HOSTILE_ROWS[0]?.[0]);
    await page.waitForTimeout(1_000);
    expect(await page.locator('script').count()).toBe(scriptsBefore);
    expect(await page.locator('img[src="x"], b.hostile, [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __hostile?: boolean }).__hostile ?? false)).toBe(false);
  });

  it('subgroups by a moderator whose values are HTML and script: the subgroup labels show as text, nothing runs', async () => {
    const page = await open();
    await pasteTable(page, HOSTILE_TSV);
    await expect.poll(() => page.locator('[data-testid="plot-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('analysis-select').selectOption('subgroup');
    await page.getByTestId('by-select').selectOption('group');
    await page.getByTestId('run-button').click();
    const groups = [...new Set(HOSTILE_ROWS.map((r) => r[3]))];
    await expect
      .poll(
        async () => {
          const texts = await page.locator('[data-testid="plot-forest"] svg text').allTextContents();
          return groups.map((g) => texts.some((t) => t.includes(g)));
        },
        { timeout: 30_000 },
      )
      .toEqual(groups.map(() => true));
    expect(await page.locator('img[src="x"], b.hostile, [onerror]').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __hostile?: boolean }).__hostile ?? false)).toBe(false);
  });

  it('the offline report of a table of HTML and script shows the labels as text and runs nothing', async () => {
    const page = await open();
    await pasteTable(page, HOSTILE_TSV);
    await expect.poll(() => page.locator('[data-testid="plot-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const report = await downloadOf(page, 'download-report');
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-web-report-'));
    try {
      const file = join(dir, 'report.html');
      writeFileSync(file, report.bytes);
      const shownReport = await open({ url: pathToFileURL(file).href, readySelector: 'body' });
      const shownAsText = await shownReport.evaluate(
        (labels) =>
          labels.map((l) =>
            Array.from(document.querySelectorAll('body :not(script):not(style)')).some((e) => e.childElementCount === 0 && e.textContent === l),
          ),
        HOSTILE_ROWS.map((r) => r[0]),
      );
      expect(shownAsText).toEqual(HOSTILE_ROWS.map(() => true));
      expect(await shownReport.locator('img[src="x"], b.hostile, [onerror]').count()).toBe(0);
      expect(await shownReport.evaluate(() => (window as unknown as { __hostile?: boolean }).__hostile ?? false)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the settings live in the URL: the page reopened with its URL shows the same settings and numbers', async () => {
    const page = await openBcg();
    await page.getByTestId('method-select').selectOption('DL');
    await page.getByTestId('test-select').selectOption('knha');
    await page.getByTestId('level-input').fill('90');
    await page.getByTestId('run-button').click();
    const dl = await cliSummary([BCG_CSV, '--measure', 'RR', '--method', 'DL', '--test', 'knha', '--level', '90']);
    await expectSummaryOf(page, dl);
    // The settings go into the address (its query or its fragment); the page opened at that address shows them.
    await expect.poll(() => page.url(), { timeout: 10_000 }).toMatch(/DL/);
    const again = await open({ url: page.url() });
    expect(await again.getByTestId('method-select').inputValue()).toBe('DL');
    expect(await again.getByTestId('test-select').inputValue()).toBe('knha');
    expect(Number(await again.getByTestId('level-input').inputValue())).toBe(90);
    expect(await again.getByTestId('measure-select').inputValue()).toBe('RR');
    await pasteTable(again, bcgTsv);
    await expectSummaryOf(again, dl);
  });

  it('a bundled dataset from the select; the SYNTHETIC banner shows exactly when the SYNTHETIC CIK base is loaded', async () => {
    const page = await open();
    await page.getByTestId('dataset-select').selectOption('classic/bcg');
    await expectSummaryOf(page, await cliSummary(['--dataset', 'classic/bcg', '--measure', 'RR']));
    expect(await page.getByTestId('synthetic-banner').isVisible()).toBe(false);
    await page.getByTestId('dataset-select').selectOption('cik/calibrated');
    await expect.poll(() => page.getByTestId('synthetic-banner').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await page.getByTestId('synthetic-banner').textContent()).toContain('SYNTHETIC');
    await page.getByTestId('dataset-select').selectOption('classic/bcg');
    await expect.poll(() => page.getByTestId('synthetic-banner').isVisible(), { timeout: 30_000 }).toBe(false);
  });

  it('unusual headers: the column map (map-<field>) maps them and the analysis gives the CLI numbers', async () => {
    const page = await open();
    const renamed = bcgTsv.replace(/^[^\n]*/, 'Trial\tYear\tEvents vaccinated\tOthers vaccinated\tEvents control\tOthers control\tLatitude\tAllocation');
    await pasteTable(page, renamed);
    await expect.poll(() => page.getByTestId('column-map').isVisible(), { timeout: 30_000 }).toBe(true);
    // The kind of data (a select the page adds to the contract's map-<field> selects).
    await page.getByTestId('map-kind').selectOption('twoByTwo');
    const fields: Record<string, string> = { study: 'Trial', ai: 'Events vaccinated', bi: 'Others vaccinated', ci: 'Events control', di: 'Others control' };
    for (const [field, column] of Object.entries(fields)) await page.getByTestId(`map-${field}`).selectOption(column);
    await page.getByTestId('map-apply').click();
    await page.getByTestId('measure-select').selectOption('RR');
    await expectSummaryOf(page, bcg);
  });

  it('keyboard only: Tab reaches every control in order; Enter runs, Space toggles a study', async () => {
    const page = await open();
    const order = [
      'paste-input',
      'paste-apply',
      'file-input',
      'dataset-select',
      'analysis-select',
      'measure-select',
      'method-select',
      'test-select',
      'level-input',
      'run-button',
    ];
    const visited = await tabTo(page, 'run-button');
    const reached = visited.filter((id) => order.includes(id));
    expect([...new Set(reached)]).toEqual(order);
    // Operate it: focus the paste box by keyboard, type the table, apply and run with Enter.
    await tabTo(page, 'paste-input');
    await page.keyboard.insertText(bcgTsv);
    await tabTo(page, 'paste-apply');
    await page.keyboard.press('Enter');
    // 2x2 data need a measure: pick RR with the arrow keys on the focused select.
    await tabTo(page, 'measure-select');
    for (let n = 0; n < 100 && (await page.getByTestId('measure-select').inputValue()) !== 'RR'; n++) await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('measure-select').inputValue()).toBe('RR');
    await tabTo(page, 'run-button');
    await page.keyboard.press('Enter');
    const cli = bcg;
    await expectSummaryOf(page, cli);
    await tabTo(page, `study-toggle-${STUDY}`);
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('excluded-list').textContent()).toContain('Aronson, 1948');
    expect((await summaryTexts(page)).estimate).not.toBe(cli.printed.estimate);
    // The re-run must leave the focus where the user is (a keyboard user cannot find a lost focus).
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'focus after the re-run').toBe(`study-toggle-${STUDY}`);
    await page.keyboard.press('Space');
    await expectSummaryOf(page, cli);
    // A focused control shows a visible focus indicator.
    const outline = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement as Element);
      return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth), shadow: s.boxShadow };
    });
    expect(outline.style !== 'none' && outline.width > 0 ? true : outline.shadow !== 'none').toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

/**
 * The page's JSON equals the CLI's: same keys and texts; numbers within 1e-12 relative, since Chromium's
 * V8 and Node's may round Math.exp/log/pow differently in the last bit. Every other difference fails.
 */
function expectSameJson(got: unknown, want: unknown, path = 'json'): void {
  if (typeof want === 'number' && typeof got === 'number') {
    expect(Math.abs(got - want), path).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(want)));
  } else if (Array.isArray(want) && Array.isArray(got)) {
    expect(got.length, `${path}.length`).toBe(want.length);
    for (const [i, w] of want.entries()) expectSameJson(got[i], w, `${path}[${i}]`);
  } else if (want !== null && typeof want === 'object' && got !== null && typeof got === 'object') {
    expect(Object.keys(got).sort(), `${path} keys`).toEqual(Object.keys(want).sort());
    for (const [k, w] of Object.entries(want)) expectSameJson((got as Record<string, unknown>)[k], w, `${path}.${k}`);
  } else expect(got, path).toEqual(want);
}

/** SYNTHETIC rows (study, yi, vi, group) whose labels and moderator values are HTML and script. */
const HOSTILE_ROWS = [
  ['<img src=x onerror=alert(1)>', '-0.40', '0.040', '<img src=x onerror=alert(3)>'],
  ['</script><script>window.__hostile=true;alert(2)</script>', '-0.10', '0.050', '</script>'],
  ['<b class="hostile">bold</b> & "quoted"', '-0.30', '0.030', '<img src=x onerror=alert(3)>'],
  ['SYNTHETIC study 4', '-0.20', '0.060', '</script>'],
  ['SYNTHETIC study 5', '0.05', '0.045', '<img src=x onerror=alert(3)>'],
  ['SYNTHETIC study 6', '-0.55', '0.080', '</script>'],
] as const;
const HOSTILE_TSV = ['study\tyi\tvi\tgroup', ...HOSTILE_ROWS.map((r) => r.join('\t'))].join('\n');

/** Presses Tab (at most 300 times) until the element with this data-testid has the focus; returns the testids passed. */
async function tabTo(page: Page, testid: string): Promise<string[]> {
  const visited: string[] = [];
  for (let n = 0; n < 300; n++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id ?? '');
    visited.push(id);
    if (id === testid) return visited;
  }
  throw new Error(`Tab never reached ${testid}; visited: ${visited.join(', ')}`);
}

/** Clicks the centre of the forest plot's square on the row of `label` (the symbol nearest the label's line). */
async function clickForestSquare(page: Page, label: string): Promise<void> {
  const point = await page.evaluate((study) => {
    const svg = document.querySelector('[data-testid="plot-forest"] svg');
    if (!svg) return null;
    const text = Array.from(svg.querySelectorAll('text')).find((t) => t.textContent === study);
    if (!text) return null;
    text.scrollIntoView({ block: 'center' });
    const y = text.getBoundingClientRect().top + text.getBoundingClientRect().height / 2;
    const squares = Array.from(svg.querySelectorAll('.mark-symbol path')).map((p) => p.getBoundingClientRect());
    const nearest = squares.sort((a, b) => Math.abs(a.top + a.height / 2 - y) - Math.abs(b.top + b.height / 2 - y))[0];
    return nearest ? { x: nearest.left + nearest.width / 2, y: nearest.top + nearest.height / 2, dy: Math.abs(nearest.top + nearest.height / 2 - y) } : null;
  }, label);
  expect(point, `a square on the forest row of ${label}`).not.toBeNull();
  expect(point!.dy).toBeLessThan(6);
  await page.mouse.click(point!.x, point!.y);
}

/** The data table's cell at a 1-based data row and a column named by its header. */
async function tableCell(page: Page, row: number, column: string) {
  return page.evaluate(
    ([r, c]) => {
      const table = document.querySelector('[data-testid="data-table"]')!;
      const headers = Array.from(table.querySelectorAll('thead tr:last-child > *')).map((h) => h.textContent?.trim());
      const j = headers.indexOf(c as string);
      const tr = table.querySelectorAll('tbody tr')[(r as number) - 1];
      const cell = tr?.children[j] as HTMLElement | undefined;
      const described = cell
        ?.getAttribute('aria-describedby')
        ?.split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '');
      const clone = cell?.cloneNode(true) as HTMLElement | undefined;
      for (const id of cell?.getAttribute('aria-describedby')?.split(/\s+/) ?? []) clone?.querySelector(`#${CSS.escape(id)}`)?.remove();
      return {
        text: clone?.textContent ?? null,
        error: cell?.getAttribute('data-error') ?? null,
        title: cell?.getAttribute('title') ?? null,
        described: described?.join(' ') ?? null,
      };
    },
    [row, column] as const,
  );
}

/** Clicks a download button and returns the file's suggested name and bytes. */
async function downloadOf(page: Page, testid: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.getByTestId(testid).click()]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: readFileSync(path) };
}
