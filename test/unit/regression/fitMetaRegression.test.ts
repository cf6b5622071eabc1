import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { fitMetaRegression, metaRegression, predictMetaRegression, subgroupAnalysis } from '../../../src/regression/index.js';
import type { MetaRegressionMethod, RegressionTest } from '../../../src/regression/index.js';
import { fixtureCases, fixtureFiles, type RFixtureValue } from '../../helpers/fixtures.js';
import { expectClose, TOL } from '../../helpers/tolerance.js';
import { effectsFor, fixtureTable, parseModsFormula } from './fixtureTable.js';

const CLOSED_FORM = new Set(['EE', 'DL', 'HE', 'HS', 'SJ']);
const ones = (k: number) => new Float64Array(k).fill(1);

describe('fitMetaRegression with p = 1 reproduces the intercept-only rma.uni fixtures (every tau2 method)', () => {
  for (const { data, kase } of fixtureCases('rma.uni')) {
    const o = kase.options as { measure: string; method: MetaRegressionMethod; test: RegressionTest };
    const x = kase.expected;
    if (!x) continue;
    it(`fitMetaRegression({ columns: [1], method: '${o.method}', test: '${o.test}' }) [${data.dataset} ${kase.id}]`, () => {
      const { yi, vi } = effectsFor(data, o.measure);
      const res = fitMetaRegression({ yi, vi, columns: [ones(yi.length)], method: o.method, test: o.test });
      const tol = CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.iterative;
      const c = res.coefficients[0]!;
      expectClose(c.estimate, x.estimate, tol, 'estimate');
      expectClose(c.standardError, x.se, tol, 'se');
      expectClose(c.statistic, o.test === 'z' ? x.zval : x.tval, tol, 'statistic');
      expectClose(c.pValue, x.pval, CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.pValue, 'pval');
      expectClose(c.ciLower, x['ci.lb'], tol, 'ci.lb');
      expectClose(c.ciUpper, x['ci.ub'], tol, 'ci.ub');
      expectClose(res.tau2, x.tau2, CLOSED_FORM.has(o.method) ? TOL.closedForm : TOL.tau2, 'tau2');
      expectClose(res.tau2StandardError, x['se.tau2'], tol, 'se.tau2');
      expectClose(res.i2, x.I2, { rel: tol.rel, abs: 1e-7 }, 'I2');
      expectClose(res.h2, x.H2, tol, 'H2');
      expectClose(res.qe, x.QE, TOL.closedForm, 'QE');
      expectClose(res.qePValue, x.QEp, TOL.closedForm, 'QEp');
      expectClose(res.fit.ml.logLik, x.fit_stats.ML.ll, tol, 'll ML');
      expectClose(res.fit.reml.logLik, x.fit_stats.REML.ll, tol, 'll REML');
      expectClose(res.fit.reml.aicc, x.fit_stats.REML.AICc, tol, 'AICc REML');
      expect(res.r2).toBeNull();
    });
  }
  it('fitMetaRegression({ columns: [1], method: "DL" }) equals the DerSimonian–Laird closed form', () => {
    const yi = [0.1, 0.5, -0.2, 0.9, 0.3];
    const vi = [0.04, 0.09, 0.05, 0.2, 0.03];
    const w = vi.map((v) => 1 / v);
    const sw = w.reduce((a, b) => a + b);
    const mu = w.reduce((a, wi, i) => a + wi * yi[i]!, 0) / sw;
    const q = w.reduce((a, wi, i) => a + wi * (yi[i]! - mu) ** 2, 0);
    const tau2 = Math.max(0, (q - 4) / (sw - w.reduce((a, b) => a + b * b, 0) / sw));
    const ws = vi.map((v) => 1 / (v + tau2));
    const est = ws.reduce((a, wi, i) => a + wi * yi[i]!, 0) / ws.reduce((a, b) => a + b);
    const res = fitMetaRegression({ yi, vi, columns: [ones(5)], method: 'DL' });
    expectClose(res.qe, q, TOL.closedForm, 'Q');
    expectClose(res.tau2, tau2, TOL.closedForm, 'tau2');
    expectClose(res.coefficients[0]!.estimate, est, TOL.closedForm, 'estimate');
    expectClose(res.coefficients[0]!.standardError, 1 / Math.sqrt(ws.reduce((a, b) => a + b)), TOL.closedForm, 'se');
  });
});

