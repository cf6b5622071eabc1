// Σ log d_i over many positive terms at a fraction of the cost of one log each.

/**
 * A sum of logarithms taken as the log of running products: one log per 16 terms, factors and
 * products kept within 1e±100 (anything else is logged on its own), so nothing overflows or underflows.
 * @example (() => { const s = new LogSum(); for (const d of [2, 3, 4]) s.add(d); return s.value; })() // 3.1781
 */
export class LogSum {
  private product = 1;
  private logs = 0;
  private n = 0;
  add(d: number): void {
    if (d > 1e-100 && d < 1e100) {
      this.product *= d;
      if ((++this.n & 15) === 0 || !(this.product > 1e-100 && this.product < 1e100)) {
        this.logs += Math.log(this.product);
        this.product = 1;
      }
    } else this.logs += Math.log(d);
  }
  get value(): number {
    return this.logs + Math.log(this.product);
  }
}

/**
 * Σ log(1 + s·α_g) over n groups of `width` cells (α in cell 0 of each), the way LogSum takes a
 * sum of logarithms: one logarithm per 16 factors, products kept within 1e±100 (a factor outside
 * is logged on its own). Read before the groups are overwritten.
 * @example levelLogSum(Float64Array.of(1, 9, 3, 9), 2, 2, 1) // 2.0794 (log 2 + log 4)
 */
export function levelLogSum(src: Float64Array, n: number, width: number, s: number): number {
  let logs = 0;
  let product = 1;
  for (let g = 0; g < n; g++) {
    const r = 1 + s * src[g * width]!;
    if (r > 1e-100 && r < 1e100) {
      product *= r;
      if ((g & 15) === 15 || !(product > 1e-100 && product < 1e100)) {
        logs += Math.log(product);
        product = 1;
      }
    } else logs += Math.log(r);
  }
  return logs + Math.log(product);
}
