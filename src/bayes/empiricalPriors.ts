// Empirical (data-based) priors for the heterogeneity, from two published analyses of the Cochrane
// Database of Systematic Reviews. The parameters are the published ones: Turner et al. (2015),
// Statistics in Medicine 34(6):984–998, Table IV (log-normal predictive distributions for τ² of
// log odds ratios), and Rhodes et al. (2015), Journal of Clinical Epidemiology 68(1):52–60, Table 3
// and Appendix Tables A.3.1–A.3.2 (log-t predictive distributions with 5 df for τ² of
// standardized mean differences). bayesmeta's TurnerEtAlPrior and RhodesEtAlPrior tabulate the same.

/** The five comparison types of Turner et al. (2015), by slug. */
export const TURNER_COMPARISONS = ['pharma-vs-placebo', 'pharma-vs-pharma', 'nonpharma-vs-placebo', 'nonpharma-vs-pharma', 'nonpharma-vs-nonpharma'] as const;
export type TurnerComparison = (typeof TURNER_COMPARISONS)[number];

/** The sixteen outcome types of Turner et al. (2015), Table IV, by slug, with the published label. */
export const TURNER_OUTCOMES = {
  'all-cause-mortality': 'all-cause mortality',
  obstetric: 'obstetric outcomes',
  'cause-specific-mortality': 'cause-specific mortality / major morbidity event / composite (mortality or morbidity)',
  'resource-use': 'resource use / hospital stay / process',
  surgical: 'surgical / device related success / failure',
  withdrawals: 'withdrawals / drop-outs',
  'internal-structure': 'internal / structure-related outcomes',
  'general-physical-health': 'general physical health indicators',
  'adverse-events': 'adverse events',
  infection: 'infection / onset of new disease',
  'signs-symptoms': 'signs / symptoms reflecting continuation / end of condition',
  pain: 'pain',
  'quality-of-life': 'quality of life / functioning (dichotomized)',
  'mental-health': 'mental health indicators',
  'biological-markers': 'biological markers (dichotomized)',
  subjective: 'subjective outcomes (various)',
} as const;
export type TurnerOutcome = keyof typeof TURNER_OUTCOMES;

// Turner et al. (2015) Table IV: mean of log τ², one row per outcome (in TURNER_OUTCOMES order),
// one column per comparison (in TURNER_COMPARISONS order).
const TURNER_MEAN = [
  [-3.95, -4.18, -4.17, -2.92, -3.5],
  [-3.52, -3.75, -3.74, -2.49, -3.08],
  [-3.71, -3.95, -3.93, -2.68, -3.27],
  [-2.34, -2.58, -2.56, -1.31, -1.9],
  [-2.14, -2.37, -2.36, -1.11, -1.69],
  [-2.99, -3.23, -3.21, -1.96, -2.55],
  [-2.71, -2.94, -2.93, -1.67, -2.26],
  [-2.29, -2.53, -2.51, -1.26, -1.85],
  [-1.87, -2.1, -2.1, -0.84, -1.43],
  [-2.49, -2.73, -2.71, -1.46, -2.05],
  [-2.06, -2.29, -2.28, -1.03, -1.61],
  [-1.83, -2.06, -2.05, -0.8, -1.38],
  [-2.54, -2.78, -2.77, -1.51, -2.1],
  [-2.12, -2.35, -2.34, -1.09, -1.67],
  [-1.77, -2.0, -1.99, -0.74, -1.33],
  [-2.7, -2.93, -2.92, -1.67, -2.26],
] as const;
// Turner et al. (2015) Table IV: standard deviation of log τ², same layout.
const TURNER_SD = [
  [1.34, 1.41, 1.55, 1.02, 1.26],
  [1.74, 1.79, 1.91, 1.5, 1.68],
  [1.74, 1.79, 1.91, 1.51, 1.68],
  [1.74, 1.79, 1.91, 1.5, 1.68],
  [1.74, 1.79, 1.91, 1.5, 1.68],
  [1.74, 1.79, 1.91, 1.51, 1.68],
  [1.74, 1.79, 1.92, 1.51, 1.68],
  [1.53, 1.58, 1.72, 1.25, 1.46],
  [1.52, 1.58, 1.71, 1.24, 1.45],
  [1.52, 1.58, 1.71, 1.24, 1.45],
  [1.51, 1.58, 1.71, 1.24, 1.45],
  [1.52, 1.58, 1.71, 1.25, 1.45],
  [1.54, 1.6, 1.73, 1.27, 1.47],
  [1.53, 1.6, 1.72, 1.27, 1.47],
  [1.52, 1.58, 1.71, 1.24, 1.45],
  [1.52, 1.58, 1.71, 1.25, 1.45],
] as const;

