// Meta-regressions with R formula moderators against metafor 3.8-1 (rma(yi, vi, mods = ~ ...)):
// the cases of test/fixtures/metafor-escalc/formulas.json, made by generate-formulas.R beside it.
// Coefficient names must be exactly metafor's; figures match at the iterative tolerance.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EffectTable, ModeratorValue } from '../../../../src/effects/types.js';
import { metaRegression } from '../../../../src/regression/metaRegression.js';
// design.ts reaches the formula code through a registry (src/regression/formulaSupport.ts): load it as the library entry does.
import '../../../../src/regression/formula/formulaDesign.js';
import type { RegressionTest } from '../../../../src/regression/fitMetaRegression.js';
import { TOL, expectAllClose, expectClose } from '../../../helpers/tolerance.js';

interface FormulaCase {
  id: string;
  dataset: string;
  mods: string;
  method: 'REML' | 'ML';
  test: RegressionTest;
  rows: Record<string, ModeratorValue>[];
  expected: { names: string[]; estimate: number[]; se: number[]; tau2: number; QM: number; QMdf: number; k: number };
}
const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'fixtures', 'metafor-escalc', 'formulas.json');
const cases = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: FormulaCase[] }).cases;

function table(c: FormulaCase): EffectTable {
  return {
    measure: 'GEN',
    excluded: [],
    warnings: [],
    studies: c.rows.map((r, i) => {
      const { study, yi, vi, ...moderators } = r;
      return { study: String(study), effect: yi as number, variance: vi as number, standardError: Math.sqrt(vi as number), row: i + 1, moderators };
    }),
  };
}

describe('R formula moderators reproduce metafor 3.8-1', () => {
  for (const c of cases) {
    it(`metaRegression(${c.dataset}, { mods: ['${c.mods}'], method: '${c.method}', test: '${c.test}' })`, () => {
      const res = metaRegression(table(c), { mods: [c.mods], method: c.method, test: c.test });
      expect(res.coefficients.map((x) => x.name)).toEqual(c.expected.names);
      expect(res.k).toBe(c.expected.k);
      expectAllClose(
        res.coefficients.map((x) => x.estimate),
        c.expected.estimate,
        TOL.iterative,
        'estimate',
      );
      expectAllClose(
        res.coefficients.map((x) => x.standardError),
        c.expected.se,
        TOL.iterative,
        'se',
      );
      expectClose(res.tau2, c.expected.tau2, TOL.tau2, 'tau2');
    });
  }
});
