// The analytic score of the general block model (blockScore.ts) against central differences of
// the log-likelihood it differentiates (likelihood.ts logLikelihoodAt), and its average
// information against ½·b_j'P·b_k built from a dense k×k marginal covariance in the test.
// Data are SYNTHETIC (made up here): 6 studies × 3 effects.
import { describe, expect, it } from 'vitest';
import type { StudyEffect } from '../../../src/effects/types.js';
import { parseRandomTerm } from '../../../src/multilevel/index.js';
import { blockScore } from '../../../src/multilevel/blockScore.js';
import { logLikelihoodAt, planBlocks } from '../../../src/multilevel/likelihood.js';
import { buildModelData, type ModelDataOptions } from '../../../src/multilevel/modelData.js';
import { fitMultilevelModel } from '../../../src/multilevel/multilevel.js';
import { maximiseBounded } from '../../../src/multilevel/optimise.js';
import { structDerivatives, structSecondDerivatives } from '../../../src/multilevel/structDerivative.js';
import { structMatrix } from '../../../src/multilevel/varianceStructure.js';

const variance = (s: number, e: number) => 0.02 + 0.01 * ((s * 3 + e) % 4);
/** Row e of study s's sampling covariance block as columns c1..c3 (correlation 0.2 + 0.1·(a + b), positive definite). */
function vcovRow(s: number, e: number): Record<string, number> {
  const cell = (a: number, b: number) => (a === b ? variance(s, a) : (0.2 + 0.1 * (a + b)) * Math.sqrt(variance(s, a) * variance(s, b)));
  return { c1: cell(e, 0), c2: cell(e, 1), c3: cell(e, 2) };
}

/** SYNTHETIC: 6 studies × 3 effects (outcomes A, B, C; time points 1–3), a lab factor crossing studies, a moderator x, a full V per study. */
function synthetic(): StudyEffect[] {
  const rows: StudyEffect[] = [];
  let r = 0;
  for (let s = 0; s < 6; s++) {
    for (let e = 0; e < 3; e++) {
      const v = variance(s, e);
      const y = 0.3 + 0.2 * Math.sin(s * 1.7) + 0.1 * Math.cos(e * 2.3 + s);
      rows.push({
        study: `S${s}-${e}`,
        effect: y,
        variance: v,
        standardError: Math.sqrt(v),
        row: ++r,
        moderators: { study: s + 1, es: e + 1, outcome: ['A', 'B', 'C'][e]!, lab: (s + e) % 3, x: s * 0.5 + e, ...vcovRow(s, e) },
      });
    }
  }
  return rows;
}

const term = (f: string) => parseRandomTerm(f);
/** One model of each kind the block score serves, with a θ inside its range. */
const MODELS: [string, ModelDataOptions, number[]][] = [
  ['UN', { random: [term('~ outcome | study')], struct: 'UN', mods: ['x'] }, [0.03, 0.02, 0.05, 0.3, -0.2, 0.4]],
  ['CS', { random: [term('~ outcome | study')], struct: 'CS', mods: ['x'] }, [0.03, 0.3]],
  ['HCS', { random: [term('~ outcome | study')], struct: 'HCS', mods: ['x'] }, [0.03, 0.02, 0.05, 0.3]],
  ['AR', { random: [term('~ es | study')], struct: 'AR', mods: ['x'] }, [0.03, 0.6]],
  ['HAR', { random: [term('~ es | study')], struct: 'HAR', mods: ['x'] }, [0.03, 0.02, 0.05, -0.4]],
  ['DIAG', { random: [term('~ outcome | study')], struct: 'DIAG', mods: ['x'] }, [0.03, 0.02, 0.05]],
  ['ID with a crossed sigma2', { random: [term('~ 1 | lab'), term('~ outcome | study')], struct: 'ID', mods: ['x'] }, [0.01, 0.03]],
  ['crossed', { random: [term('~ 1 | study'), term('~ 1 | lab')], mods: ['x'] }, [0.03, 0.01]],
  ['nested with imputed V (rho)', { random: [term('~ 1 | study/es')], mods: ['x'], sampling: { type: 'rho', cluster: 'study', rho: 0.5 } }, [0.03, 0.01]],
  [
    'HCS with V given per study',
    { random: [term('~ outcome | study')], struct: 'HCS', mods: ['x'], sampling: { type: 'vcov', cluster: 'study', columns: ['c1', 'c2', 'c3'] } },
    [0.03, 0.02, 0.05, 0.3],
  ],
  [
    'crossed with V given per study',
    { random: [term('~ 1 | es'), term('~ 1 | lab')], mods: ['x'], sampling: { type: 'vcov', cluster: 'study', columns: ['c1', 'c2', 'c3'] } },
    [0.03, 0.01],
  ],
  [
    'UN with imputed V',
    { random: [term('~ outcome | study')], struct: 'UN', mods: [], sampling: { type: 'rho', cluster: 'study', rho: 0.3 } },
    [0.03, 0.02, 0.05, 0.3, -0.2, 0.4],
  ],
];

