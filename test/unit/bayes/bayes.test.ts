import { describe, expect, it } from 'vitest';
import { bayesMeta, buildTauPrior, parseMuPrior, parseTauPrior, rhodesPrior, turnerPrior, type TauPriorSpec } from '../../../src/bayes/index.js';
import { conditionalMu, logLikelihoodAt } from '../../../src/bayes/likelihood.js';
import { mixtureCdf, mixtureQuantile, shortestInterval } from '../../../src/bayes/normalMixture.js';
import { standardNormalCdf } from '../../../src/bayes/normalTail.js';
import { adaptiveIntegrate } from '../../../src/bayes/quadrature.js';
import { tauPosterior } from '../../../src/bayes/tauPosterior.js';
import { normalCdf, normalQuantile } from '../../../src/distributions/normal.js';
import { MetasynthError } from '../../../src/core/errors.js';
import { expectClose } from '../../helpers/tolerance.js';

const crins = {
  y: [-2.3097025607629096, -0.45953232937844024, Math.log(0.1), -1.7578579175523736, -1.2584609896100056, -2.41789593950504],
  v: [0.35937183383991894, 0.30957602339181284, 0.775, 0.20781609195402298, 0.4121590909090909, 2.337262297658337],
};

describe('standardNormalCdf(x) (Cody 1969)', () => {
  // Φ(x) = erfc(−x/√2)/2: rounding x/√2 (relative ε) moves exp(−x²/2) by about x²·ε, so the
  // relative error in the far lower tail grows like (1 + x²)·1e-16 (1.5e-13 at x = −30).
  it('agrees with @stdlib to (1 + x²)·1e-15 relative on [-30, 9]', () => {
    for (let x = -30; x <= 9; x += 0.0137) expectClose(standardNormalCdf(x), normalCdf(x), { rel: (1 + x * x) * 1e-15, abs: 0 }, `Phi(${x})`);
  });
});

describe('adaptiveIntegrate(problem, breakpoints)', () => {
  it('integrates a peaked and an endpoint-singular function to 1e-12', () => {
    const peak = adaptiveIntegrate({ f: (x) => Math.exp(-((x - 0.3) ** 2) / 2e-6), multipliers: [() => 1] }, [0, 1]);
    expectClose(peak.values[0], Math.sqrt(2e-6 * Math.PI), { rel: 1e-12, abs: 0 }, 'gaussian peak');
    const sing = adaptiveIntegrate({ f: (x) => 1 / Math.sqrt(x), multipliers: [() => 1] }, [0, 1]);
    expectClose(sing.values[0], 2, { rel: 1e-9, abs: 0 }, '1/sqrt(x)');
  });
});

describe('the normal-normal model', () => {
  it('conditionalMu with a normal prior equals the flat-prior fit with the prior as one more study', () => {
    const withPrior = conditionalMu(crins, 0.3, { type: 'normal', mean: 0.2, sd: 1.5 });
    const asStudy = conditionalMu({ y: [...crins.y, 0.2], v: [...crins.v, 2.25 - 0.09] }, 0.3, { type: 'uniform' });
    expectClose(withPrior.mean, asStudy.mean, { rel: 1e-13, abs: 0 }, 'mean');
  });
  it('p(y | tau) integrates the likelihood over mu (checked by quadrature over mu)', () => {
    const mu = { type: 'normal' as const, mean: 0, sd: 4 };
    const direct = adaptiveIntegrate(
      { f: (m) => Math.exp(logLikelihoodAt(crins, m, 0.4) - Math.log(4 * Math.sqrt(2 * Math.PI)) - (m * m) / 32), multipliers: [() => 1] },
      [-20, -5, -1.5, 0, 5, 20],
    );
    expectClose(Math.log(direct.values[0]!), conditionalMu(crins, 0.4, mu).logMarginal, { rel: 1e-11, abs: 0 }, 'log p(y|tau)');
  });
});

