// Expected values: metafor 3.8-1 (R 4.2), printed with sprintf("%.17g"); the R call is quoted above
// each block. They cover measures and zero-cell rules the fixture files do not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { effectSizes, hedgesCorrection } from '../../../src/effects/index.js';
import { parseStudyRecords } from '../../../src/schema/index.js';
import { TOL, expectAllClose } from '../../helpers/tolerance.js';

const tables = parseStudyRecords([
  { study: 'A', ai: 0, bi: 20, ci: 3, di: 17 },
  { study: 'B', ai: 4, bi: 119, ci: 11, di: 128 },
  { study: 'C', ai: 10, bi: 0, ci: 12, di: 5 },
  { study: 'D', ai: 0, bi: 15, ci: 0, di: 14 },
]);
const yiOf = (t: ReturnType<typeof effectSizes>) => t.studies.map((s) => s.effect);
const viOf = (t: ReturnType<typeof effectSizes>) => t.studies.map((s) => s.variance);

describe('effectSizes: 2x2 tables', () => {
  // escalc("PETO", ai=c(0,4,10,0), bi=c(20,119,0,15), ci=c(3,11,12,0), di=c(17,128,5,14))
  it("effectSizes(tables, { measure: 'PETO' })", () => {
    const t = effectSizes(tables, { measure: 'PETO' });
    expectAllClose(yiOf(t), [-1.6184210526315788, -0.86038334731641941, 1.5304494217537699, -0.06458333333333327], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [1.0789473684210527, 0.28283618192835874, 0.86180647050212256, 4.0041666666666664], TOL.closedForm, 'vi');
  });
  // escalc("OR", ...) with the default add = 1/2, to = "only0", drop00 = FALSE
  it("effectSizes(tables, { measure: 'OR' }) adds 1/2 to tables with a zero cell, double zeros included", () => {
    const t = effectSizes(tables, { measure: 'OR' });
    expectAllClose(yiOf(t), [-2.1041341542702074, -0.93869414087039216, 2.223541885653594, -0.066691374498672129], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [2.3916376306620206, 0.35712495225362872, 2.3570562770562771, 4.133481646273637], TOL.closedForm, 'vi');
    expect(t.warnings.some((w) => w.code === 'zero_cells_adjusted')).toBe(true);
    expect(t.studies[0]!.counts).toEqual({ ai: 0, bi: 20, ci: 3, di: 17 });
  });
  // escalc("OR", ..., drop00=TRUE): the double-zero table D gets NA
  it("effectSizes(tables, { measure: 'OR', drop00: true }) excludes the double-zero table", () => {
    const t = effectSizes(tables, { measure: 'OR', drop00: true });
    expectAllClose(yiOf(t), [-2.1041341542702074, -0.93869414087039216, 2.223541885653594], TOL.closedForm, 'yi');
    expect(t.excluded).toHaveLength(1);
    expect(t.excluded[0]).toMatchObject({ study: 'D', row: 4 });
  });
  // escalc("RR", ..., to="all")
  it("effectSizes(tables, { measure: 'RR', to: 'all' })", () => {
    const t = effectSizes(tables, { measure: 'RR', to: 'all' });
    expectAllClose(yiOf(t), [-1.9459101490553135, -0.81690878158866287, 0.31812309795301646, -0.064538521137571081], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [2.1904761904761907, 0.29397137068946327, 0.02877344877344877, 3.8708333333333331], TOL.closedForm, 'vi');
  });
  // escalc("RD", ..., to="if0all", add=0.25)
  it("effectSizes(tables, { measure: 'RD', to: 'if0all', add: 0.25 })", () => {
    const t = effectSizes(tables, { measure: 'RD', to: 'if0all', add: 0.25 });
    expectAllClose(yiOf(t), [-0.14634146341463414, -0.046232205824735535, 0.27619047619047621, -0.0011123470522803117], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [0.0070950798740587054, 0.00080053875641054699, 0.014213583846236912, 0.0021923587305060577], TOL.closedForm, 'vi');
  });
  it("effectSizes(tables, { measure: 'OR', to: 'none' }) leaves zero-cell tables out with a reason", () => {
    const t = effectSizes(tables, { measure: 'OR', to: 'none' });
    expect(t.studies.map((s) => s.study)).toEqual(['B']);
    expect(t.excluded.map((e) => e.study)).toEqual(['A', 'C', 'D']);
    for (const s of t.studies) expect(Number.isFinite(s.effect) && Number.isFinite(s.variance)).toBe(true);
  });
  it('events and group sizes (x1i, n1i, x2i, n2i) give the same effects as ai, bi, ci, di', () => {
    const n = parseStudyRecords([{ study: 'B', x1i: 4, n1i: 123, x2i: 11, n2i: 139 }]);
    const c = parseStudyRecords([{ study: 'B', ai: 4, bi: 119, ci: 11, di: 128 }]);
    expect(effectSizes(n, { measure: 'RR' }).studies[0]!.effect).toBe(effectSizes(c, { measure: 'RR' }).studies[0]!.effect);
    expect(effectSizes(n, { measure: 'RR' }).studies[0]!.counts).toEqual({ ai: 4, bi: 119, ci: 11, di: 128 });
  });
});

