// Publication-bias analyses against metafor 3.8-1: every `regtest`, `ranktest`, `trimfill` and
// `fsn` case of every fixture file (test/fixtures/metafor*/*.json; the exact R call is in each
// case's `call`). Inputs: yi/vi of the same measure computed from the fixture's studies by the
// library's own pipeline (escalc is checked at 1e-9 by escalc.test.ts).
import { describe, expect, it } from 'vitest';
import { eggerTest, failSafeN, rankCorrelationTest, trimAndFill, type ModelMethod, type FailSafeType } from '../../src/bias/index.js';
import type { EffectArrays } from '../../src/pool/index.js';
import { fixtureCases, fixtureEffectArrays, type FixtureCase, type FixtureFile } from '../helpers/fixtures.js';
import { TOL, figureCounter, heterogeneityTolerance, type Tolerance } from '../helpers/tolerance.js';

const { close, same } = figureCounter('bias reference');

/** Closed-form methods compare at TOL.closedForm, iterative ones at TOL.iterative. */
const tolFor = (method: string): Tolerance => (['ML', 'REML', 'EB', 'PM'].includes(method) ? TOL.iterative : TOL.closedForm);

/** yi/vi of `measure` from the fixture's studies through the library's own pipeline (test/helpers/fixtures.ts). */
const effectsOf = (data: FixtureFile, measure: string): EffectArrays => fixtureEffectArrays(data, measure);

const title = (data: FixtureFile, kase: FixtureCase) => `${data.dataset} ${kase.id}`;

describe('failSafeN(data, { type }) matches metafor fsn()', () => {
  for (const { data, kase } of fixtureCases('fsn')) {
    it(`${title(data, kase)}: failSafeN(yi/vi, { type: '${String(kase.options.type)}' })`, () => {
      const x = kase.expected!;
      const r = failSafeN(effectsOf(data, String(kase.options.measure)), { type: kase.options.type as FailSafeType, alpha: Number(kase.options.alpha) });
      same(r.failSafeN, x.fsnum, 'fsnum');
      close(r.pValue, x.pval, TOL.pValue, 'pval');
      close(r.meanEffect, x.meanes, TOL.closedForm, 'meanes');
      close(r.target, x.target, TOL.closedForm, 'target');
    });
  }
});

describe('rankCorrelationTest(data) matches metafor ranktest(res)', () => {
  for (const { data, kase } of fixtureCases('ranktest')) {
    it(`${title(data, kase)}: rankCorrelationTest(yi/vi)`, () => {
      const x = kase.expected!;
      const r = rankCorrelationTest(effectsOf(data, String(kase.options.measure)));
      close(r.kendallTau, x.tau, TOL.closedForm, 'tau');
      close(r.pValue, x.pval, TOL.pValue, 'pval');
      const rWarnedTies = (kase.warnings ?? []).some((w) => /ties/.test(w));
      same(r.pValueMethod, rWarnedTies ? 'normal' : 'exact', 'exact or normal');
    });
  }
});

