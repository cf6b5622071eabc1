// The funnel's PET-PEESE and selection-model lines: drawn where their formulas put them (checked
// against metafor's figures and against the engines' results, never against typed-in numbers),
// inside the axes, named in a legend, explained in the caption. That the spec is valid and compiles to
// one merged legend is tested with the other specs (specs.test.ts).
import { describe, expect, it } from 'vitest';
import { petPeese, trimAndFill } from '../../../src/bias/index.js';
import { pool } from '../../../src/pool/index.js';
import {
  FUNNEL_LINE_STYLES,
  funnelInput,
  funnelPlotSpec,
  funnelSelectionEstimate,
  selectionModelLabel,
  type FunnelPlotInput,
} from '../../../src/plots/index.js';
import { selectionModel } from '../../../src/selection/index.js';
import { expectClose, TOL } from '../../helpers/tolerance.js';
import { hackshawTable } from '../../pixels/tables.js';
import { hackshaw, hackshawFunnel } from './hackshawInputs.js';

interface Layer {
  data?: { values?: Record<string, unknown>[] };
  mark: { type: string; shape?: string; color?: string };
  encoding: { x?: { scale?: { domain?: [number, number] } }; y?: { scale?: { domain?: [number, number] } } };
}

/** The chart's layers (the spec is the chart over its caption). */
function chartOf(input: FunnelPlotInput, options = {}) {
  const spec = funnelPlotSpec(input, options) as unknown as { vconcat: [{ layer: Layer[] }, { data: { values: { text: string }[] } }] };
  const layers = spec.vconcat[0].layer;
  const yDomain = layers.find((l) => l.encoding.y?.scale?.domain)!.encoding.y!.scale!.domain!;
  const xDomain = layers.find((l) => l.encoding.x?.scale?.domain)!.encoding.x!.scale!.domain!;
  const line = (prefix: string) => layers.find((l) => String(l.data?.values?.[0]?.line ?? '').startsWith(prefix));
  const caption = spec.vconcat[1].data.values.map((v) => v.text).join(' ');
  return { spec, layers, line, seMax: yDomain[1], yDomain, xDomain, caption };
}

const xs = (l: Layer | undefined) => (l?.data?.values ?? []).map((v) => v.x).filter((x): x is number => typeof x === 'number');

