// Reference values are R 4.2.2's own (qnorm/pt/pchisq/pf), read from the metafor fixtures where a
// figure is a pure tail probability of a reported statistic (e.g. QEp = pchisq(QE, k-1, lower=FALSE)).
import { describe, it } from 'vitest';
import {
  chiSquareQuantile,
  chiSquareSurvival,
  fSurvival,
  normalCritical,
  normalTwoSidedP,
  studentTCritical,
  studentTTwoSidedP,
} from '../../../src/distributions/index.js';
import { expectClose } from '../../helpers/tolerance.js';

// Distribution kernels are compared at 1e-13 relative: @stdlib evaluates them to a few ulp, and R's
// values were printed with round-trip precision. The far-tail cases test relative, not absolute, accuracy.
const KERNEL = { rel: 1e-13, abs: 0 };

describe('normal', () => {
  it('normalCritical(95) = qnorm(0.975)', () => expectClose(normalCritical(95), 1.959963984540054, KERNEL));
  it('normalTwoSidedP(z) far tail (dat.bcg OR/rma.mh pval)', () =>
    expectClose(normalTwoSidedP(-11.544419298260156), 7.877167325444393e-31, { rel: 1e-12, abs: 0 }));
});

describe('chi-square', () => {
  it('chiSquareSurvival(QE, 12) far tail (dat.bcg RR QEp)', () => expectClose(chiSquareSurvival(152.2330080823733, 12), 1.9967645908459738e-26, KERNEL));
  it('chiSquareQuantile(0.95, 1)', () => expectClose(chiSquareQuantile(0.95, 1), 3.841458820694124, KERNEL));
  it('chiSquareSurvival(0, df) = 1', () => expectClose(chiSquareSurvival(0, 3), 1, KERNEL));
});

describe('student t', () => {
  it('studentTTwoSidedP(t, 12) (dat.bcg RR REML knha pval)', () =>
    expectClose(studentTTwoSidedP(-3.9522398865248083, 12), 0.001920015096057295, { rel: 1e-12, abs: 0 }));
  it('studentTCritical(95, 12) = qt(0.975, 12), recovered from dat.bcg RR REML knha (ci.ub - b) / se', () =>
    expectClose(studentTCritical(95, 12), 2.1788128296672284, { rel: 1e-12, abs: 0 }));
});

describe('F', () => {
  it('fSurvival(QM, 2, 10) (dat.bcg RR metareg knha QMp)', () => expectClose(fSurvival(0.9662208448133025, 2, 10), 0.4133837457216654, { rel: 1e-12, abs: 0 }));
});
