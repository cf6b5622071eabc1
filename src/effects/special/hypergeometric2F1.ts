// Gauss's hypergeometric function 2F1(a, b; c; x) by its power series, for 0 <= x < 1 (and x = 1
// when c > a + b), the range escalc's UCOR needs: 2F1(1/2, 1/2; (n − 2)/2; 1 − r²).

/**
 * 2F1(a, b; c; x) = Σ (a)ₖ(b)ₖ/((c)ₖ k!) xᵏ (Abramowitz & Stegun 15.1.1), summed until a term no
 * longer changes the sum. NaN outside 0 <= x <= 1 or when the series diverges (x = 1, c <= a + b).
 * @example hypergeometric2F1(0.5, 0.5, 4, 0.75) // 1.0579830885987744
 */
export function hypergeometric2F1(a: number, b: number, c: number, x: number): number {
  if (!(x >= 0 && x <= 1) || !(c > 0) || (x === 1 && !(c > a + b))) return NaN;
  let term = 1;
  let sum = 1;
  // Terms fall like x^k·k^(a+b−c−1); near x = 1 that is slow but still convergent for c > a + b.
  for (let k = 0; k < 10_000_000; k++) {
    term *= (((a + k) * (b + k)) / ((c + k) * (k + 1))) * x;
    const next = sum + term;
    if (next === sum) return sum;
    sum = next;
  }
  return sum;
}
