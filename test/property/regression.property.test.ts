// Property-based tests of meta-regression and subgroup analysis: the design (and so every
// coefficient) does not depend on the order of the rows; shifting a numeric moderator moves only
// the intercept, scaling it rescales only its slope; an intercept-only model is pool(). NUM_RUNS (200) datasets per property and method.
// Tolerance 1e-7 of the data's scale: the iterative tau² solvers stop at a 1e-12 relative step.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsUserWeights, TAU2_METHODS } from '../../src/heterogeneity/index.js';
import { pool } from '../../src/pool/index.js';
import { fitMetaRegression, metaRegression, subgroupAnalysis } from '../../src/regression/index.js';
import { assertClose, datasetWithPermutation, effectTable, permute, RUNS, type Dataset } from './arbitraries.js';

const REL = 1e-7;
const LEVELS = ['a', 'b', 'c'] as const;

/**
 * Moderators of study i: a numeric x (from the data, so it varies), a 3-level factor g, and w, the
 * inverse-variance user weight that GENQ and GENQM need (as test/extreme): a column of the study,
 * it moves with the row when rows are permuted and does not change when x is shifted or scaled.
 */
function moderatorsOf(xs: readonly number[], d: Dataset) {
  return (i: number) => ({ x: xs[i]!, g: LEVELS[i % 3]!, w: 1 / d.variance[i]! });
}

/** The weights option (the column w) for the methods that need user weights. */
function weightsFor(method: (typeof TAU2_METHODS)[number]): { weights?: string } {
  return needsUserWeights(method) ? { weights: 'w' } : {};
}

const withModerator = datasetWithPermutation(6, 25).chain(({ data, order }) =>
  fc
    .array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: data.effect.length, maxLength: data.effect.length })
    // a moderator with (nearly) one value is collinear with the intercept: keep the spread visible
    .filter((xs) => Math.max(...xs) - Math.min(...xs) > 0.5)
    .map((xs) => ({ data, order, xs })),
);

function scaleOf(d: Dataset): number {
  return Math.max(...d.effect.map(Math.abs)) + Math.sqrt(Math.max(...d.variance));
}

