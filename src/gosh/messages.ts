// The user-facing messages of gosh, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of gosh, keyed by their stable code. */
export const GOSH_MESSAGES = defineMessages({
  gosh_invalid_options: () => 'gosh: invalid options',
  gosh_needs_least_studies: (k: number) => `gosh: needs at least 2 studies, got ${k}`,
  fit_failed: (failed: number, subsets: number) => `gosh: ${failed} of ${subsets} subset fits gave no estimate (NaN in the arrays)`,
  method_one: (method: unknown, POOL_MANY_METHODS: readonly string[]) => `method (${String(method)}) must be one of ${POOL_MANY_METHODS.join(', ')}`,
  subsets_integer_from: (requested: unknown, GOSH_MAX_SUBSETS: number) => `subsets (${String(requested)}) must be an integer from 2 to ${GOSH_MAX_SUBSETS}`,
  seed_integer_from: (seed: unknown) => `seed (${String(seed)}) must be an integer from 0 to 4294967295`,
});
