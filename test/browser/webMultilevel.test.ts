// The multilevel model on the web page (issue #21 with #16) in Debian's chromium: the bundled
// classic/konstantopoulos2011 (metafor's dat.konstantopoulos2011, schools in districts) picked from the
// select, the three-level model ~ 1 | district/school run, and every printed figure (the pooled estimate,
// its CI and PI, I², Q, the variance components and their levels, the CR2 robust SE) equal to what
// `metasynth multilevel` prints, which is itself its --json rounded to the printed digits. A study left
// out on the page gives the numbers of the command the page shows (with --exclude). No console error,
// no request, no dialog. Skips with a message when chromium is not installed.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { CHROMIUM, runCli, shellWords, warnIfNoChromium, useWebPages } from './webHelpers.js';

warnIfNoChromium('test/browser/webMultilevel.test.ts');

const DATASET = 'classic/konstantopoulos2011';
const RANDOM = '~ 1 | district/school';

/** The figures of a `multilevel --json` document this test reads. */
interface MultilevelDoc {
  readonly k: number;
  readonly coefficients: readonly { estimate: number; ciLower: number; ciUpper: number }[];
  readonly piLower: number;
  readonly piUpper: number;
  readonly q: number;
  readonly i2: { total: number };
  readonly robust: { coefficients: readonly { standardError: number }[] } | null;
  readonly excludedStudies?: readonly string[];
}

/** What `metasynth multilevel ARGS` prints (text) and its --json document. */
async function cliMultilevel(args: readonly string[]) {
  const text = await runCli(['multilevel', ...args]);
  const json = await runCli(['multilevel', ...args, '--json']);
  if (text.code !== 0 || json.code !== 0) throw new Error(`metasynth multilevel ${args.join(' ')} failed: ${text.stderr}${json.stderr}`);
  return { text: text.stdout, json: JSON.parse(json.stdout) as MultilevelDoc };
}

/** The printed cells of a text table row that starts with `name`. */
function row(text: string, name: string): string[] {
  const line = text.split('\n').find((l) => l.trim().startsWith(`${name} `));
  if (line === undefined) throw new Error(`no row ${name} in:\n${text}`);
  return line.trim().split(/\s+/);
}

/** The page's text of a test id, trimmed. */
const shown = (page: Page, id: string) =>
  page
    .getByTestId(id)
    .textContent()
    .then((t) => (t ?? '').trim());

/** Every figure the page prints for the model, in the CLI's digits (from the text the CLI printed). */
function expectedTexts(cli: { text: string; json: MultilevelDoc }) {
  const [, estimate, , , , ciLower, ciUpper] = row(cli.text, 'intrcpt');
  const pi = /^Prediction interval: \[(\S+), (\S+)\]$/m.exec(cli.text)!;
  const q = /^Test for heterogeneity: Q\(df = \d+\) = (\S+),/m.exec(cli.text)!;
  const i2 = /^I² \(total\) = (\S+);/m.exec(cli.text)!;
  const c = cli.json.coefficients[0]!;
  // The printed digits are the JSON rounded (the reference the page is held to).
  expect([estimate, ciLower, ciUpper, pi[1], pi[2], q[1]]).toEqual(
    [c.estimate, c.ciLower, c.ciUpper, cli.json.piLower, cli.json.piUpper, cli.json.q].map((x: number) => x.toFixed(4)),
  );
  expect(i2[1]).toBe(`${cli.json.i2.total.toFixed(2)}%`);
  return {
    'summary-estimate': estimate,
    'summary-ci-lower': ciLower,
    'summary-ci-upper': ciUpper,
    'summary-pi-lower': pi[1],
    'summary-pi-upper': pi[2],
    'summary-q': q[1],
    'summary-i2': i2[1],
    'ml-sigma2-0': row(cli.text, 'sigma^2.1')[1],
    'ml-sigma2-1': row(cli.text, 'sigma^2.2')[1],
  } as Record<string, string>;
}