describe.each(TAU2_METHODS)('metaRegression(table, { mods: [x, g], method: %s })', (method) => {
  it('does not depend on the order of the rows', () => {
    fc.assert(
      fc.property(withModerator, ({ data, order, xs }) => {
        const table = effectTable(data, moderatorsOf(xs, data));
        const permuted = { ...table, studies: permute(table.studies, order) };
        const a = metaRegression(table, { mods: ['x', 'g'], method, ...weightsFor(method) });
        const b = metaRegression(permuted, { mods: ['x', 'g'], method, ...weightsFor(method) });
        expect(b.coefficients.map((c) => c.name)).toEqual(a.coefficients.map((c) => c.name));
        const s = scaleOf(data) * 10;
        a.coefficients.forEach((c, j) => {
          assertClose(b.coefficients[j]!.estimate, c.estimate, REL, s, `${c.name} estimate`);
          assertClose(b.coefficients[j]!.standardError, c.standardError, REL, s, `${c.name} se`);
        });
        assertClose(b.tau2, a.tau2, REL, (a.tau2 ?? 0) + Math.max(...data.variance), 'tau2');
        assertClose(b.qe, a.qe, REL, (a.qe ?? 0) + data.effect.length, 'qe');
        assertClose(b.qm, a.qm, REL, (a.qm ?? 0) + data.effect.length, 'qm');
      }),
      RUNS,
    );
  });

  it('shifting a numeric moderator by c moves only the intercept (by −slope·c)', () => {
    fc.assert(
      fc.property(withModerator, fc.double({ min: -20, max: 20, noNaN: true }), ({ data, xs }, c) => {
        const a = metaRegression(
          effectTable(data, (i) => ({ x: xs[i]!, w: 1 / data.variance[i]! })),
          { mods: ['x'], method, ...weightsFor(method) },
        );
        const b = metaRegression(
          effectTable(data, (i) => ({ x: xs[i]! + c, w: 1 / data.variance[i]! })),
          { mods: ['x'], method, ...weightsFor(method) },
        );
        const slope = a.coefficients[1]!.estimate!;
        const s = (scaleOf(data) + Math.abs(slope * c)) * 10;
        assertClose(b.coefficients[1]!.estimate, slope, REL, s, 'slope');
        assertClose(b.coefficients[0]!.estimate, a.coefficients[0]!.estimate! - slope * c, REL, s, 'intercept');
        assertClose(b.tau2, a.tau2, REL, (a.tau2 ?? 0) + Math.max(...data.variance), 'tau2');
        assertClose(b.qm, a.qm, REL, (a.qm ?? 0) + data.effect.length, 'qm');
      }),
      RUNS,
    );
  });

  it('scaling a numeric moderator by s (1e-60 to 1e60) divides its slope by s and changes nothing else', () => {
    const scale = fc.double({ min: -60, max: 60, noNaN: true }).map((e) => 10 ** e);
    fc.assert(
      fc.property(withModerator, scale, ({ data, xs }, s) => {
        const a = metaRegression(
          effectTable(data, (i) => ({ x: xs[i]!, w: 1 / data.variance[i]! })),
          { mods: ['x'], method, ...weightsFor(method) },
        );
        const b = metaRegression(
          effectTable(data, (i) => ({ x: xs[i]! * s, w: 1 / data.variance[i]! })),
          { mods: ['x'], method, ...weightsFor(method) },
        );
        const [a0, a1] = a.coefficients;
        const [b0, b1] = b.coefficients;
        const sc = scaleOf(data) * 10;
        assertClose(b1!.estimate! * s, a1!.estimate, REL, sc, 'slope × s');
        assertClose(b1!.standardError! * s, a1!.standardError, REL, sc, 'se(slope) × s');
        assertClose(b0!.estimate, a0!.estimate, REL, sc, 'intercept');
        assertClose(b1!.pValue, a1!.pValue, REL, 1, 'p(slope)');
        assertClose(b.tau2, a.tau2, REL, (a.tau2 ?? 0) + Math.max(...data.variance), 'tau2');
      }),
      RUNS,
    );
  });

  it('an intercept-only fitMetaRegression equals pool()', () => {
    fc.assert(
      fc.property(withModerator, ({ data }) => {
        const k = data.effect.length;
        const user = needsUserWeights(method) ? { weights: data.variance.map((v) => 1 / v) } : {};
        const f = fitMetaRegression({ yi: data.effect, vi: data.variance, columns: [new Float64Array(k).fill(1)], method, ...user });
        const p = pool({ effect: data.effect, variance: data.variance }, { method, ...user });
        const s = scaleOf(data);
        assertClose(f.coefficients[0]!.estimate, p.estimate, REL, s, 'estimate');
        assertClose(f.coefficients[0]!.standardError, p.standardError, REL, s, 'standardError');
        assertClose(f.tau2, p.tau2, REL, (p.tau2 ?? 0) + Math.max(...data.variance), 'tau2');
        assertClose(f.qe, p.q, REL, (p.q ?? 0) + k, 'Q');
      }),
      RUNS,
    );
  });
});

describe('subgroupAnalysis(table, { by: g })', () => {
  it('does not depend on the order of the rows', () => {
    // GENQ and GENQM are left out: subgroupAnalysis has no user-weights option, so it rejects them
    // (weights_required) by design whatever the order of the rows; every other method is checked.
    const methods = TAU2_METHODS.filter((m) => !needsUserWeights(m));
    fc.assert(
      fc.property(withModerator, fc.constantFrom(...methods), ({ data, order, xs }, method) => {
        const table = effectTable(data, moderatorsOf(xs, data));
        const a = subgroupAnalysis(table, { by: 'g', method });
        const b = subgroupAnalysis({ ...table, studies: permute(table.studies, order) }, { by: 'g', method });
        expect(b.subgroups.map((g) => g.level)).toEqual(['a', 'b', 'c']);
        const s = scaleOf(data);
        a.subgroups.forEach((g, j) => {
          assertClose(b.subgroups[j]!.estimate, g.estimate, REL, s, `subgroup ${g.level} estimate`);
          assertClose(b.subgroups[j]!.tau2, g.tau2, REL, (g.tau2 ?? 0) + Math.max(...data.variance), `subgroup ${g.level} tau2`);
        });
        assertClose(b.between.q, a.between.q, REL, (a.between.q ?? 0) + 3, 'Q between');
        assertClose(b.moderatorTest.qm, a.moderatorTest.qm, REL, (a.moderatorTest.qm ?? 0) + 3, 'QM');
      }),
      RUNS,
    );
  });
});