describe('tau priors', () => {
  const proper: TauPriorSpec[] = [
    { family: 'halfnormal', scale: 0.5 },
    { family: 'halfcauchy', scale: 0.3 },
    { family: 'halft', df: 3, scale: 1 },
    { family: 'uniform', lower: 0.1, upper: 2 },
    { family: 'exponential', rate: 3 },
    { family: 'lognormal', mu: -1, sigma: 0.7 },
    { family: 'turner', outcome: 'pain', comparison: 'pharma-vs-placebo' },
    { family: 'rhodes' },
    { family: 'dumouchel' },
    { family: 'shrinkage' },
    { family: 'i2' },
  ];
  for (const spec of proper) {
    it(`${JSON.stringify(spec)} integrates to 1`, () => {
      const p = buildTauPrior(spec, crins.v);
      const post = tauPosterior({ logf: p.logDensity, lower: p.lower, upper: p.upper, tail: p.tail, scaleHint: 0.5 });
      expectClose(Math.exp(post.logNormalizer), 1, { rel: 1e-9, abs: 0 }, 'integral');
    });
  }
  it('turnerPrior and rhodesPrior read the published tables', () => {
    expect(turnerPrior('all-cause-mortality', 'pharma-vs-placebo')).toMatchObject({ location: -3.95, scale: 1.34 });
    expect(turnerPrior('subjective', 'nonpharma-vs-nonpharma')).toMatchObject({ location: -2.26, scale: 1.45 });
    expect(turnerPrior()).toMatchObject({ location: -2.56, scale: 1.74 });
    expect(rhodesPrior('mental-health', 'nonpharma', 'other')).toMatchObject({ location: -3.85, scale: 1.93 });
    expect(rhodesPrior('obstetric', 'pharma-vs-pharma', 'cancer')).toMatchObject({ location: -1.85, scale: 2.41 });
  });
});

describe('parseTauPrior(text) and parseMuPrior(text)', () => {
  it('reads every form', () => {
    expect(parseTauPrior('halfnormal:0.5')).toEqual({ family: 'halfnormal', scale: 0.5 });
    expect(parseTauPrior('halft:3,0.5')).toEqual({ family: 'halft', df: 3, scale: 0.5 });
    expect(parseTauPrior('uniform:0,2')).toEqual({ family: 'uniform', lower: 0, upper: 2 });
    expect(parseTauPrior('uniform')).toEqual({ family: 'improper-uniform' });
    expect(parseTauPrior('turner:all-cause-mortality/pharma')).toEqual({ family: 'turner', outcome: 'all-cause-mortality', comparison: 'pharma-vs-placebo' });
    expect(parseTauPrior('rhodes:general-physical-health/pharma/cancer')).toEqual({
      family: 'rhodes',
      outcome: 'general-physical-health',
      comparison: 'pharma-vs-placebo',
      area: 'cancer',
    });
    expect(parseTauPrior('Jeffreys')).toEqual({ family: 'jeffreys' });
    expect(parseMuPrior('normal:0,4')).toEqual({ type: 'normal', mean: 0, sd: 4 });
    expect(parseMuPrior('uniform')).toEqual({ type: 'uniform' });
  });
  it('refuses an unknown name, a bad number and a non-positive scale, naming them', () => {
    expect(() => parseTauPrior('halfnormals:1')).toThrow(/unknown prior; choose one of halfnormal:SCALE/);
    expect(() => parseTauPrior('halfnormal:abc')).toThrow(/expected one number/);
    expect(() => buildTauPrior(parseTauPrior('halfnormal:0'), [1])).toThrow('tau prior halfnormal: scale must be a positive number (got 0)');
    expect(() => buildTauPrior(parseTauPrior('halfcauchy:-2'), [1])).toThrow('tau prior halfcauchy: scale must be a positive number (got -2)');
    expect(() => parseMuPrior('normal:0,-1')).toThrow(/standard deviation must be positive \(got -1\)/);
    expect(() => parseTauPrior('turner:pain/herbal')).toThrow(/unknown comparison "herbal"/);
  });
});

