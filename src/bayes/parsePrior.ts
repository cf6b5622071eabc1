// The text forms of the priors (`--tau-prior halfnormal:0.5`, `--mu-prior normal:0,4`), parsed
// into the plain specs of the library. Browser-safe: the web page and the CLI share it.
import { MetasynthError } from '../core/errors.js';
import {
  RHODES_AREAS,
  RHODES_COMPARISONS,
  RHODES_OUTCOMES,
  TURNER_COMPARISONS,
  TURNER_OUTCOMES,
  type RhodesArea,
  type RhodesComparison,
  type RhodesOutcome,
  type TurnerComparison,
  type TurnerOutcome,
} from './empiricalPriors.js';
import type { MuPrior } from './likelihood.js';
import { REFERENCE_TAU_PRIORS, type ReferenceTauPrior, type TauPriorSpec } from './priorSpec.js';
import { BAYES_MESSAGES } from './messages.js';

/** The names `--tau-prior` accepts, with the parameters each takes. */
export const TAU_PRIOR_SYNTAX = [
  'halfnormal:SCALE',
  'halfcauchy:SCALE',
  'halft:DF,SCALE',
  'uniform:LOWER,UPPER',
  'exponential:RATE',
  'lognormal:MU,SIGMA',
  'turner[:OUTCOME/COMPARISON]',
  'rhodes[:OUTCOME/COMPARISON[/AREA]]',
  ...REFERENCE_TAU_PRIORS,
] as const;

function numbers(name: string, text: string, count: number): number[] {
  const parts = text.split(',').map((s) => s.trim());
  const values = parts.map((s) => (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s) ? Number(s) : NaN));
  if (parts.length !== count || values.some((v) => Number.isNaN(v))) {
    throw new MetasynthError(
      'invalid_option',
      BAYES_MESSAGES.tau_prior_expected(
        name,
        text,
        count,
        TAU_PRIOR_SYNTAX.find((s) => s.startsWith(name)),
      ),
    );
  }
  return values;
}

function pick<T extends string>(what: string, value: string | undefined, allowed: readonly T[], aliases: Readonly<Record<string, T>> = {}): T | undefined {
  if (value === undefined) return undefined;
  const v = aliases[value] ?? value;
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_unknown_choose(what, value, allowed.join(', ')));
}

function empirical(family: 'turner' | 'rhodes', rest: string): TauPriorSpec {
  const [outcome, comparison, area, ...extra] = rest === '' ? [] : rest.split('/');
  if ((outcome !== undefined && comparison === undefined) || extra.length > 0 || (family === 'turner' && area !== undefined)) {
    throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_outcome_comparison(family, rest));
  }
  if (family === 'turner') {
    return {
      family,
      ...(outcome !== undefined ? { outcome: pick<TurnerOutcome>('outcome', outcome, Object.keys(TURNER_OUTCOMES) as TurnerOutcome[]) } : {}),
      ...(comparison !== undefined
        ? {
            comparison: pick<TurnerComparison>('comparison', comparison, TURNER_COMPARISONS, {
              pharma: 'pharma-vs-placebo',
              nonpharma: 'nonpharma-vs-placebo',
            }),
          }
        : {}),
    } as TauPriorSpec;
  }
  return {
    family,
    ...(outcome !== undefined ? { outcome: pick<RhodesOutcome>('outcome', outcome, Object.keys(RHODES_OUTCOMES) as RhodesOutcome[]) } : {}),
    ...(comparison !== undefined ? { comparison: pick<RhodesComparison>('comparison', comparison, RHODES_COMPARISONS, { pharma: 'pharma-vs-placebo' }) } : {}),
    ...(area !== undefined ? { area: pick<RhodesArea>('area', area, RHODES_AREAS) } : {}),
  } as TauPriorSpec;
}

/**
 * A `--tau-prior` value as a TauPriorSpec.
 * @example parseTauPrior('halfnormal:0.5') // { family: 'halfnormal', scale: 0.5 }
 */
export function parseTauPrior(text: string): TauPriorSpec {
  const t = text.trim();
  const colon = t.indexOf(':');
  const name = (colon < 0 ? t : t.slice(0, colon)).toLowerCase();
  const rest = colon < 0 ? '' : t.slice(colon + 1);
  const needs = (n: number) => numbers(name, rest, n);
  switch (name) {
    case 'halfnormal':
    case 'halfcauchy':
      return { family: name, scale: needs(1)[0]! };
    case 'halft': {
      const [df, scale] = needs(2);
      return { family: name, df: df!, scale: scale! };
    }
    case 'uniform': {
      if (rest === '') return { family: 'improper-uniform' };
      const [lower, upper] = needs(2);
      return { family: name, lower: lower!, upper: upper! };
    }
    case 'exponential':
      return { family: name, rate: needs(1)[0]! };
    case 'lognormal': {
      const [mu, sigma] = needs(2);
      return { family: name, mu: mu!, sigma: sigma! };
    }
    case 'turner':
    case 'rhodes':
      return empirical(name, rest);
  }
  if ((REFERENCE_TAU_PRIORS as readonly string[]).includes(name) && rest === '') return { family: name as ReferenceTauPrior };
  throw new MetasynthError('invalid_option', BAYES_MESSAGES.tau_prior_unknown_prior(text, TAU_PRIOR_SYNTAX));
}

/**
 * A `--mu-prior` value: `normal:MEAN,SD`, or `uniform` (the improper flat prior).
 * @example parseMuPrior('normal:0,4') // { type: 'normal', mean: 0, sd: 4 }
 */
export function parseMuPrior(text: string): MuPrior {
  const t = text.trim().toLowerCase();
  if (t === 'uniform') return { type: 'uniform' };
  const m = /^normal:\s*([^,]+),\s*(.+)$/.exec(t);
  const mean = m ? Number(m[1]) : NaN;
  const sd = m ? Number(m[2]) : NaN;
  if (!m || !Number.isFinite(mean) || !Number.isFinite(sd)) {
    throw new MetasynthError('invalid_option', BAYES_MESSAGES.mu_prior_normal_mean(text));
  }
  if (!(sd > 0)) throw new MetasynthError('invalid_option', BAYES_MESSAGES.mu_prior_standard_deviation(text, sd));
  return { type: 'normal', mean, sd };
}
