import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Numerical reference suites walk large fixture files; give slow machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