// Values from metafor 3.8-1: test/unit/regression/metafor-methods.R writes metafor-methods.json with
// rma.uni(yi, vi, mods = ~ ablat + factor(alloc) [dat.bcg, RR] or ~ meanage + quality [dat.molloy2014, ZCOR],
// method = M, test = T, control = list(threshold=1e-12, tol=1e-12, maxiter=1000)) and predict(res, newmods = X[1:2, -1]).
describe('fitMetaRegression reproduces metafor with moderators for every tau2 method and test', () => {
  const ref = JSON.parse(readFileSync(new URL('./metafor-methods.json', import.meta.url), 'utf8')) as RFixtureValue[];
  const files = fixtureFiles();
  for (const c of ref) {
    it(`metaRegression(${c.set}, { mods: ${JSON.stringify(parseModsFormula(c.mods))}, method: '${c.method}', test: '${c.test}' })`, () => {
      const data = files.find((f) => f.dataset === (c.set === 'bcgRR' ? 'dat.bcg' : 'dat.molloy2014'))!;
      const table = fixtureTable(data, c.set === 'bcgRR' ? 'RR' : 'ZCOR');
      const r = metaRegression(table, { mods: parseModsFormula(c.mods), method: c.method, test: c.test });
      // 15 significant digits in the JSON; iterative fits converge along different paths.
      const tol = CLOSED_FORM.has(c.method) ? { rel: 1e-9, abs: 1e-12 } : TOL.iterative;
      r.coefficients.forEach((k, j) => {
        expectClose(k.estimate, c.beta[j], tol, `b${j}`);
        expectClose(k.standardError, c.se[j], tol, `se${j}`);
        expectClose(k.pValue, c.pval[j], tol, `p${j}`);
        expectClose(k.ciLower, c['ci.lb'][j], tol, `ci.lb${j}`);
      });
      const p = r.p;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expectClose(r.covariance[i]![j], c.vb[j * p + i], tol, `vb${i}${j}`);
      expectClose(r.tau2, c.tau2, CLOSED_FORM.has(c.method) ? tol : TOL.tau2, 'tau2');
      expectClose(r.tau2StandardError, c['se.tau2'] ?? null, tol, 'se.tau2');
      expectClose(r.i2, c.I2, { rel: tol.rel, abs: 1e-7 }, 'I2');
      expectClose(r.h2, c.H2, tol, 'H2');
      expectClose(r.r2, c.R2, { rel: tol.rel, abs: 1e-7 }, 'R2');
      expectClose(r.qm, c.QM, tol, 'QM');
      expectClose(r.qmPValue, c.QMp, tol, 'QMp');
      expectClose(r.qe, c.QE, tol, 'QE');
      const fit = [r.fit.ml, r.fit.reml].flatMap((f) => [f.logLik, f.deviance, f.aic, f.bic, f.aicc]);
      fit.forEach((f, i) => {
        expectClose(f, c.fit[i], tol, `fit[${i}]`);
      });
      const pr = predictMetaRegression(
        r,
        table.studies.slice(0, 2).map((s) => s.moderators),
      );
      pr.forEach((q, i) => {
        expectClose(q.estimate, c.pred[i], tol, `pred${i}`);
        expectClose(q.standardError, c['pred.se'][i], tol, `pred.se${i}`);
        expectClose(q.ciLower, c['ci.lb.pred'][i], tol, `pred ci.lb${i}`);
        expectClose(q.piLower, c['pi.lb']?.[i] ?? null, tol, `pi.lb${i}`);
        expectClose(q.piUpper, c['pi.ub']?.[i] ?? null, tol, `pi.ub${i}`);
      });
    });
  }
});

