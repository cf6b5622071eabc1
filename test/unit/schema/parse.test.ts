import { describe, expect, it } from 'vitest';
import { MetasynthError } from '../../../src/core/errors.js';
import { parseCsv, parseJson } from '../../../src/schema/index.js';
import { readStudiesFile } from '../../../src/io/node.js';

describe('parseCsv', () => {
  it('parseCsv(text, { file }) handles a BOM, CRLF and quoted fields with commas, quotes and newlines', () => {
    const t = parseCsv('\uFEFFstudy,yi,vi,note\r\n"Smith, 2001",0.1,0.02,"said ""hi""\r\nthen left"\r\n\r\nB,0.2,0.03,\r\n', { file: 'a.csv' });
    expect(t.columns).toEqual(['study', 'yi', 'vi', 'note']);
    expect(t.rows).toHaveLength(2);
    expect(t.rows[0]!.study).toBe('Smith, 2001');
    expect(t.rows[0]!.note).toBe('said "hi"\r\nthen left');
    expect(t.rowNumbers).toEqual([1, 3]);
    expect(Object.getPrototypeOf(t.rows[0])).toBeNull();
  });
  it('keeps values as text', () => {
    expect(parseCsv('study,yi,vi\nA,0.10,2e-2\n').rows[0]!.yi).toBe('0.10');
  });
  it('throws for empty, header-only, ragged and duplicate-header files', () => {
    expect(() => parseCsv('', { file: 'e.csv' })).toThrow('e.csv is empty');
    expect(() => parseCsv('study,yi,vi\n', { file: 'h.csv' })).toThrow('has a header but no data rows');
    expect(() => parseCsv('study,yi,vi\nA,1\n', { file: 'r.csv' })).toThrow(MetasynthError);
    expect(() => parseCsv('a,a\n1,2\n')).toThrow(/more than once/);
  });
});

describe('parseJson', () => {
  it('reads an array of records and { studies, meta }', () => {
    expect(parseJson('[{"study":"A","yi":0.1,"vi":0.02}]').rows).toHaveLength(1);
    const t = parseJson('{"studies":[{"study":"A","yi":0.1,"vi":0.02},{"study":"B","yi":0.2,"vi":0.02,"x":1}],"meta":{"measure":"OR"}}');
    expect(t.columns).toEqual(['study', 'yi', 'vi', 'x']);
    expect(t.meta).toEqual(Object.assign(Object.create(null), { measure: 'OR' }));
  });
  it('refuses __proto__ and constructor keys and leaves Object.prototype untouched', () => {
    expect(() => parseJson('[{"study":"A","yi":0.1,"vi":0.02,"__proto__":{"polluted":true}}]')).toThrow(/"__proto__" is not allowed/);
    expect(() => parseJson('[{"study":"A","constructor":{"prototype":{"polluted":true}}}]')).toThrow(/"constructor" is not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('rejects non-object rows and documents that are not arrays', () => {
    expect(() => parseJson('[1]')).toThrow(/must be an object/);
    expect(() => parseJson('{"a":1}')).toThrow(/"studies" array/);
    expect(() => parseJson('[{]')).toThrow(/not valid JSON/);
  });
});

describe('readStudiesFile', () => {
  it("readStudiesFile('test/fixtures/metafor/dat.bcg.csv') // 13 twoByTwo records", () => {
    const p = readStudiesFile('test/fixtures/metafor/dat.bcg.csv');
    expect(p.kind).toBe('twoByTwo');
    expect(p.records).toHaveLength(13);
  });
  it('names the file in every message', () => {
    expect(() => readStudiesFile('test/nope.csv')).toThrow('test/nope.csv: cannot read the file (no such file)');
  });
});
