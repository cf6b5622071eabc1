export {
  STUDY_KINDS,
  KIND_COLUMNS,
  COLUMN_ALIASES,
  COMBINED_COLUMNS,
  FORBIDDEN_KEYS,
  isStudyKind,
  canonicalColumn,
  headerKey,
  kindDataColumns,
} from './columns.js';
export type { StudyKind, KindColumns, CombinedColumn } from './columns.js';
export { cellToNumber, cellToText, isMissingCell, printedDecimals } from './cells.js';
export {
  studyBaseSchema,
  hrRecordSchema,
  genericRecordSchema,
  twoByTwoRecordSchema,
  twoByTwoNRecordSchema,
  continuousRecordSchema,
  correlationRecordSchema,
  proportionRecordSchema,
  studyRecordSchema,
  RECORD_SCHEMAS,
} from './studyRecord.js';
export type {
  StudyRecord,
  HrRecord,
  GenericRecord,
  TwoByTwoRecord,
  TwoByTwoNRecord,
  ContinuousRecord,
  CorrelationRecord,
  ProportionRecord,
} from './studyRecord.js';
export { parseStudyRecords } from './parseStudyRecords.js';
export type { ParseStudyRecordsOptions } from './parseStudyRecords.js';
export type { RawRow, RawTable, ParsedStudies, ModeratorColumn, ModeratorType } from './rawTable.js';
export { parseCsv } from './parseCsv.js';
export type { ParseTextOptions } from './parseCsv.js';
export { parseJson } from './parseJson.js';
export { parseMeasureRecords } from './parseMeasureRecords.js';
export type { ParseMeasureRecordsOptions, InputDerivation, MeasureColumns, Inputs } from './parseMeasureRecords.js';
export { escalcRecordSchema, derivationSchema } from './studyRecord.js';
export type { EscalcRecord, Derivation } from './studyRecord.js';
export { DETECTABLE_KINDS } from './columns.js';
export { parseXlsx } from './parseXlsx.js';
export type { ParseXlsxOptions } from './parseXlsx.js';
export { sheetToRawTable } from './sheetTable.js';
export type { SheetCell, SheetTableOptions } from './sheetTable.js';
export { DELIMITERS, DECIMAL_MARKS, detectDelimiter, describeDialect } from './dialect.js';
export type { Delimiter, DecimalMark, TextDialect, DialectSource } from './dialect.js';
export { splitInterval, splitEstimateInterval } from './combinedColumns.js';
export type { SplitInterval } from './combinedColumns.js';
