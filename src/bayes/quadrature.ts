// Globally adaptive Gauss–Kronrod quadrature (the 7-point Gauss rule embedded in the 15-point
// Kronrod rule, as QUADPACK's QAG; Piessens et al. 1983). The nodes and weights below are the
// classical published constants of the G7–K15 pair.

const KRONROD_NODES = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691, 0.7415311855993945, 0.5860872354676911, 0.4058451513773972, 0.20778495500789848, 0,
] as const;
const KRONROD_WEIGHTS = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019, 0.14065325971552592, 0.1690047266392679, 0.19035057806478542, 0.20443294007529889,
  0.20948214108472782,
] as const;
/** Weights of the 7-point Gauss rule, whose nodes are the Kronrod nodes of odd index (1, 3, 5, 7). */
const GAUSS_WEIGHTS = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694] as const;

/** The 15 nodes of the Kronrod rule on [a, b], in increasing order. */
export function kronrodNodes(a: number, b: number): Float64Array {
  const c = (a + b) / 2;
  const h = (b - a) / 2;
  const x = new Float64Array(15);
  for (let j = 0; j < 7; j++) {
    x[j] = c - h * KRONROD_NODES[j]!;
    x[14 - j] = c + h * KRONROD_NODES[j]!;
  }
  x[7] = c;
  return x;
}

/** The Kronrod weights of `kronrodNodes(a, b)`, scaled to the interval. */
export function kronrodWeights(a: number, b: number): Float64Array {
  const h = (b - a) / 2;
  const w = new Float64Array(15);
  for (let j = 0; j < 7; j++) w[j] = w[14 - j] = h * KRONROD_WEIGHTS[j]!;
  w[7] = h * KRONROD_WEIGHTS[7];
  return w;
}

/** The embedded Gauss weights on the same 15 nodes (zero on the Kronrod-only nodes). */
function gaussWeights(a: number, b: number): Float64Array {
  const h = (b - a) / 2;
  const w = new Float64Array(15);
  for (let j = 1; j < 7; j += 2) w[j] = w[14 - j] = h * GAUSS_WEIGHTS[(j - 1) / 2]!;
  w[7] = h * GAUSS_WEIGHTS[3];
  return w;
}

/**
 * The 15-point Kronrod estimate of ∫ f over [a, b].
 * @example kronrod15((x) => x * x, 0, 1) // 0.3333333333333333
 */
export function kronrod15(f: (x: number) => number, a: number, b: number): number {
  const x = kronrodNodes(a, b);
  const w = kronrodWeights(a, b);
  let s = 0;
  for (let j = 0; j < 15; j++) s += w[j]! * f(x[j]!);
  return s;
}

/** One panel of an adaptive rule: its nodes, the integrand there, and its estimates. */
export interface Panel {
  readonly a: number;
  readonly b: number;
  readonly x: Float64Array;
  readonly fx: Float64Array;
  /** Kronrod estimates of ∫ f·g_m for every multiplier g_m. */
  readonly kronrod: Float64Array;
  /** |Kronrod − Gauss| for every multiplier: the panel's error estimate. */
  readonly error: Float64Array;
}

/** The integrand and the multipliers g_m whose integrals ∫ f·g_m must all meet the tolerance. */
export interface AdaptiveProblem {
  readonly f: (x: number) => number;
  readonly multipliers: readonly ((x: number) => number)[];
}

function makePanel(p: AdaptiveProblem, a: number, b: number): Panel {
  const x = kronrodNodes(a, b);
  const wk = kronrodWeights(a, b);
  const wg = gaussWeights(a, b);
  const fx = new Float64Array(15);
  for (let j = 0; j < 15; j++) fx[j] = p.f(x[j]!);
  const m = p.multipliers.length;
  const kronrod = new Float64Array(m);
  const error = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const g = p.multipliers[i]!;
    let sk = 0;
    let sg = 0;
    for (let j = 0; j < 15; j++) {
      const v = fx[j] === 0 ? 0 : fx[j]! * g(x[j]!);
      sk += wk[j]! * v;
      sg += wg[j]! * v;
    }
    kronrod[i] = sk;
    error[i] = Math.abs(sk - sg);
  }
  return { a, b, x, fx, kronrod, error };
}

export interface AdaptiveResult {
  /** The panels in increasing order of x, covering the breakpoints' range. */
  readonly panels: readonly Panel[];
  /** ∫ f·g_m for every multiplier. */
  readonly values: Float64Array;
  readonly errors: Float64Array;
  readonly converged: boolean;
}

function relativeExcess(values: Float64Array, errors: Float64Array, relTol: number): number {
  let worst = 0;
  for (let i = 0; i < values.length; i++) worst = Math.max(worst, errors[i]! / (relTol * Math.abs(values[i]!) + 1e-300));
  return worst;
}

function sums(panels: readonly Panel[], m: number): { values: Float64Array; errors: Float64Array } {
  const values = new Float64Array(m);
  const errors = new Float64Array(m);
  for (const p of panels) {
    for (let i = 0; i < m; i++) {
      values[i] = values[i]! + p.kronrod[i]!;
      errors[i] = errors[i]! + p.error[i]!;
    }
  }
  return { values, errors };
}

/**
 * Globally adaptive G7–K15 integration of f·g_m over the breakpoints' range: the panel with the
 * largest scaled error is bisected until every integral's summed error is below `relTol` of its
 * value (QUADPACK QAG's strategy, with several integrands sharing one set of panels).
 * @example adaptiveIntegrate({ f: Math.exp, multipliers: [() => 1] }, [0, 1]).values[0] // 1.718281828459045
 */
export function adaptiveIntegrate(
  problem: AdaptiveProblem,
  breakpoints: readonly number[],
  options: { relTol?: number; maxPanels?: number } = {},
): AdaptiveResult {
  const relTol = options.relTol ?? 1e-12;
  const maxPanels = options.maxPanels ?? 4000;
  const m = problem.multipliers.length;
  let panels: Panel[] = [];
  for (let i = 0; i + 1 < breakpoints.length; i++) panels.push(makePanel(problem, breakpoints[i]!, breakpoints[i + 1]!));
  let { values, errors } = sums(panels, m);
  while (relativeExcess(values, errors, relTol) > 1 && panels.length < maxPanels) {
    const scale = Array.from(values, (v) => relTol * Math.abs(v) + 1e-300);
    let worst = 0;
    let worstScore = -1;
    for (let j = 0; j < panels.length; j++) {
      let score = 0;
      for (let i = 0; i < m; i++) score = Math.max(score, panels[j]!.error[i]! / scale[i]!);
      if (score > worstScore) [worst, worstScore] = [j, score];
    }
    const p = panels[worst]!;
    const mid = (p.a + p.b) / 2;
    if (!(mid > p.a && mid < p.b)) break;
    panels = [...panels.slice(0, worst), makePanel(problem, p.a, mid), makePanel(problem, mid, p.b), ...panels.slice(worst + 1)];
    ({ values, errors } = sums(panels, m));
  }
  return { panels, values, errors, converged: relativeExcess(values, errors, relTol) <= 1 };
}
