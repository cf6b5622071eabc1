// The page's side of the analysis worker: runInWorker starts a worker for one job, forwards its
// progress, resolves with the result or rejects with the problems, and on abort terminates the worker
// and rejects with an AbortError (a DOMException named 'AbortError', as fetch does).
import type { Issue } from '../../../src/index.js';
import { SESSION_MESSAGES } from '../../../src/session/messages.js';
import type { WorkerKind, WorkerMessage, WorkerPayloads, WorkerResults } from './protocol.js';

/** The part of a Worker runInWorker uses (a fake in tests). */
export interface WorkerLike {
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
  postMessage(message: unknown): void;
  terminate(): void;
}

export interface RunInWorkerOptions {
  /** Called with the fraction done (0–1), at most every ~50 ms. */
  readonly onProgress?: (fraction: number) => void;
  /** Aborting terminates the worker and rejects with an AbortError. */
  readonly signal?: AbortSignal;
  /** The worker script's URL (e.g. a blob: URL); default: a blob of `self.__metasynthWorkerSource` (see scripts/build-web.mjs). */
  readonly workerUrl?: string | URL;
  /** Starts the worker (tests pass a fake); default `new Worker(workerUrl)`. */
  readonly createWorker?: () => WorkerLike;
}

/** A run's failure: the problems, each an Issue with the library's message. */
export class WorkerProblemError extends Error {
  readonly problems: readonly Issue[];
  constructor(problems: readonly Issue[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'WorkerProblemError';
    this.problems = problems;
  }
}

/** The AbortError of a cancelled run (DOMException where there is one, as fetch rejects). */
function abortError(): Error {
  const message = SESSION_MESSAGES.worker_cancelled().text;
  return typeof DOMException === 'function' ? new DOMException(message, 'AbortError') : Object.assign(new Error(message), { name: 'AbortError' });
}

/** The default worker: from `workerUrl`, else from the source the page's worker.js script left on `self`. */
function defaultWorker(workerUrl: string | URL | undefined): WorkerLike {
  if (workerUrl !== undefined) return new Worker(workerUrl) as unknown as WorkerLike;
  const source = (globalThis as { __metasynthWorkerSource?: unknown }).__metasynthWorkerSource;
  if (typeof source !== 'string') throw new WorkerProblemError([{ code: 'worker_missing', message: SESSION_MESSAGES.worker_failed('no worker script').text }]);
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  return worker as unknown as WorkerLike;
}

/**
 * Runs GOSH or a permutation test in a Web Worker: resolves with the library's result (typed arrays
 * kept), rejects with a WorkerProblemError (bad data), or with an AbortError when `signal` aborts (the
 * worker is terminated at once). One worker per run; it is terminated when the run ends.
 * @example const result = await runInWorker('gosh', { data: { effect, variance } }, { onProgress: (f) => (bar.value = f), signal: controller.signal });
 */
export function runInWorker<K extends WorkerKind>(kind: K, payload: WorkerPayloads[K], options: RunInWorkerOptions = {}): Promise<WorkerResults[K]> {
  return new Promise<WorkerResults[K]>((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    let worker: WorkerLike;
    try {
      worker = options.createWorker ? options.createWorker() : defaultWorker(options.workerUrl);
    } catch (err) {
      return reject(
        err instanceof WorkerProblemError
          ? err
          : new WorkerProblemError([{ code: 'worker_failed', message: SESSION_MESSAGES.worker_failed(String(err)).text }]),
      );
    }
    const onAbort = () => finish(() => reject(abortError()));
    const finish = (settle: () => void) => {
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      options.signal?.removeEventListener('abort', onAbort);
      settle();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (event) => {
      const m = event.data as WorkerMessage;
      if (m.type === 'progress') options.onProgress?.(m.fraction);
      else if (m.type === 'result') finish(() => resolve(m.result as WorkerResults[K]));
      else finish(() => reject(new WorkerProblemError(m.problems)));
    };
    worker.onerror = (event) =>
      finish(() => reject(new WorkerProblemError([{ code: 'worker_failed', message: SESSION_MESSAGES.worker_failed(event.message ?? '').text }])));
    worker.postMessage({ kind, payload });
  });
}
