// Definitions of the measures that are also read by record kind (GEN, MD, SMD, ROM, OR, RR, RD,
// PETO, ZCOR, COR, PR, PLO). Files of their kind keep the kind path (src/effects/effectSizes.ts);
// these definitions list them in `metasynth measures` and compute them when an input has to be
// converted first (a CI or p-value instead of a variance, a median and quartiles instead of a mean
// and SD, a t statistic instead of means, an odds ratio with marginals instead of a 2x2 table).
import { z } from 'zod';
import { logRatioOfMeans, meanDifference, standardisedMeanDifference } from '../continuous.js';
import { fisherZ, rawCorrelation } from '../correlation.js';
import { logitProportion, rawProportion } from '../proportion.js';
import { logOddsRatio, logRiskRatio, petoLogOddsRatio, riskDifference } from '../twoByTwo.js';
import type { Inputs, MeasureDefinition } from './definition.js';
import { twoByTwoInputs, twoGroupInputs, proportionInputs } from './families.js';
import { above, anyNumber, openCorrelation } from './fields.js';

const g = (v: Inputs) => v as Record<'m1i' | 'sd1i' | 'n1i' | 'm2i' | 'sd2i' | 'n2i', number>;
const continuousColumns = ['m1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'] as const;

/** Generic yi with its sampling variance vi (or sei, vi = sei²). */
export const GEN: MeasureDefinition = {
  columns: ['yi', 'vi'],
  schema: z.object({ yi: anyNumber(), vi: above(0) }) as unknown as z.ZodType<Inputs>,
  alternatives: [
    {
      columns: ['yi', 'sei'],
      schema: z.object({ yi: anyNumber(), sei: above(0) }) as unknown as z.ZodType<Inputs>,
      toCanonical: (v) => ({ yi: v.yi!, vi: v.sei! ** 2 }),
    },
  ],
  name: 'GEN',
  label: 'generic effect size',
  family: 'generic',
  scale: 'as given',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1), yi and vi given',
  compute: (v) => ({ yi: v.yi!, vi: v.vi! }),
};

export const MD: MeasureDefinition = {
  ...twoGroupInputs(continuousColumns),
  name: 'MD',
  label: 'raw mean difference',
  family: 'two-group continuous',
  scale: 'mean difference (units of the outcome)',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => meanDifference(g(v)),
};

export const SMD: MeasureDefinition = {
  ...twoGroupInputs(continuousColumns),
  name: 'SMD',
  label: "standardised mean difference (Hedges' g)",
  family: 'two-group continuous',
  scale: 'standardised mean difference',
  backTransform: 'none',
  reference: 'Hedges (1981), J Educ Stat 6:107',
  compute: (v) => standardisedMeanDifference(g(v)),
};

export const ROM: MeasureDefinition = {
  ...twoGroupInputs(continuousColumns),
  name: 'ROM',
  label: 'log ratio of means',
  family: 'two-group continuous',
  scale: 'log ratio of means',
  backTransform: 'exp',
  reference: 'Hedges, Gurevitch & Curtis (1999), Ecology 80:1150',
  compute: (v) => logRatioOfMeans(g(v)),
};

const table = (f: (a: number, b: number, c: number, d: number) => { yi: number; vi: number }) => (v: Inputs) => f(v.ai!, v.bi!, v.ci!, v.di!);

export const OR: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'OR',
  label: 'log odds ratio',
  family: '2x2 table',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'escalc (metafor 3.8-1)',
  compute: table(logOddsRatio),
};
export const RR: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'RR',
  label: 'log risk ratio',
  family: '2x2 table',
  scale: 'log risk ratio',
  backTransform: 'exp',
  reference: 'escalc (metafor 3.8-1)',
  compute: table(logRiskRatio),
};
export const RD: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'RD',
  label: 'risk difference',
  family: '2x2 table',
  scale: 'risk difference',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1)',
  compute: table(riskDifference),
};
export const PETO: MeasureDefinition = {
  ...twoByTwoInputs(0.5),
  name: 'PETO',
  label: "Peto's log odds ratio",
  family: '2x2 table',
  scale: 'log odds ratio',
  backTransform: 'exp',
  reference: 'Yusuf et al. (1985), Prog Cardiovasc Dis 27:335',
  compute: table(petoLogOddsRatio),
};

const corr = { columns: ['ri', 'ni'], schema: z.object({ ri: openCorrelation(), ni: above(1) }) as unknown as z.ZodType<Inputs> };
export const ZCOR: MeasureDefinition = {
  ...corr,
  name: 'ZCOR',
  label: "Fisher's r-to-z transformed correlation",
  family: 'correlation',
  scale: "Fisher's z",
  backTransform: 'tanh',
  reference: 'Fisher (1921), Metron 1:3',
  compute: (v) => fisherZ(v.ri!, v.ni!),
};
export const COR: MeasureDefinition = {
  ...corr,
  name: 'COR',
  label: 'raw correlation coefficient',
  family: 'correlation',
  scale: 'correlation',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => rawCorrelation(v.ri!, v.ni!),
};
export const PR: MeasureDefinition = {
  ...proportionInputs(0.5),
  name: 'PR',
  label: 'raw proportion',
  family: 'proportion',
  scale: 'proportion',
  backTransform: 'none',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => rawProportion(v.xi!, v.ni! - v.xi!),
};
export const PLO: MeasureDefinition = {
  ...proportionInputs(0.5),
  name: 'PLO',
  label: 'logit transformed proportion',
  family: 'proportion',
  scale: 'log odds',
  backTransform: 'ilogit',
  reference: 'escalc (metafor 3.8-1)',
  compute: (v) => logitProportion(v.xi!, v.ni! - v.xi!),
};

/** The kind measures with a definition, in the order of `metasynth measures`. */
export const KIND_MEASURE_DEFINITIONS: readonly MeasureDefinition[] = [GEN, OR, RR, RD, PETO, MD, SMD, ROM, ZCOR, COR, PR, PLO];