describe('fitMetaRegression: design problems', () => {
  const yi = [0.1, 0.5, -0.2, 0.9, 0.3, 0.4];
  const vi = [0.04, 0.09, 0.05, 0.2, 0.03, 0.1];
  const x1 = Float64Array.from([1, 2, 3, 4, 5, 7]);
  it('fitMetaRegression({ columns: [1, x1, 2·x1 + 3] }) names the collinear moderators', () => {
    const x2 = x1.map((v) => 2 * v + 3);
    expect(() => fitMetaRegression({ yi, vi, columns: [ones(6), x1, x2], names: ['intrcpt', 'dose', 'dose2'] })).toThrow(
      /collinear: "dose2" is \(almost\) a linear combination of "dose" plus a constant/,
    );
  });
  it('fitMetaRegression({ columns: [1, x1, x1 + 1e-12·noise] }) rejects near-collinear moderators', () => {
    const x2 = x1.map((v, i) => v + 1e-12 * ((i * 7) % 3));
    expect(() => fitMetaRegression({ yi, vi, columns: [ones(6), x1, x2], names: ['intrcpt', 'a', 'b'] })).toThrow(MetasynthError);
  });
  it('fitMetaRegression({ columns: [1, constant] }) says the moderator is constant', () => {
    expect(() => fitMetaRegression({ yi, vi, columns: [ones(6), new Float64Array(6).fill(3)], names: ['intrcpt', 'c'] })).toThrow(/"c" is constant/);
  });
  it('fitMetaRegression with too few studies for p + 1 parameters is not estimable', () => {
    expect(() => fitMetaRegression({ yi: yi.slice(0, 2), vi: vi.slice(0, 2), columns: [ones(2), x1.slice(0, 2)] })).toThrow(/too few/);
  });
  it('fitMetaRegression with a calendar-year moderator stays accurate (centred internally)', () => {
    const year = Float64Array.from([1981, 1984, 1990, 1993, 1999, 2003]);
    const a = fitMetaRegression({ yi, vi, columns: [ones(6), year], method: 'DL' });
    const b = fitMetaRegression({ yi, vi, columns: [ones(6), year.map((y) => y - 1990)], method: 'DL' });
    expectClose(a.qe, b.qe, { rel: 1e-13, abs: 0 }, 'QE');
    expectClose(a.coefficients[1]!.estimate, b.coefficients[1]!.estimate, { rel: 1e-12, abs: 0 }, 'slope');
  });
  it('fitMetaRegression does not mutate its input', () => {
    const input = { yi: [...yi], vi: [...vi], columns: [ones(6), Float64Array.from(x1)], names: ['intrcpt', 'x'] };
    const copy = JSON.stringify({ ...input, columns: input.columns.map((c) => [...c]) });
    fitMetaRegression(input);
    expect(JSON.stringify({ ...input, columns: input.columns.map((c) => [...c]) })).toBe(copy);
  });
  it('fitMetaRegression never returns NaN or Infinity (knha with all yi equal)', () => {
    const res = fitMetaRegression({ yi: [1, 1, 1, 1, 1, 1], vi, columns: [ones(6), x1], test: 'knha' });
    expect(JSON.stringify(res)).not.toMatch(/NaN|Infinity/);
    expect(res.tau2).toBe(0);
  });
});

