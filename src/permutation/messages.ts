// The user-facing messages of permutation, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of permutation, keyed by their stable code. */
export const PERMUTATION_MESSAGES = defineMessages({
  moderator_permutation_test_exact: (exactCount: number, MAX_EXACT_PERMUTATIONS: number) =>
    `moderatorPermutationTest: an exact test needs ${exactCount} refits (more than ${MAX_EXACT_PERMUTATIONS}); use exact: false`,
  refit_failed: (failed: number, total: number) => `moderator permutation test: ${failed} of ${total} refits failed and were left out of the p-values`,
  permutation_test_exact_test: (k: number, MAX_EXACT_PERMUTATIONS: number) =>
    `permutationTest: an exact test of k = ${k} studies needs 2^${k} refits (more than ${MAX_EXACT_PERMUTATIONS}); use exact: false`,
  not_estimable_permutation: () => 'permutation test: the observed statistic is not finite, so no p-value can be formed',
  refit_failed_permutation: (failed: number, total: number) =>
    `permutation test: ${failed} of ${total} refits gave no statistic and were left out of the p-values`,
  permutation_invalid_options: (what: string) => `${what}: invalid options`,
  method_one_2: (method: unknown, POOL_MANY_METHODS: readonly string[]) => `method (${String(method)}) must be one of ${POOL_MANY_METHODS.join(', ')}`,
  test_one: (test: unknown, TESTS: readonly string[]) => `test (${String(test)}) must be one of ${TESTS.join(', ')}`,
  level_percentage_strictly_between_3: (level: unknown) => `level (${String(level)}) must be a percentage strictly between 0 and 100`,
  iterations_integer_least: (iterations: unknown) => `iterations (${String(iterations)}) must be an integer of at least 2`,
  seed_integer_from_2: (seed: unknown) => `seed (${String(seed)}) must be an integer from 0 to 4294967295`,
});
