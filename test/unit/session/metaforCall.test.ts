// metaforCallFor gives R code that fits the same model: each case's call (test/fixtures/session/cases.ts)
// was run once in R with metafor 3.8-1 (metafor-calls.R → metafor-values.json); here the stored call
// must still be what metaforCallFor writes, and metafor's figures must equal runAnalysis's (no R needed).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { metaforCallFor } from '../../../src/session/metaforCall.js';
import { runAnalysis } from '../../../src/session/runAnalysis.js';
import { CASES } from '../../fixtures/session/cases.js';
import { expectClose, TOL } from '../../helpers/tolerance.js';
import { fileText, ROOT } from './cliParity.js';

interface Stored {
  readonly name: string;
  readonly call: string;
  readonly values: Readonly<Record<string, number>>;
}
const STORED: readonly Stored[] = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/session/metafor-values.json'), 'utf8'));

/** The value at a dot path; a `key=value` segment picks the array item whose `key` is `value`. */
function at(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => {
    const [key, value] = part.split('=');
    if (value !== undefined && Array.isArray(node)) return node.find((item) => String((item as Record<string, unknown>)[key!]) === value);
    return (node as Record<string, unknown> | undefined)?.[part];
  }, doc);
}

describe('metaforCallFor(settings, dataName): the R call fits the same model as runAnalysis', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (name, c) => {
    const stored = STORED.find((s) => s.name === name);
    expect(stored, `${name}: run write-calls.ts and metafor-calls.R`).toBeDefined();
    expect(metaforCallFor(c.settings, c.data)).toBe(stored!.call);
    const o = runAnalysis({ text: fileText(c.file), format: 'csv', name: c.file }, c.settings);
    if (!o.ok) throw new Error(o.problems.map((p) => p.message).join('\n'));
    // Iterative fits converge to 1e-12 on both sides (the call passes metafor threshold 1e-12); the brief's bar is 1e-6.
    // rma.mv's call keeps metafor's default optimiser, which stops short (see TOL.mvDefaultOptimiser).
    const tol = c.settings.analysis === 'multilevel' ? TOL.mvDefaultOptimiser : TOL.iterative;
    for (const [expr, path] of Object.entries(c.figures)) {
      expectClose(at(o.json, path) as number, stored!.values[expr], c.tolerance ? TOL[c.tolerance] : tol, `${name}: ${path} vs ${expr}`);
    }
    if (c.settings.analysis === 'multilevel') {
      // metasynth's fit is at the optimum: its log-likelihood is never below metafor's (beyond rounding).
      const logLik = Object.entries(c.figures).find(([expr]) => expr.includes('logLik'))!;
      expect(at(o.json, logLik[1]) as number).toBeGreaterThanOrEqual(stored!.values[logLik[0]]! - 1e-10);
    }
  });
});

describe('metaforCallFor and cliCommandFor write safe text', () => {
  it('effect sizes given as yi, vi need no escalc(), whatever measure they are on (a bundled SMD dataset)', () => {
    const r = metaforCallFor({ analysis: 'multilevel', measure: 'SMD', random: '~ 1 | district/school' }, 'data', 'generic');
    expect(r.split('\n')).toEqual(['library(metafor)', 'res <- rma.mv(yi, vi, random = ~ 1 | district/school, data = data, method = "REML")']);
  });

  it('study labels in exclusions are R string literals', () => {
    const r = metaforCallFor({ analysis: 'pool', measure: 'RR', exclude: ['a"b', "c'd\n"] }, 'bcg');
    expect(r).toContain('c("a\\"b", "c\'d\\n")');
  });
});
