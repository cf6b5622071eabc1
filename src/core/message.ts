/**
 * A user-facing message as data: the stable `code` it is known by (the same in every language and
 * in the JSON documents) and its English `text`. Every part keeps its messages in one module
 * (`src/<part>/messages.ts`, vega-lite's habit), built with `defineMessages`; docs/messages.md
 * lists every code with its template.
 */
export interface Message {
  /** Stable snake_case identifier, unique across metasynth. */
  readonly code: string;
  /** The English text, built from the message's parameters. */
  readonly text: string;
}

/** A message template: typed parameters in, English text out. */
type Template = (...args: never[]) => string;

/** The catalogue `defineMessages` returns: each template, now returning a `Message` with its code. */
export type MessageCatalogue<T extends Record<string, Template>> = {
  readonly [K in keyof T]: (...args: Parameters<T[K]>) => Message;
};

/**
 * Turn a table of templates, keyed by code, into message builders that return `{ code, text }`.
 * @example defineMessages({ too_few: (k) => `needs ${k} studies` }).too_few(3) // { code: 'too_few', text: 'needs 3 studies' }
 */
export function defineMessages<T extends Record<string, Template>>(templates: T): MessageCatalogue<T> {
  const out: Record<string, (...args: never[]) => Message> = {};
  for (const [code, template] of Object.entries(templates)) {
    out[code] = (...args: never[]) => ({ code, text: template(...args) });
  }
  return out as MessageCatalogue<T>;
}

/**
 * The text of a message given either as a `Message` or (from older callers) as plain text.
 * @example messageText({ code: 'x', text: 'is empty' }) // 'is empty'
 */
export function messageText(message: string | Message): string {
  return typeof message === 'string' ? message : message.text;
}
