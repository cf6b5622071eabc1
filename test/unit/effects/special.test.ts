// Special functions of the measures: the bivariate normal distribution (RTET's kernel) against
// mvtnorm::pmvnorm (test/fixtures/metafor-escalc/generate-escalc.R, `conversions.bvn`), the
// hypergeometric series of UCOR against closed forms, and the tetrachoric identity for a table
// cut at the medians (ρ = sin(π(p11 − 1/4)·2)).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bivariateNormalCdf } from '../../../src/effects/special/bivariateNormal.js';
import { hypergeometric2F1 } from '../../../src/effects/special/hypergeometric2F1.js';
import { tetrachoric } from '../../../src/effects/special/tetrachoric.js';
import { expectClose, TOL } from '../../helpers/tolerance.js';

const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'metafor-escalc', 'escalc.json');
const bvn = (JSON.parse(readFileSync(FIXTURE, 'utf8')) as { conversions: { bvn: { h: number; k: number; r: number; p: number }[] } }).conversions.bvn;

/** Both sides are Genz's quadrature with the same Gauss–Legendre rules, accurate to ~1e-15 absolute. */
const BVN_TOLERANCE = { rel: 1e-9, abs: 1e-14 };

describe('bivariateNormalCdf', () => {
  it.each(bvn)('bivariateNormalCdf($h, $k, $r) matches mvtnorm::pmvnorm', ({ h, k, r, p }) => {
    expectClose(bivariateNormalCdf(h, k, r), p, BVN_TOLERANCE, 'P');
  });
  it('bivariateNormalCdf(0, 0, ρ) = 1/4 + asin(ρ)/(2π) (Sheppard)', () => {
    for (const r of [-0.97, -0.3, 0.1, 0.95]) expectClose(bivariateNormalCdf(0, 0, r), 0.25 + Math.asin(r) / (2 * Math.PI), TOL.closedForm, `ρ = ${r}`);
  });
  it('is NaN for |ρ| > 1 and never throws', () => {
    expect(bivariateNormalCdf(0, 0, 1.5)).toBeNaN();
  });
});

describe('hypergeometric2F1', () => {
  it('hypergeometric2F1(1, 1, 2, x) = −log(1 − x)/x', () => {
    for (const x of [0.1, 0.5, 0.9]) expectClose(hypergeometric2F1(1, 1, 2, x), -Math.log(1 - x) / x, TOL.closedForm, `x = ${x}`);
  });
  it('hypergeometric2F1(a, b, c, 1) = Γ(c)Γ(c − a − b)/(Γ(c − a)Γ(c − b)) (Gauss)', () => {
    // a = b = 1/2, c = 3: Γ(3)Γ(2)/Γ(5/2)² = 2/(9π/16) = 32/(9π)
    expectClose(hypergeometric2F1(0.5, 0.5, 3, 1), 32 / (9 * Math.PI), { rel: 1e-6, abs: 0 }, '2F1 at 1');
  });
  it('is NaN outside 0 <= x <= 1', () => {
    expect(hypergeometric2F1(0.5, 0.5, 3, 1.2)).toBeNaN();
  });
});

describe('tetrachoric', () => {
  it('tetrachoric(a, b, b, a) with margins at the medians gives ρ = sin(2π(p11 − 1/4))', () => {
    const t = tetrachoric(30, 10, 10, 30);
    expectClose(t.yi, Math.sin(2 * Math.PI * (30 / 80 - 0.25)), TOL.closedForm, 'ρ');
    expect(t.vi).toBeGreaterThan(0);
  });
  it('is NaN with a zero cell (the estimate is on the boundary)', () => {
    expect(tetrachoric(0, 10, 10, 30).yi).toBeNaN();
  });
});
