// metafor's default control (METAFOR_DEFAULT_CONTROL, the CLI's --control metafor) reproduces
// metafor 3.8-1 run without a control argument: Fisher scoring stopped at |Δtau²| ≤ 1e-5, PM and
// the Q-profile bounds found by R's uniroot at tol = 2^-13. Fixture:
// test/fixtures/metafor-control/control.json (generate-control.R). Following metafor's iterates,
// the figures agree far inside TOL.iterative; the converged figures do not (checked too, so that
// this suite would notice the control being ignored).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METAFOR_DEFAULT_CONTROL } from '../../src/heterogeneity/index.js';
import { pool } from '../../src/pool/index.js';
import { fitMetaRegression } from '../../src/regression/index.js';
import { TOL, expectClose, withinTolerance } from '../helpers/tolerance.js';

interface InterceptCase {
  call: string;
  method: 'ML' | 'REML' | 'EB' | 'PM';
  tau2: number;
  estimate: number;
  se: number;
  I2: number;
  H2: number;
  'ci.lb': number;
  'ci.ub': number;
  'confint.tau2': number[];
  'confint.I2': number[];
}
interface RegressionCase {
  call: string;
  method: 'ML' | 'REML' | 'EB' | 'PM';
  tau2: number;
  b: number[];
  se: number[];
  I2: number;
  QM: number;
}
interface Dataset {
  dataset: string;
  yi: number[];
  vi: number[];
  moderator: number[] | null;
  intercept: InterceptCase[];
  regression: RegressionCase[];
}

const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'metafor-control', 'control.json'), 'utf8')) as { datasets: Dataset[] };
let differsWhenConverged = 0;

describe('pool(..., { control: METAFOR_DEFAULT_CONTROL }) reproduces metafor 3.8-1 at its default control', () => {
  for (const d of doc.datasets) {
    for (const x of d.intercept) {
      it(`${d.dataset}: ${x.call}`, () => {
        const r = pool({ effect: d.yi, variance: d.vi }, { method: x.method, control: METAFOR_DEFAULT_CONTROL });
        const id = `${d.dataset} ${x.method}`;
        expectClose(r.tau2, x.tau2, TOL.tau2, `${id} tau2`);
        expectClose(r.estimate, x.estimate, TOL.iterative, `${id} estimate`);
        expectClose(r.standardError, x.se, TOL.iterative, `${id} se`);
        expectClose(r.i2, x.I2, TOL.iterative, `${id} I2`);
        expectClose(r.h2, x.H2, TOL.iterative, `${id} H2`);
        expectClose(r.ciLower, x['ci.lb'], TOL.iterative, `${id} ci.lb`);
        expectClose(r.ciUpper, x['ci.ub'], TOL.iterative, `${id} ci.ub`);
        expectClose(r.confint?.tau2.lower, x['confint.tau2'][1], TOL.tau2, `${id} confint tau2 lower`);
        expectClose(r.confint?.tau2.upper, x['confint.tau2'][2], TOL.iterative, `${id} confint tau2 upper`);
        expectClose(r.confint?.i2.upper, x['confint.I2'][2], TOL.iterative, `${id} confint I2 upper`);
        const converged = pool({ effect: d.yi, variance: d.vi }, { method: x.method });
        if (!withinTolerance(converged.tau2, x.tau2, { rel: 1e-9, abs: 1e-12 })) differsWhenConverged++;
      });
    }
  }
});

describe('fitMetaRegression(..., { control: METAFOR_DEFAULT_CONTROL }) reproduces metafor 3.8-1 at its default control', () => {
  for (const d of doc.datasets) {
    for (const x of d.regression) {
      it(`${d.dataset}: ${x.call}`, () => {
        const ones = d.yi.map(() => 1);
        const r = fitMetaRegression({ yi: d.yi, vi: d.vi, columns: [ones, d.moderator!], method: x.method, control: METAFOR_DEFAULT_CONTROL });
        const id = `${d.dataset} ${x.method} mods`;
        expectClose(r.tau2, x.tau2, TOL.tau2, `${id} tau2`);
        x.b.forEach((b, j) => {
          expectClose(r.coefficients[j]!.estimate, b, TOL.iterative, `${id} b[${j}]`);
        });
        x.se.forEach((se, j) => {
          expectClose(r.coefficients[j]!.standardError, se, TOL.iterative, `${id} se[${j}]`);
        });
        expectClose(r.i2, x.I2, TOL.iterative, `${id} I2`);
        expectClose(r.qm, x.QM, TOL.iterative, `${id} QM`);
        const converged = fitMetaRegression({ yi: d.yi, vi: d.vi, columns: [ones, d.moderator!], method: x.method });
        if (!withinTolerance(converged.tau2, x.tau2, { rel: 1e-9, abs: 1e-12 })) differsWhenConverged++;
      });
    }
  }
  it('the control matters: most converged tau² differ from metafor-default ones', () => {
    expect(differsWhenConverged).toBeGreaterThan(15);
  });
});
