// poolMany() against independent reference values: every rma.uni case of every metafor fixture
// (test/fixtures/metafor*/, metafor 3.8-1) becomes one group of a single batch per method and
// test, the groups interleaved row by row, and each group's figures must match the fixture's.
// (test/unit/batch/poolMany.test.ts checks the batch against pool(); this checks it against R.)
import { describe, it } from 'vitest';
import { poolMany, POOL_MANY_METHODS } from '../../src/batch/index.js';
import { fixtureCases, fixtureEffectArrays } from '../helpers/fixtures.js';
import { TOL, expectClose, heterogeneityTolerance } from '../helpers/tolerance.js';

const CLOSED_FORM = new Set(['EE', 'FE', 'DL', 'HE', 'HS', 'SJ']);

interface Group {
  readonly id: string;
  readonly effect: number[];
  readonly variance: number[];
  readonly expected: Record<string, number | null>;
}

/** The fixture cases of one method and test at level 95, as batch groups. */
function groupsFor(method: string, test: string): Group[] {
  const out: Group[] = [];
  for (const { data, kase } of fixtureCases('rma.uni')) {
    const o = kase.options as { measure: string; method: string; test: string; level?: number };
    if (o.method !== method || o.test !== test || (o.level ?? 95) !== 95 || kase.expected === null) continue;
    const a = fixtureEffectArrays(data, o.measure);
    out.push({ id: `${data.dataset}:${kase.id}`, effect: a.effect, variance: a.variance, expected: kase.expected as Record<string, number | null> });
  }
  return out;
}

/** Rows of all groups interleaved (group g's i-th study, then group g+1's, ...), so no group is contiguous. */
function interleave(groups: readonly Group[]): { effect: number[]; variance: number[]; group: string[] } {
  const effect: number[] = [];
  const variance: number[] = [];
  const group: string[] = [];
  const longest = Math.max(...groups.map((g) => g.effect.length));
  for (let i = 0; i < longest; i++) {
    for (const g of groups) {
      if (i >= g.effect.length) continue;
      effect.push(g.effect[i]!);
      variance.push(g.variance[i]!);
      group.push(g.id);
    }
  }
  return { effect, variance, group };
}

describe('poolMany() reproduces metafor rma.uni per group', () => {
  for (const method of POOL_MANY_METHODS) {
    for (const test of ['z', 'knha'] as const) {
      const groups = groupsFor(method, test);
      if (groups.length === 0) continue;
      it(`poolMany(${groups.length} fixture analyses interleaved, { method: '${method}', test: '${test}' })`, () => {
        const r = poolMany(interleave(groups), { method, test });
        const closed = CLOSED_FORM.has(method);
        const tol = closed ? TOL.closedForm : TOL.iterative;
        groups.forEach((g) => {
          const x = g.expected;
          const at = r.groups.indexOf(g.id);
          const id = `${g.id} (group ${at + 1})`;
          const fig = (key: keyof typeof r) => (r[key] as Float64Array)[at]!;
          expectClose(fig('estimate'), x.estimate, tol, `${id} estimate`);
          expectClose(fig('standardError'), x.se, tol, `${id} se`);
          expectClose(fig('statistic'), x.zval ?? x.tval, tol, `${id} statistic`);
          expectClose(fig('pValue'), x.pval, closed ? TOL.closedForm : TOL.pValue, `${id} pval`);
          expectClose(fig('ciLower'), x['ci.lb'], tol, `${id} ci.lb`);
          expectClose(fig('ciUpper'), x['ci.ub'], tol, `${id} ci.ub`);
          expectClose(fig('tau2'), x.tau2, closed ? TOL.closedForm : TOL.tau2, `${id} tau2`);
          if (method !== 'EE' && method !== 'FE') expectClose(fig('tau2StandardError'), x['se.tau2'], tol, `${id} se.tau2`);
          expectClose(fig('i2'), x.I2, heterogeneityTolerance('I2', x.tau2 as number, x.H2 as number, closed ? tol : TOL.tau2), `${id} I2`);
          expectClose(fig('h2'), x.H2, heterogeneityTolerance('H2', x.tau2 as number, x.H2 as number, tol), `${id} H2`);
          expectClose(fig('q'), x.QE, TOL.closedForm, `${id} QE`);
          expectClose(fig('qPValue'), x.QEp, TOL.closedForm, `${id} QEp`);
        });
      });
    }
  }
});
