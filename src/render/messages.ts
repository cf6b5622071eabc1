// The user-facing messages of render, each a function of its parameters keyed by a stable code
// (docs/messages.md lists them all; test/unit/core/messages.test.ts keeps text out of the code).
import { defineMessages } from '../core/message.js';

/** The messages of render, keyed by their stable code. */
export const RENDER_MESSAGES = defineMessages({
  could_not_render_plot: (err: string) => `could not render the plot: ${err}`,
});
