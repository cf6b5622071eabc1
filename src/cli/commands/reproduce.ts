// Placeholder until issue #7 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'reproduce',
  summary: 'not available yet (issue #7)',
  usage: 'metasynth reproduce',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'reproduce: not available yet (issue #7)');
  },
};