describe('eggerTest(data, { model, method }) matches metafor regtest(res)', () => {
  for (const { data, kase } of fixtureCases('regtest')) {
    const model = kase.options.model as 'rma' | 'lm';
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: eggerTest(yi/vi, { model: '${model}', method: '${method}' })`, () => {
      const x = kase.expected!;
      const r = eggerTest(effectsOf(data, String(kase.options.measure)), { model, method, test: kase.options.test as 'z' });
      const tol = model === 'lm' ? TOL.closedForm : tolFor(method);
      close(r.statistic, x.zval ?? x.tval, tol, 'zval/tval');
      if (x.df !== undefined) same(r.df, x.df, 'df');
      else same(r.df, null, 'df (z test)');
      close(r.pValue, x.pval, TOL.pValue, 'pval');
      close(r.limitEstimate, x.est, tol, 'est');
      close(r.limitCiLower, x['ci.lb'], tol, 'ci.lb');
      close(r.limitCiUpper, x['ci.ub'], tol, 'ci.ub');
      close(r.slope, x.slope, tol, 'slope');
      close(r.slopeStandardError, x['slope.se'], tol, 'slope.se');
    });
  }
});

/**
 * metafor 3.8-1's trimfill() passes no `control` to the models it fits internally, so its refits
 * stop at rma.uni's default threshold (|Δτ²| ≤ 1e-5, absolute) even when the model handed to it was
 * fitted with tight control. trimAndFill() reproduces that by default (METAFOR_DEFAULT_CONTROL), so
 * the fixtures are compared as they are. With `control: { tolerance: 1e-12 }` it converges fully;
 * those refits are compared with metafor's converged values from
 *   dat <- <the fixture's escalc yi/vi>; res <- rma.uni(yi, vi, method="REML", control=ctl)
 *   trimfill(res, control=ctl), ctl = list(threshold=1e-12, tol=1e-12, maxiter=1000)
 * (R 4.2, metafor 3.8-1; printed by jsonlite::toJSON(digits = NA), 15 significant digits).
 */
const CONVERGED_TRIMFILL: Record<string, Record<string, number | string | number[]>> = {
  'dat.bcg RR/trimfill/REML': {
    k0: 1,
    side: 'right',
    estimate: -0.657082783487767,
    se: 0.178528380131877,
    zval: -3.68055086257092,
    pval: 0.000232730628763796,
    'ci.lb': -1.00699197876452,
    'ci.ub': -0.307173588211013,
    tau2: 0.331287633439506,
    'se.tau2': 0.170079806885815,
    I2: 92.1362384610076,
    H2: 12.7165605803471,
    QE: 154.675033139247,
    QEp: 2.35103786333906e-26,
    yi: [
      -0.889311333920205, -1.58538865720143, -1.34807314829969, -1.44155119002131, -0.217547322211296, -0.786115585818864, -1.62089822359839,
      0.0119523335238405, -0.469417648738149, -1.37134480347278, -0.339358828338391, 0.445913400571379, -0.0173139482168798, 0.310403024029067,
    ],
  },
  'dat.hackshaw1998 OR/trimfill/REML': {
    k0: 7,
    side: 'left',
    estimate: 0.174471110412375,
    se: 0.0484317417202646,
    zval: 3.60241247197132,
    pval: 0.00031527757422984,
    'ci.lb': 0.0795466409321102,
    'ci.ub': 0.269395579892639,
    tau2: 0.0244557604381625,
    'se.tau2': 0.018246810753119,
    I2: 28.8010008620642,
    H2: 1.40451412534981,
    QE: 60.4755473446801,
    QEp: 0.0403734759058639,
    yi: [
      0.165514438477573, 0.371563556432483, 0.703097511413113, 0.182321556793955, -0.287682072451781, 0.727548607277278, 0.756121979721334, -0.22314355131421,
      -0.23572233352107, 0.698134722070984, 0.207014169384326, 0.182321556793955, 0.418710334858185, 0.0295588022415444, 0.438254930931155, 0.0295588022415444,
      0.85015092936961, 0.500775287912489, 0.173953307123438, 0.418710334858185, 0.770108221696074, 0.0769610411361284, 0.936093359170335, 0.482426149244293,
      0.0582689081239758, -0.23572233352107, -0.301105092783922, 0.819779831493311, -0.0304592074847086, 0.470003629245736, 0.173953307123438,
      0.506817602368452, 0.231111720963387, 0.0953101798043249, 0.506817602368452, 0.148420005118273, 0.104360015324243, -0.360096954103355, -0.384548049967519,
      -0.413121422411575, -0.427107664386315, -0.476779274183553, -0.507150372059851, -0.593092801860576,
    ],
  },
  'dat.li2007 OR/trimfill/REML': {
    k0: 7,
    side: 'right',
    estimate: -0.320616363815594,
    se: 0.150639005635546,
    zval: -2.12837546598847,
    pval: 0.0333059656231241,
    'ci.lb': -0.61586338952819,
    'ci.ub': -0.0253693381029981,
    tau2: 0.240834615922201,
    'se.tau2': 0.14542255909892,
    I2: 83.0108579811563,
    H2: 5.88611242928478,
    QE: 69.1776900878307,
    QEp: 2.42270120111108e-5,
    yi: [
      -0.83034830207343, -1.10966212485469, -1.29822534257213, -0.0434851119397384, -1.28093384546206, -2.30485524152858, -0.675128675057267, 0.223143551314209,
      -0.593063722002963, -0.297645195200004, -1.16315080980568, -0.793230639116928, -1.57425840531293, 0.0575872510764341, -0.0555698511548108,
      1.09861228866811, -1.09861228866811, 0.00253786477632723, -1.79175946922805, -1.11194581953757, -0.443390124851709, -1.09861228866811, 0.590891407012211,
      0.642096397280317, 0.7598794329367, 0.777170930046762, 1.05320399278756, 1.27070505670269, 1.78380082900322,
    ],
  },
  'dat.li2007 RR/trimfill/REML': {
    k0: 7,
    side: 'right',
    estimate: -0.290206704965956,
    se: 0.135184420413268,
    zval: -2.14674667449677,
    pval: 0.0318134547415267,
    'ci.lb': -0.555163300246882,
    'ci.ub': -0.0252501096850302,
    tau2: 0.180870191486937,
    'se.tau2': 0.113951459427993,
    I2: 82.2939770441566,
    H2: 5.64779568225949,
    QE: 67.0565195407632,
    QEp: 4.74697041769417e-5,
    yi: [
      -0.798507696217771, -0.974049566026348, -1.24195205239115, -0.0425596144187961, -1.18199389760716, -2.13895566921224, -0.606135803570315,
      0.209720530982069, -0.518793793415167, -0.2708749541354, -1.07880966137193, -0.756660586282271, -1.42629969573359, 0.053303557855136, -0.0512932943875506,
      1.06686359035353, -1.03001397232536, 0.00215103848071507, -1.6094379124341, -1.09861228866811, -0.410606416615195, -1.0763891518834, 0.604996437417897,
      0.624799064714076, 0.708180673653127, 0.76813882843712, 0.952486471779557, 1.13562468848007, 1.66514244525821,
    ],
  },
  'dat.li2007 RD/trimfill/REML': {
    k0: 7,
    side: 'right',
    estimate: -0.0176749824725857,
    se: 0.0102051130125476,
    zval: -1.73197322272214,
    pval: 0.0832783301856074,
    'ci.lb': -0.0376766364353399,
    'ci.ub': 0.00232667149016858,
    tau2: 0.00153472510052883,
    'se.tau2': 0.000731135166349705,
    I2: 82.525962873961,
    H2: 5.72277598351813,
    QE: 85.2233299778532,
    QEp: 1.0858832016065e-7,
    yi: [
      -0.0305555555555556, -0.117760617760618, -0.0535296867695185, -0.000905797101449276, -0.0904347826086956, -0.149811320754717, -0.0617283950617284,
      0.0126126126126126, -0.0647619047619048, -0.0243478260869565, -0.0776470588235294, -0.0348045397225725, -0.131802721088435, 0.00396497038284492,
      -0.00394736842105263, 0.0307459677419355, -0.063944555232273, 0.000327865454959941, -0.16, -0.0131578947368421, -0.0303257918264309, -0.0217310779108532,
      0.0341763882886335, 0.0470615423502581, 0.0598492661354243, 0.0871751012873465, 0.101217204615164, 0.119225804281446, 0.129414483526729,
    ],
  },
  'dat.molloy2014 ZCOR/trimfill/REML': {
    k0: 2,
    side: 'left',
    estimate: 0.128812739674536,
    se: 0.0333445553147872,
    zval: 3.86308164731804,
    pval: 0.000111965564429321,
    'ci.lb': 0.063458612177049,
    'ci.ub': 0.194166867172022,
    tau2: 0.0112448366620522,
    'se.tau2': 0.00659712422692924,
    I2: 67.4948005762374,
    H2: 3.07643090252497,
    QE: 46.3990411846021,
    QEp: 0.000150278567233545,
    yi: [
      0.189226642530929, 0.163439918464887, 0.354092528962243, 0.331647108705132, 0.2768638226551, 0, 0.176820020121789, 0.0500417292784913, 0.266108406873654,
      0.0100003333533347, -0.0902441878561468, 0.388423099718296, 0, 0.151140435936467, 0.244774112659353, 0.0400213538367683, -0.100120887918535,
      -0.134451458674588,
    ],
  },
  'dat.molloy2014 COR/trimfill/REML': {
    k0: 1,
    side: 'left',
    estimate: 0.1394420514059,
    se: 0.0327513272158239,
    zval: 4.25760001990172,
    pval: 2.06633221132588e-5,
    'ci.lb': 0.0752506296169982,
    'ci.ub': 0.203633473194801,
    tau2: 0.0108254244195836,
    'se.tau2': 0.00624733191112152,
    I2: 69.3251046520558,
    H2: 3.25999482201011,
    QE: 46.7303122319872,
    QEp: 7.50135198471431e-5,
    yi: [0.187, 0.162, 0.34, 0.32, 0.27, 0, 0.175, 0.05, 0.26, 0.01, -0.09, 0.37, 0, 0.15, 0.24, 0.04, -0.0946732485575579],
  },
};

describe('trimAndFill(data, { control: { tolerance: 1e-12 } }) matches metafor trimfill(res, control = ctl)', () => {
  for (const { data, kase } of fixtureCases('trimfill')) {
    const ref = CONVERGED_TRIMFILL[title(data, kase)];
    if (!ref) continue;
    it(`${title(data, kase)}: converged refit`, () => {
      const r = trimAndFill(effectsOf(data, String(kase.options.measure)), { method: 'REML', control: { tolerance: 1e-12 } });
      same(r.k0, ref.k0, 'k0');
      same(r.side, ref.side, 'side');
      const m = r.model!;
      // 15 significant digits in the embedded values: compare at 1e-13 relative above the iterative bar.
      close(m.estimate, ref.estimate as number, TOL.iterative, 'estimate');
      close(m.standardError, ref.se as number, TOL.iterative, 'se');
      close(m.tau2, ref.tau2 as number, TOL.tau2, 'tau2');
      close(m.i2, ref.I2 as number, TOL.iterative, 'I2');
      close(m.q, ref.QE as number, TOL.iterative, 'QE');
      (ref.yi as number[]).forEach((y, i) => {
        close(r.filled[i]?.effect ?? null, y, TOL.iterative, `filled.yi[${i}]`);
      });
    });
  }
});

describe('trimAndFill(data, { method }) matches metafor trimfill(res)', () => {
  for (const { data, kase } of fixtureCases('trimfill')) {
    const method = String(kase.options.method) as ModelMethod;
    it(`${title(data, kase)}: trimAndFill(yi/vi, { estimator: 'L0', method: '${method}' })`, () => {
      const x = kase.expected!;
      const r = trimAndFill(effectsOf(data, String(kase.options.measure)), { method, estimator: kase.options.estimator as 'L0' });
      const tol = tolFor(method);
      same(r.k0, x.k0, 'k0');
      close(r.k0StandardError, x['se.k0'], TOL.closedForm, 'se.k0');
      same(r.side, x.side, 'side');
      const check = (a: number | null, e: number | null | undefined, t: Tolerance, what: string) => close(a, e, t, what);

      // Observed studies are the input; the imputed ones are 2μ̂ − yᵢ with μ̂ from the last trimmed fit.
      const filled = x.filled as { yi: number[]; vi: number[]; fill: boolean[] };
      expect(r.filled.length, 'filled length').toBe(filled.yi.length);
      filled.yi.forEach((y, i) => {
        if (filled.fill[i]) check(r.filled[i]?.effect ?? null, y, tol, `filled.yi[${i}]`);
        else close(r.filled[i]?.effect, y, TOL.closedForm, `filled.yi[${i}]`);
      });
      filled.vi.forEach((v, i) => {
        close(r.filled[i]?.variance, v, TOL.closedForm, `filled.vi[${i}]`);
      });
      same(
        r.filled.map((f) => f.imputed),
        filled.fill,
        'filled.fill',
      );

      const m = r.model!;
      same(m.k, x.k, 'k');
      check(m.estimate, x.estimate, tol, 'estimate');
      check(m.standardError, x.se, tol, 'se');
      check(m.statistic, x.zval, tol, 'zval');
      check(m.pValue, x.pval, TOL.pValue, 'pval');
      check(m.ciLower, x['ci.lb'], tol, 'ci.lb');
      check(m.ciUpper, x['ci.ub'], tol, 'ci.ub');
      check(m.tau2, x.tau2, method === 'EE' ? TOL.closedForm : TOL.tau2, 'tau2');
      check(m.tau2StandardError, x['se.tau2'], tol, 'se.tau2');
      check(m.i2, x.I2, heterogeneityTolerance('I2', x.tau2, x.H2, tol), 'I2');
      check(m.h2, x.H2, heterogeneityTolerance('H2', x.tau2, x.H2, tol), 'H2');
      check(m.q, x.QE, TOL.closedForm, 'QE');
      check(m.qPValue, x.QEp, TOL.pValue, 'QEp');
      {
        const stats = x.fit_stats as Record<'ML' | 'REML', Record<'ll' | 'dev' | 'AIC' | 'BIC' | 'AICc', number | null>>;
        for (const [rName, fit] of [
          ['ML', m.fit.ml],
          ['REML', m.fit.reml],
        ] as const) {
          close(fit.logLik, stats[rName].ll, tol, `fit_stats.${rName}.ll`);
          close(fit.deviance, stats[rName].dev, tol, `fit_stats.${rName}.dev`);
          close(fit.aic, stats[rName].AIC, tol, `fit_stats.${rName}.AIC`);
          close(fit.bic, stats[rName].BIC, tol, `fit_stats.${rName}.BIC`);
          close(fit.aicc, stats[rName].AICc, tol, `fit_stats.${rName}.AICc`);
        }
      }
    });
  }
});