describe('funnelPlotSpec with PET-PEESE and selection models (hackshaw, metafor 3.8-1 figures)', () => {
  const c = chartOf(hackshawFunnel());
  const { pet, peese } = hackshaw;

  it("PET's line runs from exp(b0) at SE = 0 to exp(b0 + b1·SEmax) at the bottom of the axis", () => {
    const values = c.line('PET (')!.data!.values!;
    expect(c.yDomain[0]).toBe(0);
    expect(values.map((v) => v.se)).toEqual([0, c.seMax]);
    expectClose(values[0]!.x as number, Math.exp(pet.est), TOL.closedForm, 'PET at SE = 0');
    expectClose(values[1]!.x as number, Math.exp(pet.est + pet.slope * c.seMax), TOL.closedForm, 'PET at SE max');
  });

  it("PEESE's curve is exp(b0 + b1·SE²) at every drawn point, from SE = 0 to the bottom of the axis", () => {
    const values = c.line('PEESE (')!.data!.values!;
    expect(values[0]!.se).toBe(0);
    expect(values.at(-1)!.se).toBe(c.seMax);
    expect(values.length).toBeGreaterThan(10);
    for (const v of values) expectClose(v.x as number, Math.exp(peese.est + peese.slope * (v.se as number) ** 2), TOL.closedForm, `PEESE at SE ${v.se}`);
  });

  it('each selection model is a vertical line at its estimate, named with its interval in the legend', () => {
    for (const [prefix, m] of [
      ['3PSM', hackshaw.psm3],
      ['Beta selection model', hackshaw.beta],
    ] as const) {
      const l = c.line(prefix)!;
      expect(l.mark.type).toBe('rule');
      expectClose(l.data!.values![0]!.x as number, Math.exp(m.beta[0]!), TOL.closedForm, prefix);
      expect(String(l.data!.values![0]!.line)).toMatch(/: \d\.\d\d \[\d\.\d\d, \d\.\d\d\]$/);
    }
  });

  it('no line leaves the axes: the x domain covers every point of every line', () => {
    for (const l of c.layers) for (const x of xs(l)) expect(x >= c.xDomain[0] && x <= c.xDomain[1], `x = ${x} in ${c.xDomain}`).toBe(true);
    // and no end was pulled in by clipping: the steepest line ends where its formula says (above)
    expect(Math.max(...xs(c.line('PEESE (')))).toBeLessThanOrEqual(c.xDomain[1]);
  });

  it('the conditional PET-PEESE estimate is a diamond at SE = 0 in the colour of the model it chose', () => {
    const d = c.layers.find((l) => l.mark.shape === 'diamond')!;
    const chosen = pet['ci.lb'] > 0 || pet['ci.ub'] < 0 ? 'peese' : 'pet';
    expect(d.mark.color).toBe(FUNNEL_LINE_STYLES[chosen].color);
    expect(d.data!.values![0]!.se).toBe(0);
    expectClose(d.data!.values![0]!.x as number, Math.exp(chosen === 'pet' ? pet.est : peese.est), TOL.closedForm, 'conditional');
  });

  it('every line encodes colour and dash by its name on one shared scale titled "Lines"; the caption explains PET, PEESE and the diamond', () => {
    const drawn = c.layers.filter((l) => l.data?.values?.[0]?.line !== undefined) as unknown as {
      encoding: Record<string, { field: string; scale: { domain: string[] }; legend: { title: string } }>;
    }[];
    const names = drawn.map((l) => (l as unknown as Layer).data!.values![0]!.line);
    expect(names.map((n) => String(n).split(/[:(]/)[0]!.trim())).toEqual(['Pooled estimate', 'Trim-and-fill', 'PET', 'PEESE', '3PSM', 'Beta selection model']);
    for (const l of drawn) {
      for (const channel of ['color', 'strokeDash']) {
        expect(l.encoding[channel]!.field).toBe('line');
        expect(l.encoding[channel]!.legend.title).toBe('Lines');
        expect(l.encoding[channel]!.scale.domain).toEqual(names);
      }
    }
    expect(c.caption).toContain('PET: weighted least-squares line of effect on SE');
    expect(c.caption).toContain('Diamond at SE = 0: the conditional PET-PEESE estimate');
    expect(c.caption).toContain('Vertical lines other than the pooled estimate and trim-and-fill: the adjusted estimates named in the legend.');
  });

  it('the classic funnel (no PET-PEESE, no adjusted estimates) has no line legend', () => {
    const plain = chartOf({ ...hackshawFunnel(), petPeese: null, adjusted: null });
    expect(JSON.stringify(plain.spec)).not.toContain('"title":"Lines"');
  });

  it('does not mutate its input', () => {
    const input = hackshawFunnel();
    const before = JSON.stringify(input);
    funnelPlotSpec(input, { contours: true });
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('funnelPlotSpec lines on a linear axis (SYNTHETIC input)', () => {
  // SYNTHETIC: three made-up studies and a steep made-up PET line, to push the line past the studies.
  const input: FunnelPlotInput = {
    measure: 'MD',
    points: [
      { study: 'S1', effect: 0.1, standardError: 0.1 },
      { study: 'S2', effect: 0.3, standardError: 0.2 },
      { study: 'S3', effect: 0.2, standardError: 0.3 },
    ],
    estimate: 0.2,
    petPeese: { pet: { estimate: -0.5, slope: 12 }, peese: { estimate: -0.2, slope: 40 } },
    adjusted: [
      { label: 'Same', estimate: 0.05 },
      { label: 'Same', estimate: 0.07 },
    ],
    synthetic: true,
  };
  const c = chartOf(input);

  it('the x axis widens to the lines’ far ends instead of clipping them', () => {
    const petEnd = -0.5 + 12 * c.seMax;
    const peeseEnd = -0.2 + 40 * c.seMax ** 2;
    expect(c.line('PET (')!.data!.values!.at(-1)!.x).toBeCloseTo(petEnd, 12);
    expect(c.line('PEESE (')!.data!.values!.at(-1)!.x).toBeCloseTo(peeseEnd, 12);
    expect(c.xDomain[1]).toBeGreaterThanOrEqual(Math.max(petEnd, peeseEnd));
    expect(c.xDomain[0]).toBeLessThanOrEqual(-0.5);
  });

  it('two adjusted estimates with the same name get distinct legend entries', () => {
    const labels = c.layers.map((l) => l.data?.values?.[0]?.line).filter((x) => typeof x === 'string' && x.startsWith('Same'));
    expect(labels).toEqual(['Same: 0.05', 'Same: 0.07']);
    const twin = chartOf({ ...input, adjusted: [input.adjusted![0]!, input.adjusted![0]!] });
    expect(twin.layers.map((l) => l.data?.values?.[0]?.line).filter((x) => typeof x === 'string' && x.startsWith('Same'))).toEqual([
      'Same: 0.05',
      'Same: 0.05 (2)',
    ]);
  });

  it('without a conditional estimate there is no diamond, and the caption does not mention one', () => {
    expect(c.layers.some((l) => l.mark.shape === 'diamond')).toBe(false);
    expect(c.caption).not.toContain('Diamond');
  });
});

describe('funnelInput with the engines’ PET-PEESE and selection results (hackshaw)', () => {
  const table = hackshawTable();
  const pp = petPeese(table);
  const psm = selectionModel(table, { type: 'stepfun', steps: [0.025, 1] });
  const beta = selectionModel(table, { type: 'beta' });
  const input = funnelInput(table, pool(table, { method: 'REML' }), { petPeese: pp, selection: [psm, beta] });

  it("petPeese's slopes are metafor's regtest(model = 'lm') slopes on sei and vi", () => {
    expectClose(pp.petSlope.estimate, hackshaw.pet.slope, TOL.iterative, 'PET slope');
    expectClose(pp.peeseSlope.estimate, hackshaw.peese.slope, TOL.iterative, 'PEESE slope');
  });

  it('the drawn PET line equals petPeese’s intercept + slope·SE at both axis ends', () => {
    const c = chartOf(input);
    const [top, bottom] = c.line('PET (')!.data!.values!;
    expectClose(top!.x as number, Math.exp(pp.pet.estimate!), TOL.closedForm, 'PET at 0');
    expectClose(bottom!.x as number, Math.exp(pp.pet.estimate! + pp.petSlope.estimate! * c.seMax), TOL.closedForm, 'PET at SE max');
  });

  it('the adjusted estimates are the selection models’ coefficients with their intervals and names', () => {
    expect(input.adjusted?.map((a) => a.label)).toEqual(['3PSM (step at p = 0.025)', 'Beta selection model']);
    expect(input.adjusted?.[0]).toMatchObject({
      estimate: psm.coefficients[0]!.estimate,
      ciLower: psm.coefficients[0]!.ciLower,
      ciUpper: psm.coefficients[0]!.ciUpper,
    });
    expect(input.petPeese?.conditional?.chosen).toBe(pp.conditional.chosen);
    expect(chartOf(input).caption).toContain(
      'Adjusted estimates: each a random-effects model (\u03c4\u00b2 by maximum likelihood) fitted jointly with its selection function.',
    );
  });

  it('the legend gives the pooled and trim-and-fill estimates with their intervals from the results', () => {
    const re = pool(table, { method: 'REML' });
    const tf = trimAndFill(table, { method: 'REML' });
    const c = chartOf(funnelInput(table, re, { trimFill: tf, petPeese: pp }));
    const f = (x: number | null) => Math.exp(x!).toFixed(2);
    expect(c.line('Pooled estimate')!.data!.values![0]!.line).toBe(`Pooled estimate: ${f(re.estimate)} [${f(re.ciLower)}, ${f(re.ciUpper)}]`);
    expect(c.line('Trim-and-fill')!.data!.values![0]!.line).toBe(`Trim-and-fill: ${f(tf.model!.estimate)} [${f(tf.model!.ciLower)}, ${f(tf.model!.ciUpper)}]`);
  });

  it('selectionModelLabel names steps, continuous steps and the direction', () => {
    expect(selectionModelLabel({ type: 'stepfun', steps: [0.025, 0.5, 1], alternative: 'greater' })).toBe(
      'Step-function selection model (steps at p = 0.025, 0.5)',
    );
    expect(selectionModelLabel({ type: 'halfnorm', steps: [0.05, 1], alternative: 'less' })).toBe(
      'Half-normal selection model (step at p = 0.05), alternative less',
    );
    expect(selectionModelLabel({ type: 'negexp', steps: null, alternative: 'greater' })).toBe('Negative-exponential selection model');
  });

  it('funnelSelectionEstimate refuses a model with moderators and marks one that did not converge', () => {
    const withMods = selectionModel(table, { type: 'negexp', mods: ['year'] });
    expect(() => funnelSelectionEstimate(withMods)).toThrow(/negexp selection model has 2 coefficients \(intrcpt, year\)/);
    expect(funnelSelectionEstimate({ ...beta, converged: false })?.label).toBe('Beta selection model, not converged');
    expect(funnelSelectionEstimate({ ...beta, coefficients: [{ ...beta.coefficients[0]!, estimate: null }] })).toBeNull();
  });
});
