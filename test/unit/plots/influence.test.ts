// influencePlotSpec: metafor's plot(influence(res)) panels, reference lines and red influential
// studies, on metafor's own influence() numbers for dat.bcg (fixture RR/influence/REML).
import { describe, expect, it } from 'vitest';
import { influencePlotSpec, INFLUENTIAL_COLOUR } from '../../../src/plots/index.js';
import { compileSpec } from '../../../src/render/index.js';
import { bcgInfluence } from './bcgInputs.js';
import { schemaErrors } from './schema.js';

interface Layer {
  data?: { values?: { value: number; index?: number; influential?: boolean }[] };
  mark?: { type: string; strokeDash?: number[] };
  layer?: Layer[];
  encoding?: { color?: { scale?: { range?: string[] } } };
}
interface Panel {
  title: { text: string };
  layer: Layer[];
}
const panelsOf = (spec: unknown) => (spec as { vconcat: [{ concat: Panel[] }] }).vconcat[0].concat;
const rules = (p: Panel, dashed: boolean) =>
  p.layer.filter((l) => l.mark?.type === 'rule' && (l.mark.strokeDash?.[0] === 5) === dashed).flatMap((l) => l.data!.values!.map((v) => v.value));

describe('influencePlotSpec(input)', () => {
  it("bcg: metafor's eight panels in its order, valid and compiling without warnings", () => {
    const spec = influencePlotSpec(bcgInfluence());
    expect(schemaErrors(spec)).toEqual([]);
    expect(compileSpec(spec).warnings).toEqual([]);
    expect(panelsOf(spec).map((p) => p.title.text)).toEqual(['rstudent', 'dffits', 'cook.d', 'cov.r', 'tau2.del', 'QE.del', 'hat', 'weight']);
  });
  it("bcg: reference lines at 0, ±z, 1, the full model's tau² and Q, 1/k and 100/k", () => {
    const input = bcgInfluence();
    const p = panelsOf(influencePlotSpec(input));
    expect(rules(p[0]!, true)).toEqual([0]);
    // qnorm(0.975) = 1.959963984540054 (R); the quantile is an approximation good to ~1e-15.
    for (const v of rules(p[0]!, false)) expect(Math.abs(Math.abs(v) - 1.959963984540054)).toBeLessThan(1e-12);
    expect(rules(p[0]!, false)).toHaveLength(2);
    expect(rules(p[3]!, true)).toEqual([1]);
    expect(rules(p[4]!, true)).toEqual([input.tau2]);
    expect(rules(p[5]!, true)).toEqual([input.q]);
    expect(rules(p[6]!, true)).toEqual([1 / 13]);
    expect(rules(p[7]!, true)).toEqual([100 / 13]);
  });
  it('an influential study is drawn in red, the others in ink', () => {
    const input = bcgInfluence();
    const marked = { ...input, studies: input.studies.map((s, i) => ({ ...s, influential: i === 7 })) };
    const points = panelsOf(influencePlotSpec(marked))[0]!.layer.at(-1)!.layer![1]!;
    expect(points.encoding!.color!.scale!.range).toEqual(['#1a1a1a', INFLUENTIAL_COLOUR]);
    const values = panelsOf(influencePlotSpec(marked))[0]!.layer.at(-1)!.data!.values!;
    expect(values.filter((v) => v.influential).map((v) => v.index)).toEqual([8]);
  });
  it('hat and weight axes start at 0; a null diagnostic is left out of its panel', () => {
    const input = bcgInfluence();
    const withNull = { ...input, studies: input.studies.map((s, i) => (i === 2 ? { ...s, covRatio: null } : s)) };
    const p = panelsOf(influencePlotSpec(withNull));
    expect(p[3]!.layer.at(-1)!.data!.values!.map((v) => v.index)).not.toContain(3);
    const domain = (q: Panel) => (q.layer.at(-1)!.layer![0] as unknown as { encoding: { y: { scale: { domain: number[] } } } }).encoding.y.scale.domain;
    expect(domain(p[6]!)[0]).toBe(0);
    expect(domain(p[7]!)[0]).toBe(0);
  });
  it('rejects an input without studies or finite diagnostics', () => {
    expect(() => influencePlotSpec({ ...bcgInfluence(), studies: [] })).toThrow(/no study has finite values/);
  });
});
