/**
 * The "typical" within-study variance metafor's rma.glmm uses for I² and H² (i2def = "1"; Higgins
 * & Thompson 2002): vt = (k − p)/tr(P), P = W − WX(X'WX)⁻¹X'W, W = diag(1/vᵢ), from the log odds
 * ratios' large-sample variances vᵢ = 1/a + 1/b + 1/c + 1/d with ½ added to every cell of a table
 * with a zero cell (escalc's add = 1/2, to = "only0", as rma.glmm's defaults). Intercept-only (p = 1):
 * tr(P) = Σw − Σw²/Σw. Then I² = 100 τ²/(vt + τ²) and H² = τ²/vt + 1.
 * @example typicalVariance([{ ai: 2, bi: 8, ci: 1, di: 9 }, { ai: 0, bi: 10, ci: 3, di: 7 }]) // 2.125198
 */
export function typicalVariance(tables: readonly { ai: number; bi: number; ci: number; di: number }[]): number {
  const w = tables.map(({ ai, bi, ci, di }) => {
    const add = ai === 0 || bi === 0 || ci === 0 || di === 0 ? 0.5 : 0;
    return 1 / (1 / (ai + add) + 1 / (bi + add) + 1 / (ci + add) + 1 / (di + add));
  });
  const sw = w.reduce((s, x) => s + x, 0);
  const sw2 = w.reduce((s, x) => s + x * x, 0);
  return (tables.length - 1) / (sw - sw2 / sw);
}
