// The vitest matcher of `metasynth check`: `expect(result).toMatchExpectation({ path: expected })`
// compares figures of any result with the same rules and messages as an expectations file
// (src/check: tolerance `{ value, abs?, rel? }`, range `{ min?, max? }` or `{ equals }`).
// Import this file once in a test file to register the matcher.
import { expect } from 'vitest';
import { checkResult, type ExpectedValue, type FigureCheck } from '../../src/check/index.js';

export type FigureExpectations = Readonly<Record<string, ExpectedValue>>;

function describe(c: FigureCheck): string {
  const actual = typeof c.actual === 'number' ? String(c.actual) : JSON.stringify(c.actual);
  return `  ${c.pass ? 'pass' : 'FAIL'}  ${c.path}: expected ${c.expected}, got ${actual}${c.reason !== null && !c.pass ? ` (${c.reason})` : ''}`;
}

expect.extend({
  toMatchExpectation(received: unknown, expected: FigureExpectations) {
    const checks = checkResult(received, expected);
    const pass = checks.length > 0 && checks.every((c) => c.pass);
    return {
      pass,
      message: () =>
        pass
          ? `expected the result not to match these expectations:\n${checks.map(describe).join('\n')}`
          : `expected the result to match these expectations:\n${checks.map(describe).join('\n')}`,
    };
  },
});

declare module 'vitest' {
  // A module augmentation must repeat vitest's own declaration, Matchers<T = any>, exactly.
  interface Matchers<T = any> {
    /** Every figure (path into the result) within its tolerance or range, as `metasynth check` rules. */
    toMatchExpectation(expected: FigureExpectations): T;
  }
}
