// The progress helpers of src/core/progress.ts (used by the batch, permutation and GOSH APIs).
import { describe, expect, it } from 'vitest';
import { progressTicker, terminalProgress } from '../../../src/core/progress.js';

describe('progressTicker(total, onProgress)', () => {
  it('progressTicker(1000, f) calls f about 200 times, increasing, ending with (1000, 1000)', () => {
    const calls: number[] = [];
    const t = progressTicker(1000, (d) => calls.push(d));
    for (let i = 1; i <= 1000; i++) t.tick(i);
    t.finish();
    t.finish();
    expect(calls.length).toBeLessThanOrEqual(201);
    expect(calls.at(-1)).toBe(1000);
    expect(calls.filter((d) => d === 1000).length).toBe(1);
  });
});

describe('terminalProgress(stream, options)', () => {
  const stream = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, isTTY, columns: 80, write: (s: string) => out.push(s) };
  };

  it('draws nothing when the stream is not a terminal or the output is JSON', () => {
    const s = stream(false);
    terminalProgress(s, { delayMs: 0 }).onProgress(1, 2);
    const t = stream(true);
    const bar = terminalProgress(t, { json: true, delayMs: 0 });
    bar.onProgress(1, 2);
    expect(s.out).toEqual([]);
    expect(t.out).toEqual([]);
    expect(bar.active).toBe(false);
  });

  it('draws a bar on a terminal after the delay and erases it at the end', () => {
    let now = 0;
    const s = stream(true);
    const bar = terminalProgress(s, { label: 'GOSH', delayMs: 500, now: () => now });
    bar.onProgress(1, 4);
    expect(s.out).toEqual([]);
    now = 600;
    bar.onProgress(2, 4);
    expect(s.out[0]).toMatch(/^\rGOSH \[#+-+\] {2}50% 0\.6s$/);
    bar.done();
    expect(s.out.at(-1)).toBe('\r\x1b[2K');
  });
});
