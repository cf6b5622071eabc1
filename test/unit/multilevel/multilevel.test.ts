// Unit tests of the multilevel area: formula parsing, the two likelihood paths agreeing, the
// block structure, bad input, CR2's refusal of crossed effects, and no mutation of inputs.
// Data here are SYNTHETIC (made up in the test) unless a fixture is named.
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import type { EffectTable, StudyEffect } from '../../../src/effects/types.js';
import { multilevel, parseRandomTerm, symmetricPower } from '../../../src/multilevel/index.js';
import { glsSums, logLikelihoodAt, planBlocks } from '../../../src/multilevel/likelihood.js';
import { logDetCrossProduct } from '../../../src/multilevel/estimate.js';
import { fitMultilevelModel } from '../../../src/multilevel/multilevel.js';
import { buildModelData } from '../../../src/multilevel/modelData.js';
import { structMatrix } from '../../../src/multilevel/varianceStructure.js';

/** SYNTHETIC: 6 studies × 3 effects, 2 outcomes alternating, a lab factor crossing studies. */
function synthetic(): StudyEffect[] {
  const rows: StudyEffect[] = [];
  let r = 0;
  for (let s = 0; s < 6; s++) {
    for (let e = 0; e < 3; e++) {
      const v = 0.02 + 0.01 * ((s * 3 + e) % 4);
      const y = 0.3 + 0.2 * Math.sin(s * 1.7) + 0.1 * Math.cos(e * 2.3 + s);
      rows.push({
        study: `S${s}-${e}`,
        effect: y,
        variance: v,
        standardError: Math.sqrt(v),
        row: ++r,
        moderators: { study: s + 1, es: e + 1, outcome: e % 2 === 0 ? 'A' : 'B', lab: (s + e) % 3, x: s * 0.5 + e },
      });
    }
  }
  return rows;
}
const table = (studies: StudyEffect[]): EffectTable => ({ measure: 'GEN', studies, excluded: [], warnings: [], file: 'synthetic.csv' });

describe('parseRandomTerm(formula)', () => {
  it('reads nested terms of any depth and inner | outer terms', () => {
    expect(parseRandomTerm('~ 1 | a/b/c')).toEqual({ kind: 'nested', formula: '~ 1 | a/b/c', factors: ['a', 'b', 'c'] });
    expect(parseRandomTerm('~outcome|trial')).toEqual({ kind: 'struct', formula: '~outcome|trial', inner: 'outcome', outer: 'trial' });
    expect(parseRandomTerm('~ factor(time) | study')).toMatchObject({ inner: 'time', outer: 'study' });
  });
  it('rejects what is not a random-effects formula', () => {
    expect(() => parseRandomTerm('1 | study')).toThrow(/not a random-effects formula/);
    expect(() => parseRandomTerm('~ x | a/b')).toThrow(/single outer column/);
  });
});

describe('structMatrix(struct, n, tau2, rho)', () => {
  it("builds metafor's structures", () => {
    expect(Array.from(structMatrix('CS', 2, [2], [0.5]))).toEqual([2, 1, 1, 2]);
    expect(Array.from(structMatrix('AR', 3, [1], [0.5]))).toEqual([1, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 1]);
    expect(Array.from(structMatrix('DIAG', 2, [1, 4], []))).toEqual([1, 0, 0, 4]);
    // UN with 3 levels: rho in lower.tri order (2,1), (3,1), (3,2).
    const un = structMatrix('UN', 3, [1, 1, 1], [0.1, 0.2, 0.3]);
    expect([un[3], un[6], un[7]]).toEqual([0.1, 0.2, 0.3]);
  });
});

describe('symmetricPower(a, n, power)', () => {
  it('gives A^(-1/2) whose square inverts A', () => {
    const a = [4, 1, 0, 1, 3, 1, 0, 1, 2];
    const r = symmetricPower(a, 3, -0.5);
    const r2 = new Float64Array(9);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 3; k++) r2[i * 3 + j] = r2[i * 3 + j]! + r[i * 3 + k]! * r[k * 3 + j]!;
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += r2[i * 3 + k]! * a[k * 3 + j]!;
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
  });
});

describe('glsSums(data, plan, theta)', () => {
  it('the nested (Sherman–Morrison) path equals the block Cholesky path', () => {
    const data = buildModelData(synthetic(), { random: [parseRandomTerm('~ 1 | study/es')], mods: ['x'] });
    const plan = planBlocks(data);
    expect(plan.tree).not.toBeNull();
    const tree = glsSums(data, plan, [0.04, 0.01])!;
    const dense = glsSums(data, { ...plan, tree: null }, [0.04, 0.01])!;
    expect(tree.logDetM).toBeCloseTo(dense.logDetM, 12);
    expect(tree.ytwy).toBeCloseTo(dense.ytwy, 10);
    Array.from(tree.xtwx).forEach((v, i) => {
      expect(v).toBeCloseTo(dense.xtwx[i]!, 10);
    });
    Array.from(tree.xtwy).forEach((v, i) => {
      expect(v).toBeCloseTo(dense.xtwy[i]!, 10);
    });
  });
  it('crossed terms join studies into one block; nested ones keep one block per study', () => {
    expect(buildModelData(synthetic(), { random: [parseRandomTerm('~ 1 | study/es')], mods: [] }).blocks).toHaveLength(6);
    expect(buildModelData(synthetic(), { random: [parseRandomTerm('~ 1 | study'), parseRandomTerm('~ 1 | lab')], mods: [] }).blocks).toHaveLength(1);
  });
});