describe('metaRegression(table, { mods })', () => {
  const bcg = fixtureFiles().find((f) => f.dataset === 'dat.bcg')!;
  it('metaRegression leaves out studies with a missing moderator and says so', () => {
    const table = fixtureTable(bcg, 'RR');
    const holed = { ...table, studies: table.studies.map((s, i) => (i === 2 ? { ...s, moderators: { ...s.moderators, ablat: null } } : s)) };
    const res = metaRegression(holed, { mods: ['ablat'] });
    expect(res.k).toBe(12);
    expect(res.kExcluded).toBe(1);
    expect(res.excluded[0]!.study).toBe(table.studies[2]!.study);
    expect(res.excluded[0]!.reason).toMatch(/missing value of moderator "ablat"/);
    const subset = { ...table, studies: table.studies.filter((_, i) => i !== 2) };
    expectClose(res.coefficients[1]!.estimate, metaRegression(subset, { mods: ['ablat'] }).coefficients[1]!.estimate, TOL.closedForm, 'slope');
  });
  it('metaRegression rejects a moderator with a single level', () => {
    const table = fixtureTable(bcg, 'RR');
    const one = { ...table, studies: table.studies.map((s) => ({ ...s, moderators: { ...s.moderators, alloc: 'random' } })) };
    expect(() => metaRegression(one, { mods: ['alloc'] })).toThrow(/"alloc" has a single level \("random"\)/);
  });
  it('metaRegression names an unknown moderator', () => {
    expect(() => metaRegression(fixtureTable(bcg, 'RR'), { mods: ['latitude'] })).toThrow(/unknown moderator "latitude"/);
  });
  it('metaRegression codes text moderators with sorted levels, the first as reference', () => {
    const res = metaRegression(fixtureTable(bcg, 'RR'), { mods: ['alloc'] });
    expect(res.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'allocrandom', 'allocsystematic']);
    expect(res.coefficients.map((c) => c.label)).toEqual(['intercept', 'alloc = random', 'alloc = systematic']);
    expect(res.moderators).toEqual([{ term: 'alloc', moderator: 'alloc', kind: 'factor', levels: ['alternate', 'random', 'systematic'] }]);
  });
  it('metaRegression, predictMetaRegression and subgroupAnalysis do not mutate the table', () => {
    const table = fixtureTable(bcg, 'RR');
    const before = JSON.stringify(table);
    const res = metaRegression(table, { mods: ['ablat', 'factor(alloc)'] });
    const rows = [{ ablat: 30, alloc: 'random' }];
    predictMetaRegression(res, rows);
    subgroupAnalysis(table, { by: 'alloc' });
    expect(JSON.stringify(table)).toBe(before);
    expect(rows).toEqual([{ ablat: 30, alloc: 'random' }]);
  });
  it('predictMetaRegression accepts moderator values or design rows', () => {
    const res = metaRegression(fixtureTable(bcg, 'RR'), { mods: ['ablat'] });
    const [a] = predictMetaRegression(res, [{ ablat: 40 }]);
    const [b] = predictMetaRegression(res, [[40]]);
    const [c] = predictMetaRegression(res, [[1, 40]]);
    expect(a).toEqual(b);
    expect(b).toEqual(c);
    expectClose(a!.estimate, res.coefficients[0]!.estimate! + 40 * res.coefficients[1]!.estimate!, TOL.closedForm, 'pred');
  });
});

describe('subgroupAnalysis(table, { by })', () => {
  const molloy = fixtureFiles().find((f) => f.dataset === 'dat.molloy2014')!;
  it('subgroupAnalysis({ commonTau2: true }) gives the factor model’s fitted level means', () => {
    const table = fixtureTable(molloy, 'ZCOR');
    const sg = subgroupAnalysis(table, { by: 'a_measure', commonTau2: true });
    const mr = metaRegression(table, { mods: ['factor(a_measure)'] });
    expect(sg.subgroups.every((s) => s.tau2 === mr.tau2)).toBe(true);
    expectClose(sg.subgroups[0]!.estimate, mr.coefficients[0]!.estimate, TOL.closedForm, 'level 1');
    expectClose(sg.subgroups[1]!.estimate, mr.coefficients[0]!.estimate! + mr.coefficients[1]!.estimate!, TOL.closedForm, 'level 2');
    // With a common tau2 and z tests, Q between equals the moderator test QM.
    expectClose(sg.between.q, sg.moderatorTest.qm, TOL.closedForm, 'Q between = QM');
  });
  it('subgroupAnalysis handles a subgroup of one study', () => {
    const table = fixtureTable(molloy, 'ZCOR');
    const edited = { ...table, studies: table.studies.map((s, i) => (i === 0 ? { ...s, moderators: { ...s.moderators, a_measure: 'zz-single' } } : s)) };
    const sg = subgroupAnalysis(edited, { by: 'a_measure', method: 'DL' });
    const single = sg.subgroups.find((s) => s.level === 'zz-single')!;
    expect(single.k).toBe(1);
    expect(single.tau2).toBe(0);
    expectClose(single.estimate, table.studies[0]!.effect, TOL.closedForm, 'estimate of a single study');
    expect(sg.between.df).toBe(2);
    expect(JSON.stringify(sg)).not.toMatch(/NaN|Infinity/);
  });
});
