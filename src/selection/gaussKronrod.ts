// Globally adaptive Gauss–Kronrod (7/15-point) quadrature of a vector-valued integrand over a
// finite interval with break points (Piessens et al. 1983, QUADPACK's QAG strategy: always bisect
// the panel with the largest error). Vector-valued so that a likelihood and its gradient integrals
// share one set of nodes. Kernel: never throws; a NaN integrand gives NaN.

/** Kronrod 15-point abscissae on [0, 1] (XGK[1], XGK[3], XGK[5], XGK[7] are the 7-point Gauss nodes). */
export const XGK: readonly number[] = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
];
/** Kronrod 15-point weights of ±XGK[j]. */
export const WGK: readonly number[] = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889,
  0.20948214108472782,
];
/** 7-point Gauss weights at XGK[1], XGK[3], XGK[5], XGK[7]. */
export const WG: readonly number[] = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

/** f(x, out) writes the m integrand components at x into out. */
export type VectorIntegrand = (x: number, out: Float64Array) => void;

interface Panel {
  a: number;
  b: number;
  value: Float64Array;
  error: number;
}

function gk15(f: VectorIntegrand, a: number, b: number, m: number, buf: Float64Array, fv: Float64Array): Panel {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const k = new Float64Array(m);
  const g = new Float64Array(m);
  let n = 0;
  for (let j = 0; j < 8; j++) {
    for (let side = j === 7 ? 1 : 0; side < 2; side++) {
      f(side === 0 ? c - h * XGK[j]! : c + h * XGK[j]!, buf);
      for (let q = 0; q < m; q++) {
        fv[n * m + q] = buf[q]!;
        k[q] = k[q]! + WGK[j]! * buf[q]!;
        if (j % 2 === 1) g[q] = g[q]! + WG[(j - 1) / 2]! * buf[q]!;
      }
      n++;
    }
  }
  // QUADPACK's error estimate per component: |K − G| scaled by the panel's variation, far less
  // pessimistic than |K − G| for smooth integrands; the panel's error is the sum over components.
  let error = 0;
  for (let q = 0; q < m; q++) {
    const mean = k[q]! / 2;
    let resasc = 0;
    n = 0;
    for (let j = 0; j < 8; j++) for (let side = j === 7 ? 1 : 0; side < 2; side++) resasc += WGK[j]! * Math.abs(fv[n++ * m + q]! - mean);
    resasc *= Math.abs(h);
    let e = Math.abs((k[q]! - g[q]!) * h);
    if (resasc !== 0 && e !== 0) e = resasc * Math.min(1, ((200 * e) / resasc) ** 1.5);
    error += e;
    k[q] = k[q]! * h;
  }
  return { a, b, value: k, error };
}

export interface QuadratureResult {
  readonly value: Float64Array;
  readonly error: number;
  readonly panels: number;
}

/**
 * ∫ f over [points[0], points[last]] with the interval first cut at every break point; the panel
 * with the largest error is bisected until the summed error of the first component is at most
 * relTol·|integral of the first component| (or maxPanels is reached).
 * @example adaptiveGaussKronrod((x, o) => { o[0] = Math.exp(-x * x); }, [-10, 10], 1).value[0] // 1.7724538509055159
 */
export function adaptiveGaussKronrod(f: VectorIntegrand, points: readonly number[], m: number, relTol = 1e-11, maxPanels = 400): QuadratureResult {
  const buf = new Float64Array(m);
  const f0 = new Float64Array(15 * m);
  const panels: Panel[] = [];
  for (let i = 0; i + 1 < points.length; i++) if (points[i + 1]! > points[i]!) panels.push(gk15(f, points[i]!, points[i + 1]!, m, buf, f0));
  for (;;) {
    let total = 0;
    let err = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i++) {
      total += panels[i]!.value[0]!;
      err += panels[i]!.error;
      if (panels[i]!.error > panels[worst]!.error) worst = i;
    }
    if (!(err > relTol * Math.abs(total)) || panels.length >= maxPanels || !Number.isFinite(err)) {
      const value = new Float64Array(m);
      for (const p of panels) for (let q = 0; q < m; q++) value[q] = value[q]! + p.value[q]!;
      return { value, error: err, panels: panels.length };
    }
    const p = panels[worst]!;
    const mid = 0.5 * (p.a + p.b);
    if (!(mid > p.a && mid < p.b)) {
      p.error = 0; // cannot be split further in double precision
      continue;
    }
    panels[worst] = gk15(f, p.a, mid, m, buf, f0);
    panels.push(gk15(f, mid, p.b, m, buf, f0));
  }
}
