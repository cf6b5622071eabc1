// The analysis worker stays small: it runs GOSH and permutation refits on data the page prepared,
// so its bundle must not pull in mathjs (the R-formula evaluator, ~190 KiB gzipped) or the plot
// specs; an import of the library entry or of runAnalysis from the worker would (it did once).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the web worker bundle', () => {
  it('holds neither mathjs nor the Vega-Lite plot specs', async () => {
    const result = await build({
      entryPoints: ['web/src/worker/goshWorker.ts'],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((p) => p.includes('src/gosh/'))).toBe(true);
    expect(inputs.filter((p) => p.includes('node_modules/mathjs/') || p.includes('src/plots/'))).toEqual([]);
  });
});
