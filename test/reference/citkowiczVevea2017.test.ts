// The beta selection model of Citkowicz & Vevea (2017, Psychological Methods 22(1), 28–41,
// https://doi.org/10.1037/met0000119) on their example, the practice-facilitation meta-analysis of
// Baskerville et al. (2012) (metadat dat.baskerville2012: smd, se², 23 studies; the rows of
// test/fixtures/metafor-bias/selection.json, case baskerville2012-halfnorm, as generate-bias.R
// writes them). help(selmodel) fits this example ("example from Citkowicz and Vevea (2017) for beta
// selection model": rma(smd, se^2, method="ML") then selmodel(res, type="beta")).
//
// NOT the paper's table. Neither the paper nor Hedges's (2017) comment on it (Psychological Methods
// 22(1), 42–46, doi 10.1037/met0000108, per posts/selection-references.bib of the repository cited
// below) is among our stored sources (searches listed in veveaWoods2005.test.ts). The figures
// below are the only ones we found for this example outside metafor: J. E. Pustejovsky's script that
// reproduces "Table 1 of @hedges2017plausibility" (his words, posts/beta-density-selection-models/
// index.qmd, github.com/jepusto/jepusto-quarto commit 8f3bea2; the script "Following along with his
// [Hedges's] numerical example") — github.com/jepusto/jepusto-quarto/blob/76f9bd719fb4d2ffa14f023c473470e9ded4b76a/
// posts/beta-density-selection-models/Hedges-2017.R, lines 44–46, verbatim:
//     mu <- 0.115
//     tausq <- 0
//     lambda <- c(0.473, 4.459)
// (λ are metafor's δ). The script does not say where these come from; that they are the estimates
// printed by Citkowicz & Vevea / Hedges is our inference, so this file tests them as "figures quoted by
// a third-party reproduction", at their printed precision (half a unit in the third decimal).
//
// Diagnosis of the one mismatch (δ2 = 4.459 printed, 4.4612 here, metafor 3.8-1 4.4613): the
// authors' own program, as adapted from the paper's supplemental Word files in
// github.com/nicebread/meta-showdown (MA-methods/8-betaSM.R: "These functions are from Citkowicz, M.,
// & Vevea, J. L. (2017) [...] adapted from the code in the Word files of the supplemental material";
// likelihood in MA-methods/betaSM_functions/RE.models.R), maximises the same likelihood with
// `nlminb(start = c(1, 1, 0, .5), ..., control = list(eval.max=1000, iter.max=1000, abs.tol=10e-5,
// rel.tol=10e-5))`. Run on these data (R 4.x, our check, not committed) it stops with "relative
// convergence (4)" at δ = (0.47284, 4.45927), τ² = 0, μ = 0.11472 — exactly the quoted 0.473, 4.459,
// 0, 0.115 once rounded — whereas the same code with rel.tol = 1e-12 reaches (0.47312, 4.46116), 0,
// 0.11477, i.e. metafor's and metasynth's fit. The log-likelihood is flat along δ2 there (the quoted
// point is 6.6e-7 below the maximum), so the printed 4.459 is the authors' optimiser stopping early,
// not a different estimator: the last test below checks that metasynth's δ2 is the better maximum.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectionModel } from '../../src/selection/index.js';

interface Case {
  id: string;
  data: { yi: number[]; vi: number[] };
}
const doc = JSON.parse(readFileSync(new URL('../fixtures/metafor-bias/selection.json', import.meta.url), 'utf8')) as { cases: Case[] };
const baskerville = doc.cases.find((c) => c.id === 'baskerville2012-halfnorm')!;
const table = { effect: baskerville.data.yi, variance: baskerville.data.vi };

/** The quoted figures and their printed decimals (Hedges-2017.R lines 44–46). */
const QUOTED = { mu: [0.115, 3], tau2: [0, 3], delta1: [0.473, 3], delta2: [4.459, 3] } as const;

/** |actual − printed| within half a unit of the last printed decimal. */
function expectPrinted(actual: number, [printed, decimals]: readonly [number, number], what: string): void {
  const tol = 0.5 * 10 ** -decimals;
  expect(Math.abs(actual - printed), `${what}: ${actual} vs printed ${printed} (tol ${tol})`).toBeLessThanOrEqual(tol);
}

describe('Citkowicz & Vevea (2017): beta selection model on the Baskerville et al. (2012) data (figures quoted by a reproduction script)', () => {
  const fit = selectionModel(table, { type: 'beta' });

  it('the fixture rows are the 23 studies of dat.baskerville2012', () => {
    expect(table.effect).toHaveLength(23);
    expect(fit.converged).toBe(true);
  });

  it('adjusted estimate, τ² and δ1 agree with the quoted 0.115, 0, 0.473 to the printed three decimals', () => {
    expectPrinted(fit.coefficients[0]!.estimate!, QUOTED.mu, 'estimate');
    expectPrinted(fit.tau2, QUOTED.tau2, 'tau2');
    expectPrinted(fit.delta[0]!.estimate, QUOTED.delta1, 'delta1');
  });

  it('δ2 agrees with the quoted 4.459 to two decimals only (the authors’ nlminb stopped early, see header)', () => {
    const d2 = fit.delta[1]!.estimate;
    expectPrinted(d2, [4.46, 2], 'delta2 at two decimals');
    // Documents the known difference rather than hiding it: the third decimal differs by ~0.002.
    expect(Math.abs(d2 - QUOTED.delta2[0])).toBeGreaterThan(0.5e-3);
  });

  it('the quoted (δ1, δ2) is not the maximum: with δ fixed there, the log-likelihood is lower, by less than 1e-5', () => {
    const atQuoted = selectionModel(table, { type: 'beta', delta: [QUOTED.delta1[0], QUOTED.delta2[0]] });
    expect(atQuoted.converged).toBe(true);
    const gap = fit.logLik - atQuoted.logLik;
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(1e-5);
    // With δ at the quoted values, μ and τ² still round to the quoted 0.115 and 0.
    expectPrinted(atQuoted.coefficients[0]!.estimate!, QUOTED.mu, 'estimate at quoted delta');
    expectPrinted(atQuoted.tau2, QUOTED.tau2, 'tau2 at quoted delta');
  });
});
