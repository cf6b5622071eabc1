// The conversions the parser may apply, one row at a time, when a paper did not report a measure's
// own inputs. Each records the method in a note that the CLI prints for the study.
import type { InputDerivation } from '../../schema/parseMeasureRecords.js';
import { dFromF, dFromT } from './cohensD.js';
import { meanSdFromFiveNumbers } from './fivenum.js';
import { twoByTwoFromOr } from './twoByTwoFromOr.js';
import { seFromCi, seFromP } from './wald.js';
import { EFFECTS_MESSAGES } from '../messages.js';

const fmt = (x: number) => String(Number(x.toPrecision(6)));

/** Mean and SD of group `g` ('1', '2' or '' for one group) from a five-number summary, S3 before S1 and S2. */
function fiveNumberDerivations(g: '1' | '2' | ''): InputDerivation[] {
  const c =
    g === ''
      ? { m: 'mi', sd: 'sdi', n: 'ni', min: 'mini', q1: 'q1_i', med: 'mediani', q3: 'q3_i', max: 'maxi' }
      : { m: `m${g}i`, sd: `sd${g}i`, n: `n${g}i`, min: `min${g}i`, q1: `q1_${g}i`, med: `median${g}i`, q3: `q3_${g}i`, max: `max${g}i` };
  const sets = [
    [c.min, c.q1, c.med, c.q3, c.max, c.n],
    [c.min, c.med, c.max, c.n],
    [c.q1, c.med, c.q3, c.n],
  ];
  return sets.map((reads) => ({
    produces: [c.m, c.sd],
    reads,
    derive: (v) => {
      const five = [c.min, c.q1, c.med, c.q3, c.max].filter((k) => k in v).map((k) => v[k]!);
      if (five.some((y, i) => i > 0 && y < five[i - 1]!)) return { error: EFFECTS_MESSAGES.out_order_other_summaries().text, field: c.med };
      if (!(v[c.n]! >= 5)) return { error: EFFECTS_MESSAGES.least_estimate_mean_sd().text, field: c.n };
      const r = meanSdFromFiveNumbers({
        median: v[c.med]!,
        n: v[c.n]!,
        ...(c.min in v ? { min: v[c.min]!, max: v[c.max]! } : {}),
        ...(c.q1 in v ? { q1: v[c.q1]!, q3: v[c.q3]! } : {}),
      });
      if (r.skewness.skewed) {
        return { error: EFFECTS_MESSAGES.comes_summaries_look_skewed(fmt(r.skewness.statistic), fmt(r.skewness.critical)).text, field: c.med };
      }
      if (!(r.sd > 0)) return { error: EFFECTS_MESSAGES.does_not_positive_sd().text, field: c.med };
      return {
        values: { [c.m]: r.mean, [c.sd]: r.sd },
        derivation: {
          columns: [c.m, c.sd],
          method: `conv.fivenum ${r.scenario}`,
          note: EFFECTS_MESSAGES.estimated_from_assumes_normal(c.m, fmt(r.mean), c.sd, fmt(r.sd), reads, r.method).text,
        },
      };
    },
  }));
}

/** SMD inputs from a t or F statistic (escalc's own replacement for SMD: m1i = d, m2i = 0, sd1i = sd2i = 1). */
function statisticDerivation(column: 'ti' | 'fi' | 'di'): InputDerivation {
  return {
    produces: ['m1i', 'm2i', 'sd1i', 'sd2i'],
    reads: [column, 'n1i', 'n2i'],
    measures: ['SMD', 'RPB', 'RBIS', 'D2ORN', 'D2ORL'],
    derive: (v) => {
      if (column === 'fi' && !(v.fi! >= 0)) return { error: EFFECTS_MESSAGES.not_negative_f_statistic().text, field: 'fi' };
      const d = column === 'ti' ? dFromT(v.ti!, v.n1i!, v.n2i!) : column === 'fi' ? dFromF(v.fi!, v.n1i!, v.n2i!) : v.di!;
      const how = column === 'ti' ? 'd = ti·√(1/n1i + 1/n2i)' : column === 'fi' ? 'd = √fi·√(1/n1i + 1/n2i), sign taken as positive' : 'd given';
      return {
        values: { m1i: d, m2i: 0, sd1i: 1, sd2i: 1 },
        derivation: {
          columns: ['m1i', 'm2i', 'sd1i', 'sd2i'],
          method: column === 'di' ? 'd' : `d from ${column === 'ti' ? 't' : 'F'}`,
          note: EFFECTS_MESSAGES.cohen_s_d_from(fmt(d), column, how).text,
        },
      };
    },
  };
}

