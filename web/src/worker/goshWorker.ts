// The Web Worker entry of the page's long runs (GOSH, permutation tests): each message is one job,
// answered by progress messages and one result or error (see protocol.ts). The page starts it with
// runInWorker (client.ts), which terminates it on cancel.
import { handleWorkerRequest, type WorkerMessage } from './protocol.js';

/** The part of the worker's global scope used here. */
interface WorkerScope {
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: WorkerMessage): void;
}

const scope = globalThis as unknown as WorkerScope;
scope.onmessage = (event) => handleWorkerRequest(event.data, (m) => scope.postMessage(m));
