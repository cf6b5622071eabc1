// The metafor (R) calls that fit a session's analysis: escalc() for the effect sizes, then rma(),
// rma.mh(), rma.peto(), rma.mv(), selmodel() or rma.glmm(), with metafor's argument names. They assume
// the data frame has the canonical column names (ai, bi, ci, di; m1i, sd1i, ...; yi, vi), as
// `metasynth columns` lists them.
import { ITERATIVE_TAU2_METHODS } from '../heterogeneity/tau2/types.js';
import { measureDefinition } from '../effects/measures/registry.js';
import type { StudyKind } from '../schema/columns.js';
import { randomTermsOf, type AnalysisSettings } from './settings.js';

const q = (x: string) => JSON.stringify(x);

/** The escalc() line (or the lines computing log hazard ratios), and the data frame the model reads. */
function effectLines(s: AnalysisSettings, data: string, kind: StudyKind | undefined): { lines: string[]; frame: string } {
  const measure = s.measure ?? (s.method === 'MH' ? 'OR' : s.method === 'PETO' ? 'PETO' : undefined);
  if (kind === 'hr' || measure === 'HR') {
    const z = 'qnorm(0.975)';
    return { lines: [`dat <- ${data}`, 'dat$yi <- log(dat$hr)', `dat$vi <- ((log(dat$upper) - log(dat$lower)) / (2 * ${z}))^2`], frame: 'dat' };
  }
  // Effect sizes given as yi, vi (generic data, whatever measure they are on) need no escalc().
  if (measure === undefined || measure === 'GEN' || kind === 'generic') return { lines: [], frame: data };
  const columns = kind === 'twoByTwoN' ? ['ai', 'n1i', 'ci', 'n2i'] : (measureDefinition(measure)?.columns ?? []);
  return { lines: [`dat <- escalc(measure = ${q(measure)}, ${columns.map((c) => `${c} = ${c}`).join(', ')}, data = ${data})`], frame: 'dat' };
}

/** A moderator formula: the formula as given, or `~ a + b` for comma-separated columns. */
function modsFormula(mods: string): string {
  const t = mods.trim();
  return t.startsWith('~')
    ? t
    : `~ ${t
        .split(',')
        .map((m) => m.trim())
        .filter((m) => m.length > 0)
        .join(' + ')}`;
}

/** The model arguments of rma(): method, test, level, control (converged as the CLI's default), weights. */
function modelArgs(s: AnalysisSettings, method: string): string[] {
  const args = [`method = ${q(method)}`];
  if (s.test !== undefined && s.test !== 'z') args.push(`test = ${q(s.test)}`);
  if (s.level !== undefined && s.level !== 95) args.push(`level = ${s.level}`);
  // The CLI's default fits converge (tau² to 1e-12); metafor's defaults stop at 1e-5 (threshold) and
  // 2^-13 (uniroot tol, PM, PMM, GENQM): the call asks metafor for the same convergence.
  const root = ['PM', 'PMM', 'GENQM'].includes(method) ? ', tol = 1e-12' : '';
  if (s.control !== 'metafor' && (ITERATIVE_TAU2_METHODS as readonly string[]).includes(method))
    args.push(`control = list(threshold = 1e-12, maxiter = 1000${root})`);
  if (s.weights !== undefined) args.push(`weights = ${s.weights}`);
  return args;
}

/** The rma() call of the intercept-only (or moderator) model on a frame. */
function rmaCall(s: AnalysisSettings, frame: string, mods?: string): string {
  return `rma(yi, vi, ${mods ? `mods = ${modsFormula(mods)}, ` : ''}data = ${frame}, ${modelArgs(s, s.method ?? 'REML').join(', ')})`;
}

/** The counts-based pooling of MH and Peto (rma.mh, rma.peto), from the raw counts. */
function countsCall(s: AnalysisSettings, data: string): string {
  const level = s.level !== undefined && s.level !== 95 ? `, level = ${s.level}` : '';
  if (s.method === 'PETO') return `res <- rma.peto(ai = ai, bi = bi, ci = ci, di = di, data = ${data}${level})`;
  return `res <- rma.mh(ai = ai, bi = bi, ci = ci, di = di, data = ${data}, measure = ${q(s.measure ?? 'OR')}${level})`;
}

