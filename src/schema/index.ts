export { STUDY_KINDS, KIND_COLUMNS, COLUMN_ALIASES, FORBIDDEN_KEYS, isStudyKind, canonicalColumn, kindDataColumns } from './columns.js';
export type { StudyKind, KindColumns } from './columns.js';
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
