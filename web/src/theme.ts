// Light and dark themes: the choice is kept in localStorage (per browser; never in the shared URL),
// and the first visit follows the system's preference.
import { byId } from './dom.js';

export type Theme = 'light' | 'dark';
const KEY = 'metasynth-theme';

function stored(): Theme | null {
  try {
    const t = localStorage.getItem(KEY);
    return t === 'light' || t === 'dark' ? t : null;
  } catch {
    return null;
  }
}

/**
 * Applies a theme to the page and labels the toggle with the other one.
 * @example applyTheme('dark') // <html data-theme="dark">
 */
export function applyTheme(theme: Theme): void {
  document.documentElement.dataset.theme = theme;
  const button = byId('theme-toggle');
  button.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
  button.setAttribute('aria-pressed', String(theme === 'dark'));
}

/**
 * Sets the theme from storage or the system preference, and wires the toggle button.
 * @example setUpTheme()
 */
export function setUpTheme(): void {
  const prefersDark = typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
  applyTheme(stored() ?? (prefersDark ? 'dark' : 'light'));
  byId('theme-toggle').addEventListener('click', () => {
    const next: Theme = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage refused (private mode, file URLs in some browsers): the theme still applies now.
    }
  });
}
