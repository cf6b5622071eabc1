// Reproduces metafor 3.8-1's exact permutation tests of the BCG vaccine meta-analysis
// (test/fixtures/metafor/permutest.dat.bcg.json, made by permutest.R there):
// permutest(rma(yi, vi, data = escalc("RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg),
//   method, test), exact = TRUE) for DL and REML, z and knha: 2^13 = 8,192 sign flips each.
// A permutation p-value is a count divided by 8,192, so it must match exactly, not to a tolerance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { permutationTest } from '../../src/permutation/index.js';
import { FIXTURE_DIR, fixtureFiles } from '../helpers/fixtures.js';
import { TOL, expectClose } from '../helpers/tolerance.js';

interface PermutestCase {
  readonly id: string;
  readonly options: { readonly method: 'DL' | 'REML'; readonly test: 'z' | 'knha'; readonly exact: boolean };
  readonly expected: { readonly permutations: number; readonly pval: number; readonly statistic: number };
}

const fixture = JSON.parse(readFileSync(join(FIXTURE_DIR, 'permutest.dat.bcg.json'), 'utf8')) as { cases: PermutestCase[] };
// The BCG log risk ratios as metafor's escalc gives them (the RR/escalc case of dat.bcg.json).
const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
const escalc = bcg.cases.find((c) => c.id === 'RR/escalc')!.expected as { yi: number[]; vi: number[] };

describe('reproduces metafor permutest() on dat.bcg (RR)', () => {
  it('has the four cases', () => expect(fixture.cases.map((c) => c.id)).toHaveLength(4));
  for (const kase of fixture.cases) {
    it(`permutationTest(bcg, { method: '${kase.options.method}', test: '${kase.options.test}', exact: true })`, () => {
      const r = permutationTest(
        { effect: escalc.yi, variance: escalc.vi },
        { method: kase.options.method, test: kase.options.test, exact: true, control: { tolerance: 1e-12, maxIterations: 1000 } },
      );
      expect(r.exact).toBe(true);
      expect(r.permutations).toBe(kase.expected.permutations);
      expect(r.pValue).toBe(kase.expected.pval);
      expectClose(r.statistic, kase.expected.statistic, kase.options.method === 'REML' ? TOL.iterative : TOL.closedForm, 'statistic');
      expect(r.failed).toBe(0);
    });
  }
});
