// A fast standard normal CDF for the mixture sums of the Bayesian posteriors, which evaluate it
// millions of times: W. J. Cody's rational Chebyshev approximations of erf and erfc (Cody 1969,
// Math Comp 23:631–637; the coefficient sets of Netlib SPECFUN's CALERF), relative error below
// 1e-15 over the whole range, with only Math.exp. (@stdlib's kernel is as accurate but about 5×
// slower here; the test suite checks the two agree.)

const A = [3.1611237438705656, 113.864154151050156, 377.485237685302021, 3209.37758913846947, 0.185777706184603153] as const;
const B = [23.6012909523441209, 244.024637934444173, 1282.61652607737228, 2844.23683343917062] as const;
const C = [0.564188496988670089, 8.88314979438837594, 66.1191906371416295, 298.635138197400131, 881.95222124176909, 1712.04761263407058, 2051.07837782607147, 1230.33935479799725, 2.15311535474403846e-8] as const;
const D = [15.7449261107098347, 117.693950891312499, 537.181101862009858, 1621.38957456669019, 3290.79923573345963, 4362.61909014324716, 3439.36767414372164, 1230.33935480374942] as const;
const P = [0.305326634961232344, 0.360344899949804439, 0.125781726111229246, 0.0160837851487422766, 6.58749161529837803e-4, 0.0163153871373020978] as const;
const Q = [2.56852019228982242, 1.87295284992346047, 0.527905102951428412, 0.0605183413124413191, 0.00233520497626869185] as const;
const ONE_OVER_SQRT_PI = 0.56418958354775628695;

/** exp(−y²) computed as exp(−s²)·exp(−(y − s)(y + s)) with s = y rounded down to 1/16 (Cody's device against cancellation). */
function expMinusSquare(y: number): number {
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
}

/**
 * The scaled complementary error function erfcx(y) = exp(y²)·erfc(y) for y ≥ 0.46875 (Cody's
 * second and third intervals), so that erfc(y) = erfcx(y)·exp(−y²).
 * @example (erfcxUpper(1) * Math.exp(-1)).toFixed(15) // '0.157299207050285'
 */
export function erfcxUpper(y: number): number {
  if (y <= 4) {
    let num = C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + C[i]!) * y;
      den = (den + D[i]!) * y;
    }
    return (num + C[7]) / (den + D[7]);
  }
  const z = 1 / (y * y);
  let num = P[5] * z;
  let den = z;
  for (let i = 0; i < 4; i++) {
    num = (num + P[i]!) * z;
    den = (den + Q[i]!) * z;
  }
  return (ONE_OVER_SQRT_PI - (z * (num + P[4])) / (den + Q[4])) / y;
}

/**
 * erf(x) for |x| < 0.46875 (Cody's first interval).
 * @example erfSmall(0.25).toFixed(15) // '0.276326390168237'
 */
export function erfSmall(x: number): number {
  const z = x * x;
  let num = A[4] * z;
  let den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + A[i]!) * z;
    den = (den + B[i]!) * z;
  }
  return (x * (num + A[3])) / (den + B[3]);
}

/**
 * Complementary error function erfc(x) (Cody 1969).
 * @example erfc(1).toFixed(15) // '0.157299207050285'
 */
export function erfc(x: number): number {
  const y = Math.abs(x);
  if (y < 0.46875) return 1 - erfSmall(x);
  const upper = erfcxUpper(y) * expMinusSquare(y);
  return x > 0 ? upper : 2 - upper;
}

/**
 * Standard normal CDF Φ(x) = erfc(−x/√2)/2, with full relative precision in the lower tail.
 * @example standardNormalCdf(-1.959963984540054).toFixed(15) // '0.025000000000000'
 */
export function standardNormalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
