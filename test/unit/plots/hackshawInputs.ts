// A funnel input with every line, built by hand from metafor 3.8-1's figures for dat.hackshaw1998
// (test/fixtures/metafor/dat.hackshaw1998.json: rma REML, trimfill, regtest rma-sei and lm-sei; metafor-bias/
// regtest.json: regtest lm-vi; metafor-bias/selection.json: selmodel 3PSM and beta), so that the
// plot is tested on metafor's numbers, independently of metasynth's engines.
import { readFileSync } from 'node:fs';
import type { FunnelPlotInput } from '../../../src/plots/index.js';
import { Z95 } from './bcgInputs.js';

/** The figures read below, as the fixtures name them (metafor's names). */
interface Figures {
  readonly estimate: number;
  readonly 'ci.lb': number;
  readonly 'ci.ub': number;
  readonly est: number;
  readonly slope: number;
  readonly ci_lb: number;
  readonly ci_ub: number;
  readonly beta: readonly number[];
  readonly se: readonly number[];
  readonly filled: { readonly yi: readonly number[]; readonly vi: readonly number[]; readonly fill: readonly boolean[] };
}
const read = (path: string) => JSON.parse(readFileSync(new URL(`../../fixtures/${path}`, import.meta.url), 'utf8'));

const main = read('metafor/dat.hackshaw1998.json') as { studies: { study: string }[]; cases: { id: string; expected: Figures }[] };
const regtest = read('metafor-bias/regtest.json') as { cases: ({ id: string } & Figures)[] };
const selection = read('metafor-bias/selection.json') as { cases: { id: string; metafor: Figures }[] };

function byId<T extends { id: string }>(cases: readonly T[], id: string): T {
  const c = cases.find((x) => x.id === id);
  if (!c) throw new Error(`fixture case ${id} missing`);
  return c;
}

/** metafor's figures used below, for tests that check the drawing against them. */
export const hackshaw = {
  reml: byId(main.cases, 'OR/rma.uni/REML/z').expected,
  trimFill: byId(main.cases, 'OR/trimfill/REML').expected,
  /** regtest(res): Egger's test, the mixed-effects form (est = intercept, slope on sei). */
  egger: byId(main.cases, 'OR/regtest/REML/rma-sei').expected,
  /** regtest(res, model = "lm"): PET (est = intercept, slope on sei). */
  pet: byId(main.cases, 'OR/regtest/REML/lm-sei').expected,
  /** regtest(res, model = "lm", predictor = "vi"): PEESE. */
  peese: byId(regtest.cases, 'hackshaw1998-lm-vi-REML'),
  psm3: byId(selection.cases, 'hackshaw1998-stepfun-3psm').metafor,
  beta: byId(selection.cases, 'hackshaw1998-beta').metafor,
};

/** A selection model's Wald interval, as selmodel's ci.lb/ci.ub (β ± z·se). */
const wald = (m: Figures) => ({ estimate: m.beta[0]!, ciLower: m.beta[0]! - Z95 * m.se[0]!, ciUpper: m.beta[0]! + Z95 * m.se[0]! });

/** Hackshaw's funnel with trim-and-fill, PET-PEESE, the 3PSM and the beta model (metafor's numbers). */
export function hackshawFunnel(): FunnelPlotInput {
  const tf = hackshaw.trimFill;
  const { pet, peese } = hackshaw;
  // PET-PEESE picks PEESE when PET's intercept differs from 0 at α = 0.05: its 95% CI excludes 0.
  const petSignificant = pet['ci.lb'] > 0 || pet['ci.ub'] < 0;
  const conditional = petSignificant
    ? { estimate: peese.est, ciLower: peese.ci_lb, ciUpper: peese.ci_ub, chosen: 'PEESE' as const }
    : { estimate: pet.est, ciLower: pet['ci.lb'], ciUpper: pet['ci.ub'], chosen: 'PET' as const };
  return {
    measure: 'OR',
    points: tf.filled.yi.map((y, i) => ({
      study: main.studies[i]?.study ?? `Filled ${i - main.studies.length + 1}`,
      effect: y,
      standardError: Math.sqrt(tf.filled.vi[i]!),
      imputed: tf.filled.fill[i]!,
    })),
    estimate: hackshaw.reml.estimate,
    estimateInterval: { ciLower: hackshaw.reml['ci.lb'], ciUpper: hackshaw.reml['ci.ub'] },
    adjustedEstimate: tf.estimate,
    adjustedInterval: { ciLower: hackshaw.trimFill['ci.lb'], ciUpper: hackshaw.trimFill['ci.ub'] },
    model: 'random-effects model, REML',
    petPeese: {
      pet: { estimate: pet.est, slope: pet.slope, ciLower: pet['ci.lb'], ciUpper: pet['ci.ub'] },
      peese: { estimate: peese.est, slope: peese.slope, ciLower: peese.ci_lb, ciUpper: peese.ci_ub },
      conditional,
      alpha: 0.05,
    },
    adjusted: [
      { label: '3PSM (step at p = 0.025)', ...wald(hackshaw.psm3) },
      { label: 'Beta selection model', ...wald(hackshaw.beta) },
    ],
  };
}
