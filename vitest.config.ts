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
  test: { include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', ...LONG_SUITES.map((suite) => `${suite}/**`)], ...SHARED },
});
