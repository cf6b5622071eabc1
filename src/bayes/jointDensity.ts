// The joint posterior density p(μ, τ | y) = p(τ | y)·N(μ; m(τ), V(τ)) on a grid, and the density
// levels whose upper sets hold given posterior masses (highest-posterior-density regions), for the
// joint contour plot (bayesmeta's plot(x, which = 1)).
import type { TauPosterior } from './tauPosterior.js';

export interface JointDensityGrid {
  readonly mu: readonly number[];
  readonly tau: readonly number[];
  /** density[i][j] at (mu[j], tau[i]). */
  readonly density: readonly (readonly number[])[];
  /** Density levels of the HPD regions, one per requested mass (grid approximation). */
  readonly levels: readonly { readonly mass: number; readonly density: number }[];
}

function grid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

/**
 * The joint posterior on an n×n grid over [μ range] × [τ range], with the HPD levels for `masses`
 * found by sorting the grid cells by density and accumulating their mass.
 */
export function jointDensityGrid(
  post: TauPosterior,
  conditional: (tau: number) => { mean: number; variance: number },
  ranges: { mu: [number, number]; tau: [number, number] },
  n = 61,
  masses: readonly number[] = [0.5, 0.9, 0.95, 0.99],
): JointDensityGrid {
  const mu = grid(ranges.mu[0], ranges.mu[1], n);
  const tau = grid(ranges.tau[0], ranges.tau[1], n);
  const density = tau.map((t) => {
    const pt = post.pdf(t);
    const c = conditional(t);
    const sd = Math.sqrt(c.variance);
    return mu.map((m) => {
      const z = (m - c.mean) / sd;
      const d = (pt * Math.exp(-0.5 * z * z)) / (sd * Math.sqrt(2 * Math.PI));
      return Number.isFinite(d) ? d : 0;
    });
  });
  const cell = (mu[1]! - mu[0]!) * (tau[1]! - tau[0]!);
  const values = density.flat().sort((a, b) => b - a);
  const total = values.reduce((s, v) => s + v, 0) * cell;
  const levels = masses.map((mass) => {
    let acc = 0;
    for (const v of values) {
      acc += (v * cell) / total;
      if (acc >= mass) return { mass, density: v };
    }
    return { mass, density: values[values.length - 1]! };
  });
  return { mu, tau, density, levels };
}

/**
 * Contour lines of a gridded function at one level by marching squares: segments [x1, y1, x2, y2]
 * in grid coordinates interpolated linearly along the cell edges.
 * @example contourSegments([0, 1], [0, 1], [[0, 0], [0, 2]], 1).length // 1
 */
export function contourSegments(xs: readonly number[], ys: readonly number[], z: readonly (readonly number[])[], level: number): number[][] {
  const out: number[][] = [];
  const cross = (x0: number, y0: number, v0: number, x1: number, y1: number, v1: number) => {
    const t = (level - v0) / (v1 - v0);
    return [x0 + t * (x1 - x0), y0 + t * (y1 - y0)] as const;
  };
  for (let i = 0; i + 1 < ys.length; i++) {
    for (let j = 0; j + 1 < xs.length; j++) {
      const corners = [
        [xs[j]!, ys[i]!, z[i]![j]!],
        [xs[j + 1]!, ys[i]!, z[i]![j + 1]!],
        [xs[j + 1]!, ys[i + 1]!, z[i + 1]![j + 1]!],
        [xs[j]!, ys[i + 1]!, z[i + 1]![j]!],
      ] as const;
      const points: (readonly [number, number])[] = [];
      for (let e = 0; e < 4; e++) {
        const a = corners[e]!;
        const b = corners[(e + 1) % 4]!;
        if (a[2] >= level !== b[2] >= level) points.push(cross(a[0], a[1], a[2], b[0], b[1], b[2]));
      }
      if (points.length === 2) out.push([...points[0]!, ...points[1]!]);
      else if (points.length === 4) out.push([...points[0]!, ...points[1]!], [...points[2]!, ...points[3]!]);
    }
  }
  return out;
}
