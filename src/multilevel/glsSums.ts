// The sums a multilevel fit needs from the marginal covariance M, whichever path computed them.

/** log|M|, X'M⁻¹X (row-major p×p), X'M⁻¹y and y'M⁻¹y. */
export interface GlsSums {
  readonly logDetM: number;
  readonly xtwx: Float64Array;
  readonly xtwy: Float64Array;
  readonly ytwy: number;
}
