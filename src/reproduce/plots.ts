// The figures of the CIK reproduction as Vega-Lite specs (browser-safe; rendering to SVG/PNG is
// done at the Node edge, src/render). The builders put "SYNTHETIC DATA" in the title of
// any plot whose input is marked synthetic, as the calibrated base is.
import type { TopLevelSpec } from 'vega-lite';
import { forestInput, forestPlotSpec, funnelInput, funnelPlotSpec } from '../plots/index.js';
import type { CikSyntheticAnalysis } from './cik.js';

const CAPTION =
  'Simulated trials (dataset cik/calibrated, seeded generator) calibrated to two public CIK pages: they show what the claimed evidence would look like, not evidence.';

/**
 * Forest plot of the SYNTHETIC calibrated base with by-cancer subgroups (each with its own τ²),
 * the overall random-effects diamond, the prediction interval and the test of subgroup differences.
 * @example cikForestSpec(analyseCikCalibrated()).title.text // 'SYNTHETIC DATA — CIK therapy...'
 */
export function cikForestSpec(a: CikSyntheticAnalysis): TopLevelSpec {
  const sg = a.subgroups;
  const input = forestInput(a.table, a.pooled, {
    by: 'cancer',
    subgroups: sg.subgroups.map((g) => ({ group: g.level, result: { ...g, method: sg.method, test: sg.test, level: sg.level } })),
    subgroupTest: { q: sg.between.q, df: sg.between.df, pValue: sg.between.pValue },
  });
  return forestPlotSpec(input, {
    title: `CIK therapy, overall survival: ${a.table.studies.length} simulated RCTs by cancer (${a.pooled.method})`,
    caption: CAPTION,
    favours: { left: 'Favours CIK', right: 'Favours control' },
  });
}

/**
 * Contour-enhanced funnel plot of the SYNTHETIC base with the trim-and-fill studies and Egger's line.
 * @example cikFunnelSpec(analyseCikCalibrated()).title.text // 'SYNTHETIC DATA — CIK therapy...'
 */
export function cikFunnelSpec(a: CikSyntheticAnalysis): TopLevelSpec {
  return funnelPlotSpec(funnelInput(a.table, a.pooled, { trimFill: a.trimFill, egger: a.egger }), {
    contours: true,
    level: a.pooled.level,
    title: `CIK therapy: funnel of ${a.table.studies.length} simulated RCTs, trim-and-fill and Egger's line`,
    caption: CAPTION,
  });
}
