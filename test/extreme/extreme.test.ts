// Extreme values: variances from 1e-12 to 1e12, effects up to ±1e6, k from 1 to 1,000,000, all
// effects equal, one study dominating the weights, enormous heterogeneity. No NaN or Infinity may
// reach a result, a JSON document or a plot; a figure that cannot be computed is null and the
// result carries a structured warning ({ code, message }) saying why.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eggerTest, failSafeN, funnelData, rankCorrelationTest, trimAndFill } from '../../src/bias/index.js';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { effectSizes } from '../../src/effects/index.js';
import type { EffectTable } from '../../src/effects/types.js';
import { TAU2_METHODS, needsUserWeights } from '../../src/heterogeneity/index.js';
import { pool, TESTS, type PoolResult } from '../../src/pool/index.js';
import { metaRegression, subgroupAnalysis } from '../../src/regression/index.js';
import type { StudyRecord } from '../../src/schema/index.js';
import { cumulative, influenceDiagnostics, leaveOneOut } from '../../src/sensitivity/index.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
const TMP = join(ROOT, 'test', '.tmp', 'extreme');

interface Case {
  readonly effect: readonly number[];
  readonly variance: readonly number[];
}

const EXTREME_CASES: Readonly<Record<string, Case>> = {
  'variances 1e-12': { effect: [0.1, 0.2, 0.3, 0.15], variance: [1e-12, 1e-12, 1e-12, 1e-12] },
  'variances 1e12': { effect: [0.1, 0.2, 0.3, 0.15], variance: [1e12, 1e12, 1e12, 1e12] },
  'variances from 1e-12 to 1e12': { effect: [0.1, 0.2, 0.3, 0.15, -0.4], variance: [1e-12, 1e12, 1, 1e-6, 1e6] },
  'effects ±1e6': { effect: [1e6, -1e6, 5e5, -3e5], variance: [1, 2, 3, 4] },
  'effects ±1e6 with variances 1e-12': { effect: [1e6, -1e6, 5e5, -3e5], variance: [1e-12, 1e-12, 1e-12, 1e-12] },
  'effects ±1e6, variances 1e-12 to 1e12': { effect: [1e6, -1e6, 2e5, 7e5], variance: [1e12, 1e-12, 1e6, 1] },
  'all effects equal': { effect: [0.5, 0.5, 0.5, 0.5, 0.5], variance: [0.1, 0.2, 0.3, 0.4, 0.5] },
  'all effects and variances equal': { effect: [0.5, 0.5, 0.5], variance: [0.1, 0.1, 0.1] },
  'one study dominating the weights': { effect: [0.1, 2, 3, -1, 0.5], variance: [1e-10, 1, 1, 1, 1] },
  'enormous heterogeneity': { effect: [1e6, -1e6, 1e6, -1e6, 0], variance: [1e-6, 1e-6, 1e-6, 1e-6, 1e-6] },
  'k = 1': { effect: [0.3], variance: [0.01] },
  'k = 2': { effect: [-1e6, 1e6], variance: [1e-12, 1e12] },
};

function tableOf(c: Case): EffectTable {
  return {
    measure: 'GEN',
    studies: c.effect.map((y, i) => ({
      study: `S${i + 1}`,
      effect: y,
      variance: c.variance[i]!,
      standardError: Math.sqrt(c.variance[i]!),
      row: i + 1,
      moderators: { x: i, g: i % 2 === 0 ? 'even' : 'odd' },
    })),
    excluded: [],
    warnings: [],
  };
}

/** Paths of every NaN or ±Infinity inside a value (JSON.stringify would hide them as null). */
function nonFinitePaths(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number' && !Number.isFinite(value)) out.push(`${path} = ${value}`);
  else if (Array.isArray(value))
    value.forEach((v, i) => {
      nonFinitePaths(v, `${path}[${i}]`, out);
    });
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) nonFinitePaths(v, `${path}.${k}`, out);
  return out;
}

function expectFinite(value: unknown, what: string): void {
  expect(nonFinitePaths(value), what).toEqual([]);
}

/** pool's contract: every figure in range, and a null headline figure explained by a warning. */
function expectSanePool(r: PoolResult): void {
  expectFinite(r, 'pool result');
  if (r.tau2 !== null) expect(r.tau2).toBeGreaterThanOrEqual(0);
  // Rounding may reach I² = 100 when tau² exceeds the within-study variance by ~1e16, never more.
  for (const i2 of [r.i2, r.confint?.i2.estimate, r.confint?.i2.lower, r.confint?.i2.upper]) {
    if (i2 === null || i2 === undefined) continue;
    expect(i2).toBeGreaterThanOrEqual(0);
    expect(i2).toBeLessThanOrEqual(100);
  }
  for (const p of [r.pValue, r.qPValue]) if (p !== null) expect(p >= 0 && p <= 1, `p = ${p}`).toBe(true);
  const headline = ['estimate', 'standardError', 'statistic', 'pValue', 'ciLower', 'ciUpper', 'tau2', 'i2', 'h2', 'q', 'qPValue'] as const;
  const nulls = headline.filter((key) => r[key] === null);
  if (nulls.length > 0) expect(r.warnings.length, `null ${nulls.join(', ')} without a warning`).toBeGreaterThan(0);
  for (const w of r.warnings) {
    expect(typeof w.code).toBe('string');
    expect(w.message.length).toBeGreaterThan(0);
  }
}

