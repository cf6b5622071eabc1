// Seeded fuzzing of the input path: parseCsv, parseJson, parseStudyRecords → effectSizes → pool.
// 100,000 random inputs in all (40,000 CSV texts, 30,000 JSON texts, 30,000 record sets). Each must
// give a valid result or throw a MetasynthError with a message; nothing else may escape (no
// TypeError, RangeError or stack overflow), no single input may take long (no hang), and a valid
// result never holds NaN or Infinity. `FC_SEED` replays another seed; a failure prints its own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../src/core/errors.js';
import { effectSizes, MEASURES_BY_KIND } from '../../src/effects/effectSizes.js';
import { parseCsv, parseJson } from '../../src/schema/index.js';
import { pool } from '../../src/pool/index.js';
import { parseStudyRecords } from '../../src/schema/index.js';
import type { RawTable } from '../../src/schema/index.js';

const SEED = Number(process.env.FC_SEED ?? 4242);
const FUZZ_INPUTS = { csv: 40_000, json: 30_000, records: 30_000 } as const;
/** One input may take this long at most (the slowest legitimate one takes a few ms). */
const PER_INPUT_MS = 2_000;

function nonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(nonFinite);
  if (value && typeof value === 'object') return Object.values(value).some(nonFinite);
  return false;
}

/** Run f on one input: a result, or a MetasynthError with a message. Anything else fails. */
function guarded<T>(what: string, f: () => T, messageMayEchoNaN = false): T | undefined {
  const start = performance.now();
  let result: T | undefined;
  try {
    result = f();
  } catch (err) {
    if (!(err instanceof MetasynthError)) throw new Error(`${what} threw ${(err as Error)?.name ?? typeof err}: ${(err as Error)?.message ?? String(err)}`);
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message).not.toMatch(/undefined|\[object Object\]/);
    // A computed NaN never reaches a message; a NaN the caller passed in is echoed as received.
    if (!messageMayEchoNaN) expect(err.message).not.toMatch(/(?<!")\bNaN\b(?!")/);
  }
  const ms = performance.now() - start;
  if (ms > PER_INPUT_MS) throw new Error(`${what} took ${ms.toFixed(0)} ms on one input`);
  return result;
}

/** How far inputs got (a fuzz that only ever hits the first error check tests little). */
const reached = { tables: 0, records: 0, effects: 0, pooled: 0 };

/** Downstream of a parsed table: records, every measure of the kind, and a pooled estimate. */
function analyse(table: RawTable | readonly Record<string, unknown>[], fromLibrary: boolean): void {
  const parsed = guarded('parseStudyRecords', () => parseStudyRecords(table, { file: 'fuzz' }), fromLibrary);
  if (!parsed) return;
  reached.records++;
  expect(parsed.records.length).toBeGreaterThan(0);
  for (const measure of MEASURES_BY_KIND[parsed.kind].slice(0, 4)) {
    const effects = guarded(`effectSizes(${measure})`, () => effectSizes(parsed, { measure }));
    if (!effects) continue;
    reached.effects++;
    if (nonFinite(effects)) throw new Error(`effectSizes(${measure}) holds NaN/Infinity: ${JSON.stringify(effects.studies)}`);
    expect(effects.studies.length + effects.excluded.length).toBe(parsed.records.length);
    if (fromLibrary && effects.studies.length > 0) {
      const r = guarded('pool', () => pool(effects, { method: 'DL' }));
      if (r) reached.pooled++;
      if (r && nonFinite(r)) throw new Error(`pool holds NaN/Infinity for ${JSON.stringify(effects.studies)}`);
    }
  }
}

/** The columns of each kind of record, so that most record sets are recognisable. */
const KIND_KEYS = [
  ['study', 'yi', 'vi'],
  ['study', 'yi', 'sei'],
  ['study', 'hr', 'lower', 'upper'],
  ['study', 'ai', 'bi', 'ci', 'di'],
  ['study', 'x1i', 'n1i', 'x2i', 'n2i'],
  ['study', 'm1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i'],
  ['study', 'ri', 'ni'],
  ['study', 'xi', 'ni'],
];
/** CSV text biased towards the characters that matter: separators, quotes, line ends, a BOM, numbers. */
const csvText = fc.oneof(
  fc.string({ unit: fc.constantFrom(',', ',', '"', '\n', '\r\n', ';', '\t', ' ', '\ufeff', '0', '1', '.', '-', 'e', 'x', 'NA', 'é', '\u0000'), maxLength: 80 }),
  // Plausible files: a header of real column names, rows of plausible cells (mostly as many as the header).
  fc
    .tuple(fc.constantFrom(...KIND_KEYS), fc.subarray(['g', 'level', 'Study', 'yi', 'se', ''], { maxLength: 2 }), fc.constantFrom('\n', '\r\n'))
    .chain(([kindKeys, extra, eol]) => {
      const header = [...kindKeys, ...extra];
      const value = fc.oneof(
        fc.integer({ min: 0, max: 50 }).map(String),
        fc.constantFrom('0', '-1', '0.5', '1e-300', '1e999', '', 'NA', '"a,b"', '"x""y"', 'NaN', '12%', '0,5', ' 3 ', 'abc'),
      );
      const row = fc.oneof(
        { weight: 9, arbitrary: fc.array(value, { minLength: header.length, maxLength: header.length }) },
        { weight: 1, arbitrary: fc.array(value, { maxLength: 9 }) },
      );
      return fc.tuple(fc.constant(header), fc.array(row, { maxLength: 6 }), fc.constant(eol));
    })
    .map(([header, rows, eol]) => [header.join(','), ...rows.map((r) => r.join(','))].join(eol)),
);

