// The names of the registry measures (a leaf module, so that the closed vocabulary of measures
// can be built without loading the kernels).

/** The names of the registry measures, as metafor spells them. */
export const REGISTRY_MEASURE_NAMES = [
  'ABT', 'AHW', 'ARAW', 'AS', 'CVLN', 'CVR', 'CVRC', 'D2ORL', 'D2ORN', 'IR', 'IRD', 'IRFT', 'IRLN', 'IRR', 'IRS', 'IRSD', 'MC', 'MN', 'MNLN', 'MPOR', 'MPORC', 'MPPETO', 'MPRD', 'MPRR', 'OR2DL', 'OR2DN', 'PAS', 'PBIT', 'PCOR', 'PFT', 'PHI', 'PLN', 'RBIS', 'ROMC', 'RPB', 'RTET', 'SDLN', 'SMCC', 'SMCR', 'SMCRH', 'SMD1', 'SMD1H', 'SMDH', 'SMN', 'SPCOR', 'UCOR', 'VR', 'VRC', 'YUQ', 'YUY', 'ZPCOR',
] as const;
export type RegistryMeasure = (typeof REGISTRY_MEASURE_NAMES)[number];

/** Registry measures on a log scale, shown back-transformed with exp (their definitions say `backTransform: 'exp'`). */
export const EXP_REGISTRY_MEASURES = [
  'CVLN', 'CVR', 'CVRC', 'D2ORL', 'D2ORN', 'IRLN', 'IRR', 'MNLN', 'MPOR', 'MPORC', 'MPPETO', 'MPRR', 'PLN', 'ROMC', 'SDLN', 'VR', 'VRC',
] as const satisfies readonly RegistryMeasure[];
