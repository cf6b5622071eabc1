// The page's state in its URL fragment (`#analysis=pool&measure=RR…`), so an analysis can be shared:
// the settings always, the bundled dataset's name when one is picked, and the user's own data only
// when they ask for it (the "include the data" box). The fragment never reaches a server.
import type { AnalysisSettings } from './analysis.js';

/** The settings' query form and its reading back (src/session's settingsToQuery / settingsFromQuery). */
export interface SettingsCodec {
  readonly toQuery: (s: AnalysisSettings) => string;
  readonly fromQuery: (q: string) => { readonly settings: Partial<AnalysisSettings>; readonly problems: readonly { readonly message: string }[] };
}

/** What the fragment holds. */
export interface UrlState {
  readonly settings: Partial<AnalysisSettings>;
  readonly dataset?: string;
  readonly data?: string;
  readonly problems: readonly string[];
}

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(code: string): string {
  const bin = atob(code.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/**
 * The fragment for settings, a dataset and (when asked) the pasted data.
 * @example stateToFragment(codec, { analysis: 'pool', method: 'DL' }, { dataset: 'classic/bcg' }) // '#analysis=pool&method=DL&dataset=classic%2Fbcg'
 */
export function stateToFragment(codec: SettingsCodec, settings: AnalysisSettings, extra: { dataset?: string; data?: string }): string {
  const q = new URLSearchParams(codec.toQuery(settings));
  if (extra.dataset) q.set('dataset', extra.dataset);
  if (extra.data !== undefined) q.set('data', toBase64Url(extra.data));
  return `#${q.toString()}`;
}

/**
 * The state a fragment holds (problems for values that cannot be read, never a throw).
 * @example fragmentToState(codec, '#analysis=pool&dataset=classic%2Fbcg').dataset // 'classic/bcg'
 */
export function fragmentToState(codec: SettingsCodec, fragment: string): UrlState {
  const q = new URLSearchParams(fragment.replace(/^#/, ''));
  const dataset = q.get('dataset') ?? undefined;
  const code = q.get('data');
  q.delete('dataset');
  q.delete('data');
  const problems: string[] = [];
  let data: string | undefined;
  if (code !== null) {
    try {
      data = fromBase64Url(code);
    } catch {
      problems.push('the data in the link cannot be read (the link is damaged)');
    }
  }
  const read = codec.fromQuery(q.toString());
  problems.push(...read.problems.map((p) => p.message));
  return { settings: read.settings, ...(dataset ? { dataset } : {}), ...(data !== undefined ? { data } : {}), problems };
}

/**
 * Writes the fragment without adding a history entry (works from file URLs too).
 * @example writeFragment('#analysis=pool')
 */
export function writeFragment(fragment: string): void {
  if (location.hash === fragment) return;
  try {
    history.replaceState(null, '', fragment);
  } catch {
    location.hash = fragment;
  }
}
