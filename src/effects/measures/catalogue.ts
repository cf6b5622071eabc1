// The list of every measure metasynth computes, for `metasynth measures` and the README table:
// name (metafor's), family, input columns (escalc's argument names), scale and back-transform.
import { CONVERSION_COLUMNS } from './conversionColumns.js';
import { MEASURE_FAMILIES, type BackTransform, type MeasureFamily } from './definition.js';
import { KIND_MEASURE_DEFINITIONS } from './kindMeasures.js';
import { REGISTRY_MEASURES } from './registry.js';

export interface MeasureInfo {
  readonly name: string;
  readonly label: string;
  readonly family: MeasureFamily;
  /** Input column sets, the first canonical (escalc's arguments). */
  readonly columns: readonly (readonly string[])[];
  /** Other columns a conversion can start from (conv.fivenum, conv.wald, d from t/F, conv.2x2). */
  readonly conversions: readonly string[];
  readonly scale: string;
  readonly backTransform: BackTransform;
  /** escalc's default `add` for zero counts (absent for measures without counts). */
  readonly defaultAdd?: number;
  readonly reference: string;
}

const HR_INFO: MeasureInfo = {
  name: 'HR',
  label: 'log hazard ratio from a reported ratio and its CI',
  family: 'hazard ratio',
  columns: [
    ['hr', 'lower', 'upper'],
    ['hr', 'lower', 'upper', 'level'],
  ],
  conversions: [],
  scale: 'log hazard ratio',
  backTransform: 'exp',
  reference: 'Parmar, Torri & Stewart (1998), Stat Med 17:2815 (the conv.wald method)',
};

/**
 * Every measure, kind measures first (as pooled by default), then the registry by family and name.
 * @example measureCatalogue().length // 64
 */
export function measureCatalogue(): readonly MeasureInfo[] {
  const byFamily = [...REGISTRY_MEASURES].sort(
    (a, b) => MEASURE_FAMILIES.indexOf(a.family) - MEASURE_FAMILIES.indexOf(b.family) || a.name.localeCompare(b.name),
  );
  const defs = [...KIND_MEASURE_DEFINITIONS.slice(0, 1), HR_INFO, ...KIND_MEASURE_DEFINITIONS.slice(1), ...byFamily];
  return defs.map((d) =>
    'compute' in d
      ? {
          name: d.name,
          label: d.label,
          family: d.family,
          columns: [d.columns, ...(d.alternatives ?? []).map((a) => a.columns)],
          conversions: CONVERSION_COLUMNS(d.name, d.columns),
          scale: d.scale,
          backTransform: d.backTransform,
          ...(d.zeroCells ? { defaultAdd: d.zeroCells.defaultAdd } : {}),
          reference: d.reference,
        }
      : d,
  );
}