describe.each(Object.entries(EXTREME_CASES))('extreme data: %s', (_name, c) => {
  it.each(TAU2_METHODS.flatMap((m) => TESTS.map((t) => [m, t] as const)))(
    'pool(data, { method: %s, test: %s }) has no NaN/Infinity and keeps its ranges',
    (method, test) => {
      // GENQ and GENQM need user weights: the inverse-variance ones, the hardest spread of the data.
      const weights = needsUserWeights(method) ? c.variance.map((v) => 1 / v) : undefined;
      expectSanePool(pool({ effect: c.effect, variance: c.variance }, { method, test, ...(weights ? { weights } : {}) }));
    },
  );

  // Each analysis either gives a finite result or refuses with a MetasynthError (e.g. too few studies).
  const analyses: Record<string, (t: EffectTable) => unknown> = {
    'metaRegression(mods: x)': (t) => metaRegression(t, { mods: ['x'] }),
    'subgroupAnalysis(by: g)': (t) => subgroupAnalysis(t, { by: 'g' }),
    'eggerTest(rma)': (t) => eggerTest(t, {}),
    'eggerTest(lm)': (t) => eggerTest(t, { model: 'lm' }),
    rankCorrelationTest: (t) => rankCorrelationTest(t),
    trimAndFill: (t) => trimAndFill(t, {}),
    'failSafeN(Rosenthal)': (t) => failSafeN(t, { type: 'Rosenthal' }),
    'failSafeN(Orwin)': (t) => failSafeN(t, { type: 'Orwin' }),
    'failSafeN(Rosenberg)': (t) => failSafeN(t, { type: 'Rosenberg' }),
    funnelData: (t) => funnelData(t, {}),
    leaveOneOut: (t) => leaveOneOut(t, {}),
    cumulative: (t) => cumulative(t, {}),
    influenceDiagnostics: (t) => influenceDiagnostics(t, {}),
  };
  it.each(Object.keys(analyses))('%s has no NaN/Infinity', (name) => {
    let result: unknown;
    try {
      result = analyses[name]!(tableOf(c));
    } catch (err) {
      expect((err as Error).name, (err as Error).message).toBe('MetasynthError');
      return;
    }
    expectFinite(result, name);
  });
});