/** A log-normal or log-t prior for τ², as published. */
export interface EmpiricalPrior {
  readonly family: 'log-normal' | 'log-t5';
  /** Location (mean for log-normal) of log τ². */
  readonly location: number;
  /** Scale (SD for log-normal) of log τ². */
  readonly scale: number;
  readonly label: string;
  readonly source: string;
}

const TURNER_SOURCE =
  'Turner RM, Jackson D, Wei Y, Thompson SG, Higgins JPT (2015). Predictive distributions for between-study heterogeneity and simple methods for their application in Bayesian meta-analysis. Statistics in Medicine 34(6):984–998, Table IV';

/**
 * Turner et al.'s (2015) log-normal predictive prior for τ² of a log odds ratio; without arguments
 * the marginal one over all settings (p. 993: log τ² ~ N(−2.56, 1.74²)).
 * @example turnerPrior('all-cause-mortality', 'pharma-vs-placebo').location // -3.95
 */
export function turnerPrior(outcome?: TurnerOutcome, comparison?: TurnerComparison): EmpiricalPrior {
  if (outcome === undefined || comparison === undefined) {
    return {
      family: 'log-normal',
      location: -2.56,
      scale: 1.74,
      label: 'Turner et al. 2015, any outcome and comparison',
      source: `${TURNER_SOURCE.replace(', Table IV', '')}, p. 993`,
    };
  }
  const row = Object.keys(TURNER_OUTCOMES).indexOf(outcome);
  const col = TURNER_COMPARISONS.indexOf(comparison);
  return {
    family: 'log-normal',
    location: TURNER_MEAN[row]![col]!,
    scale: TURNER_SD[row]![col]!,
    label: `Turner et al. 2015: ${TURNER_OUTCOMES[outcome]}; ${comparison}`,
    source: TURNER_SOURCE,
  };
}

/** The three comparison types of Rhodes et al. (2015). */
export const RHODES_COMPARISONS = ['pharma-vs-placebo', 'pharma-vs-pharma', 'nonpharma'] as const;
export type RhodesComparison = (typeof RHODES_COMPARISONS)[number];

/** The eight outcome types of Rhodes et al. (2015), Table 3, by slug, with the published label. */
export const RHODES_OUTCOMES = {
  obstetric: 'obstetric outcome',
  'resource-use': 'resource use and hospital stay / process',
  'internal-structure': 'internal and external structure-related outcome',
  'general-physical-health': 'general physical health and adverse event and pain and quality of life / functioning',
  'signs-symptoms': 'signs / symptoms reflecting continuation / end of condition and infection / onset of new acute / chronic disease',
  'mental-health': 'mental health outcome',
  'biological-markers': 'biological marker',
  subjective: 'various subjectively measured outcomes',
} as const;
export type RhodesOutcome = keyof typeof RHODES_OUTCOMES;

/** Medical areas of Rhodes et al. (2015): Table 3 (other) and Appendix Tables A.3.1 and A.3.2. */
export const RHODES_AREAS = ['other', 'respiratory', 'cancer'] as const;
export type RhodesArea = (typeof RHODES_AREAS)[number];

