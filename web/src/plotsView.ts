// The plots as live Vega views, each in its own card with SVG and PNG downloads; a click on a study
// in the forest plot toggles the study's exclusion.
import type { View } from 'vega';
import { byId, download, el } from './dom.js';
import type { AnalysisPlot } from './analysis.js';
import { plotPng, plotSvg, renderSpec, type ClickedItem } from './vegaView.js';

/** Above this many studies the forest plot is drawn on request (a row per study makes it slow to draw). */
export const LARGE_FOREST = 300;

/** Above this many studies every other plot is drawn on request too (k = 10,000 points take seconds in SVG). */
export const LARGE_PLOT = 2000;

/** The running views by plot name (for downloads and the report). */
export const views = new Map<string, View>();

/** The study label of a clicked forest-plot mark, when the mark belongs to a study row. */
function clickedStudy(item: ClickedItem, studies: ReadonlySet<string>): string | null {
  const d = item.datum;
  if (!d) return null;
  for (const key of ['study', 'label', 'text']) {
    const v = d[key];
    if (typeof v === 'string' && studies.has(v)) return v;
  }
  return null;
}

function card(plot: AnalysisPlot): { card: HTMLElement; target: HTMLElement; buttons: HTMLButtonElement[] } {
  const target = el('div', { class: 'plot', 'data-testid': `plot-${plot.name}`, id: `plot-${plot.name}`, role: 'img', 'aria-label': plot.title });
  const svg = el('button', { type: 'button', 'data-testid': `download-svg-${plot.name}` }, 'SVG');
  const png = el('button', { type: 'button', 'data-testid': `download-png-${plot.name}` }, 'PNG');
  const heading = el('h3', {}, plot.title);
  const box = el('div', { class: `plot-card${plot.name === 'forest' ? ' forest-clickable' : ''}` }, heading, target, el('div', {}, 'Download: ', svg, png));
  return { card: box, target, buttons: [svg, png] };
}

/**
 * Replaces the plots with the outcome's; `onStudyClick` gets the label of a study clicked in the forest plot;
 * drawing stops when `isCurrent` says a newer run has taken over.
 * @example await renderPlots(outcome.plots, new Set(labels), (label) => toggle(label))
 */
export async function renderPlots(
  plots: readonly AnalysisPlot[],
  studies: ReadonlySet<string>,
  onStudyClick: (label: string) => void,
  isCurrent: () => boolean = () => true,
): Promise<void> {
  for (const v of views.values()) v.finalize();
  views.clear();
  const box = byId('plots');
  box.replaceChildren();
  for (const plot of plots) {
    // A newer run replaced the results while this one drew: leave the page to it.
    if (!isCurrent()) return;
    const { card: c, target, buttons } = card(plot);
    box.append(c);
    const onClick =
      plot.name === 'forest'
        ? (item: ClickedItem) => {
            const label = clickedStudy(item, studies);
            if (label !== null) onStudyClick(label);
          }
        : undefined;
    const draw = async () => {
      // The spec is built here, when the plot is drawn (see AnalysisPlot); data that do not allow it say why.
      let spec: AnalysisPlot['spec'];
      try {
        spec = plot.spec;
      } catch (err) {
        target.replaceChildren(el('p', { class: 'note' }, `No ${plot.title.toLowerCase()}: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      const view = await renderSpec(spec, target, onClick);
      if (!isCurrent()) return view.finalize();
      views.set(plot.name, view);
      for (const b of buttons) b.disabled = false;
    };
    buttons[0]!.addEventListener('click', async () =>
      download(new Blob([await plotSvg(views.get(plot.name)!)], { type: 'image/svg+xml' }), `${plot.name}.svg`),
    );
    buttons[1]!.addEventListener('click', async () => download(await plotPng(views.get(plot.name)!), `${plot.name}.png`));
    if (studies.size > (plot.name === 'forest' ? LARGE_FOREST : LARGE_PLOT)) {
      for (const b of buttons) b.disabled = true;
      const button = el(
        'button',
        { type: 'button', 'data-testid': `draw-${plot.name}` },
        `Draw the ${plot.title.toLowerCase()} (${studies.size} studies; slow)`,
      );
      button.addEventListener('click', () => void draw().then(() => button.remove()));
      target.append(button);
      continue;
    }
    await draw();
  }
}