describe('effects beyond the range the issue names (±1e200): overflow is never reported as homogeneity', () => {
  it('pool(effects ±1e200, every method): Q, tau², I² are huge or null with a warning, never 0', () => {
    // Q = Σ w (y − μ)² overflows; an ∞ − ∞ inside the sums must not turn into Q = 0, tau² = 0, I² = 0.
    const wrong: string[] = [];
    for (const method of TAU2_METHODS) {
      const r = pool({ effect: [1e200, -1e200, 5e199], variance: [1, 1, 1] }, { method, ...(needsUserWeights(method) ? { weights: [1, 1, 1] } : {}) });
      expectFinite(r, 'pool');
      const qOk = r.q === null ? r.warnings.some((w) => w.code === 'not_computable') : r.q > 1e300;
      const tau2Ok = method === 'EE' || r.tau2 === null || r.tau2 > 1e300;
      if (!qOk || !tau2Ok) wrong.push(`${method}: q = ${r.q}, tau2 = ${r.tau2}, i2 = ${r.i2}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('back-transformed figures of ratio measures', () => {
  it("pool(log hazard ratios near 800, { measure: 'HR' }) explains with a warning why exp(estimate) is null", () => {
    // exp(800) overflows: the transformed figures are null, and (the contract) a warning must say why.
    const r = pool({ effect: [800, 801], variance: [1, 1], measure: 'HR' }, { method: 'REML' });
    expectSanePool(r);
    expect(r.estimate).not.toBeNull();
    expect(r.transformed?.estimate).toBeNull();
    expect(
      r.warnings.some((w) => w.code === 'not_computable' || /transformed|exp/i.test(w.message)),
      JSON.stringify(r.warnings),
    ).toBe(true);
  });
});

describe('meta-regression on extreme moderators', () => {
  const table = (x: (i: number) => number): EffectTable => {
    const t = tableOf({ effect: [0.1, 0.5, 0.3, 0.2, 0.9], variance: [0.1, 0.2, 0.1, 0.1, 0.3] });
    return { ...t, studies: t.studies.map((s, i) => ({ ...s, moderators: { x: x(i) } })) };
  };

  it.each([1e-90, 1e-30, 1e30, 1e90])('metaRegression(x = i·%s) gives finite coefficients that scale with the moderator', (s) => {
    const base = metaRegression(
      table((i) => i),
      { mods: ['x'] },
    );
    const r = metaRegression(
      table((i) => i * s),
      { mods: ['x'] },
    );
    expectFinite(r, 'regression');
    expect(r.coefficients[1]!.standardError).toBeGreaterThan(0);
    expect(Math.abs(r.coefficients[1]!.estimate! * s - base.coefficients[1]!.estimate!)).toBeLessThan(1e-9);
  });

  it.each([1e-200, 1e200])('metaRegression(x = i·%s) refuses the moderator with a message (never a standard error of 0)', (s) => {
    // Before the fix: "moderator x is constant (every study has 0)", then SE 0 and p = 0.
    expect(() =>
      metaRegression(
        table((i) => i * s),
        { mods: ['x'] },
      ),
    ).toThrow(/moderator "x" varies on a scale of .*rescale it/);
  });

  it('metaRegression(factor(x)) with 1 and 1 + 2^-52, which print alike, makes one level of them (as R)', () => {
    const r = metaRegression(
      table((i) => (i < 2 ? 1 : i < 4 ? 1 + 2 ** -52 : 2)),
      { mods: ['factor(x)'] },
    );
    expect(r.coefficients.map((c) => c.name)).toEqual(['intrcpt', 'factor(x)2']);
    expect(r.moderators[0]).toMatchObject({ kind: 'factor', levels: ['1', '2'] });
  });
});

describe('k = 1,000,000 studies', () => {
  it("pool(k = 1e6, { method: 'REML' }) converges with finite figures (one call: ~5 s)", () => {
    const k = 1_000_000;
    let seed = 12345;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const effect = new Float64Array(k);
    const variance = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      effect[i] = 2 * rnd() - 1 + (i % 2 === 0 ? 1 : 0); // two clusters: real heterogeneity
      variance[i] = 10 ** (-12 + 24 * rnd()); // 1e-12 to 1e12
    }
    const r = pool({ effect, variance }, { method: 'REML' });
    expect(r.k).toBe(k);
    expect(r.converged).toBe(true);
    expect(r.weights).toHaveLength(k);
    expectSanePool(r);
  });
});

describe('effectSizes at the limits of its inputs', () => {
  const base = (i: number) => ({ study: `S${i + 1}`, row: i + 1, moderators: {} });
  const cases: Record<string, { records: StudyRecord[]; measures: readonly string[] }> = {
    'huge 2x2 counts': {
      records: [
        { kind: 'twoByTwo', ...base(0), ai: 1e9, bi: 1, ci: 1, di: 1e9 },
        { kind: 'twoByTwo', ...base(1), ai: 0, bi: 1e12, ci: 1e12, di: 0 },
      ],
      measures: ['OR', 'RR', 'RD', 'PETO'],
    },
    'zero events in both arms': {
      records: [
        { kind: 'twoByTwo', ...base(0), ai: 0, bi: 10, ci: 0, di: 12 },
        { kind: 'twoByTwo', ...base(1), ai: 10, bi: 0, ci: 12, di: 0 },
      ],
      measures: ['OR', 'RR', 'RD', 'PETO'],
    },
    'means ±1e6, SDs 1e-6 to 1e6': {
      records: [
        { kind: 'continuous', ...base(0), m1i: 1e6, sd1i: 1e-6, n1i: 2, m2i: -1e6, sd2i: 1e6, n2i: 1e6 },
        { kind: 'continuous', ...base(1), m1i: 1e-6, sd1i: 1e6, n1i: 1e6, m2i: 1e6, sd2i: 1e-6, n2i: 2 },
      ],
      measures: ['MD', 'SMD', 'ROM'],
    },
    'correlations near ±1': {
      records: [
        { kind: 'correlation', ...base(0), ri: 0.9999999999, ni: 4 },
        { kind: 'correlation', ...base(1), ri: -0.9999999999, ni: 1e9 },
      ],
      measures: ['ZCOR', 'COR'],
    },
    'proportions 0 and 1 of 1e9': {
      records: [
        { kind: 'proportion', ...base(0), xi: 0, ni: 1e9 },
        { kind: 'proportion', ...base(1), xi: 1e9, ni: 1e9 },
      ],
      measures: ['PLO', 'PR'],
    },
    'hazard ratios 1e-6 and 1e6': {
      records: [
        { kind: 'hr', ...base(0), hr: 1e-6, lower: 1e-7, upper: 1e-5 },
        { kind: 'hr', ...base(1), hr: 1e6, lower: 999999, upper: 1000001 },
      ],
      measures: ['HR'],
    },
  };
  for (const [name, { records, measures }] of Object.entries(cases)) {
    for (const measure of measures) {
      it(`effectSizes(${name}, { measure: '${measure}' }) keeps or excludes every row, with no NaN/Infinity`, () => {
        const t = effectSizes(records, { measure: measure as never });
        expectFinite(t, 'effect table');
        expect(JSON.stringify(t)).not.toMatch(/NaN|Infinity/);
        expect(t.studies.length + t.excluded.length).toBe(records.length);
        for (const s of t.studies) expect(s.variance).toBeGreaterThan(0);
        if (t.studies.length > 0) expectSanePool(pool(t, { method: 'REML' }));
      });
    }
  }
});

describe('the CLI on extreme data: every --json document and plot is free of NaN/Infinity', () => {
  function capture(): CliIO & { out: () => string; err: () => string } {
    let out = '';
    let err = '';
    return {
      stdout: (t) => {
        out += t;
      },
      stderr: (t) => {
        err += t;
      },
      isTTY: false,
      cwd: ROOT,
      out: () => out,
      err: () => err,
    };
  }
  const files: [string, string][] = [];
  beforeAll(() => {
    mkdirSync(TMP, { recursive: true });
    Object.entries(EXTREME_CASES).forEach(([name, c], n) => {
      const path = join(TMP, `case-${n}.csv`);
      const rows = c.effect.map((y, i) => `S${i + 1},${y},${c.variance[i]},${i},${i % 2 === 0 ? 'even' : 'odd'}`);
      writeFileSync(path, ['study,yi,vi,x,g', ...rows, ''].join('\n'));
      files.push([name, path]);
    });
  });
  afterAll(() => rmSync(TMP, { recursive: true, force: true }));

  const commands: readonly (readonly string[])[] = [
    ['effects'],
    ['pool'],
    ['pool', '--method', 'DL', '--test', 'knha'],
    ['pool', '--method', 'PM'],
    ['regress', '--mods', 'x'],
    ['subgroup', '--by', 'g'],
    ['bias'],
    ['sensitivity'],
  ];
  it.each(commands.map((c) => [c.join(' ')] as const))('metasynth %s FILE --json on every extreme case', async (joined) => {
    const [cmd, ...opts] = joined.split(' ');
    for (const [name, path] of files) {
      const io = capture();
      const code = await main([cmd!, path, ...opts, '--json'], io);
      if (code === 2) {
        // Refusals (e.g. a regression on too few studies) are one clear message, not a crash.
        expect(io.err(), name).toMatch(/^metasynth: /);
        expect(io.err(), name).not.toMatch(/internal error|NaN|Infinity/);
        continue;
      }
      expect(code, `${name}: ${io.err()}`).toBe(0);
      expect(io.out(), name).not.toMatch(/NaN|Infinity/);
      expectFinite(JSON.parse(io.out()), name);
    }
  });

  it.each(commands.map((c) => [c.join(' ')] as const))('metasynth %s FILE (the table for people) prints NA, never NaN/Infinity', async (joined) => {
    const [cmd, ...opts] = joined.split(' ');
    for (const [name, path] of files) {
      const io = capture();
      const code = await main([cmd!, path, ...opts], io);
      expect(code === 0 || code === 2, `${name}: ${io.err()}`).toBe(true);
      expect(io.out() + io.err(), name).not.toMatch(/NaN|Infinity|internal error/);
    }
  });

  it.each(['forest', 'funnel', 'baujat', 'radial', 'leave1out', 'cumulative'])('metasynth plot %s FILE --out x.svg draws no NaN/Infinity', async (kind) => {
    for (const [name, path] of files.filter(([n]) => /1e-12 to 1e12|±1e6 with|enormous|all effects equal|k = 1$/.test(n))) {
      const out = join(TMP, `${kind}-${files.findIndex(([n]) => n === name)}.svg`);
      const io = capture();
      const code = await main(['plot', kind, path, '--out', out], io);
      if (code === 2) {
        // A plot that cannot be drawn (e.g. Baujat of one study) is refused with one clear message.
        expect(io.err(), name).toMatch(/^metasynth: /);
        expect(io.err(), name).not.toMatch(/internal error|NaN|Infinity/);
        continue;
      }
      expect(code, `${name}: ${io.err()}`).toBe(0);
      const svg = readFileSync(out, 'utf8');
      expect(svg, name).toMatch(/^<svg/);
      expect(svg, name).not.toMatch(/NaN|Infinity/);
    }
  });
});
