// The likelihood's fast Φ against @stdlib's erfc-based Φ (an independent implementation).
import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { describe, expect, it } from 'vitest';
import { fastNormalCdf } from '../../../src/selection/normalTail.js';

describe('fastNormalCdf(x)', () => {
  // Hart's rational function (|x| < 4.5) is accurate in absolute terms; beyond, the continued fraction is accurate
  // relative to Φ, up to the rounding of x²/2 that exp(−x²/2) carries into its result (about (x²/2)·ε).
  it('agrees with @stdlib Φ to 1e-15 absolute on [−37, 37], and to (1e-14 + x²ε) relative below −4.5', () => {
    for (let x = -37; x <= 37; x += 0.0137) {
      const ref = normalCdf(x, 0, 1);
      const got = fastNormalCdf(x);
      expect(Math.abs(got - ref)).toBeLessThanOrEqual(1e-15);
      if (x <= -4.5) expect(Math.abs(got - ref)).toBeLessThanOrEqual((1e-14 + x * x * Number.EPSILON) * ref);
    }
  });
});
