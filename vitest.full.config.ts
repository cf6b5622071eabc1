import { defineConfig } from 'vitest/config';
import { LONG_SUITES, SHARED } from './vitest.config.js';

/** `npm run test:full`: the long suites that `npm test` leaves out (see vitest.config.ts). */
export default defineConfig({
  test: { include: LONG_SUITES.map((suite) => `${suite}/*.test.ts`), ...SHARED },
});
