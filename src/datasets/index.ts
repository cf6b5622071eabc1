export { DATASET_NAMES, isDatasetName, type DatasetName } from './names.js';
export {
  COLUMN_TYPES,
  COLUMN_ROLES,
  QUOTE_ORIGINS,
  datasetMetadataSchema,
  type ColumnType,
  type ColumnRole,
  type QuoteOrigin,
  type DatasetMetadata,
  type DatasetColumn,
  type DatasetSubset,
  type QuoteEntry,
  type DoiEvidence,
  type PublishedResult,
} from './schema.js';
export {
  loadDataset,
  datasetMetadata,
  listDatasets,
  loadDatasetStudies,
  datasetEffectTable,
  repeatedUnitsMessage,
  type RepeatedUnits,
  type DatasetStudies,
  type DatasetEffectTableOptions,
  type LoadedDataset,
  type LoadDatasetOptions,
  type DatasetRow,
  type DatasetCell,
} from './loadDataset.js';
export { normaliseForQuote, quoteOccursIn, numberAppearsInQuote } from './provenance.js';
