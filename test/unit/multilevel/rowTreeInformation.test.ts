// The observed information of a nested model whose finest level is the rows (rowTreeInformation.ts)
// against a central finite difference of the analytic gradient (nestedScore.ts), REML and ML,
// intercept only and with moderators far from zero, one level above the rows or none; and the
// fall-back to the average information where the observed one is not positive definite.
// Data here are SYNTHETIC (made up in the test).
import { describe, expect, it } from 'vitest';
import type { StudyEffect } from '../../../src/effects/types.js';
import { estimateVariances, logDetCrossProduct } from '../../../src/multilevel/estimate.js';
import { planBlocks } from '../../../src/multilevel/likelihood.js';
import { buildModelData } from '../../../src/multilevel/modelData.js';
import { parseRandomTerm } from '../../../src/multilevel/randomTerms.js';
import { nestedScore } from '../../../src/multilevel/nestedScore.js';

/** SYNTHETIC: 40 studies of 1 to 5 effects, a numeric moderator near 2000 and a three-level factor. */
function rows(): StudyEffect[] {
  const out: StudyEffect[] = [];
  for (let s = 0, r = 0; s < 40; s++) {
    const u = 0.3 * Math.sin(s * 2.1);
    for (let e = 0; e < 1 + (s % 5); e++, r++) {
      const v = 0.01 + 0.02 * ((r * 7) % 5);
      out.push({
        study: `S${s}-${e}`,
        effect: 0.2 + u + 0.2 * Math.cos(r * 1.3) + 0.1 * Math.sin(r * 0.7),
        variance: v,
        standardError: Math.sqrt(v),
        row: r + 1,
        moderators: { study: s, es: r, x: 2000 + ((r * 13) % 7) / 3, g: `g${r % 3}` },
      });
    }
  }
  return out;
}

/** The information and minus the central difference of the gradient (step 1e-5·θ) at the optimum θ̂ scaled by `scale` (θ̂ itself: null). */
function bothSides(random: string, mods: string[], reml: boolean, scale: number[] | null) {
  const data = buildModelData(rows(), { random: [parseRandomTerm(random)], mods });
  const plan = planBlocks(data);
  const tree = plan.tree!;
  const ld = logDetCrossProduct(data);
  const best = estimateVariances(data, plan, { method: reml ? 'REML' : 'ML' }).theta;
  const theta = Array.from(best, (x, j) => x * (scale ? scale[j]! : 1));
  const at = (t: number[]) => nestedScore(data, tree, Float64Array.from(t), reml, ld)!;
  const n = theta.length;
  const fd = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    const h = 1e-5 * theta[j]!;
    const up = at(theta.map((x, i) => (i === j ? x + h : x))).gradient;
    const down = at(theta.map((x, i) => (i === j ? x - h : x))).gradient;
    for (let i = 0; i < n; i++) fd[i * n + j] = -(up[i]! - down[i]!) / (2 * h);
  }
  return { information: at(theta).information, fd };
}

describe('rowTreeInformation (Newton information of a row-level tree)', () => {
  // Near the optimum (where Newton's method is used), each component moved by a few per cent.
  const cases: [string, string[], boolean, number[]][] = [
    ['~ 1 | study/es', [], true, [1.05, 0.95]],
    ['~ 1 | study/es', [], false, [0.97, 1.04]],
    ['~ 1 | study/es', ['x', 'g'], true, [1.05, 0.95]],
    ['~ 1 | study/es', ['x', 'g'], false, [0.97, 1.04]],
    ['~ 1 | es', ['x'], true, [1.05]],
    ['~ 1 | es', [], false, [0.95]],
  ];
  it.each(cases)('%s mods %j (REML %s) at θ̂ × %j: minus the Hessian of the log-likelihood', (random, mods, reml, scale) => {
    const { information, fd } = bothSides(random, mods, reml, scale);
    // A central difference with a relative step of 1e-5 is good to about 1e-7 relative here.
    for (let i = 0; i < fd.length; i++)
      expect(Math.abs(information[i]! - fd[i]!)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd[0]!), Math.abs(fd[fd.length - 1]!)));
  });

  it('keeps the average information where the observed one is not positive definite', () => {
    // Far from the optimum (sigma2 of the rows 40 times too large) the Hessian is indefinite.
    const { information, fd } = bothSides('~ 1 | study/es', [], true, [0.1, 40]);
    expect(fd[3]! * fd[0]! - fd[1]! * fd[2]! < 0 || fd[0]! < 0 || fd[3]! < 0).toBe(true);
    expect(information[0]! > 0 && information[0]! * information[3]! - information[1]! ** 2 > 0).toBe(true);
  });
});