describe('effectSizes: proportions, means, correlations, hazard ratios', () => {
  const props = parseStudyRecords([
    { study: 'a', xi: 0, ni: 20 },
    { study: 'b', xi: 3, ni: 10 },
    { study: 'c', xi: 10, ni: 10 },
    { study: 'd', xi: 25, ni: 100 },
  ]);
  // escalc("PR", xi=c(0,3,10,25), ni=c(20,10,10,100))
  it("effectSizes(props, { measure: 'PR' })", () => {
    const t = effectSizes(props, { measure: 'PR' });
    expectAllClose(yiOf(t), [0.023809523809523808, 0.3, 0.95454545454545459, 0.25], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [0.0011067919231184536, 0.021, 0.00394440270473328, 0.001875], TOL.closedForm, 'vi');
  });
  // escalc("PLO", xi=c(0,3,10,25), ni=c(20,10,10,100))
  it("effectSizes(props, { measure: 'PLO' })", () => {
    const t = effectSizes(props, { measure: 'PLO' });
    expectAllClose(yiOf(t), [-3.713572066704308, -0.84729786038720356, 3.0445224377234239, -1.0986122886681098], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [2.0487804878048781, 0.47619047619047616, 2.0952380952380953, 0.053333333333333337], TOL.closedForm, 'vi');
  });
  // escalc("SMD", m1i=c(10,3.2), sd1i=c(2,1.1), n1i=c(400,2), m2i=c(9,2.5), sd2i=c(2.5,0.9), n2i=c(380,2)): m = 778 and m = 2
  it("effectSizes(means, { measure: 'SMD' }) uses the exact correction for large and tiny samples", () => {
    const means = parseStudyRecords([
      { study: 'big', m1i: 10, sd1i: 2, n1i: 400, m2i: 9, sd2i: 2.5, n2i: 380 },
      { study: 'tiny', m1i: 3.2, sd1i: 1.1, n1i: 2, m2i: 2.5, sd2i: 0.9, n2i: 2 },
    ]);
    const t = effectSizes(means, { measure: 'SMD' });
    expectAllClose(yiOf(t), [0.44255053607376921, 0.39297273257137239], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [0.0052571244454319979, 1.0193034460680763], TOL.closedForm, 'vi');
  });
  it("hedgesCorrection(m) is NaN for m <= 1 and approaches Hedges' 1 - 3/(4m - 1) for large m", () => {
    expect(hedgesCorrection(1)).toBeNaN();
    // The two agree to O(m^-2) = 1e-12; the log-gamma difference (as in metafor) loses about
    // eps * lgamma(m/2) = 1e-9 to cancellation at m = 1e6.
    expect(Math.abs(hedgesCorrection(1e6) - (1 - 3 / (4e6 - 1)))).toBeLessThan(2e-9);
  });
  it("effectSizes(means, { measure: 'ROM' }) leaves out means of opposite sign", () => {
    const t = effectSizes(parseStudyRecords([{ study: 'x', m1i: -1, sd1i: 1, n1i: 10, m2i: 2, sd2i: 1, n2i: 10 }]), { measure: 'ROM' });
    expect(t.studies).toHaveLength(0);
    expect(t.excluded[0]!.reason).toMatch(/same sign/);
  });
  // escalc("ZCOR", ri=c(0.5,-0.3), ni=c(3,50)): vi is NA for ni <= 3
  it("effectSizes(correlations, { measure: 'ZCOR' }) excludes ni <= 3", () => {
    const t = effectSizes(
      parseStudyRecords([
        { study: 'p', ri: 0.5, ni: 3 },
        { study: 'q', ri: -0.3, ni: 50 },
      ]),
      { measure: 'ZCOR' },
    );
    expectAllClose(yiOf(t), [-0.30951960420311175], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [0.021276595744680851], TOL.closedForm, 'vi');
    expect(t.excluded[0]!.reason).toMatch(/ni > 3/);
  });
  // R: log(hr); ((log(upper)-log(lower))/(2*qnorm(0.975)))^2 and, for level 90, qnorm(0.95)
  it('effectSizes(hazard ratios) derives the variance from the CI at its level', () => {
    const hr = parseStudyRecords([
      { study: 'Zhao 2016', hr: '0.63', lower: '0.41', upper: '0.97' },
      { study: 'b', hr: '1.2', lower: '0.9', upper: '1.6' },
      { study: 'c', hr: '0.8', lower: '0.6', upper: '1.07', level: '90' },
    ]);
    const t = effectSizes(hr);
    expect(t.measure).toBe('HR');
    expectAllClose(yiOf(t), [-0.46203545959655867, 0.18232155679395459, -0.22314355131420971], TOL.closedForm, 'yi');
    expectAllClose(viOf(t), [0.048260326351780382, 0.021544152540257468, 0.03092207341211459], TOL.closedForm, 'vi');
  });
  it('effectSizes(generic) passes yi and vi (or sei²) through', () => {
    const t = effectSizes(
      parseStudyRecords([
        { study: 'a', yi: 0.1, sei: 0.2 },
        { study: 'b', yi: -0.3, sei: 0.5 },
      ]),
      { measure: 'OR' },
    );
    expect(t.measure).toBe('OR');
    expect(viOf(t)).toEqual([0.2 * 0.2, 0.25]);
  });
});