/** vi of a generic effect from its 95% Wald CI or its two-sided p-value (conv.wald). */
const waldDerivations: InputDerivation[] = [
  {
    produces: ['vi'],
    reads: ['yi', 'ci.lb', 'ci.ub'],
    derive: (v) => {
      if (!(v['ci.lb']! < v['ci.ub']!)) return { error: EFFECTS_MESSAGES.greater_than_ci_lb(v['ci.lb']).text, field: 'ci.ub' };
      const se = seFromCi(v['ci.lb']!, v['ci.ub']!, 95);
      return { values: { vi: se * se }, derivation: { columns: ['vi'], method: 'conv.wald CI', note: EFFECTS_MESSAGES.sei_from_ci_ci(fmt(se)).text } };
    },
  },
  {
    produces: ['vi'],
    reads: ['yi', 'pval'],
    derive: (v) => {
      if (!(v.pval! > 0 && v.pval! < 1)) return { error: EFFECTS_MESSAGES.p_value_between_exclusive().text, field: 'pval' };
      if (v.yi === 0) return { error: EFFECTS_MESSAGES.so_p_value_cannot().text, field: 'yi' };
      const se = seFromP(v.yi!, v.pval!);
      return { values: { vi: se * se }, derivation: { columns: ['vi'], method: 'conv.wald p-value', note: EFFECTS_MESSAGES.sei_from_two_sided(fmt(se)).text } };
    },
  },
];

/** A 2x2 table from an odds ratio `ori` with total `ni`, row margin `n1i` and column margin `n2i` (conv.2x2). */
const tableDerivation: InputDerivation = {
  produces: ['ai', 'bi', 'ci', 'di'],
  reads: ['ori', 'ni', 'n1i', 'n2i'],
  derive: (v) => {
    if (!(v.ori! > 0)) return { error: EFFECTS_MESSAGES.greater_than_odds_ratio().text, field: 'ori' };
    if (!(v.n1i! >= 0 && v.n1i! <= v.ni! && v.n2i! >= 0 && v.n2i! <= v.ni!)) return { error: EFFECTS_MESSAGES.lie_between_ni_n2i(v.ni).text, field: 'n1i' };
    const t = twoByTwoFromOr({ ori: v.ori!, ni: Math.round(v.ni!), n1i: Math.round(v.n1i!), n2i: Math.round(v.n2i!) });
    if (Number.isNaN(t.ai)) return { error: EFFECTS_MESSAGES.these_margins_gives_negative().text, field: 'ori' };
    return {
      values: t,
      derivation: { columns: ['ai', 'bi', 'ci', 'di'], method: 'conv.2x2', note: EFFECTS_MESSAGES.table_2x2_rebuilt(t.ai, t.bi, t.ci, t.di).text },
    };
  },
};

/** Every conversion, in the order they are tried. */
export const INPUT_DERIVATIONS: readonly InputDerivation[] = [
  ...fiveNumberDerivations('1'),
  ...fiveNumberDerivations('2'),
  ...fiveNumberDerivations(''),
  statisticDerivation('ti'),
  statisticDerivation('fi'),
  statisticDerivation('di'),
  ...waldDerivations,
  tableDerivation,
];
