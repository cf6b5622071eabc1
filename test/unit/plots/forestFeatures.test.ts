// The forest plot's table as journals print it (issue 20, item 1): per-arm columns with totals,
// one number of decimals per column, tests per subgroup and of subgroup differences (named, with
// I²), favours labels only when given, square sizes by weight range, notes that do not widen the
// label column, RoB 2 traffic lights, pages, and text that stays ≥ 7 pt at page width.
// Data: metafor's dat.bcg and dat.normand1999 (test/fixtures/metafor), and SYNTHETIC rows made up here.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlotSpec, type PlotRequest } from '../../../src/cli/commands/plot.js';
import type { CliIO } from '../../../src/cli/command.js';
import { main } from '../../../src/cli/main.js';
import { FOREST_PRESETS, forestInput, forestPlotPages, forestPlotSpec, subgroupI2, subgroupTestText, type ForestPlotInput } from '../../../src/plots/index.js';
import { decimalsOf } from '../../../src/plots/forestArms.js';
import { squareSide } from '../../../src/plots/forestMarks.js';
import { pool } from '../../../src/pool/index.js';
import { bcgTable, hackshawTable, normandTable } from '../../pixels/tables.js';
import { bcgForest } from './bcgInputs.js';

type Spec = { width: number; layer: { data?: { values?: Record<string, unknown>[] }; mark?: { type?: string; fontSize?: number } }[] };
const REML = { method: 'REML', test: 'z', level: 95 } as const;
const forest = (r: Omit<PlotRequest, 'kind' | 'settings'>) => buildPlotSpec({ kind: 'forest', settings: REML, ...r }) as unknown as Spec;
const texts = (spec: unknown) =>
  (spec as Spec).layer.flatMap((l) => l.data?.values ?? []).flatMap((v) => (typeof v.text === 'string' ? [v as { text: string; y: number }] : []));
const rowTexts = (spec: unknown, y: number) =>
  texts(spec)
    .filter((t) => t.y === y)
    .map((t) => t.text);

