// A GOSH worker thread (started by src/gosh/node.ts): claims chunks of subsets from the shared
// counter and fits them into shared memory until none is left.
import { workerData } from 'node:worker_threads';
import { goshArrays } from './gosh.js';
import { goshClaimChunks, type GoshWorkerData } from './node.js';

const job = workerData as GoshWorkerData;
goshClaimChunks(job, goshArrays(job.plan.subsets, job.out));
