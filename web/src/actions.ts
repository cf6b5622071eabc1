// The page's buttons that act on a finished analysis: downloads of the JSON document and the
// offline HTML report, and the share link (the URL with the settings, and the data when asked).
import { byId, download } from './dom.js';
import { reportHtml, type ReportContent } from './report.js';

/**
 * Wires the JSON and report downloads; `content` gives what to save (null when there is no result yet).
 * @example setUpDownloads(() => currentReportContent())
 */
export function setUpDownloads(content: () => ReportContent | null, status: (text: string) => void): void {
  byId('download-json').addEventListener('click', () => {
    const c = content();
    if (!c) return status('Nothing to download yet: run an analysis first.');
    download(new Blob([`${JSON.stringify(c.json, null, 2)}\n`], { type: 'application/json' }), 'metasynth-result.json');
  });
  byId('download-report').addEventListener('click', async () => {
    const c = content();
    if (!c) return status('Nothing to download yet: run an analysis first.');
    try {
      download(new Blob([await reportHtml(c)], { type: 'text/html' }), 'metasynth-report.html');
    } catch (err) {
      status(`The report could not be made: ${err instanceof Error ? err.message : String(err)}`);
    }
  });
}

/**
 * Wires the share button: copies the page's URL (the fragment holds the state) to the clipboard,
 * or shows it when the browser refuses the clipboard.
 * @example setUpShare(() => updateUrl(), (t) => status(t))
 */
export function setUpShare(refresh: () => void, status: (text: string) => void): void {
  byId('share-link').addEventListener('click', async () => {
    refresh();
    const url = location.href;
    try {
      await navigator.clipboard.writeText(url);
      status('Link copied: it holds the settings (and the data, if you ticked the box).');
    } catch {
      status(`Copy this link: ${url}`);
    }
  });
  byId('share-data').addEventListener('change', refresh);
}
