// Mean and SD of a sample from its median with the range and/or the quartiles (the methods of
// metafor's `conv.fivenum`): means by Luo et al. (2018), SDs by Wan et al. (2014) for the range or
// the quartiles alone and by Shi et al. (2020) for all five numbers. All assume normal data.
import { normalQuantile } from '../../distributions/normal.js';

/** The reported summaries; `median` and `n` always, with min/max (S1), q1/q3 (S2) or all (S3). */
export interface FiveNumbers {
  readonly min?: number;
  readonly q1?: number;
  readonly median: number;
  readonly q3?: number;
  readonly max?: number;
  readonly n: number;
}

/** Shi et al.'s test for skewness of the summaries: normal-theory estimates are not used when `skewed`. */
export interface SkewnessTest {
  readonly statistic: number;
  readonly critical: number;
  readonly skewed: boolean;
}

export interface MeanSd {
  readonly mean: number;
  readonly sd: number;
  readonly skewness: SkewnessTest;
  /** The scenario (S1 min/median/max, S2 quartiles, S3 all five) and the methods used. */
  readonly scenario: 'S1' | 'S2' | 'S3';
  readonly method: string;
}

/** ξ(n) = Φ⁻¹((n − 0.375)/(n + 0.25)): expected range of n normal values, halved (Wan et al. 2014, eq. 7). */
const rangeScale = (n: number) => 2 * normalQuantile((n - 0.375) / (n + 0.25));
/** η(n) = 2Φ⁻¹((0.75n − 0.125)/(n + 0.25)): expected interquartile range in SDs (Wan et al. 2014, eq. 13). */
const iqrScale = (n: number) => 2 * normalQuantile((0.75 * n - 0.125) / (n + 0.25));

/**
 * Estimated mean and SD from a five-number summary (or part of it), assuming normal data.
 * S1 (min, median, max): mean = w(a + b)/2 + (1 − w)m, w = 4/(4 + n^0.75) (Luo et al. 2018);
 * SD = (b − a)/ξ(n) (Wan et al. 2014). S2 (q1, median, q3): mean = w(q1 + q3)/2 + (1 − w)m,
 * w = 0.7 + 0.39/n (Luo); SD = (q3 − q1)/η(n) (Wan). S3 (all five): mean with w1 = 2.2/(2.2 + n^0.75),
 * w2 = 0.7 − 0.72/n^0.55 (Luo); SD = (b − a)/θ1 + (q3 − q1)/θ2 with θ1 = (2 + 0.14n^0.6)·Φ⁻¹((n − 0.375)/(n + 0.25)),
 * θ2 = (2 + 2/(0.07n^0.6))·Φ⁻¹((0.75n − 0.125)/(n + 0.25)) (Shi et al. 2020). NaN when neither
 * the range nor the quartiles are complete.
 * @example meanSdFromFiveNumbers({ min: 1, median: 4, max: 10, n: 30 }).mean // 4.356747670083601
 */
export function meanSdFromFiveNumbers(x: FiveNumbers): MeanSd {
  const { min: a, q1, median: m, q3, max: b, n } = x;
  const range = a !== undefined && b !== undefined;
  const iqr = q1 !== undefined && q3 !== undefined;
  const skewness = skewnessTest(x);
  if (range && iqr) {
    const w1 = 2.2 / (2.2 + n ** 0.75);
    const w2 = 0.7 - 0.72 / n ** 0.55;
    const theta1 = (2 + 0.14 * n ** 0.6) * normalQuantile((n - 0.375) / (n + 0.25));
    const theta2 = (2 + 2 / (0.07 * n ** 0.6)) * normalQuantile((0.75 * n - 0.125) / (n + 0.25));
    return {
      mean: (w1 * (a + b)) / 2 + (w2 * (q1 + q3)) / 2 + (1 - w1 - w2) * m,
      sd: (b - a) / theta1 + (q3 - q1) / theta2,
      scenario: 'S3',
      method: 'mean: Luo et al. (2018); SD: Shi et al. (2020)',
      skewness,
    };
  }
  if (range) {
    const w = 4 / (4 + n ** 0.75);
    return {
      mean: (w * (a + b)) / 2 + (1 - w) * m,
      sd: (b - a) / rangeScale(n),
      scenario: 'S1',
      method: 'mean: Luo et al. (2018); SD: Wan et al. (2014)',
      skewness,
    };
  }
  if (iqr) {
    const w = 0.7 + 0.39 / n;
    return {
      mean: (w * (q1 + q3)) / 2 + (1 - w) * m,
      sd: (q3 - q1) / iqrScale(n),
      scenario: 'S2',
      method: 'mean: Luo et al. (2018); SD: Wan et al. (2014)',
      skewness,
    };
  }
  return { mean: NaN, sd: NaN, scenario: 'S1', method: 'none: neither the range nor the quartiles are complete', skewness };
}

/**
 * Test of skewness of a five-number summary (Shi et al.), as metafor's conv.fivenum applies it:
 * S1 |a + b − 2m|/(b − a) against 1/log(n + 9) + 2.5/(n + 1); S2 |q1 + q3 − 2m|/(q3 − q1) against
 * 2.65/√n − 6/n²; S3 the larger of 2.65·log(0.6n)/√n times the S1 ratio and the S2 ratio, against
 * 3/√n − 40/n³. Skewed when the statistic reaches the critical value.
 * @example skewnessTest({ min: 1, median: 2, max: 30, n: 20 }).skewed // true
 */
export function skewnessTest(x: FiveNumbers): SkewnessTest {
  const { min: a, q1, median: m, q3, max: b, n } = x;
  const rangeRatio = a !== undefined && b !== undefined ? Math.abs((a + b - 2 * m) / (b - a)) : undefined;
  const iqrRatio = q1 !== undefined && q3 !== undefined ? Math.abs((q1 + q3 - 2 * m) / (q3 - q1)) : undefined;
  let statistic: number;
  let critical: number;
  if (rangeRatio !== undefined && iqrRatio !== undefined) {
    statistic = Math.max(((2.65 * Math.log(0.6 * n)) / Math.sqrt(n)) * rangeRatio, iqrRatio);
    critical = 3 / Math.sqrt(n) - 40 / n ** 3;
  } else if (rangeRatio !== undefined) {
    statistic = rangeRatio;
    critical = 1 / Math.log(n + 9) + 2.5 / (n + 1);
  } else if (iqrRatio !== undefined) {
    statistic = iqrRatio;
    critical = 2.65 / Math.sqrt(n) - 6 / n ** 2;
  } else return { statistic: NaN, critical: NaN, skewed: false };
  return { statistic, critical, skewed: statistic >= critical };
}
