// Loads the R-formula module (and with it mathjs) on demand: see formulaSupport.ts.

/**
 * Import the formula module if no entry has yet; it registers itself (formulaSupport.ts).
 * @example loadFormulaSupport().then(() => 'loaded') // 'loaded'
 */
export async function loadFormulaSupport(): Promise<void> {
  await import('./formula/formulaDesign.js');
}
