// The page's worker client and the worker's handler, without a browser: a fake Worker runs the same
// handler the worker entry runs (asynchronously, as a worker would), so runInWorker's progress, result,
// problems, cancel and termination are checked here; the real-browser run is in test/browser.
import { describe, expect, it } from 'vitest';
import { gosh } from '../../../src/gosh/gosh.js';
import { permutationTest } from '../../../src/permutation/permutationTest.js';
import { permutestAnalysis, permutestJob } from '../../../src/session/permutestAnalysis.js';
import { runInWorker, WorkerProblemError, type WorkerLike } from '../../../web/src/worker/client.js';
import { handleWorkerRequest, throttledProgress, type WorkerMessage } from '../../../web/src/worker/protocol.js';

/** SYNTHETIC effects (not data of any study): enough for a few hundred GOSH subsets. */
const DATA = { effect: [0.12, -0.3, 0.45, 0.05, 0.2, -0.1, 0.33, 0.08], variance: [0.02, 0.05, 0.03, 0.01, 0.04, 0.02, 0.06, 0.015] };

/** A fake Worker: runs the handler after a tick, with a clock that advances 20 ms per call. */
function fakeWorker(log: { terminated: number; posted: unknown[] }): WorkerLike {
  let clock = 0;
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      log.posted.push(message);
      setTimeout(
        () =>
          handleWorkerRequest(
            // As postMessage does: the worker gets a structured clone (no functions, no class instances).
            structuredClone(message),
            (m) => w.onmessage?.({ data: m }),
            () => (clock += 20),
          ),
        0,
      );
    },
    terminate() {
      log.terminated++;
    },
  };
  return w;
}

describe('runInWorker(kind, payload, { onProgress, signal, createWorker })', () => {
  it('gosh: resolves with the library result, progress in (0, 1], the worker terminated', async () => {
    const log = { terminated: 0, posted: [] as unknown[] };
    const fractions: number[] = [];
    const result = await runInWorker(
      'gosh',
      { data: DATA, options: { method: 'DL' } },
      { onProgress: (f) => fractions.push(f), createWorker: () => fakeWorker(log) },
    );
    expect(result.estimate).toEqual(gosh(DATA, { method: 'DL' }).estimate);
    expect(result.subsets).toBe(255);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.every((f, i) => f > 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]!))).toBe(true);
    expect(log.terminated).toBe(1);
    expect(log.posted).toEqual([{ kind: 'gosh', payload: { data: DATA, options: { method: 'DL' } } }]);
  });

  it('permutest: resolves with the permutation test the CLI runs', async () => {
    const log = { terminated: 0, posted: [] as unknown[] };
    const options = { iterations: 50, seed: 7 };
    const result = await runInWorker('permutest', { data: DATA, options }, { createWorker: () => fakeWorker(log) });
    expect(result).toEqual(permutationTest(DATA, options));
  });

  it("permutestAnalysis: resolves with the page analysis's permutation test (permutestJob run in the worker = permutestAnalysis, as metasynth permutest --json)", async () => {
    const log = { terminated: 0, posted: [] as unknown[] };
    const input = { dataset: 'bcg' };
    const settings = { analysis: 'regress', measure: 'RR', mods: '~ ablat + factor(alloc)' } as const;
    const prepared = permutestJob(input, settings, { iterations: 60, seed: 5 });
    if (!prepared.ok) throw new Error('BCG regress: no permutation job');
    const fractions: number[] = [];
    const result = await runInWorker('permutestAnalysis', { job: prepared.job }, { onProgress: (f) => fractions.push(f), createWorker: () => fakeWorker(log) });
    const direct = permutestAnalysis(input, settings, { iterations: 60, seed: 5 });
    expect(direct.ok && result).toEqual(direct.ok && direct.json);
    expect(fractions.at(-1)).toBe(1);
    expect(log.terminated).toBe(1);
  });

  it('bad data: rejects with the library problems', async () => {
    const log = { terminated: 0, posted: [] as unknown[] };
    const run = runInWorker('gosh', { data: { effect: [0.1, 0.2], variance: [0.01, -1] } }, { createWorker: () => fakeWorker(log) });
    await expect(run).rejects.toBeInstanceOf(WorkerProblemError);
    await run.catch((e: WorkerProblemError) => expect(e.problems[0]?.message).toMatch(/variance/));
    expect(log.terminated).toBe(1);
  });

  it('abort: terminates the worker at once and rejects with an AbortError; an aborted signal starts nothing', async () => {
    const log = { terminated: 0, posted: [] as unknown[] };
    const controller = new AbortController();
    const run = runInWorker('gosh', { data: DATA }, { createWorker: () => fakeWorker(log), signal: controller.signal });
    controller.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(log.terminated).toBe(1);
    let started = 0;
    await expect(
      runInWorker(
        'gosh',
        { data: DATA },
        {
          signal: controller.signal,
          createWorker: () => {
            started++;
            return fakeWorker(log);
          },
        },
      ),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    expect(started).toBe(0);
  });

  it('a worker error event rejects and terminates', async () => {
    let terminated = 0;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => setTimeout(() => w.onerror?.({ message: 'boom' }), 0),
      terminate: () => void terminated++,
    };
    await expect(runInWorker('gosh', { data: DATA }, { createWorker: () => w })).rejects.toThrow(/boom/);
    expect(terminated).toBe(1);
  });
});

describe('handleWorkerRequest and throttledProgress', () => {
  it('an unknown request is an error message, never a throw', () => {
    const posted: WorkerMessage[] = [];
    handleWorkerRequest({ kind: 'nope' }, (m) => posted.push(m));
    handleWorkerRequest(null, (m) => posted.push(m));
    expect(posted.map((m) => m.type)).toEqual(['error', 'error']);
  });
  it('posts progress at most every 50 ms', () => {
    const posted: WorkerMessage[] = [];
    let t = 0;
    const onProgress = throttledProgress(
      (m) => posted.push(m),
      () => t,
    );
    for (let i = 1; i <= 100; i++) {
      t += 5;
      onProgress(i, 100);
    }
    expect(posted).toHaveLength(11); // every 50 ms of 500, and the last
    expect(posted.at(-1)).toEqual({ type: 'progress', fraction: 1 });
    expect(posted[0]).toEqual({ type: 'progress', fraction: 0.01 });
  });
});