// Location of log τ² (rows: outcomes in RHODES_OUTCOMES order; columns: comparisons), by area.
const RHODES_LOCATION: Readonly<Record<RhodesArea, readonly (readonly number[])[]>> = {
  other: [
    [-4.13, -4.4, -3.99],
    [-2.55, -2.83, -2.41],
    [-2.43, -2.7, -2.29],
    [-3.16, -3.44, -3.02],
    [-3.0, -3.27, -2.86],
    [-2.99, -3.27, -3.85],
    [-3.41, -3.68, -3.27],
    [-2.76, -3.03, -2.62],
  ],
  respiratory: [
    [-6.03, -6.31, -5.89],
    [-4.46, -4.73, -4.32],
    [-4.33, -4.61, -4.19],
    [-5.07, -5.34, -4.93],
    [-4.9, -5.18, -4.76],
    [-4.9, -5.17, -4.76],
    [-5.31, -5.59, -5.17],
    [-4.66, -4.94, -4.52],
  ],
  cancer: [
    [-1.57, -1.85, -1.43],
    [0.01, -0.27, 0.15],
    [-0.13, -0.14, 0.27],
    [-0.6, -0.88, -0.46],
    [-0.44, -0.71, -0.3],
    [-0.43, -0.71, -0.29],
    [-0.85, -1.13, -0.71],
    [-0.2, -0.48, -0.06],
  ],
};
// Scale of log τ², same layout.
const RHODES_SCALE: Readonly<Record<RhodesArea, readonly (readonly number[])[]>> = {
  other: [
    [2.34, 2.31, 2.11],
    [2.73, 2.7, 2.57],
    [2.5, 2.46, 2.32],
    [2.5, 2.44, 2.27],
    [2.5, 2.47, 2.33],
    [2.16, 2.14, 1.93],
    [2.83, 2.78, 2.66],
    [2.58, 2.59, 2.41],
  ],
  respiratory: [
    [2.36, 2.31, 2.21],
    [2.74, 2.7, 2.57],
    [2.51, 2.46, 2.33],
    [2.51, 2.45, 2.28],
    [2.5, 2.47, 2.33],
    [2.17, 2.14, 1.94],
    [2.83, 2.78, 2.66],
    [2.59, 2.59, 2.41],
  ],
  cancer: [
    [2.45, 2.41, 2.24],
    [2.83, 2.79, 2.68],
    [2.61, 2.56, 2.45],
    [2.61, 2.55, 2.4],
    [2.6, 2.57, 2.46],
    [2.28, 2.25, 2.08],
    [2.93, 2.87, 2.78],
    [2.68, 2.68, 2.53],
  ],
};

const RHODES_SOURCE =
  'Rhodes KM, Turner RM, Higgins JPT (2015). Predictive distributions were developed for the extent of heterogeneity in meta-analyses of continuous outcome data. Journal of Clinical Epidemiology 68(1):52–60';

/**
 * Rhodes et al.'s (2015) log-t (5 df) predictive prior for τ² of a standardized mean difference;
 * without arguments the general one (Section 3.3: location −3.44, scale 2.59).
 * @example rhodesPrior('obstetric', 'pharma-vs-placebo').location // -4.13
 */
export function rhodesPrior(outcome?: RhodesOutcome, comparison?: RhodesComparison, area: RhodesArea = 'other'): EmpiricalPrior {
  if (outcome === undefined || comparison === undefined) {
    return { family: 'log-t5', location: -3.44, scale: 2.59, label: 'Rhodes et al. 2015, any outcome and comparison', source: `${RHODES_SOURCE}, Section 3.3` };
  }
  const row = Object.keys(RHODES_OUTCOMES).indexOf(outcome);
  const col = RHODES_COMPARISONS.indexOf(comparison);
  const table = area === 'other' ? 'Table 3' : area === 'respiratory' ? 'Table A.3.1' : 'Table A.3.2';
  return {
    family: 'log-t5',
    location: RHODES_LOCATION[area][row]![col]!,
    scale: RHODES_SCALE[area][row]![col]!,
    label: `Rhodes et al. 2015: ${RHODES_OUTCOMES[outcome]}; ${comparison}; ${area}`,
    source: `${RHODES_SOURCE}, ${table}`,
  };
}
