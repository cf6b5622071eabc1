import { prepareCluster, type ClusterRow, type GlmmFamily } from './clusterLikelihood.js';
import type { MixedModel } from './mixedModelFit.js';
import type { GlmmStudy } from './studyData.js';
import type { GlmmMethod, GlmmModel } from './types.js';

/** What a mixed-model specification reports: the model, and which variance is τ² (the effect's) and which σ² (UM.RS's study intercepts). */
export interface GlmmSpec {
  readonly model: MixedModel;
  /** Index into the fitted variances of τ², or −1 (EE). */
  readonly tau2Index: number;
  /** Index of σ², or −1 (models without random study intercepts). */
  readonly sigma2Index: number;
  /** Quadrature points as used (lme4: 1 when a cluster has two random effects), or null without random effects. */
  readonly nagqUsed: number | null;
}

/** The two arms of a two-group study: events, size (binomial trials) and offset (log person-time). */
function arms(s: GlmmStudy): [{ y: number; size: number; offset: number }, { y: number; size: number; offset: number }] {
  if (s.measure === 'OR')
    return [
      { y: s.ai, size: s.ai + s.bi, offset: 0 },
      { y: s.ci, size: s.ci + s.di, offset: 0 },
    ];
  if (s.measure === 'IRR')
    return [
      { y: s.x1i, size: 0, offset: Math.log(s.t1i) },
      { y: s.x2i, size: 0, offset: Math.log(s.t2i) },
    ];
  throw new Error(`internal: ${s.measure} has one group`);
}

/**
 * The one-row-per-study model of each measure (metafor's glm/glmer calls): PLO binomial (x of n),
 * IRLN Poisson (offset log t), OR CM.AL binomial of a among a + c with offset log(n₁/n₂) (Stijnen et
 * al. 2010, model 4's approximation), IRR CM.EL binomial of x₁ among x₁ + x₂ with offset log(t₁/t₂)
 * (the exact conditional likelihood of two Poisson counts given their sum).
 */
function singleRow(s: GlmmStudy): { family: GlmmFamily; y: number; size: number; offset: number } {
  switch (s.measure) {
    case 'PLO':
      return { family: 'binomial', y: s.xi, size: s.ni, offset: 0 };
    case 'IRLN':
      return { family: 'poisson', y: s.xi, size: 0, offset: Math.log(s.ti) };
    case 'OR':
      return { family: 'binomial', y: s.ai, size: s.ai + s.ci, offset: Math.log((s.ai + s.bi) / (s.ci + s.di)) };
    case 'IRR':
      return { family: 'binomial', y: s.x1i, size: s.x1i + s.x2i, offset: Math.log(s.t1i / s.t2i) };
  }
}

/**
 * The mixed model metafor fits for a measure, model and method (rma.glmm with lme4, the coding of
 * the group ±½ as its default): two rows per study for UM.FS and UM.RS — logit or log rate of arm j
 * = [α_i or β₀ + a_i] + group1·x_i'β (+ u_i·(±½)); one row per study otherwise. `X` holds the
 * moderators' design rows (intercept first). nagq is forced to 1 for UM.RS with ML, as metafor does.
 * @example buildSpec([{ study: 'A', measure: 'PLO', xi: 3, ni: 20 }], [[1]], 'UM.FS', 'ML', 7).model.q // 1
 */
export function buildSpec(studies: readonly GlmmStudy[], X: readonly (readonly number[])[], model: GlmmModel, method: GlmmMethod, nagq: number): GlmmSpec {
  const ml = method === 'ML';
  const twoRow = (model === 'UM.FS' || model === 'UM.RS') && (studies[0]?.measure === 'OR' || studies[0]?.measure === 'IRR');
  if (!twoRow) {
    const family = studies[0] === undefined ? 'binomial' : singleRow(studies[0]).family;
    const clusters = studies.map((s, i) => {
      const r = singleRow(s);
      return prepareCluster([{ y: r.y, size: r.size, offset: r.offset, x: X[i] as number[], z: ml ? [1] : [] }], family);
    });
    return {
      model: { family, clusters, p: X[0]?.length ?? 1, q: ml ? 1 : 0, nagq, clusterIntercepts: false },
      tau2Index: ml ? 0 : -1,
      sigma2Index: -1,
      nagqUsed: ml ? nagq : null,
    };
  }
  const family: GlmmFamily = studies[0]?.measure === 'IRR' ? 'poisson' : 'binomial';
  const p = X[0]?.length ?? 1;
  const rs = model === 'UM.RS';
  const z = (sign: number): number[] => (rs ? (ml ? [1, sign / 2] : [1]) : ml ? [sign / 2] : []);
  const clusters = studies.map((s, i) => {
    const [a1, a2] = arms(s);
    const x1 = [...(X[i] as number[]), ...(rs ? [1] : [])];
    const x2 = [...(X[i] as number[]).map(() => 0), ...(rs ? [1] : [])];
    const rows: ClusterRow[] = [
      { ...a1, x: x1, z: z(1) },
      { ...a2, x: x2, z: z(-1) },
    ];
    return prepareCluster(rows, family);
  });
  const q = rs ? (ml ? 2 : 1) : ml ? 1 : 0;
  const nagqUsed = q === 0 ? null : rs && ml ? 1 : nagq;
  return {
    model: { family, clusters, p: p + (rs ? 1 : 0), q, nagq: nagqUsed ?? 1, clusterIntercepts: !rs },
    tau2Index: ml ? (rs ? 1 : 0) : -1,
    sigma2Index: rs ? 0 : -1,
    nagqUsed,
  };
}
