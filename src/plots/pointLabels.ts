// Labels beside scatter points that never overlap each other, a marker, or the panel edges: each
// candidate (most important first) goes to the right of its point, or to the left when the right
// side would leave the panel or hit a label or marker already there, then (when asked) half a line
// above or below; a candidate with no free place is left unlabelled (its name stays in the tooltip). Lines a
// label must not cross are passed as markers sampled along them.
import type { Json } from './spec.js';
import { textWidth, truncateText } from './textMetrics.js';

/** A point to label, in data units, with its label text. */
export interface LabelCandidate {
  readonly x: number;
  readonly y: number;
  readonly text: string;
}

/** The panel: size in pixels and the linear data domains of its axes. */
export interface LabelPanel {
  readonly width: number;
  readonly height: number;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly fontSize: number;
  /** Gap between the point's centre and its label, px (default 7). */
  readonly gap?: number;
  /** Widest label before it is shortened with "…", px (default 120). */
  readonly maxWidth?: number;
  /** Every point's marker (data units), kept free of labels; radius `markerRadius` px (default 3.5). */
  readonly markers?: readonly { readonly x: number; readonly y: number }[];
  readonly markerRadius?: number;
  /** Try half a line above and below the point when both sides at its height are taken (default false: in a dense cloud a shifted label could be read as its neighbour's). */
  readonly shiftVertically?: boolean;
}

/** A placed label: its point's x, the height of its middle, its (possibly shortened) text and the side it sits on. */
export interface PlacedLabel {
  readonly x: number;
  /** The point's y, or half a line above or below it when both sides at the point's height were taken. */
  readonly y: number;
  readonly text: string;
  readonly side: 'right' | 'left';
}

interface Box {
  readonly l: number;
  readonly r: number;
  readonly t: number;
  readonly b: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
}

/**
 * The places a label may take, in order of preference: beside its point on the right, on the left,
 * then (with a marker radius `r`, i.e. when shifting is asked for) half a line above or below on the
 * right, then on the left (clear of the point's marker).
 */
function candidateBoxes(cx: number, cy: number, w: number, gap: number, half: number, r: number | null): { side: 'right' | 'left'; dy: number; box: Box }[] {
  const shifts = r === null ? [0] : [0, -(half + r / 2), half + r / 2];
  return shifts.flatMap((dy) =>
    (['right', 'left'] as const).map((side) => ({
      side,
      dy,
      box:
        side === 'right'
          ? { l: cx + gap, r: cx + gap + w, t: cy + dy - half, b: cy + dy + half }
          : { l: cx - gap - w, r: cx - gap, t: cy + dy - half, b: cy + dy + half },
    })),
  );
}

/**
 * Place labels in the order given (most important first), on the right of each point or else on
 * its left, at the point's height or else (`shiftVertically`) half a line above or below it; a label that fits nowhere
 * without leaving the panel or overlapping a placed label or a marker is dropped.
 * @example placeLabels([{ x: 1, y: 1, text: 'A' }], { width: 100, height: 100, xDomain: [0, 2], yDomain: [0, 2], fontSize: 9 })[0].side // 'right'
 */
export function placeLabels(candidates: readonly LabelCandidate[], panel: LabelPanel): PlacedLabel[] {
  const gap = panel.gap ?? 7;
  const [x0, x1] = panel.xDomain;
  const [y0, y1] = panel.yDomain;
  const px = (x: number) => ((x - x0) / (x1 - x0)) * panel.width;
  const py = (y: number) => panel.height - ((y - y0) / (y1 - y0)) * panel.height;
  const half = panel.fontSize * 0.6;
  const r = panel.markerRadius ?? 3.5;
  const taken: Box[] = (panel.markers ?? []).map((m) => ({ l: px(m.x) - r, r: px(m.x) + r, t: py(m.y) - r, b: py(m.y) + r }));
  const placed: PlacedLabel[] = [];
  for (const c of candidates) {
    const text = truncateText(c.text, panel.maxWidth ?? 120, panel.fontSize);
    const w = textWidth(text, panel.fontSize);
    const cx = px(c.x);
    const cy = py(c.y);
    if (!Number.isFinite(cx) || !Number.isFinite(cy)) continue;
    const sides = candidateBoxes(cx, cy, w, gap, half, panel.shiftVertically ? r : null);
    const free = sides.find((s) => s.box.t >= 0 && s.box.b <= panel.height && s.box.l >= 0 && s.box.r <= panel.width && !taken.some((o) => overlaps(o, s.box)));
    if (!free) continue;
    taken.push(free.box);
    placed.push({ x: c.x, y: free.dy === 0 ? c.y : y0 + ((panel.height - (cy + free.dy)) / panel.height) * (y1 - y0), text, side: free.side });
  }
  return placed;
}

/**
 * The text layers of placed labels (one per side), sharing the point layer's x and y encodings.
 * @example labelLayers([], { field: 'x', type: 'quantitative' }, { field: 'y', type: 'quantitative' }, 9) // []
 */
export function labelLayers(labels: readonly PlacedLabel[], x: Json, y: Json, fontSize: number, color = '#5f6368'): Json[] {
  return (['right', 'left'] as const).flatMap((side) => {
    const values = labels.filter((l) => l.side === side).map((l) => ({ x: l.x, y: l.y, label: l.text }));
    if (values.length === 0) return [];
    return [
      {
        data: { values },
        mark: { type: 'text', align: side === 'right' ? 'left' : 'right', baseline: 'middle', dx: side === 'right' ? 7 : -7, fontSize, color },
        encoding: { x, y, text: { field: 'label', type: 'nominal' } },
      },
    ];
  });
}
