import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * The long suites: fuzzing, property and extreme-value tests (thousands of random or extreme cases),
 * the determinism runs (every command twice, in fresh processes),
 * the real-browser tests (the HTML reports and the web page, test/browser/), the notebooks and the
 * large-k pixel tests. `npm test` leaves them out; `npm run test:full` runs them (vitest.full.config.ts),
 * and CI runs both.
 */
export const LONG_SUITES = ['test/fuzz', 'test/property', 'test/extreme', 'test/determinism', 'test/browser', 'test/notebooks', 'test/pixels/full'];

/** Settings both configurations share. */
export const SHARED = {
  // Numerical reference suites walk large fixture files; give slow machines room.
  testTimeout: 60_000,
  hookTimeout: 60_000,
  // vitest's default is one worker fewer than the cores: a single worker on a 2-core machine.
  // The main process only collects results, so every core can run a test file.
  maxWorkers: availableParallelism(),
} as const;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', ...LONG_SUITES.map((suite) => `${suite}/**`)],
    ...SHARED,
    // The unit files share each worker's module graph instead of re-importing the library per file:
    // re-importing was most of the run (130 of 155 s of import time; 2 min 50 s in all on the 2-core
    // machine, against 45 s now). No test mocks a module or writes global state; the files pass in
    // any order (checked with --sequence.shuffle.files). What isolation would add, a fresh process
    // per entry (e.g. an entry that forgets to load the R-formula module), the determinism suite
    // (every command in fresh processes) and the real-browser tests check in `npm run test:full`.
    isolate: false,
  },
});
