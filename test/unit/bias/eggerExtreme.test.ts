// Egger's regression when the sampling variances span 1e-6 to 1e6 (issue 14 item 9): the weighted
// regression is solved by QR on weight-centred columns, so every figure matches metafor (its k×k
// algebra) to ~1e-11; by the normal equations it drifted by up to 1e-7.
// Reference: test/fixtures/engine/egger-extreme.R (metafor 3.8-1, SYNTHETIC data).
import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { eggerTest } from '../../../src/bias/index.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

interface Case {
  readonly model: 'rma' | 'lm';
  readonly method: 'REML' | 'ML' | 'DL' | 'EE';
  readonly statistic: number;
  readonly pValue: number;
  readonly limitEstimate: number;
  readonly limitCiLower: number;
  readonly limitCiUpper: number;
}
const fixture = JSON.parse(readFileSync(new URL('../../fixtures/engine/egger-extreme.json', import.meta.url), 'utf8')) as {
  yi: number[];
  vi: number[];
  cases: Case[];
};

describe('eggerTest() with variances from 1e-6 to 1e6 (SYNTHETIC)', () => {
  it.each(fixture.cases)('eggerTest(data, { model: $model, method: $method }) matches regtest()', (c) => {
    const r = eggerTest({ effect: fixture.yi, variance: fixture.vi }, { model: c.model, method: c.method });
    // Closed-form tolerance for every method: the reference REML/ML fits were run to a 1e-14 threshold.
    for (const key of ['statistic', 'limitEstimate', 'limitCiLower', 'limitCiUpper'] as const) expectClose(r[key], c[key], TOL.closedForm, key);
    expectClose(r.pValue, c.pValue, TOL.pValue, 'pValue');
  });
});