describe('bayesMeta(data, options): edge cases', () => {
  it('refuses an improper prior for tau with one study', () => {
    expect(() => bayesMeta({ y: [0.3], v: [0.04] }, { tauPrior: { family: 'improper-uniform' }, muPrior: { type: 'normal', mean: 0, sd: 1 } })).toThrow(
      MetasynthError,
    );
    expect(() => bayesMeta({ y: [0.3], v: [0.04] }, { tauPrior: { family: 'jeffreys' } })).toThrow(/one study carries no information on tau/);
  });
  it('refuses an improper posterior (k = 2, flat priors)', () => {
    expect(() => bayesMeta({ y: [0.3, 0.1], v: [0.04, 0.05] }, { tauPrior: { family: 'improper-uniform' } })).toThrow(/posterior of tau is improper/);
  });
  it('reports an infinite SD of tau as null with a warning (k = 1, half-Cauchy)', () => {
    const r = bayesMeta({ y: [0.3], v: [0.04] }, { tauPrior: { family: 'halfcauchy', scale: 0.5 }, muPrior: { type: 'normal', mean: 0, sd: 1 } });
    expect(r.tau.mean).not.toBeNull();
    expect(r.tau.sd).toBeNull();
    expect(r.prediction.sd).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('infinite_moment');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
  });
  it('gives no marginal likelihood or averaging under the flat prior for mu, and says so', () => {
    const r = bayesMeta(crins, { tauPrior: { family: 'halfnormal', scale: 0.5 } });
    expect(r.marginalLikelihood).toBeNull();
    expect(r.bayesFactors.effect).toBeNull();
    expect(r.bayesFactors.heterogeneity).not.toBeNull();
    expect(r.averaging).toBeNull();
    expect(r.warnings.some((w) => w.code === 'improper_prior')).toBe(true);
  });
  it('posterior model probabilities sum to 1 and the effect BF is their odds ratio', () => {
    const r = bayesMeta(crins, { tauPrior: { family: 'halfnormal', scale: 0.5 }, muPrior: { type: 'normal', mean: 0, sd: 4 } });
    const p = r.averaging!.models.map((m) => m.posterior);
    expectClose(
      p.reduce((a, b) => a + b, 0),
      1,
      { rel: 1e-12, abs: 0 },
      'sum',
    );
    expectClose(p[3]! / p[2]!, r.bayesFactors.effect, { rel: 1e-10, abs: 0 }, 'BF effect');
  });
  it("does not change the caller's data", () => {
    const data = { y: [...crins.y], v: [...crins.v] };
    bayesMeta(data, { tauPrior: { family: 'halfnormal', scale: 0.5 } });
    expect(data).toEqual({ y: crins.y, v: crins.v });
  });
});

describe('normal mixtures', () => {
  const m = { weight: Float64Array.of(0.3, 0.7), mean: Float64Array.of(-1, 2), sd: Float64Array.of(0.5, 1.5) };
  it('mixtureQuantile inverts mixtureCdf in both tails', () => {
    for (const p of [1e-9, 0.025, 0.5, 0.975, 1 - 1e-9]) expectClose(mixtureCdf(m, mixtureQuantile(m, p)), p, { rel: 1e-12, abs: 1e-15 }, `F(q(${p}))`);
  });
  it('shortestInterval of a normal is the equal-tailed one', () => {
    const d = {
      cdf: normalCdf,
      pdf: (x: number) => Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI),
      logPdfSlope: (x: number) => -x,
      quantile: normalQuantile,
      mode: 0,
      lower: -Infinity,
    };
    const s = shortestInterval(d, 0.9);
    expectClose(s.upper, normalQuantile(0.95), { rel: 1e-12, abs: 0 }, 'upper');
    expectClose(s.lower, -normalQuantile(0.95), { rel: 1e-12, abs: 0 }, 'lower');
  });
});
