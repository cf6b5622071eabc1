// The GOSH run (all-subsets estimates): the library's gosh in a Web Worker (src/session's worker,
// web/src/worker), with a progress bar and a cancel button, drawn with the library's goshPlotSpec.
// The studies are the analysis's (same input, measure and exclusions).
import { GOSH_DEFAULT_SUBSETS, goshPlotSpec, isPoolManyMethod, isRatioMeasure, type EffectTable, type Measure } from '../../src/index.js';
import { datasetRawTable, effectTableOf, rawTableOf, studiesOfTable, type AnalysisInput } from '../../src/session/index.js';
import { byId, el } from './dom.js';
import { renderSpec } from './vegaView.js';
import { runInWorker, WorkerProblemError } from './worker/client.js';
import type { View } from 'vega';

/** What a GOSH run needs from the page's current analysis. */
export interface GoshContext {
  readonly input: AnalysisInput;
  readonly measure: Measure;
  readonly method: string | undefined;
  readonly exclude: ReadonlySet<string>;
  readonly synthetic: boolean;
}

let running: AbortController | null = null;
let goshView: View | null = null;

/** The analysis's effect table (the library's reading of the same input), without the excluded studies. */
function effectTable(c: GoshContext): EffectTable {
  const raw = 'dataset' in c.input ? datasetRawTable(c.input.dataset) : rawTableOf(c.input);
  const name = 'dataset' in c.input ? c.input.dataset : (c.input.name ?? 'data.csv');
  const table = effectTableOf(studiesOfTable(raw, c.measure, name), c.measure, { command: 'gosh' });
  return { ...table, studies: table.studies.filter((s) => !c.exclude.has(s.study)) };
}

function setRunning(on: boolean): void {
  byId<HTMLButtonElement>('gosh-run').disabled = on;
  byId<HTMLButtonElement>('gosh-cancel').disabled = !on;
}

/**
 * Stops a running GOSH and clears its plot (the analysis changed).
 * @example resetGosh()
 */
export function resetGosh(): void {
  running?.abort();
  running = null;
  goshView?.finalize();
  goshView = null;
  byId('plot-gosh').replaceChildren();
  byId<HTMLProgressElement>('gosh-progress').value = 0;
  byId('gosh-status').textContent = '';
  setRunning(false);
}

async function run(c: GoshContext): Promise<void> {
  resetGosh();
  const controller = new AbortController();
  running = controller;
  setRunning(true);
  const progress = byId<HTMLProgressElement>('gosh-progress');
  const status = byId('gosh-status');
  status.textContent = 'Fitting every subset…';
  try {
    const table = effectTable(c);
    const method = c.method !== undefined && isPoolManyMethod(c.method) ? c.method : 'REML';
    const t0 = performance.now();
    const result = await runInWorker(
      'gosh',
      { data: table, options: { method, subsets: GOSH_DEFAULT_SUBSETS } },
      { onProgress: (f) => (progress.value = f), signal: controller.signal },
    );
    progress.value = 1;
    const label = `Estimate (${isRatioMeasure(table.measure) ? `log ${table.measure}` : table.measure})`;
    const spec = goshPlotSpec(result, { synthetic: c.synthetic, estimateLabel: label });
    goshView = await renderSpec(spec, byId('plot-gosh'));
    status.textContent = `${result.subsets} subsets of ${result.k} studies (${result.exact ? 'all' : 'a random sample'}) in ${((performance.now() - t0) / 1000).toFixed(1)} s.`;
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') status.textContent = 'GOSH cancelled.';
    else if (err instanceof WorkerProblemError) byId('plot-gosh').replaceChildren(el('ul', {}, ...err.problems.map((p) => el('li', {}, p.message))));
    else status.textContent = `GOSH could not run: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    if (running === controller) {
      running = null;
      setRunning(false);
    }
  }
}

/**
 * Wires the GOSH buttons; `context` gives the current analysis (null when there is none yet).
 * @example setUpGosh(() => goshContext())
 */
export function setUpGosh(context: () => GoshContext | null): void {
  byId('gosh-run').addEventListener('click', () => {
    const c = context();
    if (!c) {
      byId('gosh-status').textContent = 'Run an analysis first.';
      return;
    }
    void run(c);
  });
  byId('gosh-cancel').addEventListener('click', () => running?.abort());
}
