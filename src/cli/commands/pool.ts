// Placeholder until issue #3 lands: the command exists in the registry but is not built yet.
import { MetasynthError } from '../../core/errors.js';
import type { Command } from '../command.js';

export const command: Command = {
  name: 'pool',
  summary: 'not available yet (issue #3)',
  usage: 'metasynth pool',
  options: [],
  async run() {
    throw new MetasynthError('usage', 'pool: not available yet (issue #3)');
  },
};
