// GOSH on several cores (Node only). The subsets are cut into chunks that this thread and
// (threads − 1) worker threads claim from a shared counter (Atomics), each running the
// browser-safe kernel goshFitRange and writing into shared memory. This thread starts at once
// while the workers load (a worker needs about half a second to load the library), so a small
// run is never slower than gosh(), and a large one uses every core. The subsets are drawn here,
// once, so the result does not depend on the number of threads.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { EffectData } from '../pool/effectData.js';
import { progressTicker } from '../core/progress.js';
import { goshArrays, goshArraysBytes, goshFitRange, goshMemberships, goshPlan, goshResult, type GoshOptions, type GoshPlan, type GoshResult } from './gosh.js';

export interface GoshParallelOptions extends GoshOptions {
  /** Threads in all, this one included (default: the available cores, at most 8). 1 runs in this thread only. */
  readonly threads?: number;
}

/** What a worker receives (src/gosh/nodeWorker.ts). */
export interface GoshWorkerData {
  readonly plan: GoshPlan;
  readonly incl: Uint8Array;
  readonly out: SharedArrayBuffer;
  /** [next chunk to claim, subsets done] */
  readonly counters: Int32Array;
  readonly chunk: number;
}

/** Subsets per claimed chunk: large enough that claiming costs nothing, small enough to balance. */
const CHUNK = 2048;

/** Runs of fewer subsets stay in this thread (a worker could not start before they end). */
const MIN_PARALLEL_SUBSETS = 8 * CHUNK;

/**
 * Claims chunks from `counters[0]` until none is left, fitting each (the loop every thread runs).
 * @internal
 */
export function goshClaimChunks(job: Omit<GoshWorkerData, 'out'>, out: ReturnType<typeof goshArrays>, afterChunk?: () => void): void {
  const { plan, incl, counters, chunk } = job;
  const chunks = Math.ceil(plan.subsets / chunk);
  for (let c = Atomics.add(counters, 0, 1); c < chunks; c = Atomics.add(counters, 0, 1)) {
    const from = c * chunk;
    const to = Math.min(plan.subsets, from + chunk);
    goshFitRange(plan, incl, out, from, to);
    Atomics.add(counters, 1, to - from);
    afterChunk?.();
  }
}

/**
 * {@link gosh} spread over worker threads: the same result, bit for bit (each subset is fitted by
 * the same code whichever thread fits it).
 * @example (await goshParallel({ effect: bcgYi.slice(0, 5), variance: bcgVi.slice(0, 5) }, { threads: 2 })).subsets // 31
 */
export async function goshParallel(data: EffectData, options: GoshParallelOptions = {}): Promise<GoshResult> {
  const plan = goshPlan(data, options);
  const requested = Math.floor(options.threads ?? Math.min(8, availableParallelism()));
  const threads = plan.subsets < MIN_PARALLEL_SUBSETS ? 1 : Math.max(1, requested);
  const incl = new Uint8Array(new SharedArrayBuffer(plan.subsets * plan.k));
  goshMemberships(plan, incl);
  const outBuffer = new SharedArrayBuffer(goshArraysBytes(plan.subsets));
  const out = goshArrays(plan.subsets, outBuffer);
  const counters = new Int32Array(new SharedArrayBuffer(8));
  const job = { plan, incl, counters, chunk: CHUNK };
  const ticker = progressTicker(plan.subsets, options.onProgress);

  const workers: Promise<void>[] = [];
  if (threads > 1) {
    const fromSources = import.meta.url.endsWith('.ts');
    const workerUrl = new URL(fromSources ? './nodeWorker.ts' : './nodeWorker.js', import.meta.url);
    for (let t = 1; t < threads; t++) {
      const workerData: GoshWorkerData = { ...job, out: outBuffer };
      workers.push(
        new Promise<void>((resolve, reject) => {
          const worker = fromSources
            ? // Run from TypeScript sources (tests, tsx): the worker registers tsx's loader first.
              new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`, {
                eval: true,
                workerData,
              })
            : new Worker(workerUrl, { workerData });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`gosh worker ${t} exited with code ${code}`))));
        }),
      );
    }
  }
  goshClaimChunks(job, out, () => ticker.tick(Atomics.load(counters, 1)));
  if (workers.length > 0) {
    // Chunks the workers still hold finish while we wait; report their progress meanwhile.
    const timer = options.onProgress ? setInterval(() => ticker.tick(Atomics.load(counters, 1)), 100) : undefined;
    try {
      await Promise.all(workers);
    } finally {
      if (timer !== undefined) clearInterval(timer);
    }
  }
  ticker.finish();
  // Copy out of shared memory: the result holds ordinary typed arrays, as gosh() returns.
  const own = goshArrays(plan.subsets);
  own.estimate.set(out.estimate);
  own.q.set(out.q);
  own.i2.set(out.i2);
  own.h2.set(out.h2);
  own.tau2.set(out.tau2);
  own.subsetK.set(out.subsetK);
  return goshResult(plan, Uint8Array.from(incl), own);
}
