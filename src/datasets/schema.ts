import { z } from 'zod';
import { DATASETS_MESSAGES } from './messages.js';

/** How a CSV cell is read: text, a real number, a whole number, or `true`/`false`. Empty = missing. */
export const COLUMN_TYPES = ['string', 'number', 'integer', 'boolean'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/**
 * What a column is for (the roles of metafor's fixture files, plus `provenance`): `label` is the
 * study label, `data` feeds the effect size, `moderator` may be used in a subgroup or
 * meta-regression, `info` is carried along, `provenance` says where a row's numbers come from.
 */
export const COLUMN_ROLES = ['label', 'data', 'moderator', 'info', 'provenance'] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/**
 * Where a provenance quote was taken from: `source` = the words of the public page, as quoted in
 * the evidence check; `evidence-check` = the evidence check's own text (a table cell or its
 * arithmetic); `page` = one of the two CIK pages whose claims are checked.
 */
export const QUOTE_ORIGINS = ['source', 'evidence-check', 'page'] as const;
export type QuoteOrigin = (typeof QUOTE_ORIGINS)[number];

const webAddress = z.string().regex(/^https?:\/\/\S+$/, 'must be an http(s) address');
const bareDoi = z.string().regex(/^10\.\d{4,9}\/\S+$/, 'must be a bare DOI such as 10.1001/jama.1994.03510330076038');
const sha256 = z.string().regex(/^sha256:[0-9a-f]{64}$/, 'must be sha256:<64 hex digits>');
const cellValue = z.union([z.string(), z.number(), z.boolean()]);

export const citationSchema = z
  .object({
    text: z.string().min(1),
    doi: bareDoi.optional(),
    url: webAddress.optional(),
    /** Repository path of a copy of the source, for sources with no recorded address. */
    file: z.string().min(1).optional(),
  })
  .refine((c) => c.doi !== undefined || c.url !== undefined || c.file !== undefined, {
    message: DATASETS_MESSAGES.citation_needs_doi_url().text,
  });

export const columnSchema = z.object({
  name: z.string().min(1),
  type: z.enum(COLUMN_TYPES),
  role: z.enum(COLUMN_ROLES),
  description: z.string().min(1),
  unit: z.string().optional(),
  /** The closed set of values a text column may take. */
  levels: z.array(z.string()).optional(),
});

/** One quote that backs one or more numeric fields of a row. */
export const quoteEntrySchema = z.object({
  fields: z.array(z.string().min(1)).min(1),
  source: webAddress,
  quote: z.string().min(1),
  quoteOrigin: z.enum(QUOTE_ORIGINS),
  /** Present when the number is computed from the quote; says how. */
  derived: z.string().min(1).optional(),
  note: z.string().optional(),
});

/**
 * A public page that states a row's DOI with the paper's title, for rows whose DOI the evidence
 * document does not state: the page address, a verbatim excerpt holding the DOI, and the
 * repository file the excerpt was copied into.
 */
export const doiEvidenceSchema = z.object({
  /** Values of the dataset's label column whose `doi` cell this establishes. */
  rows: z.array(z.string().min(1)).min(1),
  doi: bareDoi,
  source: webAddress,
  /** Repository path of the file holding the excerpt (e.g. datasets/cik/sources/doi-lookup.md). */
  document: z.string().min(1),
  /** Verbatim excerpt of the page: the DOI with the paper's title, authors or journal. */
  quote: z.string().min(1),
  note: z.string().optional(),
});

const fieldsProvenanceSchema = z.object({
  kind: z.literal('fields'),
  /** Repository path of the document every quote can be found in. */
  document: z.string().min(1),
  description: z.string().min(1),
  rows: z.array(
    z.object({
      /** The value of the dataset's label column for this row. */
      row: z.string().min(1),
      entries: z.array(quoteEntrySchema).min(1),
    }),
  ),
  /** Where a row's DOI comes from when `document` does not state it. */
  doiEvidence: z.array(doiEvidenceSchema).optional(),
});

const columnsProvenanceSchema = z.object({
  kind: z.literal('columns'),
  description: z.string().min(1),
  /** Numeric columns whose values must appear in `quoteColumn` of the same row. */
  valueColumns: z.array(z.string()).min(1),
  quoteColumn: z.string(),
  /** Column holding the repository path of the document `quoteColumn` is taken from. */
  documentColumn: z.string(),
  /** Optional pair of columns holding a second quote (from `evidenceDocument`) and its address. */
  evidenceQuoteColumn: z.string().optional(),
  evidenceSourceColumn: z.string().optional(),
  evidenceDocument: z.string().optional(),
});

/** A statement of one of the CIK pages that a generator parameter is calibrated to. */
export const calibrationSchema = z.object({
  parameter: z.string().min(1),
  value: z.union([z.number(), z.string(), z.array(z.number())]),
  pageStatement: z.object({ document: z.string().min(1), quote: z.string().min(1) }).nullable(),
  reasoning: z.string().min(1),
});

const generatorProvenanceSchema = z.object({
  kind: z.literal('generator'),
  description: z.string().min(1),
  script: z.string().min(1),
  command: z.string().min(1),
  prng: z.string().min(1),
  seed: z.number().int(),
  parameters: z.record(z.string(), z.unknown()),
  calibration: z.array(calibrationSchema).min(1),
});

const publishedDataProvenanceSchema = z.object({
  kind: z.literal('published-data'),
  description: z.string().min(1),
  /** Where the rows were copied from inside the repository. */
  copiedFrom: z.string().min(1),
});

export const provenanceSchema = z.discriminatedUnion('kind', [
  fieldsProvenanceSchema,
  columnsProvenanceSchema,
  generatorProvenanceSchema,
  publishedDataProvenanceSchema,
]);

/** A published pooled figure the dataset reproduces, quoted from its source. */
export const publishedResultSchema = z.object({
  description: z.string().min(1),
  measure: z.string().min(1),
  estimate: z.number(),
  lower: z.number().nullable(),
  upper: z.number().nullable(),
  source: webAddress,
  quote: z.string().min(1),
  derived: z.string().optional(),
});

/** A figure computed by metafor from this dataset, stored in a reference fixture of the repository. */
export const referenceResultSchema = z.object({
  description: z.string().min(1),
  fixture: z.string().min(1),
  case: z.string().min(1),
  measure: z.string().min(1),
  method: z.string().min(1),
  estimate: z.number(),
  lower: z.number(),
  upper: z.number(),
});

/** A named selection of rows: every listed column must hold one of the listed values. */
export const subsetSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
  description: z.string().min(1),
  where: z.record(z.string(), z.array(cellValue).min(1)),
});

