// The lme4-based GLMMs (OR UM.RS and CM.AL; IRR UM.FS, UM.RS, CM.EL; PLO; IRLN; with moderators)
// against test/fixtures/metafor-glmm/lme4-models.json (generate-glmm-lme4.R: metafor 3.8-1's model,
// lme4's deviance polished to its optimum by nlminb, Hessian by numDeriv).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glmmCoreFit } from '../../../src/glmm/glmmFit.js';
import { doubleZeroReason, type GlmmMeasure, type GlmmStudy } from '../../../src/glmm/studyData.js';
import type { GlmmMethod, GlmmModel } from '../../../src/glmm/types.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

interface Case {
  id: string;
  measure: GlmmMeasure;
  model: GlmmModel;
  method: GlmmMethod;
  nagq: number;
  nagq_used: number | null;
  mods: string | null;
  drop00: boolean;
  k: number;
  estimate: number | number[];
  se: number | number[];
  tau2: number;
  sigma2: number | null;
  I2: number;
  H2: number;
  ll: number;
  QE_Wld?: number;
  QE_LRT?: number;
  QE_df?: number;
  data_rows: Record<string, number | string>[];
}
const doc = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'metafor-glmm', 'lme4-models.json'), 'utf8')) as { cases: Case[] };
const list = (x: number | number[]): number[] => [x].flat();

function studyOf(measure: GlmmMeasure, r: Record<string, number | string>): GlmmStudy {
  const n = (f: string) => r[f] as number;
  const study = String(r.study);
  if (measure === 'OR') return { study, measure, ai: n('ai'), bi: n('n1i') - n('ai'), ci: n('ci'), di: n('n2i') - n('ci') };
  if (measure === 'IRR') return { study, measure, x1i: n('x1i'), t1i: n('t1i'), x2i: n('x2i'), t2i: n('t2i') };
  if (measure === 'PLO') return { study, measure, xi: n('xi'), ni: n('ni') };
  return { study, measure, xi: n('xi'), ti: n('ti') };
}

describe('glmmCoreFit vs lme4 (metafor rma.glmm models)', () => {
  for (const c of doc.cases) {
    it(`glmmCoreFit(${c.id.replace(/\s+/g, ' ').trim()})`, () => {
      const rows = c.data_rows.filter((r) => Object.values(r).every((v) => v !== null));
      const all = rows.map((r) => studyOf(c.measure, r));
      const keep = all.map((s) => !c.drop00 || doubleZeroReason(s) === null);
      const studies = all.filter((_, i) => keep[i]);
      const X = rows.filter((_, i) => keep[i]).map((r) => (c.mods ? [1, r[c.mods] as number] : [1]));
      const r = glmmCoreFit(studies, X, c.model, c.method, c.nagq);
      expect(studies.length).toBe(c.k);
      // Optimiser outputs: 1e-5 relative as issue 18 sets (TOL.glmmOptimum): the R side is nlminb's
      // optimum of lme4's deviance with a numDeriv Hessian; ours a Newton optimum with Richardson differences.
      const tol = TOL.glmmOptimum;
      // A coefficient near 0 (a moderator's slope) is compared to 1e-5 of its SE: the optimum is located to a
      // fraction of its standard error, and a relative error of a number near 0 says nothing.
      list(c.estimate).forEach((b, j) => {
        expectClose(r.beta[j], b, { rel: tol.rel, abs: tol.rel * list(c.se)[j]! }, `beta[${j}]`);
      });
      list(c.se).forEach((s, j) => {
        expectClose(Math.sqrt(r.vcov[j]![j]!), s, tol, `se[${j}]`);
      });
      expectClose(r.tau2, c.tau2, tol, 'tau2');
      if (c.sigma2 !== null) expectClose(r.sigma2, c.sigma2, tol, 'sigma2');
      expectClose((100 * r.tau2) / (r.vt + r.tau2), c.I2, tol, 'I2');
      expectClose(r.tau2 / r.vt + 1, c.H2, tol, 'H2');
      expect(r.nagqUsed).toBe(c.nagq_used === null || (c.method === 'EE' && c.model !== 'UM.RS') ? null : c.nagq_used);
      if (c.QE_Wld !== undefined) expectClose(r.tests.wald, c.QE_Wld, tol, 'QE.Wld');
      if (c.QE_LRT !== undefined) expectClose(r.tests.lrt, c.QE_LRT, tol, 'QE.LRT');
      expect(r.converged).toBe(true);
    });
  }
});
