// The messages between the page and the analysis worker (long runs: GOSH, permutation tests), and the
// pure handler that runs a job and reports progress at most every ~50 ms. The worker entry
// (goshWorker.ts) only wires this handler to `self`; tests call it directly.
// From src/session/longRuns.ts, not the library entry: the entry also loads mathjs, which the worker never uses.
import {
  gosh,
  permutationTest,
  type EffectData,
  type GoshOptions,
  type GoshResult,
  type Issue,
  type PermutationTestOptions,
  type PermutationTestResult,
} from '../../../src/session/longRuns.js';
import { SESSION_MESSAGES } from '../../../src/session/messages.js';
import { runPermutestJob, type PermutestJob } from '../../../src/session/permutestJob.js';
import { problemsOf } from '../../../src/session/problems.js';

/** The long runs the worker does. */
export const WORKER_KINDS = ['gosh', 'permutest', 'permutestAnalysis'] as const;
export type WorkerKind = (typeof WORKER_KINDS)[number];

/** A job's data (effects and variances, e.g. from runAnalysis's table) and the library function's options, without callbacks. */
export interface WorkerPayloads {
  readonly gosh: { readonly data: EffectData; readonly options?: Omit<GoshOptions, 'onProgress'> };
  readonly permutest: { readonly data: EffectData; readonly options?: Omit<PermutationTestOptions, 'onProgress'> };
  /** The page's pool or regress analysis prepared for its permutation test (src/session's permutestJob). */
  readonly permutestAnalysis: { readonly job: PermutestJob };
}
export interface WorkerResults {
  readonly gosh: GoshResult;
  readonly permutest: PermutationTestResult;
  /** The document `metasynth permutest --json` prints. */
  readonly permutestAnalysis: Record<string, unknown>;
}

/** What the page posts to the worker. */
export type WorkerRequest = { readonly [K in WorkerKind]: { readonly kind: K; readonly payload: WorkerPayloads[K] } }[WorkerKind];

/** What the worker posts back: progress fractions (0–1), then one result or the problems. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly fraction: number }
  | { readonly type: 'result'; readonly result: WorkerResults[WorkerKind] }
  | { readonly type: 'error'; readonly problems: readonly Issue[] };

/** The least time between two progress messages (ms): a bar needs no more, and each message costs a copy. */
export const PROGRESS_INTERVAL_MS = 50;

/**
 * A progress callback that posts `{ type: 'progress', fraction }` at most every `interval` ms (and
 * always the first and the last report), so a tight loop does not flood the page.
 * @example
 * const posted = [];
 * let t = 0;
 * const onProgress = throttledProgress((m) => posted.push(m.fraction), () => t);
 * onProgress(1, 10); t = 10; onProgress(2, 10); t = 60; onProgress(3, 10);
 * posted // [0.1, 0.3]
 * onProgress(10, 10);
 * posted // [0.1, 0.3, 1]
 */
export function throttledProgress(post: (m: WorkerMessage) => void, now: () => number, interval = PROGRESS_INTERVAL_MS): (done: number, total: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (done, total) => {
    const t = now();
    if (t - last < interval && done < total) return;
    last = t;
    post({ type: 'progress', fraction: total > 0 ? Math.min(1, done / total) : 1 });
  };
}

/** Runs one job with the library (the same functions as the CLI's gosh and permutest). */
function runJob(request: WorkerRequest, onProgress: (done: number, total: number) => void): WorkerResults[WorkerKind] {
  switch (request.kind) {
    case 'gosh':
      return gosh(request.payload.data, { ...request.payload.options, onProgress });
    case 'permutest':
      return permutationTest(request.payload.data, { ...request.payload.options, onProgress });
    case 'permutestAnalysis':
      return runPermutestJob(request.payload.job, onProgress);
  }
}

/**
 * Handles one request: posts throttled progress, then `{ type: 'result' }`, or `{ type: 'error', problems }`
 * for a bad request or bad data (never throws).
 * @example
 * const posted = [];
 * handleWorkerRequest({ kind: 'gosh', payload: { data: { effect: [0.1, 0.3, 0.2], variance: [0.01, 0.02, 0.015] } } }, (m) => posted.push(m.type), () => 0);
 * posted // ['progress', 'result']
 */
export function handleWorkerRequest(request: unknown, post: (m: WorkerMessage) => void, now: () => number = () => Date.now()): void {
  try {
    const r = request as Partial<WorkerRequest> | null;
    if (r === null || typeof r !== 'object' || !(WORKER_KINDS as readonly unknown[]).includes(r.kind) || typeof r.payload !== 'object' || r.payload === null) {
      post({ type: 'error', problems: [{ code: 'invalid_request', message: SESSION_MESSAGES.worker_invalid_request(WORKER_KINDS).text }] });
      return;
    }
    const result = runJob(r as WorkerRequest, throttledProgress(post, now));
    post({ type: 'result', result });
  } catch (err) {
    post({ type: 'error', problems: problemsOf(err) });
  }
}