describe('effectSizes: options and errors', () => {
  it('rejects a measure that does not apply to the kind', () => {
    expect(() => effectSizes(tables, { measure: 'SMD' })).toThrow(/does not apply to 2x2 counts/);
  });
  it('rejects an unknown measure, a bad add, a bad to', () => {
    expect(() => effectSizes(tables, { measure: 'XX' as never })).toThrow(MetasynthError);
    expect(() => effectSizes(tables, { add: -1 })).toThrow(/add/);
    expect(() => effectSizes(tables, { to: 'some' as never })).toThrow(/to/);
  });
  it('validates hand-built records like parsed ones', () => {
    const bad = [{ kind: 'twoByTwo', study: 'x', row: 1, moderators: {}, ai: -1, bi: 2, ci: 3, di: 4 }] as never;
    expect(() => effectSizes(bad, { measure: 'OR' })).toThrow(/ai \(-1\) must not be negative/);
  });
  it('never mutates its input', () => {
    const input = parseStudyRecords([{ study: 'A', ai: 0, bi: 20, ci: 3, di: 17, year: 1990 }]);
    const before = structuredClone(input);
    const t = effectSizes(input, { measure: 'OR' });
    expect(input).toEqual(before);
    expect(t.studies[0]!.moderators).not.toBe(input.records[0]!.moderators);
  });
  it('never yields a non-finite effect or variance (property test over random 2x2 tables)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50)), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('OR', 'RR', 'RD', 'PETO'),
        fc.constantFrom('only0', 'all', 'if0all', 'none'),
        (cells, measure, to) => {
          const rows = cells.filter(([a, b, c, d]) => a + b > 0 && c + d > 0).map(([ai, bi, ci, di], i) => ({ study: `s${i}`, ai, bi, ci, di }));
          if (rows.length === 0) return;
          const t = effectSizes(parseStudyRecords(rows), { measure: measure as 'OR', to: to as 'only0' });
          expect(t.studies.length + t.excluded.length).toBe(rows.length);
          for (const s of t.studies) {
            expect(Number.isFinite(s.effect)).toBe(true);
            expect(s.variance > 0 && Number.isFinite(s.variance)).toBe(true);
          }
        },
      ),
    );
  });
});
