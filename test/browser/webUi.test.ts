// The web page's long runs and settings beyond the first release, in Debian's chromium: the
// permutation test (metafor permutest) of pool and meta-regression results in the Web Worker, with a
// progress bar that moves, Cancel, and p-values equal to `metasynth permutest --json` with the same
// seed; the Bayesian posterior summary equal to `metasynth bayes --json` to the printed digits; the CLI
// options the page now has (bias predictor and estimator, ...) in the command, the address and the
// result; axe finds nothing on these views. No console error, no dialog, no request in any test.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatFixed, formatPValue } from '../../src/session/printedDigits.js';
import { axeViolations, BCG_CSV, CHROMIUM, csvToTsv, pasteTable, runCli, warnIfNoChromium, useWebPages, recordProgress, progressSeen } from './webHelpers.js';

warnIfNoChromium('test/browser/webUi.test.ts');

type Json = Record<string, unknown>;

/** `metasynth ARGS --json` on the BCG file (the bundled copy the page is given). */
async function cliJson(args: readonly string[]): Promise<Json> {
  const r = await runCli([args[0]!, BCG_CSV, ...args.slice(1), '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

/** A JSON value with every number rounded to 10 significant digits. */
function rounded(x: unknown): unknown {
  return JSON.parse(JSON.stringify(x), (_key, v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v));
}

describe.skipIf(!CHROMIUM)('the web page: permutation test, Bayesian summary, more settings (chromium, no network)', () => {
  let bcgTsv = '';
  const pages = useWebPages();
  beforeAll(async () => {
    bcgTsv = await csvToTsv(readFileSync(BCG_CSV, 'utf8'));
  });

  /** The page with the BCG trials pasted, measure RR, and the analysis asked for shown. */
  async function openBcg(analysis: string, more: (page: Page) => Promise<void> = async () => {}): Promise<Page> {
    const web = await pages.open();
    const page = web.page;
    await pasteTable(page, bcgTsv);
    await page.getByTestId('measure-select').selectOption('RR');
    await expect.poll(() => page.getByTestId('summary-estimate').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByTestId('analysis-select').selectOption(analysis);
    await more(page);
    await page.getByTestId('run-button').click();
    return page;
  }

  async function setPermutations(page: Page, iterations: number, seed: number): Promise<void> {
    await page.getByTestId('permutest-iterations').fill(String(iterations));
    await page.getByTestId('permutest-seed').fill(String(seed));
  }

  it('meta-regression: the progress bar moves, Cancel stops the run, then the p-values equal metasynth permutest with the same seed', async () => {
    const page = await openBcg('regress', (p) => p.getByTestId('mods-input').fill('ablat'));
    await expect.poll(() => page.getByTestId('permutest-run').isVisible(), { timeout: 30_000 }).toBe(true);
    // A long run for Cancel: 200,000 permutations of the moderator rows (minutes here).
    await setPermutations(page, 200_000, 1);
    await recordProgress(page, 'permutest-progress');
    await page.getByTestId('permutest-run').click();
    await expect.poll(async () => (await progressSeen(page, 'permutest-progress')).some((f) => f > 0), { timeout: 60_000, interval: 50 }).toBe(true);
    await page.getByTestId('permutest-cancel').click();
    await page.waitForTimeout(1_000);
    const afterCancel = await progressSeen(page, 'permutest-progress');
    expect(
      afterCancel.some((f) => f > 0 && f < 1),
      `progress seen: ${afterCancel.map((f) => f.toFixed(4)).join(' ')}`,
    ).toBe(true);
    expect(afterCancel.at(-1)).toBeLessThan(1);
    expect(await page.getByTestId('permutest-result').textContent()).toBe('');
    expect(await page.getByTestId('permutest-run').isEnabled()).toBe(true);

    await setPermutations(page, 3_000, 11);
    const t0 = Date.now();
    await page.getByTestId('permutest-run').click();
    await expect.poll(() => page.getByTestId('permutest-qmp').count(), { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
    console.log(`test/browser/webUi.test.ts: permutest of BCG ~ ablat (3,000 permutations) in the page's worker: ${Date.now() - t0} ms`);
    const cli = await cliJson(['permutest', '--measure', 'RR', '--mods', 'ablat', '--iterations', '3000', '--seed', '11']);
    expect(await page.getByTestId('permutest-qmp').textContent()).toBe(formatPValue(cli.qmPValue as number));
    const coefficients = cli.coefficients as { pValue: number }[];
    for (const [i, c] of coefficients.entries()) expect(await page.getByTestId(`permutest-p-${i}`).textContent()).toBe(formatPValue(c.pValue));
    expect(await page.getByTestId('permutest-command').textContent()).toBe(
      'metasynth permutest data.tsv --measure RR --method REML --test z --level 95 --mods ablat --iterations 3000 --seed 11',
    );
    expect(await page.getByTestId('permutest-result').textContent()).toContain('Random: 3000 permutations of the moderator rows (seed 11');
  }, 240_000);

  it('pool: the sign-flip test of the pooled RR equals metasynth permutest (random flips, seed 5)', async () => {
    const page = await openBcg('pool');
    await expect.poll(() => page.getByTestId('permutest-run').isVisible(), { timeout: 30_000 }).toBe(true);
    await setPermutations(page, 2_000, 5);
    await page.getByTestId('permutest-run').click();
    await expect.poll(() => page.getByTestId('permutest-p-0').count(), { timeout: 120_000, interval: 100 }).toBeGreaterThan(0);
    const cli = await cliJson(['permutest', '--measure', 'RR', '--iterations', '2000', '--seed', '5']);
    expect(await page.getByTestId('permutest-p-0').textContent()).toBe(formatPValue(cli.pValue as number));
    expect(await page.getByTestId('permutest-progress').evaluate((b) => (b as HTMLProgressElement).value)).toBe(1);
  }, 240_000);

  it('bayes: the posterior summary of mu, tau and a new study equals metasynth bayes --json to the printed digits', async () => {
    const page = await openBcg('bayes');
    await expect.poll(() => page.getByTestId('bayes-mu-mean').count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const cli = await cliJson(['bayes', '--measure', 'RR']);
    const f4 = (x: unknown) => formatFixed(x as number, 4);
    for (const name of ['mu', 'tau', 'prediction'] as const) {
      const s = cli[name] as Record<string, number>;
      for (const column of ['mean', 'median', 'mode', 'sd'] as const)
        expect(await page.getByTestId(`bayes-${name}-${column}`).textContent(), `${name} ${column}`).toBe(f4(s[column]));
      expect(await page.getByTestId(`bayes-${name}-cri`).textContent()).toBe(`${f4(s.lower)} to ${f4(s.upper)}`);
      expect(await page.getByTestId(`bayes-${name}-shortest`).textContent()).toBe(`${f4(s.shortestLower)} to ${f4(s.shortestUpper)}`);
    }
    const t = cli.transformed as { mu: Record<string, number>; prediction: Record<string, number> };
    expect(await page.getByTestId('bayes-transformed').textContent()).toBe(
      `RR (exp of mu): median ${f4(t.mu.median)} (95% CrI ${f4(t.mu.lower)} to ${f4(t.mu.upper)}); new study: ${f4(t.prediction.lower)} to ${f4(t.prediction.upper)}`,
    );
    // No permutation test for a Bayesian analysis.
    expect(await page.getByTestId('permutest-run').isVisible()).toBe(false);
  }, 120_000);

  it('bias with predictor vi and estimator R0: labelled controls, the command, the address, and the result equal the CLI', async () => {
    const page = await openBcg('bias', async (p) => {
      await p.getByLabel('Regression test predictor').selectOption('vi');
      await p.getByLabel('Trim-and-fill estimator').selectOption('R0');
    });
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 30_000 }).toContain('--predictor vi --estimator R0');
    expect(await page.evaluate(() => location.hash)).toMatch(/bp=vi&tf=R0/);
    const cli = await cliJson(['bias', '--measure', 'RR', '--predictor', 'vi', '--estimator', 'R0']);
    const shown = JSON.parse((await page.getByTestId('results-json').textContent()) ?? '{}') as Json;
    // Chromium's and Node's V8 may differ in the last bit of a Math function: compared to 10 significant digits (the page prints 4 decimals).
    expect(rounded(shown.egger)).toEqual(rounded(cli.egger));
    expect(rounded(shown.trimFill)).toEqual(rounded(cli.trimFill));
    expect(await axeViolations(page)).toEqual([]);
  }, 120_000);

  it('the settings of subgroup, sensitivity, selection, GLMM and bayes have labelled controls that reach the command; axe finds nothing', async () => {
    const page = await openBcg('subgroup', async (p) => {
      await p.getByTestId('by-select').selectOption('alloc');
      await p.getByLabel('One τ² for all subgroups').check();
    });
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 30_000 }).toContain('--by alloc --common-tau2');
    await page.getByTestId('analysis-select').selectOption('sensitivity');
    await page.getByLabel('Cumulative order by').selectOption('year');
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 30_000 }).toContain('--order year');
    await page.getByTestId('analysis-select').selectOption('selection');
    await page.getByLabel('Direction of the p-values').selectOption('less');
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 30_000 }).toContain('--alternative less');
    await page.getByTestId('analysis-select').selectOption('glmm');
    await page.getByLabel('GLMM τ²').selectOption('EE');
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 60_000 }).toContain('--glmm-method EE');
    await page.getByTestId('analysis-select').selectOption('bayes');
    await page.getByLabel('Prior of μ').fill('normal:0,4');
    await page.getByTestId('run-button').click();
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 60_000 }).toContain('--mu-prior normal:0,4');
    expect(await axeViolations(page)).toEqual([]);
  }, 180_000);

  it('selection with fixed δs: the labelled input reaches the command, the address and the result (equal to the CLI), fixed rows without SE/CI; a bad δ is a problem', async () => {
    const page = await openBcg('selection', async (p) => {
      await p.getByLabel('Selection function').selectOption('stepfun');
      await p.getByLabel('Steps (p-value cut points, the last 1)').fill('0.05, 0.5, 1');
      await p.getByLabel('Direction of the p-values').selectOption('less');
      await p.getByLabel('Fixed δ').fill('1, NA, 0.5');
    });
    await expect.poll(async () => page.getByTestId('cli-command').textContent(), { timeout: 30_000 }).toContain('--alternative less --delta 1,NA,0.5');
    expect(await page.evaluate(() => location.hash)).toMatch(/sd=1%2CNA%2C0\.5/);
    const cli = await cliJson(['selection', '--measure', 'RR', '--type', 'stepfun', '--steps', '0.05,0.5,1', '--alternative', 'less', '--delta', '1,NA,0.5']);
    const shown = JSON.parse((await page.getByTestId('results-json').textContent()) ?? '{}') as Json;
    expect(rounded(shown.delta)).toEqual(rounded(cli.delta));
    const delta = cli.delta as { estimate: number; standardError: number; ciLower: number; ciUpper: number }[];
    const cells = async (j: number) => page.getByTestId(`selection-delta-row-${j}`).locator('td').allTextContents();
    expect(await cells(1)).toEqual([
      '3',
      formatFixed(delta[1]!.estimate),
      formatFixed(delta[1]!.standardError),
      formatFixed(delta[1]!.ciLower),
      formatFixed(delta[1]!.ciUpper),
    ]);
    expect(await cells(2)).toEqual(['2', '0.5000', '---', '---', '---']);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Fixed δ').fill('1, -1, 0.5');
    await page.getByTestId('run-button').click();
    await expect
      .poll(async () => page.locator('#analysis-messages').textContent(), { timeout: 30_000 })
      .toContain('delta[2] (-1) must be a finite number >= 0 for this type');
    await page.getByLabel('Fixed δ').fill('1, abc, 0.5');
    await page.getByTestId('run-button').click();
    await expect.poll(async () => page.locator('#analysis-messages').textContent(), { timeout: 30_000 }).toContain('selectionDelta');
  }, 180_000);
});
