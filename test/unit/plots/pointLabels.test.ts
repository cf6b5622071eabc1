import { describe, expect, it } from 'vitest';
import { placeLabels } from '../../../src/plots/pointLabels.js';
import { textWidth } from '../../../src/plots/textMetrics.js';

describe('placeLabels(candidates, panel)', () => {
  const panel = { width: 380, height: 320, xDomain: [0, 10] as [number, number], yDomain: [0, 10] as [number, number], fontSize: 9 };
  // 200 candidates on a deterministic spiral (SYNTHETIC positions), most of them crowded.
  const candidates = Array.from({ length: 200 }, (_, i) => ({
    x: 5 + 4.5 * Math.cos(i) * (i / 200),
    y: 5 + 4.5 * Math.sin(i) * (i / 200),
    text: `Study number ${i}`,
  }));

  it('200 crowded candidates: no two labels overlap and none leaves the panel', () => {
    const placed = placeLabels(candidates, { ...panel, markers: candidates });
    expect(placed.length).toBeGreaterThan(5);
    const boxes = placed.map((p) => {
      const cx = (p.x / 10) * panel.width;
      const cy = panel.height - (p.y / 10) * panel.height;
      const w = textWidth(p.text, 9);
      const l = p.side === 'right' ? cx + 7 : cx - 7 - w;
      return { l, r: l + w, t: cy - 5.4, b: cy + 5.4 };
    });
    for (const b of boxes) {
      expect(b.l).toBeGreaterThanOrEqual(0);
      expect(b.r).toBeLessThanOrEqual(panel.width);
      expect(b.t).toBeGreaterThanOrEqual(0);
      expect(b.b).toBeLessThanOrEqual(panel.height);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        expect(a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b, `${placed[i]!.text} overlaps ${placed[j]!.text}`).toBe(false);
      }
    }
  });

  it('a point just above a line given as markers: no place at its height; with shiftVertically the label moves half a line up, clear of the line', () => {
    const line = Array.from({ length: 200 }, (_, i) => ({ x: i / 20, y: 10 - i / 20 }));
    expect(placeLabels([{ x: 5, y: 5.15, text: 'Above the line' }], { ...panel, markers: line })).toHaveLength(0);
    const placed = placeLabels([{ x: 5, y: 5.15, text: 'Above the line' }], { ...panel, markers: line, shiftVertically: true });
    expect(placed).toHaveLength(1);
    const p = placed[0]!;
    expect(p.y).toBeGreaterThan(5.15);
    const cx = (p.x / 10) * panel.width;
    const cy = panel.height - (p.y / 10) * panel.height;
    const w = textWidth(p.text, 9);
    const l = p.side === 'right' ? cx + 7 : cx - 7 - w;
    for (const m of line) {
      const mx = (m.x / 10) * panel.width;
      const my = panel.height - (m.y / 10) * panel.height;
      expect(mx + 3.5 > l && mx - 3.5 < l + w && my + 3.5 > cy - 5.4 && my - 3.5 < cy + 5.4, `marker at ${m.x}, ${m.y}`).toBe(false);
    }
  });

  it('a point at the right edge gets its label on the left', () => {
    expect(placeLabels([{ x: 9.9, y: 5, text: 'Edge' }], panel)[0]!.side).toBe('left');
  });
});