const bcgCsv = readFileSync(new URL('../../fixtures/metafor/dat.bcg.csv', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.match(/(".*?"|[^,]+)/g)!);

describe('forestPlotSpec: per-arm columns and totals', () => {
  it('every preset shows events and totals per arm for 2x2 data, with the totals RevMan prints', () => {
    // Sums straight from the CSV (columns study, year, ai, bi, ci, di, ...).
    const n = (row: string[], j: number) => Number(row[j]);
    const events = [bcgCsv.reduce((a, r) => a + n(r, 2), 0), bcgCsv.reduce((a, r) => a + n(r, 4), 0)];
    const totals = [bcgCsv.reduce((a, r) => a + n(r, 2) + n(r, 3), 0), bcgCsv.reduce((a, r) => a + n(r, 4) + n(r, 5), 0)];
    for (const preset of FOREST_PRESETS) {
      const spec = forest({ table: bcgTable(), preset });
      const all = texts(spec).map((t) => t.text);
      expect(all).toContain('Events');
      const eventsRow = texts(spec).find((t) => t.text === 'Total events')!;
      expect(rowTexts(spec, eventsRow.y)).toEqual(expect.arrayContaining(events.map(String)));
      const pooledY = texts(spec).find((t) => /^(Total \(95% CI\)|Random-effects model)/.test(t.text))!.y;
      expect(rowTexts(spec, pooledY)).toEqual(expect.arrayContaining(totals.map(String)));
    }
  });

  it('continuous data get mean, SD and total per arm, one number of decimals per column', () => {
    const spec = forest({ table: normandTable(), preset: 'revman5' });
    const all = texts(spec).map((t) => t.text);
    for (const h of ['Mean', 'SD', 'Total', 'Experimental', 'Control']) expect(all).toContain(h);
    expect(all).not.toContain('Total events');
    // Edinburgh: 55, 47, 155 against 75, 64, 156 (dat.normand1999 row 1).
    const edinburgh = texts(spec).find((t) => t.text === 'Edinburgh')!;
    expect(rowTexts(spec, edinburgh.y)).toEqual(expect.arrayContaining(['55', '47', '155', '75', '64', '156']));
  });

  it('decimalsOf(v) gives the decimals a value needs; a column prints all its values with the most', () => {
    expect([decimalsOf(55), decimalsOf(27.5), decimalsOf(0.125), decimalsOf(1 / 3)]).toEqual([0, 1, 3, 3]);
    const input: ForestPlotInput = {
      measure: 'MD',
      studies: [
        {
          study: 'A',
          effect: 1,
          ciLower: 0,
          ciUpper: 2,
          arms: { kind: 'means', treatment: { mean: 55, sd: 4, total: 10 }, control: { mean: 27.5, sd: 3.25, total: 12 } },
        },
        {
          study: 'B',
          effect: 2,
          ciLower: 1,
          ciUpper: 3,
          arms: { kind: 'means', treatment: { mean: 12, sd: 5, total: 11 }, control: { mean: 20, sd: 3, total: 9 } },
        },
      ],
      pooled: [],
    };
    const all = texts(forestPlotSpec(input)).map((t) => t.text);
    expect(all).toEqual(expect.arrayContaining(['55', '12', '27.5', '20.0', '3.25', '3.00']));
  });

  it('the estimate [CI] column has one number of decimals (three throughout when an estimate is below 0.1)', () => {
    const input = bcgForest();
    const small: ForestPlotInput = {
      ...input,
      studies: [...input.studies, { study: 'SYNTHETIC small', effect: Math.log(0.05), ciLower: Math.log(0.01), ciUpper: Math.log(0.2) }],
    };
    for (const [data, digits] of [
      [input, 2],
      [small, 3],
    ] as const) {
      const cells = texts(forestPlotSpec(data))
        .map((t) => t.text)
        .filter((t) => /^\d+\.\d+ \[/.test(t));
      expect(cells.length).toBeGreaterThan(10);
      for (const c of cells) for (const num of c.match(/\d+\.\d+/g)!) expect(num.split('.')[1]).toHaveLength(digits);
    }
  });
});

describe('forestPlotSpec: subgroup tests', () => {
  it('each subgroup has its test for overall effect, and the test of differences is named with its I²', () => {
    const spec = forest({ table: bcgTable(), preset: 'revman5', by: 'alloc' });
    const all = texts(spec).map((t) => t.text);
    expect(all.filter((t) => t.startsWith('Test for overall effect: Z ='))).toHaveLength(4);
    expect(all.find((t) => t.startsWith('Test for subgroup differences'))).toMatch(
      /^Test for subgroup differences \(Q between subgroups, separate Tau²\): Chi² = 1\.86, df = 2 \(P = 0\.39\), I² = 0%$/,
    );
    const mixed = texts(forest({ table: bcgTable(), by: 'alloc', subgroupTest: 'mixed' })).map((t) => t.text);
    expect(mixed.find((t) => t.startsWith('Test for subgroup differences'))).toMatch(
      /^Test for subgroup differences \(mixed-effects model with common τ²\): QM = \d+\.\d\d, df = 2, p = 0\.\d+; I² = \d+\.\d%$/,
    );
  });

  it('subgroupI2(q, df) is max(0, (Q − df)/Q) in percent; an F test prints no I²', () => {
    expect(subgroupI2(4, 2)).toBe(50);
    expect(subgroupI2(1, 2)).toBe(0);
    expect(subgroupI2(null, 2)).toBeNull();
    expect(subgroupTestText({ q: 2.5, df: 2, dfDenominator: 10, pValue: 0.13, test: 'mixed' }, 'default')).toBe(
      'Test for subgroup differences (mixed-effects model with common τ²): F(2, 10) = 2.50, p = 0.13',
    );
  });
});

describe('forestPlotSpec: favours, squares, label column', () => {
  it('no favours labels unless given', () => {
    expect(texts(forestPlotSpec(bcgForest())).some((t) => /Favou?rs/.test(t.text))).toBe(false);
    const given = texts(forestPlotSpec(bcgForest(), { favours: { left: 'vaccine', right: 'control' } })).map((t) => t.text);
    expect(given).toEqual(expect.arrayContaining(['\u2190 Favours vaccine', 'Favours control \u2192']));
  });

  it('squareSide(rowHeight, w, range): area linear in weight between 30 % and 78 % of the row height', () => {
    expect(squareSide(20, 1, [1, 9])).toBeCloseTo(6, 12);
    expect(squareSide(20, 9, [1, 9])).toBeCloseTo(15.6, 12);
    expect(squareSide(20, 5, [1, 9]) ** 2).toBeCloseTo((36 + 15.6 ** 2) / 2, 9);
    expect(squareSide(20, 3, [3, 3]) ** 2).toBeCloseTo((36 + 15.6 ** 2) / 2, 9);
    expect(squareSide(20, null, [1, 9])).toBe(6);
  });

  it('the grey notes do not widen the label column', () => {
    const plain = forestPlotSpec(bcgForest({ subgroups: true })) as unknown as Spec;
    const input = bcgForest({ subgroups: true });
    const long = { ...input, subgroups: input.subgroups!.map((g) => ({ ...g, heterogeneity: { ...g.heterogeneity, q: 123456789.123 } })) };
    expect((forestPlotSpec(long) as unknown as Spec).width).toBe(plain.width);
  });

  it('text stays at least 7 pt at page width: 7 in without per-arm columns, 9.7 in (landscape) with them', () => {
    const tables = { bcg: bcgTable, hackshaw: hackshawTable, normand: normandTable };
    for (const preset of FOREST_PRESETS) {
      for (const [name, table] of Object.entries(tables)) {
        for (const showArms of [true, false]) {
          const t = table();
          const input = forestInput(t, pool(t), { preset, common: pool(t, { method: 'EE' }) });
          const spec = forestPlotSpec(input, { preset, showArms }) as unknown as Spec;
          const sizes = spec.layer.map((l) => l.mark?.fontSize).filter((s): s is number => typeof s === 'number');
          const pagePt = input.studies[0]!.arms && showArms ? 700 : 504;
          const smallestPt = (Math.min(...sizes) * pagePt) / (spec.width + 32);
          expect(smallestPt, `${preset} ${name} arms=${showArms}: width ${spec.width}`).toBeGreaterThanOrEqual(7);
        }
      }
    }
  });
});

describe('forestPlotSpec: RoB 2 traffic lights', () => {
  const rob = ['low', 'some concerns', 'high'] as const;
  const table = () => {
    const t = bcgTable();
    // SYNTHETIC judgements, made up for the test (dat.bcg has no risk-of-bias assessment).
    return {
      ...t,
      studies: t.studies.map((s, i) => ({
        ...s,
        moderators: {
          ...s.moderators,
          rob_d1: rob[i % 3]!,
          rob_d2: rob[(i + 1) % 3]!,
          rob_d3: 'low',
          rob_d4: 'Low',
          rob_d5: 'some_concerns',
          rob_overall: rob[(i + 2) % 3]!,
        },
      })),
    };
  };
  it('draws one light per study and domain, the domain headers and the legend', () => {
    const spec = forestPlotSpec(forestInput(table(), pool(table())), { preset: 'revman5' }) as unknown as Spec;
    const values = spec.layer.flatMap((l) => l.data?.values ?? []);
    expect(values.filter((v) => typeof v.judgement === 'string')).toHaveLength(13 * 6 + 3);
    const all = texts(spec).map((t) => t.text);
    expect(all).toEqual(expect.arrayContaining(['D1', 'D5', 'Overall', 'Risk of bias', 'Low risk of bias', 'Some concerns', 'High risk of bias']));
    expect(all.find((t) => t.startsWith('Risk of bias (RoB 2): D1 randomisation process;'))).toBeDefined();
  });
  it('refuses a judgement outside low / some concerns / high, naming the study and column', () => {
    const t = table();
    const bad = { ...t, studies: t.studies.map((s, i) => (i === 2 ? { ...s, moderators: { ...s.moderators, rob_d2: 'unclear' } } : s)) };
    expect(() => forestInput(bad, pool(bad))).toThrow('study 3 ("Rosenthal et al, 1960"): rob_d2 ("unclear") must be one of "low", "some concerns", "high"');
  });
});

describe('forestPlotPages(input, { maxRows })', () => {
  it('splits the rows into pages of the same width, with the footer on the last page only', () => {
    const pages = forestPlotPages(bcgForest({ subgroups: true }), { maxRows: 10 }) as unknown as Spec[];
    expect(pages.length).toBe(3);
    expect(new Set(pages.map((p) => p.width)).size).toBe(1);
    const footers = pages.map((p) => texts(p).some((t) => t.text.startsWith('Test for subgroup differences')));
    expect(footers).toEqual([false, false, true]);
    expect(JSON.stringify(pages[0])).toContain('Page 1 of 3');
    expect(() => forestPlotPages(bcgForest(), { maxRows: 0 })).toThrow(/maxRows/);
  });

  it('metasynth plot forest --max-rows 12 writes one PNG per page and lists them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'metasynth-pages-'));
    const err: string[] = [];
    const io: CliIO = { stdout: () => undefined, stderr: (t) => void err.push(t), isTTY: false, cwd: dir };
    expect(await main(['plot', 'forest', '--dataset', 'classic/hackshaw1998', '--max-rows', '12', '--out', 'f.svg'], io)).toBe(0);
    const files = readdirSync(dir).sort();
    expect(files).toEqual(['f-1.svg', 'f-2.svg', 'f-3.svg', 'f-4.svg']);
    expect(err.join('')).toBe('metasynth: wrote f-1.svg, f-2.svg, f-3.svg, f-4.svg\n');
    expect(await main(['plot', 'forest', '--dataset', 'classic/hackshaw1998', '--max-rows', '2', '--out', 'g.svg'], io)).toBe(2);
  });
});