/** Central difference of f in component j (step 1e-6: truncation ~1e-12, rounding ~1e-10 of ℓ ≈ 10, so ~1e-9 relative to the slopes here). */
function centralSlope(f: (t: number[]) => number, theta: number[], j: number): number {
  const h = 1e-6;
  const up = [...theta];
  const down = [...theta];
  up[j] = up[j]! + h;
  down[j] = down[j]! - h;
  return (f(up) - f(down)) / (2 * h);
}

/** Dense M (k×k) from the model's parts, built here independently of the block code. */
function denseM(options: ModelDataOptions, theta: number[]): { m: number[][]; data: ReturnType<typeof buildModelData> } {
  const data = buildModelData(synthetic(), options);
  const k = data.y.length;
  const { sigma, structTerm } = data.structure;
  const ns = sigma.length;
  const g = structTerm
    ? structMatrix(structTerm.struct, structTerm.innerLevels.length, theta.slice(ns, ns + data.structure.nTau2), theta.slice(ns + data.structure.nTau2))
    : null;
  const n = structTerm ? structTerm.innerLevels.length : 0;
  const m = Array.from({ length: k }, (_, i) =>
    Array.from({ length: k }, (_, j) => {
      let x = i === j ? data.v[i]! : data.sampling.clusterOf ? data.sampling.covariance(i, j) : 0;
      sigma.forEach((s, l) => {
        if (s.levelOf[i] === s.levelOf[j]) x += theta[l]!;
      });
      if (structTerm && g && structTerm.outerOf[i] === structTerm.outerOf[j]) x += g[structTerm.innerOf[i]! * n + structTerm.innerOf[j]!]!;
      return x;
    }),
  );
  return { m, data };
}

