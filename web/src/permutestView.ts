// The permutation test (metafor's permutest) of the page's pool or meta-regression analysis: src/session's
// permutestAnalysis in a Web Worker, with a progress bar and a cancel button. It shows the permutation
// p-values as `metasynth permutest` prints them, and the command that reproduces them.
import { formatFixed, formatPValue } from './format.js';
import { byId, el } from './dom.js';
import { PERMUTEST_OF, permutestCommandFor, permutestJob, type AnalysisInput, type AnalysisSettings } from '../../src/session/index.js';
import { runInWorker, WorkerProblemError } from './worker/client.js';

/** What a permutation test needs from the page's current analysis. */
export interface PermutestContext {
  readonly input: AnalysisInput;
  readonly settings: AnalysisSettings;
  /** The file the reproduce command reads (or the bundled dataset). */
  readonly file: string | { readonly dataset: string };
}

type Json = Readonly<Record<string, unknown>>;
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

let running: AbortController | null = null;

function setRunning(on: boolean): void {
  byId<HTMLButtonElement>('permutest-run').disabled = on;
  byId<HTMLButtonElement>('permutest-cancel').disabled = !on;
}

/**
 * Stops a running test and clears its result; shows the box only for analyses it can refit (pool, regress).
 * @example resetPermutest({ analysis: 'pool' }, true)
 */
export function resetPermutest(settings: AnalysisSettings | null, ok: boolean): void {
  running?.abort();
  running = null;
  byId('permutest-box').hidden = !(ok && settings !== null && (PERMUTEST_OF as readonly string[]).includes(settings.analysis));
  byId('permutest-result').replaceChildren();
  byId<HTMLProgressElement>('permutest-progress').value = 0;
  byId('permutest-status').textContent = '';
  byId('permutest-command').textContent = '';
  setRunning(false);
}

/** The permutations the user asked for (as typed: the session checks them and says what is wrong). */
function request(): { iterations: number; seed: number } {
  return { iterations: Number(byId<HTMLInputElement>('permutest-iterations').value), seed: Number(byId<HTMLInputElement>('permutest-seed').value) };
}

/** The result as `metasynth permutest` prints it: what was permuted, the test of moderators, the coefficients' permutation p-values. */
function renderResult(d: Json): void {
  const knha = d.test !== 'z';
  const what = d.analysis === 'intercept' ? 'sign flips' : 'permutations of the moderator rows';
  const lines: HTMLElement[] = [
    el(
      'p',
      {},
      d.exact === true
        ? `Exact: all ${String(d.permutations)} ${what}`
        : `Random: ${String(d.permutations)} ${what} (seed ${String(d.seed)}; the observed one counted first)`,
    ),
  ];
  if (d.analysis === 'moderators') {
    const coefficients = Array.isArray(d.coefficients) ? d.coefficients.length : 0;
    const stat = knha ? `F(df1 = ${String(d.qmDf)}, df2 = ${(num(d.k) ?? 0) - coefficients})` : `QM(df = ${String(d.qmDf)})`;
    lines.push(
      el(
        'p',
        {},
        `Test of moderators: ${stat} = ${formatFixed(num(d.qm))}, permutation p = `,
        el('span', { 'data-testid': 'permutest-qmp' }, formatPValue(num(d.qmPValue))),
      ),
    );
  }
  const rows = (Array.isArray(d.coefficients) ? (d.coefficients as Json[]) : []).map((c, i) =>
    el(
      'tr',
      {},
      el('td', {}, c.label === c.name ? String(c.name) : `${String(c.name)} (${String(c.label)})`),
      el('td', {}, formatFixed(num(c.estimate))),
      el('td', {}, formatFixed(num(c.statistic))),
      el('td', { 'data-testid': `permutest-p-${i}` }, formatPValue(num(c.pValue))),
    ),
  );
  const head = ['coefficient', 'estimate', knha ? 'tval' : 'zval', 'pval (permutation)'].map((h) => el('th', { scope: 'col' }, h));
  const table = el('table', { class: 'figures' }, el('caption', {}, 'Permutation test'), el('thead', {}, el('tr', {}, ...head)), el('tbody', {}, ...rows));
  byId('permutest-result').replaceChildren(...lines, table);
}

async function run(c: PermutestContext): Promise<void> {
  resetPermutest(c.settings, true);
  const controller = new AbortController();
  running = controller;
  setRunning(true);
  const progress = byId<HTMLProgressElement>('permutest-progress');
  const status = byId('permutest-status');
  const perms = request();
  status.textContent = 'Refitting the model for each permutation…';
  byId('permutest-command').textContent = permutestCommandFor(c.settings, c.file, perms);
  try {
    const t0 = performance.now();
    // The studies are read here, as the analysis read them; the refits run in the worker.
    const prepared = permutestJob(c.input, c.settings, perms);
    if (!prepared.ok) throw new WorkerProblemError(prepared.problems);
    const doc = await runInWorker('permutestAnalysis', { job: prepared.job }, { onProgress: (f) => (progress.value = f), signal: controller.signal });
    progress.value = 1;
    renderResult(doc);
    status.textContent = `Done in ${((performance.now() - t0) / 1000).toFixed(1)} s.`;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') status.textContent = 'Permutation test cancelled.';
    else if (err instanceof WorkerProblemError) {
      status.textContent = 'The permutation test could not run:';
      byId('permutest-result').replaceChildren(el('ul', { class: 'error-text' }, ...err.problems.map((p) => el('li', {}, p.message))));
    } else status.textContent = `The permutation test could not run: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    if (running === controller) {
      running = null;
      setRunning(false);
    }
  }
}

/**
 * Wires the permutation test's buttons; `context` gives the current analysis (null when there is none).
 * @example setUpPermutest(() => permutestContext())
 */
export function setUpPermutest(context: () => PermutestContext | null): void {
  byId('permutest-run').addEventListener('click', () => {
    const c = context();
    if (!c) {
      byId('permutest-status').textContent = 'Run a pool or meta-regression analysis first.';
      return;
    }
    void run(c);
  });
  byId('permutest-cancel').addEventListener('click', () => running?.abort());
}
