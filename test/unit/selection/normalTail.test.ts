// The likelihood's fast Φ against @stdlib's erfc-based Φ (an independent implementation).
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { fastNormalCdf, TAIL_UNDERFLOW } from '../../../src/selection/normalTail.js';

describe('fastNormalCdf(x)', () => {
  // Hart's rational function (|x| < 4.5) is accurate in absolute terms; beyond, the continued fraction is accurate
  // relative to Φ, up to the rounding of x²/2 that exp(−x²/2) carries into its result (about (x²/2)·ε).
  it('agrees with @stdlib Φ to 1e-15 absolute on (−37.5193, 37.5193), and to (1e-14 + x²ε) relative below −4.5', () => {
    for (let x = -37.519; x < TAIL_UNDERFLOW; x += 0.0137) {
      const ref = normalCdf(x, 0, 1);
      const got = fastNormalCdf(x);
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-15);
      if (x <= -4.5) expect(Math.abs(got - ref)).toBeLessThanOrEqual((1e-14 + x * x * Number.EPSILON) * ref);
    }
  });

  // R 4.x: pnorm(-37.519) = 2.256992e-308, pnorm(-37.5193) = 0 (R's pnorm sets the tail to 0 from |x| = 37.5193 on).
  it("is 0 (or 1) from |x| = 37.5193 on, where R's pnorm underflows, and positive just inside it", () => {
    expect(fastNormalCdf(-37.519)).toBeGreaterThan(2.25e-308);
    expect(fastNormalCdf(-37.519)).toBeLessThan(2.26e-308);
    for (const x of [37.5193, 37.6, 38.4, 40]) {
      expect(fastNormalCdf(-x)).toBe(0);
      expect(fastNormalCdf(x)).toBe(1);
    }
  });
});