/** Inverse by Gauss–Jordan (small dense test matrices). */
function inverse(a: number[][]): number[][] {
  const n = a.length;
  const m = a.map((r, i) => [...r, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    for (let j = 0; j < 2 * n; j++) m[c]![j] = m[c]![j]! / d;
    for (let r = 0; r < n; r++) if (r !== c) for (let j = 0, f = m[r]![c]!; j < 2 * n; j++) m[r]![j] = m[r]![j]! - f * m[c]![j]!;
  }
  return m.map((r) => r.slice(n));
}

const mul = (a: number[][], b: number[][]) => a.map((r) => b[0]!.map((_, j) => r.reduce((s, x, l) => s + x * b[l]![j]!, 0)));
const tr = (a: number[][]) => a[0]!.map((_, j) => a.map((r) => r[j]!));

/**
 * ½·b_j'P·b_k with b_j = (∂M/∂θ_j)·u (∂M/∂θ_j by central differences of the dense M), and the
 * curvature term ½·Σ ∂²M/∂θ_j∂θ_k ∘ (P − uu') (second differences).
 */
function denseInformation(options: ModelDataOptions, theta: number[]): { ai: number[][]; curvature: number[][] } {
  const { m, data } = denseM(options, theta);
  const x = tr(data.design.columns.map((c) => Array.from(c)));
  const mi = inverse(m);
  const c = inverse(mul(tr(x), mul(mi, x)));
  const hat = mul(mul(mul(mi, x), c), mul(tr(x), mi));
  const p = m.map((r, i) => r.map((_, j) => mi[i]![j]! - hat[i]![j]!));
  const u = mul(
    p,
    Array.from(data.y, (v) => [v]),
  );
  const at = (h: number, j: number, g: number, k: number) =>
    denseM(
      options,
      theta.map((t, l) => t + (l === j ? h : 0) + (l === k ? g : 0)),
    ).m;
  const b = theta.map((_, j) => {
    const h = 1e-6;
    const up = at(h, j, 0, j);
    const down = at(-h, j, 0, j);
    return mul(
      up.map((r, i) => r.map((v, l) => (v - down[i]![l]!) / (2 * h))),
      u,
    );
  });
  const ai = b.map((bj) => b.map((bk) => 0.5 * mul(tr(bj), mul(p, bk))[0]![0]!));
  // Steps relative to each parameter (1e-3): truncation ~(h/θ)² = 1e-6, rounding ~1e-16/h² of M ≈ 1e-8.
  const step = theta.map((t) => 1e-3 * Math.max(Math.abs(t), 1e-2));
  const curvature = theta.map((_, j) =>
    theta.map((_, k) => {
      const [hj, hk] = [step[j]!, step[k]!];
      const [pp, pm, mp, mm] = [at(hj, j, hk, k), at(hj, j, -hk, k), at(-hj, j, hk, k), at(-hj, j, -hk, k)];
      let s = 0;
      for (let a = 0; a < m.length; a++)
        for (let e = 0; e < m.length; e++) s += ((pp[a]![e]! - pm[a]![e]! - mp[a]![e]! + mm[a]![e]!) / (4 * hj * hk)) * (p[a]![e]! - u[a]![0]! * u[e]![0]!);
      return 0.5 * s;
    }),
  );
  return { ai, curvature };
}

/** Compare blockScore's information at θ with the dense reference; returns whether the curvature term was in it. */
function expectInformation(options: ModelDataOptions, theta: number[]): boolean {
  const data = buildModelData(synthetic(), options);
  const s = blockScore(data, planBlocks(data), Float64Array.from(theta), true, 0)!;
  const { ai, curvature } = denseInformation(options, theta);
  const n = theta.length;
  const curved = s.information.some((x, i) => x !== s.averageInformation[i]);
  for (const [j, row] of ai.entries()) {
    for (const [k, v] of row.entries()) {
      // ∂M/∂θ by central differences in the dense reference (~1e-9 relative): 1e-6 leaves room.
      expect(Math.abs(s.averageInformation[j * n + k]! - v)).toBeLessThan(1e-6 * (1 + Math.abs(v)));
      // ∂²M by second differences (~1e-6 relative, see denseInformation): 1e-5.
      const c = curved ? curvature[j]![k]! : 0;
      expect(Math.abs(s.information[j * n + k]! - v - c)).toBeLessThan(1e-5 * (1 + Math.abs(v + c)));
    }
  }
  return curved;
}

describe('blockScore(data, plan, theta, reml, logDetXtX)', () => {
  it.each(['UN', 'HAR'])('%s: at the REML optimum (correlations on their bound) the information carries the curvature term', (struct) => {
    const options = MODELS.find(([name]) => name === struct)![1];
    const fit = fitMultilevelModel(buildModelData(synthetic(), options), 'REML');
    expect(fit.converged).toBe(true);
    expect(expectInformation(options, Array.from(fit.theta))).toBe(true);
  });
  describe.each(MODELS)('%s', (_name, options, theta) => {
    it.each([true, false])('gradient equals central differences of the log-likelihood (REML: %s)', (reml) => {
      const data = buildModelData(synthetic(), options);
      const plan = planBlocks(data);
      const s = blockScore(data, plan, Float64Array.from(theta), reml, 0)!;
      const f = (t: number[]) => logLikelihoodAt(data, plan, t, reml, 0);
      expect(s.value).toBe(f(theta));
      theta.forEach((_, j) => {
        const fd = centralSlope(f, theta, j);
        // The central difference is good to ~1e-9 relative here (see centralSlope); 1e-6 leaves room.
        expect(Math.abs(s.gradient[j]! - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      });
    });
    it("average information equals ½·b'P·b from the dense k×k matrices; the information adds ½·Σ ∂²M∘(P − uu') (REML)", () => {
      expectInformation(options, theta);
    });
  });
  it('gives an infinite slope in a tau2 of HCS at 0 with a correlated partner, finite slopes elsewhere', () => {
    const data = buildModelData(synthetic(), MODELS[2]![1]);
    const s = blockScore(data, planBlocks(data), Float64Array.of(0.03, 0, 0.05, 0.3), true, 0)!;
    expect(Number.isFinite(s.gradient[1]!)).toBe(false);
    expect([0, 2, 3].every((j) => Number.isFinite(s.gradient[j]!))).toBe(true);
  });
});

describe('structSecondDerivatives(struct, n, tau2, rho)', () => {
  it.each(['CS', 'HCS', 'UN', 'AR', 'HAR', 'DIAG', 'ID'] as const)('%s: central differences of structDerivatives', (struct) => {
    const n = 4;
    const many = struct === 'HCS' || struct === 'UN' || struct === 'HAR' || struct === 'DIAG';
    const tau2 = many ? [0.3, 0.5, 0.2, 0.4] : [0.3];
    const rho = struct === 'UN' ? [0.1, 0.2, -0.1, 0.3, 0.05, 0.2] : struct === 'DIAG' || struct === 'ID' ? [] : [0.4];
    const theta = [...tau2, ...rho];
    const q = theta.length;
    const second = structSecondDerivatives(struct, n, tau2, rho);
    const h = 1e-6;
    for (let b = 0; b < q; b++) {
      const up = theta.map((t, l) => (l === b ? t + h : t));
      const down = theta.map((t, l) => (l === b ? t - h : t));
      const dUp = structDerivatives(struct, n, up.slice(0, tau2.length), up.slice(tau2.length));
      const dDown = structDerivatives(struct, n, down.slice(0, tau2.length), down.slice(tau2.length));
      for (let a = 0; a < q; a++) {
        for (let c = 0; c < n * n; c++) {
          const fd = (dUp[a]![c]! - dDown[a]![c]!) / (2 * h);
          // Central differences of smooth terms of size ~1 with h = 1e-6: ~1e-9.
          expect(Math.abs(second[a * q + b]![c]! - fd)).toBeLessThan(1e-7 * (1 + Math.abs(fd)));
        }
      }
    }
  });
});

describe('structDerivatives(struct, n, tau2, rho)', () => {
  it('AR: ∂G/∂ρ = τ²·|i−j|·ρ^(|i−j|−1)', () => {
    expect(Array.from(structDerivatives('AR', 3, [2], [0.5])[1]!)).toEqual([0, 2, 2, 2, 0, 2, 2, 2, 0]);
  });
  it('UN: each ρ_c moves its two cells by τ_i·τ_j, in R lower.tri order', () => {
    const d = structDerivatives('UN', 3, [1, 4, 9], [0.1, 0.2, 0.3]);
    expect(d).toHaveLength(6);
    expect(Array.from(d[4]!)).toEqual([0, 0, 3, 0, 0, 0, 3, 0, 0]);
    expect(Array.from(d[5]!)).toEqual([0, 0, 0, 0, 0, 6, 0, 6, 0]);
  });
});

describe('maximiseBounded(f, start, bounds, control, score)', () => {
  it('finishes by finite differences when the score points the wrong way', () => {
    const f = (t: Float64Array) => -((t[0]! - 2) ** 2);
    // A score whose gradient has the wrong sign: no step along it raises f.
    const wrong = (t: Float64Array) => ({ value: f(t), gradient: Float64Array.of(2 * (t[0]! - 2)), information: Float64Array.of(2) });
    const res = maximiseBounded(f, Float64Array.of(0), { lower: Float64Array.of(-10), upper: Float64Array.of(10), scale: Float64Array.of(1) }, {}, wrong);
    expect(res.converged).toBe(true);
    expect(res.theta[0]).toBeCloseTo(2, 8);
  });
});