/** The cluster-robust tests of a fit (clubSandwich for CR2), when asked. */
function robustLines(s: AnalysisSettings, frame: string): string[] {
  if (s.robust === undefined || s.cluster === undefined) return [];
  return [`robust(res, cluster = ${frame}$${s.cluster}${s.robust === 'CR2' ? ', clubSandwich = TRUE' : ''})`];
}

/** rma.glmm's arguments beyond the defaults: method (EE: τ² = 0), nAGQ, test. */
function glmmArgs(s: AnalysisSettings): string {
  const method = s.glmmMethod && s.glmmMethod !== 'ML' ? `, method = ${q(s.glmmMethod)}` : '';
  const nagq = s.nagq !== undefined && s.nagq !== 7 ? `, nAGQ = ${s.nagq}` : '';
  return `${method}${nagq}${s.test === 't' ? ', test = "t"' : ''}`;
}

/** bayesmeta's normal prior of mu (`normal:MEAN,SD`); nothing for the uniform prior (its default). */
function muPriorArg(prior: string | undefined): string {
  const m = /^\s*normal\s*:\s*([^,\s]+)\s*,\s*([^,\s]+)\s*$/i.exec(prior ?? '');
  return m ? `, mu.prior.mean = ${Number(m[1])}, mu.prior.sd = ${Number(m[2])}` : '';
}

/** The random argument of rma.mv: one formula as it is, several as a list. */
function randomArg(s: AnalysisSettings): string {
  const terms = randomTermsOf(s.random);
  return terms.length === 1 ? terms[0]! : `list(${terms.join(', ')})`;
}

/** The sampling covariance matrix V of rma.mv: a block per cluster from the vcov columns, or metafor's vcalc for a constant rho. */
function samplingLines(s: AnalysisSettings, frame: string): string[] {
  if (s.cluster === undefined) return [];
  const cluster = `${frame}$${s.cluster}`;
  if (s.vcov !== undefined) {
    // Row i of a cluster holds its row of the block; bldiag's `order` puts each block back at its rows.
    return [`V <- bldiag(lapply(split(${frame}[, c(${s.vcov.map(q).join(', ')})], ${cluster}), as.matrix), order = ${cluster})`];
  }
  if (s.rho !== undefined) return [`V <- vcalc(vi, cluster = ${s.cluster}, obs = seq_len(nrow(${frame})), rho = ${s.rho}, data = ${frame})`];
  return [];
}

/** The rma.mv() fit of the multilevel analysis, then its cluster-robust tests when asked. */
function multilevelLines(s: AnalysisSettings, frame: string): string[] {
  const sampling = samplingLines(s, frame);
  const args = [
    'yi',
    sampling.length > 0 ? 'V' : 'vi',
    ...(s.mods ? [`mods = ${modsFormula(s.mods)}`] : []),
    `random = ${randomArg(s)}`,
    ...(s.struct !== undefined ? [`struct = ${q(s.struct)}`] : []),
    `data = ${frame}`,
    `method = ${q(s.method ?? 'REML')}`,
    ...(s.test === 't' ? ['test = "t"'] : []),
    ...(s.level !== undefined && s.level !== 95 ? [`level = ${s.level}`] : []),
  ];
  const robust =
    s.robust === undefined || s.cluster === undefined
      ? []
      : [`rob <- robust(res, cluster = ${frame}$${s.cluster}${s.robust === 'CR2' ? ', clubSandwich = TRUE' : ''})`];
  return [...sampling, `res <- rma.mv(${args.join(', ')})`, ...robust];
}