describe('fuzz: parseCsv → parseStudyRecords → effectSizes', () => {
  it(`${FUZZ_INPUTS.csv} random CSV texts: a table or a MetasynthError, never a crash or NaN`, () => {
    fc.assert(
      fc.property(csvText, (text) => {
        const table = guarded('parseCsv', () => parseCsv(text, { file: 'fuzz.csv' }));
        if (!table) return;
        reached.tables++;
        expect(table.rows.length).toBeGreaterThan(0);
        for (const row of table.rows) for (const c of table.columns) expect(typeof row[c]).toBe('string');
        analyse(table, false);
      }),
      { numRuns: FUZZ_INPUTS.csv, seed: SEED },
    );
    expect(reached.tables).toBeGreaterThan(FUZZ_INPUTS.csv / 20);
  });
});

/** JSON documents: valid ones of any shape, study-like ones, and broken text. */
const jsonText = fc.oneof(
  fc.json({ depthSize: 'small' }),
  fc
    .tuple(
      fc.array(
        fc.dictionary(fc.constantFrom('study', 'yi', 'vi', 'sei', 'xi', 'ni', 'ri', 'g', 'meta'), fc.jsonValue({ depthSize: 'xsmall' }), { maxKeys: 5 }),
        { maxLength: 5 },
      ),
      fc.boolean(),
    )
    .map(([rows, wrapped]) => JSON.stringify(wrapped ? { studies: rows, meta: { note: 'fuzz' } } : rows)),
  fc
    .tuple(fc.json(), fc.nat(), fc.constantFrom('', '{', '}', '[', ']', '"', ',', ':', '\\', '__proto__', '\ufeff'))
    .map(([t, at, ins]) => t.slice(0, at % (t.length + 1)) + ins + t.slice(at % (t.length + 1))),
  fc.constantFrom(
    '{"__proto__":{"polluted":1}}',
    '[{"__proto__":{"polluted":1},"study":"A","yi":1,"vi":1}]',
    '{"studies":[],"meta":{"constructor":{"prototype":{"polluted":1}}}}',
  ),
);

describe('fuzz: parseJson → parseStudyRecords → effectSizes', () => {
  it(`${FUZZ_INPUTS.json} random JSON texts: a table or a MetasynthError, never a crash, NaN or prototype pollution`, () => {
    fc.assert(
      fc.property(jsonText, (text) => {
        const table = guarded('parseJson', () => parseJson(text, { file: 'fuzz.json' }));
        if (table) analyse(table, false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: FUZZ_INPUTS.json, seed: SEED },
    );
  });
});

const KEYS = [
  'study',
  'yi',
  'vi',
  'sei',
  'hr',
  'lower',
  'upper',
  'level',
  'ai',
  'bi',
  'ci',
  'di',
  'x1i',
  'n1i',
  'x2i',
  'n2i',
  'm1i',
  'sd1i',
  'm2i',
  'sd2i',
  'ri',
  'ni',
  'xi',
  'source',
  'g',
  'HR',
  'se',
  'variance',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
];
const cell = fc.oneof(
  fc.constantFrom('0', '1', '-1', '0.5', '2', '10', '1e-300', '1e300', '1e999', 'NaN', 'Infinity', '', 'NA', ' 2 ', 'abc', '1,5', '12%', '0x1'),
  fc.double(),
  fc.integer({ min: -3, max: 60 }),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 4 }),
  fc.constantFrom({ a: 1 }, [1], {}),
);
/** Mostly plausible values (so that many sets are valid), with hostile ones mixed in. */
const plausible = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 60 }) },
  { weight: 2, arbitrary: fc.double({ min: -3, max: 3, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }).map(String) },
  { weight: 2, arbitrary: cell },
);
/** Record sets of one kind's columns plus random extra keys (hostile ones included). */
const recordSets = fc
  .tuple(fc.constantFrom(...KIND_KEYS), fc.subarray(KEYS, { maxLength: 3 }), fc.integer({ min: 1, max: 6 }))
  .chain(([kindKeys, extra, k]) => {
    const keys = [...new Set([...kindKeys, ...extra])];
    return fc.array(fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), key === 'study' ? fc.oneof(fc.constantFrom('A', 'B', 'A'), cell) : plausible))), {
      minLength: k,
      maxLength: k,
    });
  })
  .map((rows) => rows.map((entries) => Object.fromEntries(entries)));

describe('fuzz: parseStudyRecords → effectSizes → pool', () => {
  it(`${FUZZ_INPUTS.records} random record sets: records or a MetasynthError, effects and pooled results free of NaN`, () => {
    fc.assert(
      fc.property(recordSets, (rows) => {
        analyse(rows, true);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: FUZZ_INPUTS.records, seed: SEED },
    );
    // A good share of the sets is valid and reaches the pooled estimate.
    expect(reached.pooled).toBeGreaterThan(FUZZ_INPUTS.records / 20);
    console.log(`fuzz reached: ${JSON.stringify(reached)}`);
  });
});
