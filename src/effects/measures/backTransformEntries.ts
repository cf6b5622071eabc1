// Each registry measure's back-transformation and the name of the back-transformed figure, in the
// shape of a back-transform registry keyed by measure (name of the scale and a column title).
import type { BackTransform } from './definition.js';
import { REGISTRY_MEASURES } from './registry.js';

/** What a back-transformed figure is, where it is not the measure's own name (exp of a log ratio). */
const LABELS: Readonly<Record<string, string>> = {
  PLN: 'proportion',
  IRLN: 'rate',
  MNLN: 'mean',
  CVLN: 'CV',
  SDLN: 'SD',
  ZPCOR: 'partial r',
  PAS: 'proportion',
  PFT: 'proportion',
  IRS: 'rate',
  IRFT: 'rate',
  ABT: 'alpha',
  AHW: 'alpha',
  CVR: 'CV ratio',
  VR: 'SD ratio',
  CVRC: 'CV ratio',
  VRC: 'SD ratio',
  ROMC: 'ratio of means',
  D2ORN: 'OR',
  D2ORL: 'OR',
  MPRR: 'RR',
  MPOR: 'OR',
  MPORC: 'OR',
  MPPETO: 'OR',
};

/**
 * The back-transformation of every registry measure that has one (null: read on the model scale).
 * @example registryBackTransforms().IRR // { scale: 'exp', label: 'IRR' }
 */
export function registryBackTransforms(): Readonly<Record<string, { readonly scale: Exclude<BackTransform, 'none'>; readonly label: string } | null>> {
  return Object.fromEntries(
    REGISTRY_MEASURES.map((m) => [m.name, m.backTransform === 'none' ? null : { scale: m.backTransform, label: LABELS[m.name] ?? m.name }]),
  );
}