describe('multilevel(table, options) on bad input', () => {
  it('names an unknown grouping column', () => {
    expect(() => multilevel(table(synthetic()), { random: ['~ 1 | stdy/es'] })).toThrow(/unknown grouping column "stdy"/);
  });
  it('refuses a struct without an inner factor, and an inner factor without a struct', () => {
    expect(() => multilevel(table(synthetic()), { random: ['~ 1 | study'], struct: 'UN' })).toThrow(/struct UN needs a term with an inner factor/);
    expect(() => multilevel(table(synthetic()), { random: ['~ outcome | study'] })).toThrow(/give its variance structure/);
  });
  it('reports a cluster whose V is inconsistent (asymmetric or a wrong diagonal)', () => {
    const rows = synthetic().map((s, i) => ({
      ...s,
      moderators: { ...s.moderators, c1: i % 3 === 0 ? s.variance : 0.001, c2: i % 3 === 1 ? s.variance : 0.002, c3: i % 3 === 2 ? s.variance : 0.001 },
    }));
    try {
      multilevel(table(rows), { random: ['~ 1 | study'], sampling: { type: 'vcov', cluster: 'study', columns: ['c1', 'c2', 'c3'] } });
      expect.fail('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(MetasynthError);
      expect((err as MetasynthError).issues[0]!.message).toMatch(/synthetic\.csv row \d+ \("S0-\d"\): cluster "1": V is not symmetric/);
    }
  });
  it('reports a cluster whose V is not positive definite', () => {
    const rows = synthetic().map((s) => ({ ...s, variance: 0.02, standardError: Math.sqrt(0.02) }));
    expect(() => multilevel(table(rows), { random: ['~ 1 | study'], sampling: { type: 'rho', cluster: 'study', rho: -0.9 } })).toThrow(/not positive definite/);
  });
  it('refuses CR2 when the random effects cross the clusters, and offers CR1', () => {
    expect(() => multilevel(table(synthetic()), { random: ['~ 1 | study', '~ 1 | lab'], robust: { type: 'CR2', cluster: 'study' } })).toThrow(
      /CR2 needs the random effects .* nested within the clusters.*--robust CR1/,
    );
    const cr1 = multilevel(table(synthetic()), { random: ['~ 1 | study', '~ 1 | lab'], robust: { type: 'CR1', cluster: 'study' } });
    expect(cr1.robust!.coefficients[0]!.df).toBe(5);
  });
});

describe('multilevel(table, options)', () => {
  it('never mutates its input', () => {
    const rows = synthetic();
    const copy = structuredClone(rows);
    multilevel(table(rows), { random: ['~ 1 | study/es'], mods: ['x'], confint: true, robust: { type: 'CR2', cluster: 'study' } });
    expect(rows).toEqual(copy);
  });
  it('reaches a maximum: the log-likelihood is lower a little away from the estimates', () => {
    const data = buildModelData(synthetic(), { random: [parseRandomTerm('~ outcome | study')], struct: 'HCS', mods: [] });
    const fit = fitMultilevelModel(data, 'REML');
    expect(fit.converged).toBe(true);
    const ll = (t: Float64Array) => logLikelihoodAt(data, fit.plan, t, true, logDetCrossProduct(data));
    expect(ll(fit.theta)).toBeCloseTo(fit.logLik, 12);
    fit.theta.forEach((t, j) => {
      for (const step of [-1e-3, 1e-3]) {
        const moved = Float64Array.from(fit.theta);
        moved[j] = t + step * Math.max(Math.abs(t), 0.01);
        // Stay inside the parameter space: variances ≥ 0 (j < 2), the correlation in [−1, 1] (j = 2).
        if ((j < 2 && moved[j]! < 0) || (j === 2 && Math.abs(moved[j]!) > 1)) continue;
        expect(ll(moved)).toBeLessThan(fit.logLik);
      }
    });
  });
});

describe('clusterForestInput(table, options, result, cluster)', () => {
  it('groups rows by cluster with one summary each, and the spec builds', async () => {
    const { clusterForestInput } = await import('../../../src/multilevel/index.js');
    const { forestPlotSpec } = await import('../../../src/plots/index.js');
    const options = { random: ['~ 1 | study/es'] };
    const res = multilevel(table(synthetic()), options);
    const input = clusterForestInput(table(synthetic()), options, res, 'study');
    expect(input.subgroups).toHaveLength(6);
    expect(input.studies.every((s) => s.group !== undefined)).toBe(true);
    // A cluster summary lies within the range of its rows' effects.
    for (const g of input.subgroups!) {
      const ys = input.studies.filter((s) => s.group === g.group).map((s) => s.effect);
      expect(g.pooled[0]!.estimate).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-12);
      expect(g.pooled[0]!.estimate).toBeLessThanOrEqual(Math.max(...ys) + 1e-12);
    }
    expect(JSON.stringify(forestPlotSpec(input))).toContain('Cluster summary (3 effects)');
  });
});
