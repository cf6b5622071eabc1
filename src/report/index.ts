// The report area's public names: the self-contained HTML page builder and its table (browser-safe
// string building; the CLI's `report` command and the web page's offline report both use them).
export { htmlPage, htmlTable } from './html.js';
export type { PageAssets, PageSection } from './html.js';
