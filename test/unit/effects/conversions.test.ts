// The conversions against the reference values of test/fixtures/metafor-escalc/generate-escalc.R
// (`conversions`): five-number summaries and Wald SEs from the papers' formulas written in R (metafor
// 3.8-1 has no conv.* functions), d from t through metafor's own escalc(ti = ...), 2x2 tables from
// the formula of metafor 4's conv.2x2 with R's round().
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { meanSdFromFiveNumbers } from '../../../src/effects/conversions/fivenum.js';
import { twoByTwoFromOr } from '../../../src/effects/conversions/twoByTwoFromOr.js';
import { seFromCi, seFromP } from '../../../src/effects/conversions/wald.js';
import { INPUT_DERIVATIONS } from '../../../src/effects/conversions/derivations.js';
import { effectSizes } from '../../../src/effects/effectSizes.js';
import { measureDefinition } from '../../../src/effects/measures/registry.js';
import { parseMeasureRecords } from '../../../src/schema/parseMeasureRecords.js';
import { TOL, expectClose } from '../../helpers/tolerance.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'metafor-escalc', 'escalc.json');
type Row = Record<string, number | null>;
const conv = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { conversions: Record<string, Row[]> }).conversions;
const opt = (x: number | null | undefined) => (x === null || x === undefined ? undefined : x);

describe('conversions', () => {
  it.each(conv.fivenum!)('meanSdFromFiveNumbers(%o)', (r) => {
    const got = meanSdFromFiveNumbers({
      median: r.median!,
      n: r.n!,
      ...(opt(r.min) !== undefined ? { min: r.min!, max: r.max! } : {}),
      ...(opt(r.q1) !== undefined ? { q1: r.q1!, q3: r.q3! } : {}),
    });
    expectClose(got.mean, r.mean!, TOL.closedForm, 'mean');
    expectClose(got.sd, r.sd!, TOL.closedForm, 'sd');
    expectClose(got.skewness.statistic, r.skewStatistic!, TOL.closedForm, 'skewness statistic');
    expectClose(got.skewness.critical, r.skewCritical!, TOL.closedForm, 'skewness critical value');
    expect(got.skewness.skewed).toBe(r.skewed as unknown as boolean);
  });
  it.each(conv.wald!)('seFromCi and seFromP (%o)', (r) => {
    expectClose(seFromCi(r['ci.lb']!, r['ci.ub']!, 95), r.sei_ci!, TOL.closedForm, 'sei from CI');
    expectClose(seFromP(r.yi!, r.pval!), r.sei_p!, TOL.closedForm, 'sei from p');
  });
  it.each(conv.twoByTwo!)('twoByTwoFromOr(%o)', (r) => {
    expect(twoByTwoFromOr({ ori: r.ori!, ni: r.ni!, n1i: r.n1i!, n2i: r.n2i! })).toEqual({ ai: r.ai, bi: r.bi, ci: r.ci, di: r.di });
  });
  it('SMD from t statistics matches escalc(measure = "SMD", ti = ...) and notes how d was derived', () => {
    const rows = conv.dFromT!.map((r, i) => ({ study: `T${i + 1}`, ti: r.ti, n1i: r.n1i, n2i: r.n2i }));
    const parsed = parseMeasureRecords(rows, measureDefinition('SMD')!, { derivations: INPUT_DERIVATIONS });
    const t = effectSizes(parsed, { measure: 'SMD' });
    conv.dFromT!.forEach((r, i) => {
      expectClose(t.studies[i]!.effect, r.yi!, TOL.closedForm, 'yi');
      expectClose(t.studies[i]!.variance, r.vi!, TOL.closedForm, 'vi');
      expect(t.studies[i]!.derived?.[0]?.method).toBe('d from t');
    });
  });
  it('GEN from a CI or a p-value fills vi per row and keeps given variances', () => {
    const rows = [
      { study: 'A', yi: 0.3, vi: 0.01 },
      { study: 'B', yi: 0.3, 'ci.lb': -0.1, 'ci.ub': 0.7 },
      { study: 'C', yi: -1.2, pval: 0.003 },
    ];
    const t = effectSizes(parseMeasureRecords(rows, measureDefinition('GEN')!, { derivations: INPUT_DERIVATIONS }), { measure: 'GEN' });
    expect(t.studies.map((s) => s.variance)[0]).toBe(0.01);
    expectClose(t.studies[1]!.standardError, conv.wald![0]!.sei_ci!, TOL.closedForm, 'sei B');
    expectClose(t.studies[2]!.standardError, conv.wald![1]!.sei_p!, TOL.closedForm, 'sei C');
    expect(t.studies[0]!.derived).toBeUndefined();
    expect(t.studies[1]!.derived?.[0]?.method).toBe('conv.wald CI');
  });
  it('a median with quartiles stands in for a missing mean and SD, with a note', () => {
    const rows = [
      { study: 'A', m1i: 10, sd1i: 2, n1i: 20, m2i: 8, sd2i: 3, n2i: 25 },
      { study: 'B', m1i: 11, sd1i: 2.5, n1i: 30, m2i: '', sd2i: '', n2i: 28, median2i: 9, q1_2i: 7, q3_2i: 11 },
    ];
    const t = effectSizes(parseMeasureRecords(rows, measureDefinition('MD')!, { derivations: INPUT_DERIVATIONS }), { measure: 'MD' });
    const ref = meanSdFromFiveNumbers({ q1: 7, median: 9, q3: 11, n: 28 });
    expectClose(t.studies[1]!.effect, 11 - ref.mean, TOL.closedForm, 'yi B');
    expect(t.studies[1]!.derived?.[0]?.note).toContain('Luo et al. (2018)');
  });
});