/** The model lines of each analysis after the effect sizes. */
function modelLines(s: AnalysisSettings, frame: string, data: string): string[] {
  // `frame` holds the effect sizes (yi, vi), `data` the raw counts (rma.mh, rma.peto, rma.glmm read those).
  switch (s.analysis) {
    case 'pool':
      if (s.method === 'MH' || s.method === 'PETO') return [countsCall(s, data)];
      if (s.by !== undefined) return [`res <- lapply(split(${frame}, ${frame}$${s.by}), function(d) ${rmaCall(s, 'd')})`];
      return [`res <- ${rmaCall(s, frame)}`, ...(s.tau2Ci === 'PL' ? ['confint(res, type = "PL")'] : []), ...robustLines(s, frame)];
    case 'subgroup': {
      const factor = `~ factor(${s.by ?? 'group'})`;
      // One τ² for all subgroups: the subgroups' estimates are the coefficients of the model without an intercept.
      const sub = s.commonTau2 ? rmaCall(s, frame, `${factor} - 1`) : `lapply(split(${frame}, ${frame}$${s.by ?? 'group'}), function(d) ${rmaCall(s, 'd')})`;
      return [`res <- ${rmaCall(s, frame, factor)}`, `sub <- ${sub}`];
    }
    case 'regress':
      return [`res <- ${rmaCall(s, frame, s.mods ?? '1')}`, ...robustLines(s, frame)];
    case 'bias':
      return [
        `res <- ${rmaCall(s, frame)}`,
        `regtest(res${s.biasPredictor && s.biasPredictor !== 'sei' ? `, predictor = ${q(s.biasPredictor)}` : ''})`,
        'ranktest(res)',
        `trimfill(res${s.trimFillEstimator && s.trimFillEstimator !== 'L0' ? `, estimator = ${q(s.trimFillEstimator)}` : ''})`,
        `fsn(yi, vi, data = ${frame})`,
      ];
    case 'sensitivity':
      return [`res <- ${rmaCall(s, frame)}`, 'leave1out(res)', `cumul(res${s.order ? `, order = ${s.order}` : ''})`, 'influence(res)'];
    case 'multilevel':
      return multilevelLines(s, frame);
    case 'selection': {
      const steps = s.steps ? `, steps = c(${s.steps.join(', ')})` : '';
      const alternative = s.selectionAlternative && s.selectionAlternative !== 'greater' ? `, alternative = ${q(s.selectionAlternative)}` : '';
      const delta = s.selectionDelta ? `, delta = c(${s.selectionDelta.map((d) => (d === null ? 'NA' : String(d))).join(', ')})` : '';
      // metafor's optim (BFGS) stops at reltol 1e-8, short of the optimum the CLI converges to: the call asks for 1e-15.
      return [
        `res <- selmodel(${rmaCall(s, frame, s.mods)}, type = ${q(s.selectionType ?? 'stepfun')}${alternative}${steps}${delta}, control = list(reltol = 1e-15))`,
      ];
    }
    case 'glmm':
      return [
        `res <- rma.glmm(measure = ${q(s.measure ?? 'OR')}, ai = ai, bi = bi, ci = ci, di = di, data = ${data}, model = ${q(s.glmmModel ?? 'UM.FS')}${glmmArgs(s)})`,
      ];
    case 'bayes':
      return [
        '# metafor fits no Bayesian model; the bayes analysis follows bayesmeta:',
        `res <- bayesmeta::bayesmeta(y = ${frame}$yi, sigma = sqrt(${frame}$vi)${muPriorArg(s.muPrior)})`,
      ];
  }
}

/**
 * The R code (library(metafor) and the calls, one per line) that fits the same model as the session's
 * analysis on a data frame named `dataName` with canonical column names.
 * @example metaforCallFor({ analysis: 'pool', measure: 'RR', method: 'DL' }, 'bcg').split('\n').slice(1) // ['dat <- escalc(measure = "RR", ai = ai, bi = bi, ci = ci, di = di, data = bcg)', 'res <- rma(yi, vi, data = dat, method = "DL")']
 */
export function metaforCallFor(settings: AnalysisSettings, dataName: string, kind?: StudyKind): string {
  const glmm = settings.analysis === 'glmm';
  const effects = glmm ? { lines: [], frame: dataName } : effectLines(settings, dataName, kind);
  const counts = settings.analysis === 'pool' && (settings.method === 'MH' || settings.method === 'PETO');
  const excluded = settings.exclude ?? [];
  const source = counts || glmm ? dataName : effects.frame;
  const keep = excluded.length === 0 ? [] : [`kept <- ${source}[!(${source}$study %in% c(${excluded.map(q).join(', ')})), ]`];
  const frame = excluded.length === 0 ? source : 'kept';
  const lines = counts || glmm ? keep : [...effects.lines, ...keep];
  return ['library(metafor)', ...lines, ...modelLines(settings, frame, frame)].join('\n');
}