export const datasetMetadataSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must be group/name'),
    title: z.string().min(1),
    description: z.string().min(1),
    synthetic: z.boolean(),
    citation: z.array(citationSchema).min(1),
    columns: z.array(columnSchema).min(1),
    /** How the foundation reads the file: its study kind and default measure; null = not an effect table. */
    analysis: z.object({ kind: z.string().min(1), measure: z.string().min(1), note: z.string().min(1) }).nullable(),
    /** Rows sharing a value of this column come from the same patients: never pool them together. */
    repeatedUnits: z.object({ column: z.string(), note: z.string().min(1) }).optional(),
    subsets: z.array(subsetSchema).default([]),
    provenance: provenanceSchema,
    publishedResults: z.array(publishedResultSchema).default([]),
    referenceResults: z.array(referenceResultSchema).default([]),
    notes: z.array(z.string()).default([]),
    contentHash: sha256,
  })
  .superRefine((m, ctx) => {
    if (m.synthetic && !(m.title.startsWith('SYNTHETIC') && m.description.includes('SYNTHETIC'))) {
      ctx.addIssue({
        code: 'custom',
        path: ['title'],
        message: DATASETS_MESSAGES.synthetic_dataset_start_title().text,
      });
    }
    const names = new Set(m.columns.map((c) => c.name));
    if (names.size !== m.columns.length) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: DATASETS_MESSAGES.column_names_unique().text });
    }
    if (m.columns.filter((c) => c.role === 'label').length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: DATASETS_MESSAGES.exactly_one_column_have().text });
    }
    for (const [i, s] of m.subsets.entries()) {
      for (const column of Object.keys(s.where)) {
        if (!names.has(column)) {
          ctx.addIssue({ code: 'custom', path: ['subsets', i, 'where', column], message: DATASETS_MESSAGES.no_column_named(column).text });
        }
      }
    }
    if (m.repeatedUnits !== undefined && !names.has(m.repeatedUnits.column)) {
      ctx.addIssue({ code: 'custom', path: ['repeatedUnits', 'column'], message: DATASETS_MESSAGES.no_column_named(m.repeatedUnits.column).text });
    }
  });

export type DatasetMetadata = z.infer<typeof datasetMetadataSchema>;
export type DatasetColumn = z.infer<typeof columnSchema>;
export type DatasetSubset = z.infer<typeof subsetSchema>;
export type QuoteEntry = z.infer<typeof quoteEntrySchema>;
export type DoiEvidence = z.infer<typeof doiEvidenceSchema>;
export type PublishedResult = z.infer<typeof publishedResultSchema>;
