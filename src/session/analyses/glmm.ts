// The GLMM pooling of `metasynth pool --method GLMM` (metafor's rma.glmm): the studies of a loaded input
// as GLMM studies of the measure, the fit, and its JSON document.
import { MetasynthError } from '../../core/errors.js';
import { glmmPool, type GlmmMeasure, type GlmmOptions, type GlmmStudy } from '../../glmm/index.js';
import { KIND_COLUMNS } from '../../schema/columns.js';
import type { LoadedStudies } from '../input.js';
import { SESSION_MESSAGES } from '../messages.js';

/** The columns each GLMM measure reads, for the usage error. */
const GLMM_COLUMNS: Record<GlmmMeasure, string> = { OR: 'ai, bi, ci, di or x1i, n1i, x2i, n2i', IRR: 'x1i, t1i, x2i, t2i', PLO: 'xi, ni', IRLN: 'xi, ti' };

/** One loaded record as a GLMM study of `measure`, or null when its columns do not fit. */
function recordStudy(r: LoadedStudies['studies']['records'][number], measure: GlmmMeasure): GlmmStudy | null {
  const base = { study: r.study, row: r.row };
  if (measure === 'OR' && r.kind === 'twoByTwo') return { ...base, measure, ai: r.ai, bi: r.bi, ci: r.ci, di: r.di };
  if (measure === 'OR' && r.kind === 'twoByTwoN') return { ...base, measure, ai: r.x1i, bi: r.n1i - r.x1i, ci: r.x2i, di: r.n2i - r.x2i };
  if (measure === 'PLO' && r.kind === 'proportion') return { ...base, measure, xi: r.xi, ni: r.ni };
  if (r.kind !== 'escalc') return null;
  const v = r.inputs;
  const has = (...f: string[]) => f.every((x) => typeof v[x] === 'number');
  if (measure === 'IRR' && has('x1i', 't1i', 'x2i', 't2i')) return { ...base, measure, x1i: v.x1i!, t1i: v.t1i!, x2i: v.x2i!, t2i: v.t2i! };
  if (measure === 'PLO' && has('xi', 'ni')) return { ...base, measure, xi: v.xi!, ni: v.ni! };
  if (measure === 'IRLN' && has('xi', 'ti')) return { ...base, measure, xi: v.xi!, ti: v.ti! };
  if (measure === 'OR' && has('ai', 'bi', 'ci', 'di')) return { ...base, measure, ai: v.ai!, bi: v.bi!, ci: v.ci!, di: v.di! };
  if (measure === 'OR' && has('ai', 'n1i', 'ci', 'n2i')) return { ...base, measure, ai: v.ai!, bi: v.n1i! - v.ai!, ci: v.ci!, di: v.n2i! - v.ci! };
  return null;
}

/**
 * The GLMM studies of loaded studies, or a usage error naming the columns the measure needs.
 * @example glmmStudiesOf(loadDatasetStudies('classic/bcg'), 'OR', 'pool').length // 13
 */
export function glmmStudiesOf(loaded: LoadedStudies, measure: GlmmMeasure, command: string): GlmmStudy[] {
  const { kind, records } = loaded.studies;
  return records.map((r) => {
    const s = recordStudy(r, measure);
    if (s === null) {
      const twoArm = measure === 'OR' || measure === 'IRR';
      throw new MetasynthError(
        'usage',
        SESSION_MESSAGES.method_glmm_measure_needs(command, measure, twoArm, GLMM_COLUMNS[measure], loaded.name, KIND_COLUMNS[kind].label),
      );
    }
    return s;
  });
}

/**
 * Fits the GLMM as `metasynth pool --method GLMM` does; the JSON document has the source's warnings first.
 * @example glmmPoolRun(loadDatasetStudies('classic/bcg'), glmmStudiesOf(loadDatasetStudies('classic/bcg'), 'OR', 'pool'), { measure: 'OR', model: 'UM.FS' }).result.k // 13
 */
export function glmmPoolRun(loaded: LoadedStudies, studies: readonly GlmmStudy[], options: GlmmOptions) {
  const result = glmmPool(studies, options);
  const json = loaded.warnings.length > 0 ? { ...result, warnings: [...loaded.warnings, ...result.warnings] } : result;
  return { result, json };
}