async function pageTexts(page: Page, ids: readonly string[]) {
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await shown(page, id)] as const)));
}

describe.skipIf(!CHROMIUM)('the multilevel model on the web page', () => {
  const pages = useWebPages();

  async function openMultilevel(): Promise<Page> {
    const web = await pages.open();
    const { page } = web;
    await page.getByTestId('dataset-select').selectOption(DATASET);
    await page.getByTestId('analysis-select').selectOption('multilevel');
    await page.getByTestId('random-input').fill(RANDOM);
    await page.getByTestId('run-button').click();
    return page;
  }

  it('Konstantopoulos 2011, ~ 1 | district/school: the estimate, CI, PI, I², Q and variance components as the CLI prints them', async () => {
    const cli = await cliMultilevel(['--dataset', DATASET, '--random', RANDOM]);
    const expected = expectedTexts(cli);
    const page = await openMultilevel();
    await expect.poll(() => pageTexts(page, Object.keys(expected)), { timeout: 30_000, interval: 100 }).toEqual(expected);
    expect(await shown(page, 'ml-sigma2-0-levels')).toBe('11');
    expect(await shown(page, 'ml-sigma2-1-levels')).toBe('56');
    expect(await shown(page, 'multilevel-i2')).toBe(/^I² \(total\) = .*$/m.exec(cli.text)![0]);
    await expect.poll(() => page.locator('[data-testid="plot-cluster-forest"] svg').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // The command shown prints the JSON document the page shows.
    const argv = shellWords(await shown(page, 'cli-command'));
    expect(argv.slice(0, 6)).toEqual(['metasynth', 'multilevel', '--dataset', DATASET, '--random', RANDOM]);
    const json = await runCli([...argv.slice(1), '--json']);
    expect(JSON.parse(await shown(page, 'results-json'))).toEqual(JSON.parse(json.stdout));
    const rCall = await shown(page, 'r-call');
    expect(rCall).toContain(`rma.mv(yi, vi, random = ${RANDOM}, data = data, method = "REML")`);
    expect(rCall).not.toContain('escalc');
  });

  it('CR2 robust tests by district: the robust SE as the CLI prints it; a study left out gives the numbers of the command shown (--exclude)', async () => {
    const page = await openMultilevel();
    await page.getByTestId('cluster-select').selectOption('district');
    await page.getByTestId('robust-select').selectOption('CR2');
    const robust = await cliMultilevel(['--dataset', DATASET, '--random', RANDOM, '--cluster', 'district', '--robust', 'CR2']);
    const robustSe = robust.text
      .split('\n')
      .find((l) => l.trim().startsWith('intrcpt') && l.includes(robust.json.robust!.coefficients[0]!.standardError.toFixed(4)));
    expect(robustSe, robust.text).toBeDefined();
    await expect.poll(() => shown(page, 'ml-robust-0-se'), { timeout: 30_000 }).toBe(robust.json.robust!.coefficients[0]!.standardError.toFixed(4));
    await page.getByTestId('study-toggle-0').uncheck();
    await expect.poll(() => page.getByTestId('excluded-list').textContent(), { timeout: 30_000 }).toContain('1');
    const argv = shellWords(await shown(page, 'cli-command'));
    expect(argv.slice(-2)).toEqual(['--exclude', '1']);
    const without = await cliMultilevel(argv.slice(2));
    expect(without.json.k).toBe(55);
    expect(without.json.excludedStudies).toEqual(['1']);
    expect(without.text).toContain('Excluded by --exclude (1 study): "1"');
    const expected = expectedTexts(without);
    await expect.poll(() => pageTexts(page, Object.keys(expected)), { timeout: 30_000, interval: 100 }).toEqual(expected);
    expect(await shown(page, 'ml-robust-0-se')).toBe(without.json.robust!.coefficients[0]!.standardError.toFixed(4));
  });
});
