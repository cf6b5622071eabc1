// Vega tooltips without vega-tooltip: a small handler that shows the mark's tooltip fields in one
// positioned element, as text (never HTML), and hides it when the pointer leaves the mark.
import { byId, el } from './dom.js';

/** Vega's tooltip handler signature (the View calls it on hover with the item's tooltip value). */
export type TooltipHandler = (handler: unknown, event: MouseEvent, item: unknown, value: unknown) => void;

function rows(value: unknown): Node {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const table = el('table');
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      table.append(el('tr', {}, el('td', {}, key), el('td', {}, formatValue(v))));
    }
    return table;
  }
  return document.createTextNode(formatValue(value));
}

function formatValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The page's tooltip handler: text content only, placed beside the pointer and kept in the window.
 * @example new View(runtime, { tooltip: tooltipHandler() })
 */
export function tooltipHandler(): TooltipHandler {
  return (_handler, event, _item, value) => {
    const box = byId('tooltip');
    if (value === null || value === undefined || value === '') {
      box.hidden = true;
      return;
    }
    box.replaceChildren(rows(value));
    box.hidden = false;
    const pad = 12;
    const { innerWidth, innerHeight } = window;
    const rect = box.getBoundingClientRect();
    const x = Math.min(event.clientX + pad, innerWidth - rect.width - pad);
    const y = event.clientY + pad + rect.height > innerHeight ? event.clientY - rect.height - pad : event.clientY + pad;
    box.style.left = `${Math.max(0, x)}px`;
    box.style.top = `${Math.max(0, y)}px`;
  };
}
