// publishedBesideClaim: every comparison with the claimed value comes from the estimates given.
// The estimates below are made up for the test (ids T1…); the expected values are worked by hand.
import { describe, expect, it } from 'vitest';
import { publishedBesideClaim, type PublishedPooledEstimate } from '../../../src/reproduce/index.js';

const estimate = (id: string, effectType: string, outcome: string, value: number, lower: number, upper: number): PublishedPooledEstimate => ({
  id,
  metaAnalysis: `test ${id}`,
  year: null,
  cancer: 'test',
  outcome,
  effectType,
  direction: '',
  estimate: value,
  lower,
  upper,
  k: null,
  cikSpecific: null,
  source: 'https://example.org',
  doi: null,
  quote: '',
});
const isOsHr = (e: PublishedPooledEstimate) => e.effectType === 'HR' && e.outcome === 'OS';

describe('publishedBesideClaim(claimed, estimates, isOsHazardRatio)', () => {
  const es = [
    estimate('T1', 'HR', 'OS', 0.6, 0.5, 0.72),
    estimate('T2', 'HR', 'OS', 0.7, 0.6, 0.8),
    estimate('T3', 'RR', 'OS', 0.74, 0.6, 0.9),
    estimate('T4', 'HR', 'PFS', 0.8, 0.7, 0.9),
    estimate('T5', 'OR', 'ORR', 2, 1.5, 3),
  ];

  it('finds the OS HRs, their range, the closest on the log scale and the CIs that include the claim', () => {
    const p = publishedBesideClaim(0.75, es, isOsHr);
    expect(p.osHazardRatios.map((e) => e.id)).toEqual(['T1', 'T2']);
    expect([p.osHazardRatioRange?.min, p.osHazardRatioRange?.max]).toEqual([0.6, 0.7]);
    expect(p.osHazardRatioRange?.median).toBeCloseTo(0.65, 12); // (0.6 + 0.7) / 2 in floating point
    expect(p.claimPosition).toBe('above');
    expect(p.osHazardRatioCisIncludingClaim).toEqual(['T2']);
    expect(p.closestOsHazardRatio?.id).toBe('T2');
  });

  it('lists, nearest first, the figures closer to the claim than any OS HR: |ln(0.74/0.75)| < |ln(0.8/0.75)| < |ln(0.7/0.75)|', () => {
    expect(publishedBesideClaim(0.75, es, isOsHr).closerOtherFigures.map((e) => e.id)).toEqual(['T3', 'T4']);
  });

  it('counts every figure by effect type with its outcomes, in order of first appearance', () => {
    expect(publishedBesideClaim(0.75, es, isOsHr).byEffectType).toEqual([
      {
        effectType: 'HR',
        count: 3,
        min: 0.6,
        max: 0.8,
        outcomes: [
          { outcome: 'OS', count: 2 },
          { outcome: 'PFS', count: 1 },
        ],
      },
      { effectType: 'RR', count: 1, min: 0.74, max: 0.74, outcomes: [{ outcome: 'OS', count: 1 }] },
      { effectType: 'OR', count: 1, min: 2, max: 2, outcomes: [{ outcome: 'ORR', count: 1 }] },
    ]);
  });

  it('places the claim below or within the range as the data say', () => {
    expect(publishedBesideClaim(0.5, es, isOsHr).claimPosition).toBe('below');
    expect(publishedBesideClaim(0.65, es, isOsHr).claimPosition).toBe('within');
  });

  it('with no OS HR: no range, no position, and every figure is "closer"', () => {
    const p = publishedBesideClaim(0.75, es, () => false);
    expect([p.osHazardRatioRange, p.claimPosition, p.closestOsHazardRatio]).toEqual([null, null, null]);
    expect(p.closerOtherFigures).toHaveLength(es.length);
  });

  it('does not change its input', () => {
    const copy = structuredClone(es);
    publishedBesideClaim(0.75, es, isOsHr);
    expect(es).toEqual(copy);
  });
});
