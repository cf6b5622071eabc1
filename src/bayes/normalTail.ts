// A fast standard normal CDF for the mixture sums of the Bayesian posteriors, which evaluate it
// millions of times: W. J. Cody's rational Chebyshev approximations of erf and erfc (Cody 1969,
// Math Comp 23:631–637; the coefficient sets of Netlib SPECFUN's CALERF), relative error below
// 1e-15 over the whole range, with only Math.exp. (@stdlib's kernel is as accurate but about 5×
// slower here; the test suite checks the two agree.)

const A = [3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315] as const;
const B = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171] as const;
const C = [
  0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769, 1712.0476126340707, 2051.0783778260716, 1230.3393547979972,
  2.1531153547440383e-8,
] as const;
const D = [
  15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597, 4362.619090143247, 3439.3676741437216, 1230.3393548037495,
] as const;
const P = [0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 6.587491615298378e-4, 0.016315387137302097] as const;
const Q = [2.568520192289822, 1.8729528499234604, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918] as const;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

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
