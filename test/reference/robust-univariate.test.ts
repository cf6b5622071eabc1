// Reproduces metafor 3.8-1 robust() (CR1) and clubSandwich coef_test / Wald_test HTZ (CR2) on
// rma.uni fits (pool, regress) from test/fixtures/metafor-mv-robust/generate-robust-uni.R.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StudyEffect } from '../../src/effects/types.js';
import { univariateRobust } from '../../src/multilevel/index.js';
import { expectClose, TOL } from '../helpers/tolerance.js';
import type { RFixtureValue } from '../helpers/fixtures.js';

const FILE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'metafor-mv-robust', 'robust-univariate.json');
const fx = JSON.parse(readFileSync(FILE, 'utf8'));
const asArray = <T>(x: T | T[] | null | undefined): T[] => (x === null || x === undefined ? [] : Array.isArray(x) ? x : [x]);
const studies: StudyEffect[] = fx.rows.map((r: RFixtureValue, i: number) => {
  const { yi, vi, study, ...rest } = r;
  return { study, effect: yi, variance: vi, standardError: Math.sqrt(vi), row: i + 1, moderators: rest };
});

describe('univariateRobust reproduces metafor robust() and clubSandwich on rma.uni', () => {
  for (const c of fx.cases) {
    for (const type of ['CR1', 'CR2'] as const) {
      it(`${c.id} ${type}`, () => {
        const e = c.expected[type];
        // tau² is metafor's (its REML converged to 1e-12 here): the robust figures are closed forms given tau².
        const res = univariateRobust(studies, { mods: asArray(c.options.mods), tau2: c.expected.tau2, type, cluster: 'district' });
        asArray<RFixtureValue>(e.coefficients).forEach((b, j) => {
          for (const key of ['standardError', 'statistic', 'df', 'ciLower', 'ciUpper'] as const)
            expectClose(res.coefficients[j]![key], b[key], TOL.iterative, `${type} b${j}.${key}`);
          expectClose(res.coefficients[j]!.pValue, b.pValue, TOL.pValue, `${type} b${j}.pValue`);
        });
        expectClose(res.qm, e.qm, TOL.iterative, `${type} QM`);
        expect(res.qmDf).toBe(e.qmDf);
        expectClose(res.qmDfDenominator, e.qmDfDenominator, TOL.iterative, `${type} QM df2`);
        expectClose(res.qmPValue, e.qmPValue, TOL.pValue, `${type} QMp`);
      });
    }
  }
});
