// DOM helpers for the page. Every text from the user's data goes into the page as a text node
// (textContent), never as HTML: a study label such as `<img src=x onerror=alert(1)>` shows as
// text and runs nothing.

type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;
type Child = Node | string | null | undefined | false;

/**
 * A new element with attributes (`true` sets an empty attribute, false/undefined leaves it out)
 * and children (strings become text nodes).
 * @example el('td', { 'data-error': 'not_a_number' }, 'abc').outerHTML // '<td data-error="not_a_number">abc</td>'
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * The element with this id; throws when the page lacks it (a bug in index.html, not in the data).
 * @example byId('summary').id // 'summary'
 */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (node === null) throw new Error(`web page: no element #${id}`);
  return node as T;
}

/**
 * Replaces an element's children.
 * @example replaceChildren(byId('summary')).childElementCount // 0
 */
export function replaceChildren(node: Element, ...children: Child[]): Element {
  node.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined && c !== false));
  return node;
}

/**
 * Saves a Blob or a data/blob URL as a file through a temporary link (no network: the browser
 * writes it to disk).
 * @example download(new Blob(['{}']), 'result.json')
 */
export function download(data: Blob | string, fileName: string): void {
  const url = typeof data === 'string' ? data : URL.createObjectURL(data);
  const a = el('a', { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof data !== 'string') setTimeout(() => URL.revokeObjectURL(url), 1000);
}
