// Hexagonal binning in pixel space: the plane is tiled by pointy-top hexagons of circumradius r,
// rows 1.5·r apart and columns √3·r apart, every other row shifted by half a column; a point
// belongs to the hexagon whose centre is nearest (Carr et al. 1987, JASA 82:424).

/** One occupied hexagon: its centre in pixels and how many points fall in it. */
export interface HexCell {
  readonly cx: number;
  readonly cy: number;
  readonly count: number;
}

/**
 * Bin pixel positions into hexagons of circumradius `radius` px: the nearest centre among the two
 * candidate rows (the point's row and the adjacent one) wins.
 * @example hexbin([0, 0.5, 30], [0, 0.5, 30], 5).map((c) => c.count) // [2, 1]
 */
export function hexbin(px: ArrayLike<number>, py: ArrayLike<number>, radius: number): HexCell[] {
  const dx = Math.sqrt(3) * radius;
  const dy = 1.5 * radius;
  const counts = new Map<number, number>();
  for (let i = 0; i < px.length; i++) {
    const x = px[i]!;
    const y = py[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const row = Math.round(y / dy);
    let bestRow = row;
    let bestCol = 0;
    let bestD = Infinity;
    for (let r = row - 1; r <= row + 1; r++) {
      const shift = (r & 1) / 2;
      const c = Math.round(x / dx - shift);
      const d = (x - (c + shift) * dx) ** 2 + (y - r * dy) ** 2;
      if (d < bestD) {
        bestD = d;
        bestRow = r;
        bestCol = c;
      }
    }
    // Rows and columns of a plot panel stay far below 2^20 in magnitude: one number keys a cell.
    const key = bestRow * 2097152 + bestCol;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const cells: HexCell[] = [];
  for (const [key, count] of counts) {
    const row = Math.round(key / 2097152);
    const col = key - row * 2097152;
    cells.push({ cx: (col + (row & 1) / 2) * dx, cy: row * dy, count });
  }
  return cells.sort((a, b) => a.cy - b.cy || a.cx - b.cx);
}
