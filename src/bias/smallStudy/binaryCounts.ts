// The 2×2 counts of binary-outcome studies as the small-study tests for binary outcomes read them
// (Harbord, Egger & Sterne 2006; Peters et al. 2006): ai/bi events/non-events in the treatment
// group, ci/di in the control group, with the studies' effects where the test regresses them.
import { MetasynthError } from '../../core/errors.js';
import type { EffectTable } from '../../effects/types.js';
import { BIAS_MESSAGES } from '../messages.js';

export interface BinaryCounts {
  readonly ai: ArrayLike<number>;
  readonly bi: ArrayLike<number>;
  readonly ci: ArrayLike<number>;
  readonly di: ArrayLike<number>;
  /** The studies' effects (e.g. log odds ratios); needed by Peters' test only. */
  readonly effect?: ArrayLike<number>;
  readonly study?: readonly string[];
}

export interface CheckedCounts {
  readonly ai: Float64Array;
  readonly bi: Float64Array;
  readonly ci: Float64Array;
  readonly di: Float64Array;
  readonly effect: Float64Array | null;
  readonly study: readonly string[];
}

function fromTable(table: EffectTable, what: string): BinaryCounts {
  const missing = table.studies.findIndex((s) => s.counts === undefined);
  if (missing >= 0) throw new MetasynthError('invalid_input', BIAS_MESSAGES.study_counts_test_needs(what, missing, table.studies[missing]!.study));
  const col = (f: 'ai' | 'bi' | 'ci' | 'di') => table.studies.map((s) => s.counts![f]);
  return { ai: col('ai'), bi: col('bi'), ci: col('ci'), di: col('di'), effect: table.studies.map((s) => s.effect), study: table.studies.map((s) => s.study) };
}

/**
 * Read and check 2×2 counts (non-negative, finite, a non-empty group in each arm).
 * @example readBinaryCounts({ ai: [4], bi: [119], ci: [11], di: [128] }, 'test').ai[0] // 4
 */
export function readBinaryCounts(data: BinaryCounts | EffectTable, what: string): CheckedCounts {
  const d = 'studies' in data ? fromTable(data, what) : data;
  const k = d.ai.length;
  for (const [name, col] of [['bi', d.bi], ['ci', d.ci], ['di', d.di], ...(d.effect ? [['effect', d.effect]] : [])] as const) {
    if (col.length !== k) throw new MetasynthError('invalid_input', BIAS_MESSAGES.ai_values(what, k, name, col.length));
  }
  const study = Array.from({ length: k }, (_, i) => d.study?.[i] ?? `Study ${i + 1}`);
  const out = { ai: Float64Array.from(d.ai), bi: Float64Array.from(d.bi), ci: Float64Array.from(d.ci), di: Float64Array.from(d.di) };
  for (let i = 0; i < k; i++) {
    for (const f of ['ai', 'bi', 'ci', 'di'] as const) {
      const v = out[f][i]!;
      if (!(v >= 0) || !Number.isFinite(v)) throw new MetasynthError('invalid_input', BIAS_MESSAGES.study_non_negative_count(what, i, study[i], f, v));
    }
    if (out.ai[i]! + out.bi[i]! === 0 || out.ci[i]! + out.di[i]! === 0)
      throw new MetasynthError('invalid_input', BIAS_MESSAGES.study_empty_group(what, i, study[i]));
  }
  return { ...out, effect: d.effect ? Float64Array.from(d.effect) : null, study };
}
